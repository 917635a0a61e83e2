/**
 * The cache for this run: BuildKit cache import/export lines for the build, and directories (local cache,
 * cache-mount contents) restored before and saved after it. Decided by src/cache/plan.ts; this file gathers
 * its inputs and runs its effects. Never fails the run: cache trouble is a warning.
 */
import * as core from '@actions/core';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { actionsCacheStore } from '../cache/actions-cache.js';
import { readLockfiles } from '../cache/lockfiles.js';
import { argValues, cacheMountsIn, parseCacheMounts, type CacheMount } from '../cache/mounts.js';
import { cacheEnvOf, cachePlan, type CachePlan } from '../cache/plan.js';
import { afterBuild, beforeBuild, type CacheDeps, type CacheRestore } from '../cache/run.js';
import type { RunContext } from '../context.js';
import type { DockerfileInfo } from '../dockerfile/read.js';
import type { Runner } from '../exec.js';
import type { Settings } from '../inputs.js';
import { decidePush } from '../plan/plan.js';
import type { MetaResult } from '../tags/types.js';

function mountsFor(s: Settings, df: DockerfileInfo): CacheMount[] {
  if (s['cache-mounts'] === 'off') return [];
  if (s['cache-mounts'] !== 'auto') return parseCacheMounts(s['cache-mounts']);
  if (!df.parsed) return [];
  const found = cacheMountsIn(df.parsed, argValues(df.parsed, s['build-args']));
  for (const k of found.skipped) core.info(`cache mounts: ${df.path}:${k.line} not carried: ${k.reason}`);
  return found.mounts;
}

export async function planCache(
  s: Settings,
  ctx: RunContext,
  meta: MetaResult,
  df: DockerfileInfo,
): Promise<CachePlan> {
  const plan = cachePlan({
    cache: s.cache,
    cacheFrom: s['cache-from'],
    cacheTo: s['cache-to'],
    images: meta.images,
    platforms: s.platforms,
    push: decidePush(s, ctx).push,
    ref: ctx.ref,
    ...(ctx.pr?.headRef ? { headRef: ctx.pr.headRef } : {}),
    runId: ctx.runId,
    env: cacheEnvOf(process.env),
    dockerfile: await readFile(df.path, 'utf8').catch(() => ''),
    lockfiles: await readLockfiles(s.context),
    tempDir: process.env.RUNNER_TEMP ?? tmpdir(),
    noCache: s['no-cache'],
    mounts: mountsFor(s, df),
  });
  core.info(plan.why);
  if (plan.mountsWhy) core.info(plan.mountsWhy);
  return plan;
}

/**
 * The docker driver on the classic image store exports no cache (buildx refuses --cache-to there, and
 * ignore-error does not cover a refused flag): keep imports, drop exports, say so.
 */
export function fitCacheToDriver(plan: CachePlan, dockerDriverWithoutStore: boolean): CachePlan {
  if (!dockerDriverWithoutStore || plan.cacheTo.length === 0 || plan.mode === 'user') return plan;
  const why = `${plan.why}; no cache export: the docker driver exports cache only with the containerd image store`;
  core.info(why);
  return { ...plan, why, cacheTo: [] };
}

/** The settings the build plan sees: the cache plan's lines in place of the user's. */
export function withCacheLines(s: Settings, plan: CachePlan): Settings {
  return { ...s, 'cache-from': plan.cacheFrom, 'cache-to': plan.cacheTo };
}

function deps(runner: Runner, s: Settings, builder: string): CacheDeps {
  return {
    runner,
    store: actionsCacheStore(),
    builder,
    helperImage: s['cache-mounts-helper'],
    info: (m) => {
      core.info(m);
    },
    warning: (m) => {
      core.warning(m);
    },
  };
}

export function needsDirectories(plan: CachePlan): boolean {
  return plan.local !== undefined || plan.mounts !== undefined;
}

export function restoreCache(
  runner: Runner,
  s: Settings,
  builder: string,
  plan: CachePlan,
): Promise<CacheRestore> {
  return beforeBuild(deps(runner, s, builder), plan);
}

export function saveCache(
  runner: Runner,
  s: Settings,
  builder: string,
  plan: CachePlan,
  restored: CacheRestore,
): Promise<void> {
  return afterBuild(deps(runner, s, builder), plan, restored);
}
