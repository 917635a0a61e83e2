/** The build itself: `docker buildx build` with the plan's argv, secrets through the environment. */
import { readFile } from 'node:fs/promises';
import { isTransientBuild, runBuild, type BuildResult } from '../docker/build.js';
import type { Plan } from '../plan/plan.js';
import { planArgv } from '../plan/plan.js';
import { withRetry } from '../retry.js';
import type { StepDeps } from './deps.js';

/**
 * A build that failed on a passing registry fault (pulling a base image, a cache import) is run again: every
 * finished step is cached by then. A build error fails at once.
 */
export function build(
  d: StepDeps,
  plan: Plan,
  env: Record<string, string>,
  /** false when the caller has a better way on for a failed push (a layout pushed by the action's client) */
  retry = true,
): Promise<BuildResult> {
  const argv = planArgv(plan);
  const opts = {
    metadataFile: plan.spec.metadataFile,
    readFile: (p: string) => readFile(p, 'utf8'),
    env,
    stream: true,
  };
  const out = plan.spec.output;
  // dockerd keeps no copy: buildx's second push (before 0.22) finds no image and stops, as it should
  const unstored = out.kind === 'registry' && out.store === false;
  return withRetry(
    (attempt) => {
      if (attempt > 1) d.log.info(`build attempt ${attempt} (finished steps are cached)`);
      return runBuild(d.runner, argv, opts).then((r) => {
        if (!r.repush) return r;
        if (unstored) {
          d.log.info(
            `BuildKit pushed ${r.digest}; buildx's second push with docker had no copy to send (dockerd stores none: ${r.repush.replace(/^ERROR:\s*/, '')}); the index is read back by digest and verified before any tag`,
          );
          return { ...r, repush: undefined };
        }
        d.log.info(
          `buildx's second push (with docker) failed: ${r.repush}; BuildKit had pushed ${r.digest} whole, which is read back by digest and verified before any tag`,
        );
        return r;
      });
    },
    { ...d.policy, ...(retry ? {} : { attempts: 1 }), isTransient: isTransientBuild },
  );
}
