/**
 * skip-unchanged (issue 5): a nightly whose commit already has an image does not build again; it puts the new tags
 * on that image's index and reads them back, through the action's registry client like every other registry read and
 * write (each manifest and config hashed before it is believed, credentials only for their own registry).
 * Registry trouble while looking never fails the nightly: it builds instead, with a warning.
 */
import type { Log } from '../action-io.js';
import { firstLine, messageOf } from '../errors.js';
import type { RegistryClient } from '../registry/client.js';
import type { ImageTree } from '../registry/layout.js';
import { readManifest } from '../registry/push.js';
import { readPushedTree } from '../registry/pushed.js';
import { parseRepository, splitReference, type Repository } from '../registry/reference.js';
import { candidateRefs, choose, inspectedOf, type Lookup } from '../registry/revision.js';
import type { MetaResult } from '../tags/types.js';

/** One candidate tag: what it points at, read by digest with every platform's config. */
export async function lookup(
  client: RegistryClient,
  repo: Repository,
  ref: string,
): Promise<Lookup & { tree?: ImageTree }> {
  try {
    const m = await readManifest(client, repo, splitReference(ref).ref);
    if (!m) return { ref, kind: 'absent' };
    const tree = await readPushedTree(client, repo, m.digest);
    return { ref, kind: 'image', image: inspectedOf(tree), tree };
  } catch (err) {
    return { ref, kind: 'error', message: firstLine(messageOf(err)) };
  }
}

export interface Found {
  /** the candidate tag it was found under */
  ref: string;
  digest: string;
  /** its index, read from the first image's repository (its blobs stay there) */
  tree: ImageTree;
}

/**
 * The index already published for commit `sha` with exactly `platforms`, under one of the candidate tags of the
 * first image; undefined means build (nothing found, or the registry could not tell: warned).
 */
export async function findReusable(
  client: RegistryClient,
  meta: MetaResult,
  sha: string,
  platforms: readonly string[],
  log: Pick<Log, 'info' | 'warning'>,
): Promise<Found | undefined> {
  const image = meta.images[0];
  if (image === undefined) return undefined;
  const repo = parseRepository(image);
  // independent reads: together they take one round trip, not one per candidate
  const lookups = await Promise.all(candidateRefs(meta, sha).map((ref) => lookup(client, repo, ref)));
  const choice = choose(lookups, sha, platforms);
  for (const n of choice.notes) log.info(`skip-unchanged: ${n}`);
  const found = choice.found;
  const tree = lookups.find((l) => l.ref === found?.ref)?.tree;
  if (found && tree) {
    log.info(`skip-unchanged: ${found.ref} is ${sha.slice(0, 12)} (${found.digest})`);
    return { ...found, tree };
  }
  if (choice.errors.length > 0) {
    log.warning(
      `skip-unchanged: could not read the registry (${choice.errors.join('; ')}); building instead`,
    );
  }
  return undefined;
}
