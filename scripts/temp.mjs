// The temporary directories of the suite, the example and the benchmarks: each made here is removed by
// removeTempDirs (the tests' setup file after each test file; scripts and benchmarks on exit, also on failure).
// `npm test` (scripts/test.mjs) fails when a run leaves anything in the temporary directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made = [];

/** A new empty directory `<tmpdir>/<prefix>XXXXXX`, removed by removeTempDirs. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every directory tempDir made so far. */
export function removeTempDirs() {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Removes them when the process exits, however it ends (a script's or benchmark's own files). */
export function removeTempDirsOnExit() {
  process.on('exit', removeTempDirs);
}
