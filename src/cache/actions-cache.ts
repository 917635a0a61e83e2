/**
 * Saving and restoring directories with the Actions cache service. @actions/cache is ~1 MB of bundle, so it
 * is loaded with a dynamic import the first time a directory is restored or saved (ncc emits it as a
 * separate chunk): runs that use gha/registry cache or none never load it.
 */
import { firstLine, messageOf } from '../errors.js';

export interface CacheStore {
  /** the key that matched (exact or a restore-key prefix), undefined on a miss */
  restore(paths: string[], key: string, restoreKeys: string[]): Promise<string | undefined>;
  save(paths: string[], key: string): Promise<void>;
}

export function actionsCacheStore(): CacheStore {
  return {
    async restore(paths, key, restoreKeys) {
      const cache = await import('@actions/cache');
      return cache.restoreCache(paths, key, restoreKeys);
    },
    async save(paths, key) {
      const cache = await import('@actions/cache');
      await cache.saveCache(paths, key);
    },
  };
}

/**
 * The cache is an optimisation: a service error (outage, read-only token on a fork, entry already being
 * written by a concurrent job) becomes a warning and the run goes on as a miss.
 */
export function warnOnError(store: CacheStore, warn: (message: string) => void): CacheStore {
  const text = (err: unknown) => firstLine(messageOf(err));
  return {
    async restore(paths, key, restoreKeys) {
      try {
        return await store.restore(paths, key, restoreKeys);
      } catch (err) {
        warn(`cache restore ${key}: ${text(err)}; building without it`);
        return undefined;
      }
    },
    async save(paths, key) {
      try {
        await store.save(paths, key);
      } catch (err) {
        warn(`cache save ${key}: ${text(err)}; the next run starts without it`);
      }
    },
  };
}
