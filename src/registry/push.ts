/**
 * Publishing an image tree without a tag: blobs, then platform manifests, then the index, all by digest; then
 * reading it back by digest; tags are separate PUTs of the verified index bytes (one request each, atomic), made
 * only after every check passed, each confirmed by the digest the registry answers (else read back). Each request is
 * retried on its own (RegistryClient); the whole push is retried while it makes progress (pushEverywhere, with
 * retry.ts withProgress).
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { StepError } from '../errors.js';
import { withProgress, type ProgressPolicy } from '../retry.js';
import { blobChunks } from './blob.js';
import type { RegistryClient } from './client.js';
import { sha256 } from './digest.js';
import {
  analyzeIndex,
  indexProblems,
  INDEX_TYPES,
  MANIFEST_TYPES,
  type IndexAnalysis,
} from './index-json.js';
import type { Descriptor, ImageTree, ManifestNode } from './layout.js';
import { repositoryName, type Repository } from './reference.js';

/** What a push got into the registry so far (`repo digest`): more than last time means it is getting through. */
export interface PushProgress {
  blobs: Set<string>;
  manifests: Set<string>;
}

/** Accept every kind of manifest: a registry answers what it holds, byte for byte. */
export const MANIFEST_ACCEPT = [...INDEX_TYPES, ...MANIFEST_TYPES].join(', ');

/** Runs `work` over `items`, at most `limit` at a time; the first failure rejects (the others finish). */
async function eachLimited<T>(items: readonly T[], limit: number, work: (x: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  const settled = await Promise.allSettled(lanes);
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) throw failed.reason;
}

async function pushBlob(client: RegistryClient, repo: Repository, tree: ImageTree, b: Descriptor) {
  // a tree BuildKit pushed: its blobs are mounted from the repository it is in (one request), else copied from it
  const from = tree.source && tree.source.host === repo.host ? tree.source : undefined;
  await uploadBlob(client, repo, b, () => blobBody(client, tree, b), from);
}

/** A blob the registry does not hold yet: mounted from `from` when given, else uploaded in one PUT. */
async function uploadBlob(
  client: RegistryClient,
  repo: Repository,
  b: Descriptor,
  body: () => unknown,
  from?: Repository,
) {
  const head = await client.request(repo, {
    method: 'HEAD',
    path: `blobs/${b.digest}`,
    scope: 'pull,push',
    ok: [200, 404],
  });
  if (head.status === 200) return;
  const start = await client.request(repo, {
    method: 'POST',
    path: from ? `blobs/uploads/?mount=${b.digest}&from=${from.path}` : 'blobs/uploads/',
    scope: 'pull,push',
    ok: from ? [201, 202] : [202],
  });
  if (start.status === 201) return;
  const location = start.headers.get('location') ?? '';
  if (location === '')
    throw new StepError('push', `${repositoryName(repo)}: the registry gave no upload location`, 'registry');
  const url = new URL(location, client.url(repo, '/'));
  url.searchParams.set('digest', b.digest);
  await client.request(repo, {
    method: 'PUT',
    path: url.toString(),
    scope: 'pull,push',
    headers: { 'content-type': 'application/octet-stream' },
    body: () => ({ data: body(), length: b.size }),
    ok: [201],
  });
}

/** Bytes held in memory (an attestation, an empty config) as a blob of the repository; its descriptor. */
export async function pushBytes(
  client: RegistryClient,
  repo: Repository,
  bytes: Buffer,
  mediaType: string,
): Promise<Descriptor> {
  const d = { digest: sha256(bytes), mediaType, size: bytes.length };
  await uploadBlob(client, repo, d, () => bytes);
  return d;
}

/** A blob's bytes for an upload: the layout's file, or a stream from the repository the tree was read from. */
function blobBody(client: RegistryClient, tree: ImageTree, b: Descriptor) {
  if (!tree.source) return createReadStream(tree.path(b.digest));
  return Readable.from(blobChunks(client, tree.source, b));
}

export function putManifest(client: RegistryClient, repo: Repository, m: ManifestNode, ref: string) {
  return client.request(repo, {
    method: 'PUT',
    path: `manifests/${ref}`,
    scope: 'pull,push',
    headers: { 'content-type': m.mediaType },
    body: () => ({ data: m.bytes, length: m.bytes.length }),
    ok: [201],
  });
}

/** Blobs (4 at a time), then the root's children, then the root: all by digest, no tag. */
async function pushTree(
  client: RegistryClient,
  repo: Repository,
  tree: ImageTree,
  progress: PushProgress,
): Promise<void> {
  await eachLimited(tree.blobs, 4, async (b) => {
    await pushBlob(client, repo, tree, b);
    progress.blobs.add(`${repo.path} ${b.digest}`);
  });
  await eachLimited(tree.children, 4, async (m) => {
    await putManifest(client, repo, m, m.digest);
    progress.manifests.add(`${repo.path} ${m.digest}`);
  });
  await putManifest(client, repo, tree.root, tree.root.digest);
  progress.manifests.add(`${repo.path} ${tree.root.digest}`);
}

/**
 * Every repository gets the whole tree. A push that gave up on one request is repeated while each attempt gets
 * further than the last (within the policy's budget); finished parts are skipped cheaply (HEAD) the next time.
 */
export async function pushEverywhere(
  client: RegistryClient,
  repos: readonly Repository[],
  tree: ImageTree,
  policy: ProgressPolicy,
): Promise<PushProgress> {
  const progress: PushProgress = { blobs: new Set(), manifests: new Set() };
  await withProgress(
    async () => {
      for (const repo of repos) await pushTree(client, repo, tree, progress);
    },
    () => progress.blobs.size + progress.manifests.size,
    policy,
  );
  return progress;
}

export interface ReadManifest {
  digest: string;
  raw: string;
}

export async function readManifest(
  client: RegistryClient,
  repo: Repository,
  ref: string,
): Promise<ReadManifest | undefined> {
  const res = await client.request(repo, {
    method: 'GET',
    path: `manifests/${ref}`,
    scope: 'pull',
    headers: { accept: MANIFEST_ACCEPT },
    ok: [200, 404],
  });
  if (res.status === 404) return undefined;
  return { digest: sha256(res.body), raw: res.body.toString('utf8') };
}

/**
 * The index as the registry serves it by digest, and each platform manifest present: problems, one line each.
 * A single-manifest root is judged by the platform of its (local) config.
 */
export async function verifyByDigest(
  client: RegistryClient,
  repo: Repository,
  tree: ImageTree,
  platforms: readonly string[],
): Promise<{ analysis: IndexAnalysis; problems: string[] }> {
  const name = `${repositoryName(repo)}@${tree.root.digest}`;
  // a tree read back from this repository had its root and every child read by digest (and hashed) with it
  const readBack = tree.source !== undefined && sameRepository(tree.source, repo);
  const got = readBack
    ? { digest: tree.root.digest, raw: tree.root.bytes.toString('utf8') }
    : await readManifest(client, repo, tree.root.digest);
  if (!got) return { analysis: analyzeIndex('{}', platforms), problems: [`${name}: not in the registry`] };
  const problems: string[] = [];
  if (got.digest !== tree.root.digest) problems.push(`${name}: served bytes hash to ${got.digest}`);
  const analysis = tree.root.isIndex
    ? analyzeIndex(got.raw, platforms)
    : singleAnalysis(tree.root, platforms);
  problems.push(...indexProblems(name, analysis));
  if (readBack) return { analysis, problems };
  const heads = await Promise.all(
    tree.children.map((c) =>
      client.request(repo, {
        method: 'HEAD',
        path: `manifests/${c.digest}`,
        scope: 'pull',
        headers: { accept: MANIFEST_ACCEPT },
        ok: [200, 404],
      }),
    ),
  );
  heads.forEach((h, i) => {
    if (h.status === 404) problems.push(`${name}: manifest ${tree.children[i]?.digest ?? ''} is missing`);
  });
  return { analysis, problems };
}

const sameRepository = (a: Repository, b: Repository) => a.host === b.host && a.path === b.path;

/** One manifest is a correct result only for a one-platform build. */
function singleAnalysis(m: ManifestNode, requested: readonly string[]): IndexAnalysis {
  return {
    isIndex: requested.length <= 1,
    mediaType: m.mediaType,
    platforms: [{ platform: m.platform, digest: m.digest, size: m.size, mediaType: m.mediaType }],
    attestations: [],
    missing: requested.filter((p) => p !== m.platform),
    duplicates: [],
    unexpected: requested.includes(m.platform) ? [] : [m.platform],
  };
}

/**
 * Points each tag at the root (a PUT of its exact bytes: the digest cannot change). Returns the tags the registry did
 * not confirm: its answer names the digest it now holds under the tag (Docker-Content-Digest, as distribution and the
 * hosted registries send); a tag answered without it, or with another digest, is to be read back (checkTags).
 */
export async function putTags(
  client: RegistryClient,
  repo: Repository,
  tree: ImageTree,
  tags: readonly string[],
): Promise<string[]> {
  const unconfirmed = new Set<string>();
  await eachLimited(tags, 4, async (t) => {
    const res = await putManifest(client, repo, tree.root, t);
    if (res.headers.get('docker-content-digest') !== tree.root.digest) unconfirmed.add(t);
  });
  return tags.filter((t) => unconfirmed.has(t));
}

/** `ref: points at X, expected Y` for each tag that does not hold the root (read back: one GET each). */
export async function checkTags(
  client: RegistryClient,
  repo: Repository,
  tree: ImageTree,
  tags: readonly string[],
) {
  const got = await Promise.all(tags.map((t) => readManifest(client, repo, t)));
  return got.flatMap((m, i) =>
    m?.digest === tree.root.digest
      ? []
      : [
          `${repositoryName(repo)}:${tags[i] ?? ''}: points at ${m?.digest ?? 'nothing'}, expected ${tree.root.digest}`,
        ],
  );
}
