/**
 * Dependency lockfiles in the build context, for the cache key: when one changes, the layers and compile
 * caches that depend on it are stale. The context root and its direct sub-directories are searched
 * (monorepos keep a lockfile per component; deeper trees are rare and costly to walk).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lockfile } from './plan.js';

const NAMES = new Set([
  'go.sum',
  'go.work.sum',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'Cargo.lock',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'Gemfile.lock',
  'composer.lock',
  'mix.lock',
  'packages.lock.json',
  'gradle.lockfile',
]);

export function isLockfile(name: string): boolean {
  return NAMES.has(name) || /^requirements.*\.txt$/.test(name);
}

const SKIP = new Set(['.git', 'node_modules', 'vendor', 'target', 'dist']);

/** Lockfiles under `context` (depth ≤ 1), named by their path relative to it, in a stable order. */
export async function readLockfiles(context: string): Promise<Lockfile[]> {
  const out: Lockfile[] = [];
  const scan = async (rel: string, depth: number) => {
    const entries = await readdir(join(context, rel), { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isFile() && isLockfile(e.name)) {
        out.push({ name: path, content: await readFile(join(context, path), 'utf8') });
      } else if (e.isDirectory() && depth < 1 && !SKIP.has(e.name) && !e.name.startsWith('.')) {
        await scan(path, depth + 1);
      }
    }
  };
  await scan('', 0);
  return out;
}
