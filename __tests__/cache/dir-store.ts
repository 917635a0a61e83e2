/**
 * A CacheStore that keeps saved directories under a local folder, with the Actions cache's lookup rules:
 * the exact key first, then each restore key as a prefix, newest save first. Used where the real service
 * is not available (unit tests and the real-engine test of the cache-mount dance).
 */
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CacheStore } from '../../src/cache/actions-cache.js';

export class DirStore implements CacheStore {
  readonly saves: string[] = [];
  readonly restores: { key: string; hit: string | undefined }[] = [];
  constructor(private readonly root: string) {}

  async restore(paths: string[], key: string, restoreKeys: string[]): Promise<string | undefined> {
    const byAge = (await this.entries()).reverse();
    const keys = byAge.map((e) => decodeURIComponent(e.replace(/^\d+-/, '')));
    const hit =
      keys.find((k) => k === key) ?? restoreKeys.map((r) => keys.find((k) => k.startsWith(r))).find((k) => k);
    this.restores.push({ key, hit });
    if (hit === undefined) return undefined;
    const dir = byAge[keys.indexOf(hit)] ?? '';
    for (const [i, p] of paths.entries()) {
      await rm(p, { recursive: true, force: true });
      await cp(join(this.root, dir, String(i)), p, { recursive: true });
    }
    return hit;
  }

  async save(paths: string[], key: string): Promise<void> {
    const seq = String((await this.entries()).length).padStart(6, '0');
    const dir = join(this.root, `${seq}-${encodeURIComponent(key)}`);
    await mkdir(dir, { recursive: true });
    for (const [i, p] of paths.entries()) await cp(p, join(dir, String(i)), { recursive: true });
    this.saves.push(key);
  }

  /** saved entries, oldest first */
  private async entries(): Promise<string[]> {
    return (await readdir(this.root).catch(() => [] as string[])).sort();
  }
}
