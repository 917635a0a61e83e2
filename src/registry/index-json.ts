/**
 * Reading an image index as the registry holds it: which platforms it has, which entries are attestations
 * (buildx adds them with platform unknown/unknown — never platforms), what is missing or doubled. Pure.
 */
import { StepError } from '../errors.js';
import { normalizePlatform } from '../platform.js';
import { objectOf, parseJsonQuiet, stringOf, type Json } from '../json.js';

interface PlatformEntry {
  platform: string;
  digest: string;
  /** size of the platform manifest itself (see manifestSize for the image's size) */
  size: number;
  mediaType: string;
}

interface AttestationEntry {
  digest: string;
  /** digest of the platform manifest it describes */
  refersTo: string;
  size: number;
}

export interface IndexAnalysis {
  /** false when the reference is a single manifest, not an index */
  isIndex: boolean;
  mediaType: string;
  platforms: PlatformEntry[];
  attestations: AttestationEntry[];
  /** requested but absent */
  missing: string[];
  /** present more than once */
  duplicates: string[];
  /** present but not requested */
  unexpected: string[];
}

/** Media types of a single image manifest (OCI, docker). */
export const MANIFEST_TYPES: readonly string[] = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

/** Media types of an image index (OCI) and a manifest list (docker). */
export const INDEX_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

export { normalizePlatform } from '../platform.js';

export function platformOf(p: Json): string {
  const os = stringOf(p.os);
  const arch = stringOf(p.architecture);
  const variant = stringOf(p.variant);
  return normalizePlatform(variant ? `${os}/${arch}/${variant}` : `${os}/${arch}`);
}

/** An index entry that is buildx's attestation manifest (provenance/SBOM), not a platform. */
export function isAttestationEntry(d: Json): boolean {
  return stringOf(objectOf(d.annotations)['vnd.docker.reference.type']) === 'attestation-manifest';
}

export function analyzeIndex(rawJson: string, requested: readonly string[]): IndexAnalysis {
  const doc = objectOf(parseJsonQuiet(rawJson));
  const mediaType = stringOf(doc.mediaType);
  const manifests = Array.isArray(doc.manifests) ? doc.manifests.map(objectOf) : [];
  const isIndex = INDEX_TYPES.has(mediaType) || (mediaType === '' && Array.isArray(doc.manifests));
  const platforms: PlatformEntry[] = [];
  const attestations: AttestationEntry[] = [];
  for (const m of manifests) {
    const ann = objectOf(m.annotations);
    const entry = { digest: stringOf(m.digest), size: typeof m.size === 'number' ? m.size : 0 };
    if (isAttestationEntry(m)) {
      attestations.push({ ...entry, refersTo: stringOf(ann['vnd.docker.reference.digest']) });
      continue;
    }
    platforms.push({
      ...entry,
      platform: platformOf(objectOf(m.platform)),
      mediaType: stringOf(m.mediaType),
    });
  }
  const want = requested.map(normalizePlatform);
  const seen = platforms.map((p) => p.platform);
  return {
    isIndex,
    mediaType,
    platforms,
    attestations,
    missing: want.filter((p) => !seen.includes(p)),
    duplicates: [...new Set(seen.filter((p, i) => seen.indexOf(p) !== i))],
    unexpected: [...new Set(seen.filter((p) => !want.includes(p)))],
  };
}

/** Attestations whose subject is not a platform of this index (a sign of a hand-edited or merged index). */
function orphanAttestations(a: IndexAnalysis): AttestationEntry[] {
  const digests = new Set(a.platforms.map((p) => p.digest));
  return a.attestations.filter((x) => !digests.has(x.refersTo));
}

/** Compressed size of an image: config + layers, from its manifest JSON. */
export function manifestSize(rawJson: string): number {
  const doc = objectOf(parseJsonQuiet(rawJson));
  const size = (d: unknown): number => {
    const s = objectOf(d).size;
    return typeof s === 'number' ? s : 0;
  };
  const layers = Array.isArray(doc.layers) ? doc.layers : [];
  return size(doc.config) + layers.reduce((sum: number, l) => sum + size(l), 0);
}

/** Every problem of an analysis, one line each (empty when the index is as requested). */
export function indexProblems(ref: string, a: IndexAnalysis): string[] {
  const out: string[] = [];
  if (!a.isIndex) out.push(`${ref}: is a single manifest (${a.mediaType || 'no media type'}), not an index`);
  if (a.missing.length > 0) out.push(`${ref}: missing platform ${a.missing.join(', ')}`);
  if (a.duplicates.length > 0) out.push(`${ref}: platform listed twice: ${a.duplicates.join(', ')}`);
  if (a.unexpected.length > 0) out.push(`${ref}: platform not requested: ${a.unexpected.join(', ')}`);
  for (const o of orphanAttestations(a))
    out.push(`${ref}: attestation ${o.digest} refers to ${o.refersTo}, not in the index`);
  return out;
}

/** The read-back's verdict, every problem on its own line (the first line is the annotation; the rest a group). */
export function notHeld(step: string, problems: readonly string[]): StepError {
  return new StepError(
    step,
    `the registry does not hold what was built (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
      problems.map((p) => `  ${p}`).join('\n'),
    'proof',
  );
}
