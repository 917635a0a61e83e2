/**
 * The cache for this run: BuildKit cache import/export lines for the build, and directories (local cache,
 * cache-mount contents) restored before and saved after it. Decided by src/cache/plan.ts; this file gathers
 * its inputs and runs its effects. Never fails the run: cache trouble is a warning.
 */
import type { Log } from '../action-io.js';
import { actionsCacheStore, type CacheStore } from '../cache/actions-cache.js';
import { readLockfiles } from '../cache/lockfiles.js';
import { argValues, cacheMountsIn, type CacheMount } from '../cache/mounts.js';
import { cacheEnvOf, cachePlan, type CachePlan } from '../cache/plan.js';
import { afterBuild, beforeBuild, type CacheRestore } from '../cache/run.js';
import type { DockerfileInfo } from '../dockerfile/info.js';
import type { Intent } from '../intent.js';
import type { RegistryClient } from '../registry/client.js';
import { MANIFEST_ACCEPT } from '../registry/push.js';
import { parseRepository, splitReference } from '../registry/reference.js';
import type { StepDeps } from './deps.js';

function mountsFor(log: Log, intent: Intent): CacheMount[] {
  const s = intent.settings;
  const df = intent.dockerfile;
  if (s['cache-mounts'] === 'off') return [];
  if (s['cache-mounts'] !== 'auto') return s['cache-mounts'];
  if (!df.parsed) return [];
  const found = cacheMountsIn(df.parsed, argValues(df.parsed, s['build-args']));
  for (const k of found.skipped) {
    const line = `cache mounts: ${df.path}:${k.line} not carried: ${k.reason}`;
    if (k.invalid) log.warning(line, { file: df.path, startLine: k.line });
    else log.info(line);
  }
  return found.mounts;
}

/**
 * The cache plan. The docker driver on the classic image store exports no cache (buildx refuses --cache-to there,
 * and ignore-error does not cover a refused flag): imports are kept, exports dropped, and the plan says so.
 */
export async function decideCache(
  log: Log,
  intent: Intent,
  env: NodeJS.ProcessEnv,
  tempDir: string,
  dockerDriverWithoutStore: boolean,
): Promise<CachePlan> {
  const { settings: s, ctx, meta } = intent;
  const df: DockerfileInfo = intent.dockerfile;
  let plan = cachePlan({
    cache: s.cache,
    cacheFrom: s['cache-from'],
    cacheTo: s['cache-to'],
    images: meta.images,
    platforms: s.platforms,
    push: intent.push,
    perPlatform: intent.job === 'fan-out-build',
    ref: ctx.ref,
    ...(ctx.pr?.headRef ? { headRef: ctx.pr.headRef } : {}),
    runId: ctx.runId,
    env: cacheEnvOf(env),
    dockerfile: df.text,
    lockfiles: await readLockfiles(s.context),
    tempDir,
    noCache: s['no-cache'],
    mounts: mountsFor(log, intent),
  });
  if (dockerDriverWithoutStore && plan.cacheTo.length > 0 && plan.mode !== 'user') {
    plan = {
      ...plan,
      why: `${plan.why}; no cache export: the docker driver exports cache only with the containerd image store`,
      cacheTo: [],
    };
  }
  log.info(plan.why);
  if (plan.mountsWhy) log.info(plan.mountsWhy);
  return plan;
}

export function needsDirectories(plan: CachePlan): boolean {
  return plan.local !== undefined || plan.mounts !== undefined;
}

export interface CacheStepInput {
  plan: CachePlan;
  builder: string;
  helperImage: string;
  store?: CacheStore;
}

function cacheDeps(d: StepDeps, c: CacheStepInput) {
  return {
    runner: d.runner,
    store: c.store ?? actionsCacheStore(),
    builder: c.builder,
    helperImage: c.helperImage,
    info: (m: string) => {
      d.log.info(m);
    },
    warning: (m: string) => {
      d.log.warning(m);
    },
  };
}

export function restoreCache(d: StepDeps, c: CacheStepInput): Promise<CacheRestore> {
  return beforeBuild(cacheDeps(d, c), c.plan);
}

export function saveCache(d: StepDeps, c: CacheStepInput, restored: CacheRestore): Promise<void> {
  return afterBuild(cacheDeps(d, c), c.plan, restored);
}

/**
 * A registry cache that is not there yet (the first build of a repository) is left out of the imports: BuildKit
 * would print `ERROR: failed to configure registry cache importer … not found` for it, the first thing a new user
 * reads (#28). One HEAD per cache reference; an answer that says nothing (a refusal, a fault) keeps the import, whose
 * failure BuildKit ignores anyway.
 */
export async function presentCache(client: RegistryClient, plan: CachePlan, log: Log): Promise<CachePlan> {
  if (plan.mode !== 'registry') return plan;
  const kept: string[] = [];
  for (const line of plan.cacheFrom) {
    const ref = /(?:^|,)ref=([^,]+)/.exec(line)?.[1];
    const { image, ref: tag } = splitReference(ref ?? '');
    const held =
      ref === undefined || tag === ''
        ? true
        : await client
            .request(parseRepository(image), {
              method: 'HEAD',
              path: `manifests/${tag}`,
              scope: 'pull',
              headers: { accept: MANIFEST_ACCEPT },
              ok: [200, 404],
            })
            .then((r) => r.status === 200)
            .catch(() => true);
    if (held) kept.push(line);
  }
  if (kept.length === plan.cacheFrom.length) return plan;
  log.info('cache: no cache yet (first build of this repository): nothing to import, this build exports one');
  return { ...plan, cacheFrom: kept, why: `${plan.why}; no cache yet (first build of this repository)` };
}
