/**
 * The cache plan's effects around the build: restore directories and fill cache mounts before it,
 * swap in the fresh export, read cache mounts back and save after it. Never fails the run: every
 * problem is a warning and the build goes on without that cache.
 */
import { access, rename, rm } from 'node:fs/promises';
import { messageOf } from '../errors.js';
import type { Runner } from '../exec.js';
import { warnOnError, type CacheStore } from './actions-cache.js';
import { extractMounts, injectMounts } from './dance.js';
import type { CachePlan, SavedDir } from './plan.js';

export interface CacheDeps {
  runner: Runner;
  store: CacheStore;
  /** the builder the build uses ('' = current): cache mounts live in its BuildKit */
  builder: string;
  helperImage: string;
  info: (message: string) => void;
  warning: (message: string) => void;
}

/** What beforeBuild found, for afterBuild and the summary. */
export interface CacheRestore {
  /** key restored for the local BuildKit cache, undefined on a miss */
  localKey?: string;
  /** key restored for the cache mounts */
  mountsKey?: string;
  /** ids of the cache mounts filled before the build */
  injected: string[];
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function restoreDir(d: CacheDeps, store: CacheStore, what: string, s: SavedDir) {
  await rm(`${s.dir}-new`, { recursive: true, force: true });
  const key = await store.restore([s.dir], s.key, s.restoreKeys);
  d.info(key === undefined ? `${what}: no saved cache for ${s.key}` : `${what}: restored ${key}`);
  return key;
}

/** `${dir}-new` replaces dir, then dir is saved unless exactly this key was restored (keys are immutable). */
async function swapAndSave(d: CacheDeps, store: CacheStore, what: string, s: SavedDir, restored?: string) {
  if (!(await exists(`${s.dir}-new`))) {
    d.warning(`${what}: the build exported nothing to ${s.dir}-new; not saved`);
    return;
  }
  await rm(s.dir, { recursive: true, force: true });
  await rename(`${s.dir}-new`, s.dir);
  if (restored === s.key) {
    d.info(`${what}: ${s.key} exists already (restored exactly); not saved again`);
    return;
  }
  await store.save([s.dir], s.key);
  d.info(`${what}: saved ${s.key}`);
}

export async function beforeBuild(d: CacheDeps, plan: CachePlan): Promise<CacheRestore> {
  const store = warnOnError(d.store, d.warning);
  const out: CacheRestore = { injected: [] };
  if (plan.local) {
    const key = await restoreDir(d, store, 'local cache', plan.local);
    if (key !== undefined) out.localKey = key;
  }
  if (plan.mounts) {
    const key = await restoreDir(d, store, 'cache mounts', plan.mounts);
    if (key !== undefined) {
      out.mountsKey = key;
      try {
        out.injected = await injectMounts(d.runner, plan.mounts.dir, {
          builder: d.builder,
          helperImage: d.helperImage,
          mounts: plan.mounts.list,
        });
        d.info(`cache mounts: filled ${out.injected.join(', ') || 'none'}`);
      } catch (err) {
        d.warning(`${messageOf(err)}; the build starts with empty cache mounts`);
      }
    }
  }
  return out;
}

/** Call after a successful build. */
export async function afterBuild(d: CacheDeps, plan: CachePlan, restored: CacheRestore): Promise<void> {
  const store = warnOnError(d.store, d.warning);
  if (plan.local) {
    const local = plan.local;
    await guarded(d, 'local cache', () => swapAndSave(d, store, 'local cache', local, restored.localKey));
  }
  if (plan.mounts) {
    const mounts = plan.mounts;
    await guarded(d, 'cache mounts', async () => {
      const o = { builder: d.builder, helperImage: d.helperImage, mounts: mounts.list };
      await extractMounts(d.runner, `${mounts.dir}-new`, o);
      await swapAndSave(d, store, 'cache mounts', mounts, restored.mountsKey);
    });
  }
}

async function guarded(d: CacheDeps, what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    d.warning(`${messageOf(err)}; ${what} not saved`);
  }
}
