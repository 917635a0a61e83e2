/**
 * skip-unchanged (issue 5): a nightly whose commit already has an image does not build again; it puts the
 * new tags on that image's index (registry-side, the digest unchanged) and verifies them.
 * Registry trouble while looking never fails the nightly: it builds instead, with a warning.
 */
import type { Log } from '../action-io.js';
import { CommandError, dockerWithRetry } from '../docker/command.js';
import { runTagSteps, tagSteps } from '../docker/publish.js';
import { firstLine, messageOf } from '../errors.js';
import type { Runner } from '../exec.js';
import {
  candidateRefs,
  choose,
  isNotFound,
  parseInspect,
  type Lookup,
  type Reusable,
} from '../registry/revision.js';
import { verifyPublished, type Verified } from '../registry/verify.js';
import type { RetryPolicy } from '../retry.js';
import { tagPlan } from '../plan/plan.js';
import type { MetaResult } from '../tags/types.js';

/** One candidate: its digest and every platform's config in a single imagetools call. */
export async function lookup(runner: Runner, ref: string, policy: RetryPolicy): Promise<Lookup> {
  try {
    const res = await dockerWithRetry(
      runner,
      'skip-unchanged',
      ['buildx', 'imagetools', 'inspect', ref, '--format', '{{json .}}'],
      policy,
    );
    return { ref, kind: 'image', image: parseInspect(res.stdout) };
  } catch (err) {
    if (err instanceof CommandError && isNotFound(err.output)) return { ref, kind: 'absent' };
    return { ref, kind: 'error', message: firstLine(messageOf(err)) };
  }
}

/**
 * The index already published for commit `sha` with exactly `platforms`, under one of the candidate tags
 * of the first image; undefined means build (nothing found, or the registry could not tell: warned).
 */
export async function findReusable(
  runner: Runner,
  meta: MetaResult,
  sha: string,
  platforms: readonly string[],
  policy: RetryPolicy,
  log: Pick<Log, 'info' | 'warning'>,
): Promise<Reusable | undefined> {
  // independent reads: together they take one round trip, not one per candidate
  const refs = candidateRefs(meta, sha);
  const lookups = await Promise.all(refs.map((ref) => lookup(runner, ref, policy)));
  const choice = choose(lookups, sha, platforms);
  for (const n of choice.notes) log.info(`skip-unchanged: ${n}`);
  if (choice.found) {
    log.info(`skip-unchanged: ${choice.found.ref} is ${sha.slice(0, 12)} (${choice.found.digest})`);
    return choice.found;
  }
  if (choice.errors.length > 0) {
    log.warning(
      `skip-unchanged: could not read the registry (${choice.errors.join('; ')}); building instead`,
    );
  }
  return undefined;
}

export interface Retagged {
  refs: string[];
  verified: Verified;
}

/**
 * Every image × every tag of `meta` onto `found.digest`, copied from the first image; fixed tags, verify,
 * then floating tags, verify (the same order as a build's publish, so a floating tag never moves first).
 */
export async function retag(
  runner: Runner,
  meta: MetaResult,
  found: Reusable,
  platforms: readonly string[],
  policy: RetryPolicy,
): Promise<Retagged> {
  const source = meta.images[0] ?? '';
  // imagetools copies an index across repositories unchanged
  const steps = tagSteps(tagPlan(meta), `${source}@${found.digest}`);
  let verified: Verified | undefined;
  for (const floating of [false, true]) {
    const group = steps.filter((s) => s.floating === floating);
    if (group.length === 0) continue;
    await runTagSteps(runner, group, policy);
    const refs = group.flatMap((s) => s.refs);
    verified = await verifyPublished(runner, refs, platforms, found.digest, policy);
  }
  if (!verified) {
    // retagSteps gives at least one step whenever meta has an image and a tag; shouldTryReuse checks both
    verified = await verifyPublished(runner, [found.ref], platforms, found.digest, policy);
  }
  return { refs: steps.flatMap((s) => s.refs), verified };
}
