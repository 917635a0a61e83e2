/**
 * Getting a built index into the registry under its tags. The docker driver cannot push by digest, so it
 * builds into the local containerd store and pushes one tag per image afterwards; other drivers push by
 * digest during the build. Either way the remaining tags are copied registry-side with
 * `buildx imagetools create` (a single index source keeps its digest), floating tags last.
 */
import type { Runner } from '../exec.js';
import type { RetryPolicy } from '../retry.js';
import { dockerWithRetry } from './command.js';

export interface PublishInput {
  /** 'docker' = built into the local store, not yet pushed; 'other' = already pushed by digest */
  driver: 'docker' | 'other';
  /** per image, tag names in push order (fixed first), and which of them float */
  tags: { image: string; order: string[]; floating: string[] }[];
  /** index digest from the build's metadata file */
  digest: string;
  /** copy every image's tags from this reference (e.g. another repository's index) instead of IMAGE@digest */
  source?: string;
}

export interface PublishStep {
  kind: 'push' | 'tag';
  /** floating steps run only after the pushed index is verified */
  floating: boolean;
  /** references this step makes point at the digest */
  refs: string[];
  /** docker args */
  args: string[];
}

/** The ordered docker commands for a publish. Pure: also what a dry run shows. */
export function publishSteps(input: PublishInput): PublishStep[] {
  const fixed: PublishStep[] = [];
  const floating: PublishStep[] = [];
  for (const { image, order, floating: moving } of input.tags) {
    if (order.length === 0) continue;
    let rest = order;
    if (input.driver === 'docker') {
      const first = order[0] as string;
      fixed.push({
        kind: 'push',
        floating: false,
        refs: [`${image}:${first}`],
        args: ['push', `${image}:${first}`],
      });
      rest = order.slice(1);
    }
    const source = input.source ?? `${image}@${input.digest}`;
    const stable = rest.filter((t) => !moving.includes(t));
    const late = rest.filter((t) => moving.includes(t));
    if (stable.length > 0) fixed.push(tagStep(image, stable, source, false));
    if (late.length > 0) floating.push(tagStep(image, late, source, true));
  }
  return [...fixed, ...floating];
}

function tagStep(image: string, tags: string[], source: string, floating: boolean): PublishStep {
  const refs = tags.map((t) => `${image}:${t}`);
  return {
    kind: 'tag',
    floating,
    refs,
    args: ['buildx', 'imagetools', 'create', ...refs.flatMap((r) => ['--tag', r]), source],
  };
}

export interface StepOutcome {
  step: PublishStep;
  ms: number;
}

/** Runs the given steps in order, each retried on transient registry errors; stops at the first failure. */
export async function runPublish(
  runner: Runner,
  steps: readonly PublishStep[],
  policy: RetryPolicy,
): Promise<StepOutcome[]> {
  const done: StepOutcome[] = [];
  for (const step of steps) {
    const started = Date.now();
    await dockerWithRetry(runner, step.kind === 'push' ? 'push' : 'tag', step.args, policy, {
      stream: step.kind === 'push',
    });
    done.push({ step, ms: Date.now() - started });
  }
  return done;
}
