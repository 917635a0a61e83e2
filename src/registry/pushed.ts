/**
 * What BuildKit pushed (src/plan/plan.ts `registry` output): the tree read back by digest, and the staging tag it was
 * pushed under removed without touching the release.
 */
import { StepError } from '../errors.js';
import { BODY_LIMITS } from './body.js';
import type { RegistryClient } from './client.js';
import { indexNode, readTree, type ImageTree } from './layout.js';
import { MANIFEST_ACCEPT, putManifest, readManifest } from './push.js';
import { repositoryName, type Repository } from './reference.js';

/**
 * The tree BuildKit pushed, read back from `repo` by digest: every manifest and config hashed before it is believed
 * (src/registry/layout.ts readTree). Its blobs stay in the registry (`source`).
 */
export async function readPushedTree(
  client: RegistryClient,
  repo: Repository,
  digest: string,
): Promise<ImageTree> {
  const read = async (d: string, kind: 'manifest' | 'config') => {
    const res = await client.request(repo, {
      method: 'GET',
      path: kind === 'manifest' ? `manifests/${d}` : `blobs/${d}`,
      scope: 'pull',
      ...(kind === 'manifest' ? { headers: { accept: MANIFEST_ACCEPT } } : { limit: BODY_LIMITS.config }),
      ok: [200],
    });
    return res.body;
  };
  const where = `${repositoryName(repo)}@${digest}`;
  const tree = await readTree(read, digest, where);
  return {
    ...tree,
    path: () => {
      throw new StepError('push', `${where}: its blobs are in the registry, not on disk`, 'internal');
    },
    source: repo,
  };
}

/**
 * Removes the tag: DELETE of `digest`, a manifest only this tag holds (distribution deletes a manifest and every tag
 * on it, and 2.x refuses a tag's DELETE: one request there), else of the tag (OCI distribution 1.1). True when the tag
 * is gone: the registry accepted a DELETE, or refused both and no longer holds the tag (read).
 */
export async function deleteTag(client: RegistryClient, repo: Repository, tag: string, digest: string) {
  const answered = [200, 202, 400, 401, 403, 404, 405];
  for (const ref of [digest, tag]) {
    const res = await client.request(repo, {
      method: 'DELETE',
      path: `manifests/${ref}`,
      scope: 'pull,push',
      ok: answered,
    });
    if (res.status === 200 || res.status === 202) return true;
  }
  return (await readManifest(client, repo, tag)) === undefined;
}

/**
 * A staging tag that points at the released index cannot be deleted by digest (that would delete the release): it is
 * first pointed at an empty index of its own, which is then deleted. True when the tag is gone. `pushed`: BuildKit's
 * push finished, so the tag is there (else it is looked for first: an empty index is never written where no tag was).
 */
export async function removeStagingTag(
  client: RegistryClient,
  repo: Repository,
  tag: string,
  pushed = false,
): Promise<boolean> {
  // a push that stopped before its last request left no tag
  if (!pushed && (await readManifest(client, repo, tag)) === undefined) return true;
  const tombstone = indexNode([], { 'dev.crossbuild.removed': `${repo.path}:${tag}` });
  await putManifest(client, repo, tombstone, tag);
  return deleteTag(client, repo, tag, tombstone.digest);
}
