/**
 * mode: merge. Each platform's staging reference is read and checked: built from this commit (the staging record
 * and the image's revision label), holding the platform it names (the entry and the image's config). Only when
 * every platform passes is the index made of their entries; then it is published like a single-job build (by
 * digest, read back, tags after). The staging references go last, where the registry allows it.
 */
import { objectOf, parseJsonQuiet, stringOf, type Json } from '../json.js';
import type { RegistryClient } from '../registry/client.js';
import { BODY_LIMITS } from '../registry/body.js';
import { isDigest, matchesDigest, sha256 } from '../registry/digest.js';
import { foreignText, StepError } from '../errors.js';
import { isAttestationEntry, platformOf } from '../registry/index-json.js';
import { indexNode, type ImageTree, type ManifestNode } from '../registry/layout.js';
import { readManifest } from '../registry/push.js';
import { deleteTag } from '../registry/pushed.js';
import { parseRepository, type Repository } from '../registry/reference.js';
import { revisionOf } from '../registry/revision.js';
import type { PlatformRow } from '../result.js';
import {
  indexAnnotations,
  readStage,
  stagedElsewhere,
  type StageRecord,
  type StageRef,
  type StageSpec,
} from '../stage/stage.js';

export interface StagedPlatform {
  platform: string;
  tag: string;
  /** the staging index's own digest: where a registry deletes by digest only */
  stageDigest: string;
  record: StageRecord;
  descriptors: Json[];
  nodes: ManifestNode[];
}

async function listTags(client: RegistryClient, repo: Repository): Promise<string[]> {
  const res = await client.request(repo, {
    method: 'GET',
    path: 'tags/list?n=1000',
    scope: 'pull',
    ok: [200, 404],
  });
  if (res.status === 404) return [];
  const tags = objectOf(parseJsonQuiet(res.body)).tags;
  return Array.isArray(tags) ? tags.map(String) : [];
}

/** A blob read for a decision: at most its descriptor's size, and believed only when it hashes to its digest. */
async function getBlob(
  client: RegistryClient,
  repo: Repository,
  d: { digest: string; size: number },
): Promise<Buffer | string> {
  if (!isDigest(d.digest)) return `is not a digest (${d.digest.slice(0, 80)})`;
  if (!(d.size > 0 && d.size <= BODY_LIMITS.config))
    return `declares ${d.size} bytes; a config is at most 4 MiB`;
  const res = await client.request(repo, {
    method: 'GET',
    path: `blobs/${d.digest}`,
    scope: 'pull',
    ok: [200, 404],
    limit: d.size,
  });
  if (res.status === 404) return 'is not in the registry';
  if (!matchesDigest(res.body, d.digest))
    return `was served as other bytes (they hash to ${sha256(res.body)})`;
  return res.body;
}

/** An index entry for a manifest that was read: its digest, type and real size; the entry's platform and annotations. */
function entryOf(d: Json, raw: string): Json {
  const mediaType = stringOf(objectOf(parseJsonQuiet(raw)).mediaType) || stringOf(d.mediaType);
  return {
    mediaType,
    digest: stringOf(d.digest),
    size: Buffer.byteLength(raw),
    ...(d.platform !== undefined ? { platform: d.platform } : {}),
    ...(d.annotations !== undefined ? { annotations: d.annotations } : {}),
  };
}

/** One platform: its staging reference, its entries' manifests and its image's config; a string is a problem. */
async function readPlatform(
  client: RegistryClient,
  repo: Repository,
  spec: StageSpec,
  s: StageRef,
  tags: () => Promise<string[]>,
): Promise<StagedPlatform | string> {
  const ref = `${spec.image}:${s.tag}`;
  const want = spec.sha.slice(0, 12);
  const got = await readManifest(client, repo, s.tag);
  if (!got) {
    const other = stagedElsewhere(await tags(), spec.run, s.platform);
    if (other.length > 0)
      return `${s.platform}: staged from commit ${other.map(([, c]) => c).join(', ')} (${spec.image}:${other[0]?.[0] ?? ''}), not ${want}; the build and merge jobs must run for the same commit`;
    return `${s.platform}: no build job of run ${spec.run} staged it (${ref} is missing); add a mode: build job for it and list it in the merge job's needs:`;
  }
  const { record, descriptors } = readStage(got.raw);
  if (record.sha !== spec.sha)
    return `${s.platform}: ${ref} was built from commit ${record.sha.slice(0, 12) || '(none)'}, not ${want}`;
  const images = descriptors.filter((d) => !isAttestationEntry(d));
  const held = images.map((d) => foreignText(platformOf(objectOf(d.platform)), 80));
  if (record.platform !== s.platform || held.length !== 1 || held[0] !== s.platform)
    return `${s.platform}: ${ref} holds ${held.join(', ') || 'no image'}, not ${s.platform}`;
  const nodes: ManifestNode[] = [];
  const entries: Json[] = [];
  for (const d of descriptors) {
    const digest = stringOf(d.digest);
    if (!isDigest(digest))
      return `${s.platform}: ${ref} names ${foreignText(digest, 80)}, which is not a digest`;
    const m = await readManifest(client, repo, digest);
    if (!m || m.digest !== digest)
      return `${s.platform}: manifest ${digest} of ${ref} is not in ${spec.image}`;
    const attestation = isAttestationEntry(d);
    // the merged index describes what was read and hashed, not what the staging index claims (its size, urls, data)
    entries.push(entryOf(d, m.raw));
    nodes.push({
      digest,
      mediaType: stringOf(d.mediaType),
      size: Buffer.byteLength(m.raw),
      bytes: Buffer.from(m.raw),
      isIndex: false,
      platform: attestation ? '' : s.platform,
      attestation,
    });
    if (attestation) continue;
    const desc = objectOf(objectOf(parseJsonQuiet(Buffer.from(m.raw))).config);
    const config = await getBlob(client, repo, { digest: stringOf(desc.digest), size: Number(desc.size) });
    if (typeof config === 'string') return `${s.platform}: the config of ${digest} ${config}`;
    const doc = objectOf(parseJsonQuiet(config));
    if (platformOf(doc) !== s.platform)
      return `${s.platform}: ${ref} is an image for ${foreignText(platformOf(doc), 80)} (its config says so), not ${s.platform}`;
    const revision = revisionOf(doc);
    if (revision !== '' && revision !== spec.sha)
      return `${s.platform}: the image in ${ref} is labelled revision ${foreignText(revision, 12)}, not ${want}`;
  }
  return { platform: s.platform, tag: s.tag, stageDigest: got.digest, record, descriptors: entries, nodes };
}

/** Every platform's staged build, checked; one line per platform that is missing or wrong, and nothing merged. */
export async function collectStaged(client: RegistryClient, spec: StageSpec): Promise<StagedPlatform[]> {
  const repo = parseRepository(spec.image);
  let listed: Promise<string[]> | undefined;
  const tags = () => (listed ??= listTags(client, repo));
  const got = await Promise.all(spec.refs.map((s) => readPlatform(client, repo, spec, s, tags)));
  const problems = got.filter((x): x is string => typeof x === 'string');
  if (problems.length > 0) {
    const names = spec.refs.filter((_, i) => typeof got[i] === 'string').map((s) => s.platform);
    throw new StepError(
      'merge',
      `cannot merge ${names.join(', ')}; no tag moved\n${problems.map((p) => `  ${p}`).join('\n')}`,
      'registry',
    );
  }
  return got as StagedPlatform[];
}

/** The index of every platform's entries, in the order asked, with the index-level annotations. */
export function mergedTree(staged: readonly StagedPlatform[], annotations: readonly string[]): ImageTree {
  const root = indexNode(
    staged.flatMap((s) => s.descriptors),
    indexAnnotations(annotations),
  );
  return { root, children: staged.flatMap((s) => s.nodes), blobs: [], path: () => '' };
}

/** The summary's rows get who built each platform and how long it took. */
export function withBuilders(rows: readonly PlatformRow[], staged: readonly StagedPlatform[]): PlatformRow[] {
  return rows.map((r) => {
    const s = staged.find((x) => x.platform === r.platform);
    return s ? { ...r, job: s.record.job, ms: s.record.ms } : r;
  });
}

const deleteStaged = (client: RegistryClient, repo: Repository, s: StagedPlatform) =>
  deleteTag(client, repo, s.tag, s.stageDigest);

/**
 * Removes each staging reference: the tag (OCI distribution 1.1), else its index by digest (distribution 2.x
 * deletes a manifest and its tags). Returns the references still there (the registry refused or cannot).
 */
export async function removeStaged(
  client: RegistryClient,
  image: string,
  staged: readonly StagedPlatform[],
): Promise<string[]> {
  const repo = parseRepository(image);
  const left: string[] = [];
  for (const s of staged) {
    // the tags have moved already: a registry that fails here leaves the reference, it does not fail the merge
    const gone = await deleteStaged(client, repo, s).catch(() => false);
    if (!gone) left.push(`${image}:${s.tag}`);
  }
  return left;
}
