/**
 * Runs the two helper builds of the cache-mount dance (see mounts.ts) through the Runner:
 * inject before the real build, extract after it. Failures come back as a message; the caller warns.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { StepError } from '../errors.js';
import { lastLine, type Runner } from '../exec.js';
import { extractDockerfile, helperArgv, injectDockerfile, mountDir, type CacheMount } from './mounts.js';

export interface DanceOptions {
  /** the builder the real build uses ('' = current) */
  builder: string;
  /** any image with a shell, cp and chmod; its platform does not matter */
  helperImage: string;
  mounts: readonly CacheMount[];
  /** distinct per helper build; defaults to a timestamp */
  nonce?: string;
}

function nonce(o: DanceOptions): string {
  return o.nonce ?? `${Date.now()}-${process.pid}`;
}

/** Runs a helper build with its Dockerfile in `file` (beside the helper's directory, never in it), then removes it. */
async function helperBuild(runner: Runner, file: string, dockerfile: string, argv: string[]) {
  await writeFile(file, dockerfile, { mode: 0o600 });
  try {
    return await runner.run('docker', argv);
  } finally {
    await rm(file, { force: true });
  }
}

async function present(dir: string): Promise<Set<string>> {
  try {
    return new Set(
      (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name),
    );
  } catch {
    return new Set();
  }
}

/**
 * Fills the cache mounts from `dir` (one sub-directory per mount, as extract wrote them). Mounts without
 * a directory (nothing restored yet) are left alone. Returns the ids injected.
 */
export async function injectMounts(runner: Runner, dir: string, o: DanceOptions): Promise<string[]> {
  const have = await present(dir);
  const mounts = o.mounts.filter((m) => have.has(mountDir(m)));
  if (mounts.length === 0) return [];
  const file = `${dir}.inject.Dockerfile`;
  const argv = helperArgv({ builder: o.builder, nonce: nonce(o), context: dir, file });
  const res = await helperBuild(runner, file, injectDockerfile(o.helperImage, mounts), argv);
  if (res.code !== 0) {
    throw new StepError('cache mounts', `filling cache mounts failed: ${lastLine(res.stderr)}`, 'engine');
  }
  return mounts.map((m) => m.id);
}

/** Writes every cache mount's contents to `dest/<mountDir>`; give a fresh `dest` (files are added, never removed). */
export async function extractMounts(runner: Runner, dest: string, o: DanceOptions): Promise<void> {
  if (o.mounts.length === 0) return;
  await mkdir(dest, { recursive: true });
  // the context is unused by the helper Dockerfile, so nothing is uploaded from it
  const file = `${dest}.extract.Dockerfile`;
  const argv = helperArgv({ builder: o.builder, nonce: nonce(o), context: dest, dest, file });
  const res = await helperBuild(runner, file, extractDockerfile(o.helperImage, o.mounts), argv);
  if (res.code !== 0) {
    throw new StepError('cache mounts', `reading cache mounts failed: ${lastLine(res.stderr)}`, 'engine');
  }
}
