/**
 * Build, then publish so that nothing half-pushed is ever visible under a floating tag:
 * build → (prove each platform's binary) → push fixed tags → verify the registry → move floating tags → verify them.
 */
import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { isTransientBuild, runBuild, type BuildResult } from '../docker/build.js';
import { publishSteps, runPublish, type PublishStep } from '../docker/publish.js';
import { StepError } from '../errors.js';
import type { Runner } from '../exec.js';
import type { Plan } from '../plan/plan.js';
import { perArchRefs, planArgv } from '../plan/plan.js';
import { analyzeIndex, type PlatformEntry } from '../registry/index-json.js';
import {
  inspectRaw,
  platformSizes,
  repositoryOf,
  verifyPublished,
  type Verified,
} from '../registry/verify.js';
import { withRetry, type RetryPolicy } from '../retry.js';

export async function build(
  runner: Runner,
  plan: Plan,
  env: Record<string, string>,
  policy: RetryPolicy,
): Promise<BuildResult> {
  const argv = planArgv(plan);
  const opts = {
    metadataFile: plan.spec.metadataFile,
    readFile: (p: string) => readFile(p, 'utf8'),
    env,
    stream: true,
  };
  // A push-by-digest build pushes from inside buildx, so a transient registry error means re-running it
  // (every layer is cached by then). A local-store build pushes nothing and is not retried.
  if (plan.spec.output.kind !== 'push-by-digest') return runBuild(runner, argv, opts);
  return withRetry(
    (attempt) => {
      if (attempt > 1) core.info(`build attempt ${attempt} (cached; re-pushing)`);
      return runBuild(runner, argv, opts);
    },
    { ...policy, isTransient: isTransientBuild },
  );
}

export function publishPlan(plan: Plan, digest: string): PublishStep[] {
  return publishSteps({
    driver: plan.spec.output.kind === 'local-store' ? 'docker' : 'other',
    tags: plan.tagPlan,
    digest,
  });
}

export interface Published {
  verified?: Verified;
  sizes: Record<string, number>;
  refs: string[];
}

/**
 * Fixed tags first, then verify; a registry that lost part of a push (seen: a tag left on a single-platform
 * manifest after a 500) gets one more publish round before the step fails. Floating tags only after that.
 */
export async function publish(
  runner: Runner,
  plan: Plan,
  digest: string,
  policy: RetryPolicy,
): Promise<Published> {
  const steps = publishPlan(plan, digest);
  const fixed = steps.filter((s) => !s.floating);
  const floating = steps.filter((s) => s.floating);
  const fixedRefs = fixed.flatMap((s) => s.refs);
  let verified: Verified | undefined;
  for (let round = 1; ; round++) {
    await runPublish(runner, fixed, policy);
    if (!plan.verify) break;
    try {
      // every tag floats (e.g. only {{major}}.{{minor}}): read the pushed index by digest before any tag moves
      const refs = fixedRefs.length > 0 ? fixedRefs : plan.meta.images.map((i) => `${i}@${digest}`);
      verified = await verifyPublished(runner, refs, plan.platforms, digest, policy);
      break;
    } catch (err) {
      if (!(err instanceof StepError) || round >= 2) throw err;
      core.warning(`verification after push failed; publishing the fixed tags once more:\n${err.message}`);
    }
  }
  // per-arch tags are fixed tags too: before anything floats (from the index as read back, or read now)
  if (plan.perArchTags) {
    const image = plan.meta.images[0] ?? '';
    const entries =
      verified?.analysis.platforms ??
      analyzeIndex((await inspectRaw(runner, `${image}@${digest}`, policy)).raw, plan.platforms).platforms;
    await publishPerArch(runner, plan, entries, policy);
  }
  // sizes are only for the summary: read them while the floating tags move
  const first = fixedRefs[0] ?? plan.meta.images[0];
  const sizes =
    verified && first
      ? platformSizes(
          runner,
          repositoryOf(first),
          verified.analysis.platforms.map((p) => p.digest),
          policy,
          // summary-only: a failure never fails the run, and never becomes an unhandled rejection
        ).catch(() => ({}))
      : Promise.resolve({});
  if (floating.length > 0) {
    await runPublish(runner, floating, policy);
    if (plan.verify) {
      await verifyPublished(
        runner,
        floating.flatMap((s) => s.refs),
        plan.platforms,
        digest,
        policy,
      );
    }
  }
  return { ...(verified ? { verified } : {}), sizes: await sizes, refs: steps.flatMap((s) => s.refs) };
}

/**
 * Legacy per-arch tags (IMAGE-ARCH:TAG, as Cluster Autoscaler publishes beside its index): each holds that
 * platform's manifest from the pushed index, copied registry-side, then read back.
 */
async function publishPerArch(
  runner: Runner,
  plan: Plan,
  platforms: readonly PlatformEntry[],
  policy: RetryPolicy,
): Promise<void> {
  for (const image of plan.meta.images) {
    for (const p of platforms) {
      const refs = perArchRefs(plan, image, p.platform);
      if (refs.length === 0) continue;
      const step: PublishStep = {
        kind: 'tag',
        floating: false,
        refs,
        args: [
          'buildx',
          'imagetools',
          'create',
          ...refs.flatMap((r) => ['--tag', r]),
          `${image}@${p.digest}`,
        ],
      };
      await runPublish(runner, [step], policy);
      // imagetools wraps a single manifest in a one-platform index: check that index holds exactly this manifest
      const read = await Promise.all(refs.map((r) => inspectRaw(runner, r, policy)));
      const problems = read.flatMap((m, i) => {
        const a = analyzeIndex(m.raw, [p.platform]);
        const ok =
          a.platforms.length === 1 && a.platforms[0]?.digest === p.digest && m.digest === read[0]?.digest;
        return ok ? [] : [`${refs[i] ?? ''}: does not hold ${p.platform} ${p.digest} alone`];
      });
      if (problems.length > 0) throw new StepError('per-arch-tags', problems.join('; '));
    }
  }
}
