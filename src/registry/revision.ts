/**
 * skip-unchanged (issue 5): is there already an image of this exact commit under one of the tags a
 * nightly would look at? Pure: which refs to look at, reading `imagetools inspect --format '{{json .}}'`,
 * and the decision. The lookups and the retag live in src/steps/reuse.ts.
 */
import type { MetaResult } from '../tags/types.js';
import { analyzeIndex, INDEX_TYPES, normalizePlatform, platformOf } from './index-json.js';
import { objectOf, parseJsonQuiet, stringOf, type Json } from '../json.js';

export const REVISION_LABEL = 'org.opencontainers.image.revision';

/**
 * Tags of the first image that may hold this commit's image, most specific first: the default
 * `type=sha` tags (short and long), then every tag the rules produce (nightly, edge, nightly-YYYYMMDD…).
 */
export function candidateRefs(meta: MetaResult, sha: string): string[] {
  const image = meta.images[0];
  if (!image || sha === '') return [];
  const names = [`sha-${sha.slice(0, 7)}`, `sha-${sha}`, ...meta.tagNames];
  return [...new Set(names)].map((t) => `${image}:${t}`);
}

export interface PlatformRevision {
  platform: string;
  /** '' when the config has no revision label */
  revision: string;
}

export interface InspectedImage {
  /** digest of what the tag points at (index or manifest) */
  digest: string;
  mediaType: string;
  isIndex: boolean;
  /** platform of each image entry of the index, in order (attestations left out; a platform may repeat) */
  listed: string[];
  /** one per distinct platform (buildx keys them by platform, so a repeated platform shows once) */
  configs: PlatformRevision[];
}

/** The commit an image config's labels name (`org.opencontainers.image.revision`), '' when none. */
export function revisionOf(config: Json): string {
  return stringOf(objectOf(objectOf(config.config).Labels)[REVISION_LABEL]);
}

/**
 * `.Image` of `imagetools inspect --format '{{json .}}'`: for an index buildx prints a map
 * platform → image config (attestations already left out); for a single manifest, the config itself.
 */
export function revisionsOf(image: unknown): PlatformRevision[] {
  const doc = objectOf(image);
  if (typeof doc.architecture === 'string' || typeof doc.os === 'string') {
    return [{ platform: platformOf(doc), revision: revisionOf(doc) }];
  }
  return Object.entries(doc).map(([key, v]) => {
    const config = objectOf(v);
    return {
      platform: config.os ? platformOf(config) : normalizePlatform(key),
      revision: revisionOf(config),
    };
  });
}

/** Parses `docker buildx imagetools inspect REF --format '{{json .}}'` (keys name, manifest, image). */
export function parseInspect(stdout: string): InspectedImage {
  const parsed = parseJsonQuiet(stdout);
  // the parser's own message would quote what the registry made imagetools print
  if (parsed === undefined) throw new Error('imagetools inspect printed something other than JSON');
  const doc = objectOf(parsed);
  const manifest = objectOf(doc.manifest);
  const mediaType = stringOf(manifest.mediaType);
  const isIndex = INDEX_TYPES.has(mediaType) || Array.isArray(manifest.manifests);
  const configs = revisionsOf(doc.image);
  return {
    digest: stringOf(manifest.digest),
    mediaType,
    isIndex,
    listed: isIndex
      ? analyzeIndex(JSON.stringify(manifest), []).platforms.map((p) => p.platform)
      : configs.map((c) => c.platform),
    configs,
  };
}

export type ReuseDecision = { reuse: true } | { reuse: false; reason: string };

/**
 * An image is reused only if retagging it yields exactly what a build would publish: an index (imagetools
 * would wrap a single manifest in a new one, changing the digest) of the requested platforms, every one of
 * them labelled with this commit.
 */
export function judge(img: InspectedImage, sha: string, platforms: readonly string[]): ReuseDecision {
  if (!/^sha256:[0-9a-f]{64}$/.test(img.digest)) return { reuse: false, reason: 'no digest in the answer' };
  if (!img.isIndex)
    return { reuse: false, reason: `a single manifest (${img.mediaType || 'no media type'}), not an index` };
  if (img.listed.length === 0) return { reuse: false, reason: 'no platform image in the index' };
  const twice = img.listed.filter((p, i) => img.listed.indexOf(p) !== i);
  if (twice.length > 0)
    return { reuse: false, reason: `platform listed twice: ${[...new Set(twice)].join(', ')}` };
  const want = platforms.map(normalizePlatform).sort();
  const have = [...img.listed].sort();
  if (want.join(',') !== have.join(',')) {
    return { reuse: false, reason: `platforms ${have.join(', ')}; requested ${want.join(', ')}` };
  }
  const wrong = img.listed.flatMap((p) => {
    const rev = img.configs.find((c) => c.platform === p)?.revision ?? '';
    return rev.toLowerCase() === sha.toLowerCase() ? [] : [`${p} ${rev ? rev.slice(0, 12) : 'unlabelled'}`];
  });
  if (wrong.length > 0) {
    return { reuse: false, reason: `revision of ${wrong.join(', ')} is not ${sha.slice(0, 12)}` };
  }
  return { reuse: true };
}

/** What looking up one candidate ref gave. */
export type Lookup =
  | { ref: string; kind: 'image'; image: InspectedImage }
  | { ref: string; kind: 'absent' }
  | { ref: string; kind: 'error'; message: string };

export interface Reusable {
  /** the candidate tag it was found under */
  ref: string;
  digest: string;
}

export interface ReuseChoice {
  found?: Reusable;
  /** one line per candidate: why it was not taken (for a debug group / the summary) */
  notes: string[];
  /** registry errors other than "not found": with nothing found, the run builds and warns with these */
  errors: string[];
}

/** The first candidate (in candidateRefs order) that is this commit's image; a match anywhere wins over errors. */
export function choose(lookups: readonly Lookup[], sha: string, platforms: readonly string[]): ReuseChoice {
  const notes: string[] = [];
  const errors: string[] = [];
  let found: Reusable | undefined;
  for (const l of lookups) {
    if (l.kind === 'absent') notes.push(`${l.ref}: not found`);
    else if (l.kind === 'error') errors.push(`${l.ref}: ${l.message}`);
    else {
      const d = judge(l.image, sha, platforms);
      if (d.reuse) found ??= { ref: l.ref, digest: l.image.digest };
      else notes.push(`${l.ref}: ${d.reason}`);
    }
  }
  return { ...(found ? { found } : {}), notes, errors };
}

/**
 * A failed inspect that means "no such tag" (buildx prints `ERROR: REF: not found` for a missing tag and a
 * missing repository alike): a normal answer, neither retried nor warned about.
 */
export function isNotFound(output: string): boolean {
  return /: not found\s*$|manifest unknown|name unknown/im.test(output);
}

/** The summary line of a reuse, e.g. `unchanged, retagged: img:sha-abc1234 (sha256:0123456789ab) → 3 tags`. */
export function describeReuse(found: Reusable, refs: readonly string[]): string {
  return `unchanged, retagged: ${found.ref} (${found.digest.slice(0, 19)}) → ${refs.length} tag${refs.length === 1 ? '' : 's'}`;
}
