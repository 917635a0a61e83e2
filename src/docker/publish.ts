/**
 * Copying an index that is already in a registry to more tags, registry-side, with `buildx imagetools create`
 * (a single index source keeps its digest; other repositories get the blobs copied): how a nightly that reuses an
 * image puts its new tags on it. Fixed tags first, floating tags last.
 */
import type { Runner } from '../exec.js';
import type { RetryPolicy } from '../retry.js';
import { dockerWithRetry } from './command.js';

export interface TagStep {
  /** floating steps run only after the fixed ones are verified */
  floating: boolean;
  /** references this step makes point at the source */
  refs: string[];
  /** docker args */
  args: string[];
}

/** The ordered imagetools commands that put every image's tags on `source` (IMAGE@DIGEST). Pure. */
export function tagSteps(
  tags: readonly { image: string; order: string[]; floating: string[] }[],
  source: string,
): TagStep[] {
  const fixed: TagStep[] = [];
  const floating: TagStep[] = [];
  for (const { image, order, floating: moving } of tags) {
    const stable = order.filter((t) => !moving.includes(t));
    const late = order.filter((t) => moving.includes(t));
    if (stable.length > 0) fixed.push(tagStep(image, stable, source, false));
    if (late.length > 0) floating.push(tagStep(image, late, source, true));
  }
  return [...fixed, ...floating];
}

function tagStep(image: string, tags: string[], source: string, floating: boolean): TagStep {
  const refs = tags.map((t) => `${image}:${t}`);
  return {
    floating,
    refs,
    args: ['buildx', 'imagetools', 'create', ...refs.flatMap((r) => ['--tag', r]), source],
  };
}

/** Runs the given steps in order, each retried on transient registry errors; stops at the first failure. */
export async function runTagSteps(
  runner: Runner,
  steps: readonly TagStep[],
  policy: RetryPolicy,
): Promise<void> {
  for (const step of steps) await dockerWithRetry(runner, 'tag', step.args, policy);
}
