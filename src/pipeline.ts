/** The real run: engine → QEMU → builder → login → build → prove → publish → verify → report. */
import * as core from '@actions/core';
import { join } from 'node:path';
import type { RunContext } from './context.js';
import { probeEngine } from './docker/engine.js';
import { logout } from './docker/login.js';
import { removeBuilder } from './docker/builder.js';
import type { DockerfileInfo } from './dockerfile/read.js';
import type { Runner } from './exec.js';
import type { Settings } from './inputs.js';
import { setBuildOutputs } from './outputs.js';
import { makePlan, planArgv, secretEnv } from './plan/plan.js';
import type { RetryPolicy } from './retry.js';
import { build, publish } from './steps/publish.js';
import { setupBuilder, setupLogins, setupQemu, STATE_BUILDER, STATE_LOGINS } from './steps/setup.js';
import { Phases } from './steps/timing.js';
import { renderSummary, type PlatformRow } from './summary.js';
import type { MetaResult } from './tags/types.js';

export interface PipelineInput {
  settings: Settings;
  ctx: RunContext;
  meta: MetaResult;
  dockerfile: DockerfileInfo;
  runner: Runner;
}

export function retryPolicy(s: Settings): RetryPolicy {
  return {
    attempts: s['retry-attempts'],
    waitMs: s['retry-wait'] * 1000,
    maxWaitMs: 60_000,
    onRetry: (attempt, err, waitMs) => {
      core.warning(
        `attempt ${attempt} failed (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); retrying in ${waitMs / 1000} s`,
      );
    },
  };
}

export async function runPipeline({
  settings: s,
  ctx,
  meta,
  dockerfile,
  runner,
}: PipelineInput): Promise<void> {
  const phases = new Phases();
  const policy = retryPolicy(s);
  const facts = await phases.run(
    'Docker and buildx',
    () => probeEngine(runner),
    (f) =>
      `docker ${f.serverVersion}, buildx ${f.buildxVersion}${f.containerdStore ? ', containerd image store' : ''}`,
  );
  const qemu = await phases.run(
    'QEMU',
    () => setupQemu(runner, s, facts, policy),
    (q) => (q.needed.length === 0 ? 'all platforms native' : `emulated: ${q.needed.join(', ')}`),
  );
  setBuildOutputs({
    'qemu-platforms': qemu.platforms.filter((p) => p.runs === 'qemu').map((p) => p.platform),
  });
  const builder = await phases.run(
    'Builder',
    () => setupBuilder(runner, s, facts),
    (b) => `${b.name} (${b.driver})`,
  );
  // the docker driver builds for the host and every registered QEMU handler
  const builderPlatforms =
    builder.platforms.length > 0
      ? builder.platforms
      : qemu.platforms.filter((p) => p.runs !== 'missing').map((p) => p.platform);
  setBuildOutputs({ builder: builder.name, 'builder-platforms': builderPlatforms });

  const plan = makePlan({
    settings: s,
    ctx,
    meta,
    declaredArgs: dockerfile.declaredArgs,
    driver: builder.driver === 'docker' ? 'docker' : 'other',
    builder: builder.name,
    metadataFile: join(process.env.RUNNER_TEMP ?? '/tmp', `crossbuild-metadata-${process.pid}.json`),
  });
  if (s.username !== '' || s.password !== '' || s.logins.trim() !== '') {
    await phases.run('Registry login', () => setupLogins(runner, s, ctx.pr?.fromFork ?? false, policy));
  }

  const built = await phases.run(
    'Build',
    () => build(runner, plan, secretEnv(s), policy),
    (b) => b.digest.slice(0, 19),
  );
  setBuildOutputs({ digest: built.digest, imageid: built.imageId, metadata: built.raw });

  let platforms: PlatformRow[] | undefined;
  let attestations = 0;
  if (plan.push) {
    const pub = await phases.run(
      'Publish and verify',
      () => publish(runner, plan, built.digest, policy),
      (p) => `${p.refs.length} tag(s)`,
    );
    if (pub.verified) {
      platforms = pub.verified.analysis.platforms.map((p) => ({
        platform: p.platform,
        digest: p.digest,
        ...(pub.sizes[p.digest] !== undefined ? { size: pub.sizes[p.digest] } : {}),
      }));
      attestations = pub.verified.analysis.attestations.length;
      setBuildOutputs({ platforms: platforms.map((p) => p.platform) });
    }
  }
  const summary = renderSummary({
    ctx,
    plan,
    argv: planArgv(plan),
    dryRun: false,
    digest: built.digest,
    ...(platforms ? { platforms } : {}),
    attestations,
    steps: phases.timings,
    warnings: meta.warnings,
  });
  await core.summary.addRaw(summary).write();
}

/** Post step: log out of what main logged in to and remove a builder it created. Warnings only. */
export async function cleanup(runner: Runner): Promise<void> {
  const registries = JSON.parse(core.getState(STATE_LOGINS) || '[]') as string[];
  for (const r of registries) {
    const warning = await logout(runner, r);
    if (warning) core.warning(warning);
    else core.info(`logged out of ${r || 'Docker Hub'}`);
  }
  const builder = core.getState(STATE_BUILDER);
  if (builder !== '') {
    const warning = await removeBuilder(runner, builder);
    if (warning) core.warning(warning);
    else core.info(`removed builder ${builder}`);
  }
}
