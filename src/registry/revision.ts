/**
 * skip-unchanged (issue 5): is there already an image of this exact commit under one of the tags a
 * nightly would look at? Pure: which refs to look at, what an index read back says, and the decision.
 * The lookups live in src/steps/reuse.ts; the retag is a publish of the index found (src/steps/publish.ts).
 */
import type { MetaResult } from '../tags/types.js';
import { normalizePlatform } from './index-json.js';
import { configOf, platformImages, type ImageTree } from './layout.js';
import { objectOf, stringOf, type Json } from '../json.js';

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

interface PlatformRevision {
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
  /** the revision label of each image entry, in the same order */
  configs: PlatformRevision[];
}

/** The commit an image config's labels name (`org.opencontainers.image.revision`), '' when none. */
export function revisionOf(config: Json): string {
  return stringOf(objectOf(objectOf(config.config).Labels)[REVISION_LABEL]);
}

/** What a tag's index, read back with its configs (src/registry/pushed.ts readPushedTree), says. */
export function inspectedOf(tree: ImageTree): InspectedImage {
  const images = platformImages(tree);
  return {
    digest: tree.root.digest,
    mediaType: tree.root.mediaType,
    isIndex: tree.root.isIndex,
    listed: images.map((m) => m.platform),
    configs: images.map((m) => ({
      platform: m.platform,
      revision: revisionOf(configOf(m)),
    })),
  };
}

export type ReuseDecision = { reuse: true } | { reuse: false; reason: string };

/**
 * An image is reused only if retagging it yields exactly what a build would publish: an index of the requested
 * platforms, every one of them labelled with this commit.
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

/** The summary line of a reuse, e.g. `unchanged, retagged: img:sha-abc1234 (sha256:0123456789ab) → 3 tags`. */
export function describeReuse(found: Reusable, refs: readonly string[]): string {
  return `unchanged, retagged: ${found.ref} (${found.digest.slice(0, 19)}) → ${refs.length} tag${refs.length === 1 ? '' : 's'}`;
}
