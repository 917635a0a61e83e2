/**
 * OCI 1.1 referrers: an artifact (a signed attestation) attached to a manifest by its `subject`, found again through
 * the registry's referrers API, or, where the registry has none (distribution 2.8, older hosted registries), through
 * the fallback tag `sha256-<hex>` holding an index of the referrers (image-spec 1.1 and distribution-spec 1.1,
 * "referrers tag schema"). Every manifest and blob read here is bounded and hashed before it is believed.
 */
import { StepError } from '../errors.js';
import { objectOf, objectsOf, parseJsonQuiet, stringOf, type Json } from '../json.js';
import type { RegistryClient } from './client.js';
import { matchesDigest, sha256 } from './digest.js';
import type { Descriptor } from './layout.js';
import { pushBytes, readManifest } from './push.js';
import { repositoryName, type Repository } from './reference.js';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
/** The empty config of an artifact: `{}` (image-spec 1.1) */
export const EMPTY_JSON = Buffer.from('{}');
export const EMPTY_TYPE = 'application/vnd.oci.empty.v1+json';
/** Most bytes an attached artifact's content may have to be read (a Sigstore bundle is a few KiB). */
const ARTIFACT_LIMIT = 4 * 1024 * 1024;

export interface ReferrerEntry extends Descriptor {
  artifactType: string;
  annotations: Record<string, string>;
}

/** `sha256:abc…` → `sha256-abc…`, the tag that stands in for the referrers API. */
export const fallbackTag = (digest: string): string => digest.replace(':', '-');

/** An artifact manifest: the empty config, one layer (the content), the subject it refers to. */
function artifactManifest(
  subject: Descriptor,
  artifactType: string,
  content: Descriptor,
  annotations: Record<string, string>,
): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType,
      config: { mediaType: EMPTY_TYPE, digest: sha256(EMPTY_JSON), size: EMPTY_JSON.length },
      layers: [{ mediaType: content.mediaType, digest: content.digest, size: content.size }],
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
      annotations,
    }),
  );
}

function entryOf(d: Json): ReferrerEntry {
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(objectOf(d.annotations))) annotations[k] = stringOf(v);
  return {
    mediaType: stringOf(d.mediaType),
    digest: stringOf(d.digest),
    size: Number(d.size ?? 0),
    artifactType: stringOf(d.artifactType),
    annotations,
  };
}

const manifestsOf = (raw: string): ReferrerEntry[] =>
  objectsOf(objectOf(parseJsonQuiet(raw)).manifests).map(entryOf);

function indexOf(entries: readonly ReferrerEntry[]): Buffer {
  return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: entries }));
}

export interface Attached {
  /** the artifact manifest's digest */
  digest: string;
  /** how it can be found: the registry's referrers API, or the fallback tag */
  via: 'referrers API' | `tag ${string}`;
}

/**
 * Attaches `content` to `subject` in `repo`: its blobs, the artifact manifest by digest; where the registry did not
 * take the subject itself (no `OCI-Subject` in its answer), the fallback tag's index gains the artifact.
 */
export async function attach(
  client: RegistryClient,
  repo: Repository,
  subject: Descriptor,
  artifactType: string,
  content: Buffer,
  annotations: Record<string, string>,
): Promise<Attached> {
  await pushBytes(client, repo, EMPTY_JSON, EMPTY_TYPE);
  const layer = await pushBytes(client, repo, content, artifactType);
  const manifest = artifactManifest(subject, artifactType, layer, annotations);
  const digest = sha256(manifest);
  const put = await client.request(repo, {
    method: 'PUT',
    path: `manifests/${digest}`,
    scope: 'pull,push',
    headers: { 'content-type': OCI_MANIFEST },
    body: () => ({ data: manifest, length: manifest.length }),
    ok: [201],
  });
  if (put.headers.get('oci-subject') === subject.digest) return { digest, via: 'referrers API' };
  const tag = fallbackTag(subject.digest);
  const held = await readManifest(client, repo, tag);
  const entries = held ? manifestsOf(held.raw).filter((e) => e.digest !== digest) : [];
  const entry: ReferrerEntry = {
    mediaType: OCI_MANIFEST,
    digest,
    size: manifest.length,
    artifactType,
    annotations,
  };
  const index = indexOf([...entries, entry]);
  await client.request(repo, {
    method: 'PUT',
    path: `manifests/${tag}`,
    scope: 'pull,push',
    headers: { 'content-type': OCI_INDEX },
    body: () => ({ data: index, length: index.length }),
    ok: [201],
  });
  return { digest, via: `tag ${tag}` };
}

/**
 * The artifacts attached to `digest` (of `artifactType` when given): the referrers API's answer where the registry
 * has one (an index), else the fallback tag's index; none when neither exists.
 */
export async function referrers(
  client: RegistryClient,
  repo: Repository,
  digest: string,
  artifactType?: string,
): Promise<ReferrerEntry[]> {
  const res = await client.request(repo, {
    method: 'GET',
    path: `referrers/${digest}${artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : ''}`,
    scope: 'pull',
    headers: { accept: OCI_INDEX },
    ok: [200, 404],
  });
  const served = (res.headers.get('content-type') ?? '').split(';')[0]?.trim();
  let entries: ReferrerEntry[];
  if (res.status === 200 && served === OCI_INDEX) entries = manifestsOf(res.body.toString('utf8'));
  else {
    const held = await readManifest(client, repo, fallbackTag(digest));
    entries = held ? manifestsOf(held.raw) : [];
  }
  return artifactType ? entries.filter((e) => e.artifactType === artifactType) : entries;
}

/** An attached artifact's content: its manifest by digest (hashed), then its one layer (bounded, hashed). */
export async function artifactContent(
  client: RegistryClient,
  repo: Repository,
  entry: Pick<ReferrerEntry, 'digest'>,
): Promise<{ content: Buffer; subject: string }> {
  const name = `${repositoryName(repo)}@${entry.digest}`;
  const m = await readManifest(client, repo, entry.digest);
  if (!m) throw new StepError('attest', `${name}: not in the registry`, 'registry');
  if (m.digest !== entry.digest)
    throw new StepError('attest', `${name}: served bytes hash to ${m.digest}`, 'registry');
  const doc = objectOf(parseJsonQuiet(m.raw));
  const layer = objectsOf(doc.layers)[0];
  const d = { digest: stringOf(layer?.digest), size: Number(layer?.size ?? 0) };
  if (!layer || d.size <= 0 || d.size > ARTIFACT_LIMIT)
    throw new StepError('attest', `${name}: no content layer within ${ARTIFACT_LIMIT} bytes`, 'registry');
  const res = await client.request(repo, {
    method: 'GET',
    path: `blobs/${d.digest}`,
    scope: 'pull',
    ok: [200],
    limit: d.size,
  });
  if (!matchesDigest(res.body, d.digest))
    throw new StepError('attest', `${name}: its content does not hash to ${d.digest}`, 'registry');
  return { content: res.body, subject: stringOf(objectOf(doc.subject).digest) };
}
