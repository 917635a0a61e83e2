/**
 * Reading an image index as the registry holds it: which platforms it has, which entries are attestations
 * (buildx adds them with platform unknown/unknown — never platforms), what is missing or doubled. Pure.
 */
import { normalizePlatform } from '../platform.js';

export interface PlatformEntry {
  platform: string;
  digest: string;
  /** size of the platform manifest itself (see manifestSize for the image's size) */
  size: number;
  mediaType: string;
}

export interface AttestationEntry {
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

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

export { normalizePlatform } from '../platform.js';

export function platformOf(p: Json): string {
  const os = str(p.os);
  const arch = str(p.architecture);
  const variant = str(p.variant);
  return normalizePlatform(variant ? `${os}/${arch}/${variant}` : `${os}/${arch}`);
}

export function analyzeIndex(rawJson: string, requested: readonly string[]): IndexAnalysis {
  const doc = obj(JSON.parse(rawJson));
  const mediaType = str(doc.mediaType);
  const manifests = Array.isArray(doc.manifests) ? doc.manifests.map(obj) : [];
  const isIndex = INDEX_TYPES.has(mediaType) || (mediaType === '' && Array.isArray(doc.manifests));
  const platforms: PlatformEntry[] = [];
  const attestations: AttestationEntry[] = [];
  for (const m of manifests) {
    const ann = obj(m.annotations);
    const entry = { digest: str(m.digest), size: typeof m.size === 'number' ? m.size : 0 };
    if (str(ann['vnd.docker.reference.type']) === 'attestation-manifest') {
      attestations.push({ ...entry, refersTo: str(ann['vnd.docker.reference.digest']) });
      continue;
    }
    platforms.push({ ...entry, platform: platformOf(obj(m.platform)), mediaType: str(m.mediaType) });
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
export function orphanAttestations(a: IndexAnalysis): AttestationEntry[] {
  const digests = new Set(a.platforms.map((p) => p.digest));
  return a.attestations.filter((x) => !digests.has(x.refersTo));
}

/** Compressed size of an image: config + layers, from its manifest JSON. */
export function manifestSize(rawJson: string): number {
  const doc = obj(JSON.parse(rawJson));
  const size = (d: unknown): number => {
    const s = obj(d).size;
    return typeof s === 'number' ? s : 0;
  };
  const layers = Array.isArray(doc.layers) ? doc.layers : [];
  return size(doc.config) + layers.reduce((sum: number, l) => sum + size(l), 0);
}

/** References whose digest differs from the expected one, as `ref: got X, expected Y` lines. */
export function checkTags(digestsByRef: Readonly<Record<string, string>>, expected: string): string[] {
  return Object.entries(digestsByRef)
    .filter(([, d]) => d !== expected)
    .map(([ref, d]) => `${ref}: points at ${d || 'nothing'}, expected ${expected}`);
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
