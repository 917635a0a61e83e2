/** dry-run: the whole plan and every docker command it would run, as outputs, log and summary; no docker. */
import * as core from '@actions/core';
import type { RunContext } from '../context.js';
import { loginArgs, resolveLogins } from '../docker/login.js';
import type { DockerfileInfo } from '../dockerfile/read.js';
import { shellQuote } from '../exec.js';
import type { Settings } from '../inputs.js';
import { metadataFile } from '../pipeline.js';
import { makePlan, planArgv } from '../plan/plan.js';
import { renderSummary } from '../summary.js';
import type { MetaResult } from '../tags/types.js';
import { planCache, withCacheLines } from './cache.js';
import { publishPlan } from './publish.js';
import { writeSummary } from './timing.js';

export async function dryRun(
  settings: Settings,
  ctx: RunContext,
  meta: MetaResult,
  dockerfile: DockerfileInfo,
  warnings: string[],
): Promise<void> {
  // without docker the engine is unknown: `auto` is shown as the docker driver (containerd image store)
  const driver = settings.driver === 'auto' || settings.driver === 'docker' ? 'docker' : 'other';
  const cache = await planCache(settings, ctx, meta, dockerfile);
  const plan = makePlan({
    settings: withCacheLines(settings, cache),
    ctx,
    meta,
    declaredArgs: dockerfile.declaredArgs,
    driver,
    // what the real run passes: the named builder, the engine's own (docker driver), or one it creates
    builder: settings.builder || (driver === 'docker' ? 'default' : 'crossbuild-<id>'),
    metadataFile: metadataFile(),
  });
  const argv = planArgv(plan);
  const around = {
    before: resolveLogins(settings, ctx.pr?.fromFork ?? false).logins.map(loginArgs),
    after: plan.push ? publishPlan(plan, 'sha256:<index digest>').map((s) => s.args) : [],
  };
  await core.group('Plan (dry run: no docker, no registry)', () => {
    core.info(`version: ${meta.version}`);
    core.info(`tags:\n  ${meta.tags.join('\n  ')}`);
    for (const c of [...around.before, argv, ...around.after]) core.info(shellQuote(['docker', ...c]));
    return Promise.resolve();
  });
  await writeSummary(
    renderSummary({ ctx, plan, argv, dryRun: true, around, steps: [], warnings, cache: cache.why }),
  );
}
