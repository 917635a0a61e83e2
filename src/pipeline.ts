/** The real run: engine → QEMU → builder → login → build → prove → publish → verify → report. */
import * as core from '@actions/core';
import { join } from 'node:path';
import type { RunContext } from './context.js';
import { probeEngine } from './docker/engine.js';
import type { DockerfileInfo } from './dockerfile/read.js';
import type { Runner } from './exec.js';
import type { Settings } from './inputs.js';
import { setBuildOutputs } from './outputs.js';
import { makePlan, planArgv, secretEnv, type Plan } from './plan/plan.js';
import { ArchProofError, verifyArch, type ArchProofRow } from './registry/arch-proof.js';
import type { RetryPolicy } from './retry.js';
import { describeReuse, shouldTryReuse } from './registry/revision.js';
import { build, publish } from './steps/publish.js';
import { findReusable, retag } from './steps/reuse.js';
import { setupBuilder, setupLogins, setupQemu } from './steps/setup.js';
import {
  fitCacheToDriver,
  needsDirectories,
  planCache,
  restoreCache,
  saveCache,
  withCacheLines,
} from './steps/cache.js';
import { Phases, writeSummary } from './steps/timing.js';
import { renderSummary, type PlatformRow, type Report } from './summary.js';
import type { MetaResult } from './tags/types.js';

export interface PipelineInput {
  settings: Settings;
  ctx: RunContext;
  meta: MetaResult;
  dockerfile: DockerfileInfo;
  runner: Runner;
  /** tag-engine and emulation-advisor warnings, for the summary */
  warnings: string[];
}

export function retryPolicy(s: Settings): RetryPolicy {
  return {
    attempts: s['retry-attempts'],
    waitMs: s['retry-wait'] * 1000,
    maxWaitMs: 60_000,
    onRetry: (attempt, err, waitMs) => {
      const why = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
      core.warning(`attempt ${attempt} failed (${why}); retrying in ${waitMs / 1000} s`);
    },
  };
}

/**
 * The reference the arch proof reads: the image in the local store (docker driver, or a loaded image), or the
 * index pushed by digest. Undefined when the result is nowhere docker can create a container from.
 */
export function builtRef(plan: Plan, digest: string): string | undefined {
  const out = plan.spec.output;
  if (out.kind === 'push-by-digest') {
    const image = plan.meta.images[0];
    return image ? `${image}@${digest}` : undefined;
  }
  if (out.kind === 'custom') return undefined;
  if (out.kind === 'build-only' && plan.driver !== 'docker' && !out.load) return undefined;
  return plan.spec.tags[0];
}

function mergeRows(platforms: PlatformRow[] | undefined, proof: ArchProofRow[]): PlatformRow[] {
  const rows = platforms ?? proof.map((p) => ({ platform: p.platform, digest: '' }));
  return rows.map((r) => {
    const p = proof.find((x) => x.platform === r.platform);
    return p ? { ...r, found: p.found ? `${p.path}: ${p.found}` : p.note, ok: p.status === 'ok' } : r;
  });
}

/** Where buildx writes its metadata file (the dry run shows the same path). */
export function metadataFile(): string {
  return join(process.env.RUNNER_TEMP ?? '/tmp', 'crossbuild-metadata.json');
}

function reportFor(
  input: PipelineInput,
  phases: Phases,
  driver: 'docker' | 'other',
  builder: string,
  settings: Settings = input.settings,
): Report {
  const { ctx, meta, dockerfile, warnings } = input;
  const plan = makePlan({
    settings,
    ctx,
    meta,
    declaredArgs: dockerfile.declaredArgs,
    driver,
    builder,
    metadataFile: metadataFile(),
  });
  return { ctx, plan, argv: planArgv(plan), dryRun: false, steps: phases.timings, warnings };
}

export async function runPipeline(input: PipelineInput): Promise<void> {
  const { settings: s, ctx, meta, runner } = input;
  const phases = new Phases();
  const policy = retryPolicy(s);
  let report: Report | undefined;
  try {
    // planned before any effect: input errors (no images to push to, no tag) come first, and a failure
    // anywhere below still has a summary; replaced once the builder's driver is known
    report = reportFor(
      input,
      phases,
      s.driver === 'auto' || s.driver === 'docker' ? 'docker' : 'other',
      s.builder,
    );
    const facts = await phases.run(
      'Docker and buildx',
      () => probeEngine(runner),
      (f) =>
        `docker ${f.serverVersion}, buildx ${f.buildxVersion}${f.containerdStore ? ', containerd image store' : ''}`,
    );
    // logins first: a nightly that reuses an image reads (and tags) the registry before anything is built
    if (s.username !== '' || s.password !== '' || s.logins.trim() !== '') {
      await phases.run('Registry login', () => setupLogins(runner, s, ctx.pr?.fromFork ?? false, policy));
    }
    if (shouldTryReuse(s, ctx, meta)) {
      const found = await phases.run(
        'Reuse check',
        () => findReusable(runner, meta, ctx.sha, s.platforms, policy),
        (f) => (f ? `${f.ref} is this commit` : 'no image for this commit: building'),
      );
      if (found) {
        report = reportFor(input, phases, 'docker', '');
        const r = await phases.run(
          'Retag',
          () => retag(runner, meta, found, s.platforms, policy),
          (x) => describeReuse(found, x.refs),
        );
        report.retagged = true;
        report.digest = found.digest;
        report.platforms = r.verified.analysis.platforms.map((p) => ({
          platform: p.platform,
          digest: p.digest,
        }));
        report.attestations = r.verified.analysis.attestations.length;
        setBuildOutputs({
          digest: found.digest,
          retagged: true,
          platforms: r.verified.analysis.platforms.map((p) => p.platform),
        });
        return;
      }
    }
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

    const cache = fitCacheToDriver(
      await planCache(s, ctx, meta, input.dockerfile),
      builder.driver === 'docker' && !facts.containerdStore,
    );
    const driver = builder.driver === 'docker' ? 'docker' : 'other';
    report = reportFor(input, phases, driver, builder.name, withCacheLines(s, cache));
    report.cache = cache.why;
    const plan = report.plan;
    setBuildOutputs({ retagged: false });
    const restored = needsDirectories(cache)
      ? await phases.run('Cache restore', () => restoreCache(runner, s, builder.name, cache))
      : undefined;

    const built = await phases.run(
      'Build',
      () => build(runner, plan, secretEnv(s), policy),
      (b) =>
        `${b.digest.slice(0, 19)}${b.cache ? ` · ${b.cache.cached}/${b.cache.steps} steps from cache` : ''}`,
    );
    report.digest = built.digest;
    setBuildOutputs({ digest: built.digest, imageid: built.imageId, metadata: built.raw });

    // Before any tag moves: every platform's entrypoint must be a binary for that platform.
    const ref = builtRef(plan, built.digest);
    let proof: ArchProofRow[] = [];
    if (plan.verifyArch && !ref) {
      core.warning(
        'verify-arch: the image was neither pushed nor loaded, so there is nothing to inspect; set push or load',
      );
    }
    if (plan.verifyArch && ref) {
      try {
        proof = await phases.run(
          'Architecture proof',
          () => verifyArch(runner, ref, plan.platforms),
          (rows) => rows.map((r) => `${r.platform} ${r.status}`).join(', '),
        );
      } catch (err) {
        if (err instanceof ArchProofError) report.platforms = mergeRows(undefined, err.rows);
        throw err;
      }
      for (const r of proof.filter((x) => x.status === 'unverifiable')) {
        core.warning(`verify-arch: ${r.platform}: ${r.note}`);
      }
      report.platforms = mergeRows(undefined, proof);
    }

    if (plan.push) {
      const pub = await phases.run(
        'Publish and verify',
        () => publish(runner, plan, built.digest, policy),
        (p) => `${p.refs.length} tag(s)`,
      );
      if (pub.verified) {
        const rows = pub.verified.analysis.platforms.map((p) => ({
          platform: p.platform,
          digest: p.digest,
          ...(pub.sizes[p.digest] !== undefined ? { size: pub.sizes[p.digest] } : {}),
        }));
        report.platforms = mergeRows(rows, proof);
        report.attestations = pub.verified.analysis.attestations.length;
        setBuildOutputs({ platforms: rows.map((p) => p.platform) });
      }
    }
    // last: uploading cache directories must not delay the push
    if (restored) await phases.run('Cache save', () => saveCache(runner, s, builder.name, cache, restored));
  } catch (err) {
    if (report) report.failed = err instanceof Error ? err.message : String(err);
    throw err;
  } finally {
    // the summary is written whatever happened: on failure it shows how far the run got and why
    if (report) await writeSummary(renderSummary(report));
  }
}
