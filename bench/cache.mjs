// Benchmark: what survives to a fresh runner. The reference Dockerfile for linux/amd64,linux/arm64,linux/s390x;
// `docker builder prune -af` stands for a new runner (the base images stay in the image store, as a runner's
// pre-pulled images would). Per round:
//   cold            pruned, no cache at all
//   warm            unchanged rebuild on the same builder
//   registry        unchanged rebuild after a prune, --cache-from the registry cache (what cache: auto gives)
//   changed+dance   one file changed, after a prune, registry cache + cache mounts filled by src/cache/dance.ts
//   changed         the same change after a prune with the registry cache only
// The dance times include its helper build; the save side (extract) is timed on its own.
// Usage: node bench/cache.mjs [rounds=3]
import { buildSync } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { median, REG, ROOT, save, timed, useStack } from './lib.mjs';
import { tempDir } from '../scripts/temp.mjs';

useStack();
const rounds = Number(process.argv[2] ?? 3);
const platforms = 'linux/amd64,linux/arm64,linux/s390x';
const buildArgs = [`GO_IMAGE=${REG}/fixtures/golang:1.19`, `BASE_IMAGE=${REG}/fixtures/base:1`];
const cacheRef = `${REG}/bench/cache:buildcache`;
const TAG = 'crossbuild-bench/cache:latest';
const tmp = tempDir('crossbuild-bench-cache-');

// the module under test, bundled from TypeScript for this run
buildSync({
  stdin: {
    contents: `export * from './src/cache/dance.js'; export * from './src/cache/mounts.js';
      export { createRunner } from './src/exec.js'; export { parseDockerfile } from './src/dockerfile/parse.js';`,
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: join(tmp, 'cache.mjs'),
  logLevel: 'warning',
});
const m = await import(pathToFileURL(join(tmp, 'cache.mjs')).href);
const runner = m.createRunner();
const parsed = m.parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
const mounts = m.cacheMountsIn(parsed, m.argValues(parsed, buildArgs)).mounts;
const dance = { builder: '', helperImage: `${REG}/fixtures/base:1`, mounts };

const ctx = join(tmp, 'ctx');
cpSync(join(ROOT, 'Dockerfile'), join(ctx, 'Dockerfile'));
cpSync(join(ROOT, 'example'), join(ctx, 'example'), { recursive: true });
let edits = 0;
const changeFile = () => appendFileSync(join(ctx, 'example/main.go'), `\n// bench edit ${edits++}\n`);

const build = (...extra) =>
  timed('docker', [
    'buildx',
    'build',
    '--progress',
    'quiet',
    '--platform',
    platforms,
    ...buildArgs.flatMap((a) => ['--build-arg', a]),
    // into the image store, as the action builds: a cache-only build could skip pulling cached layers
    '--tag',
    TAG,
    ...extra,
    ctx,
  ]);
// a fresh runner has neither BuildKit's state nor the image built last time
const prune = () => {
  spawnSync('docker', ['image', 'rm', TAG]);
  const r = spawnSync('docker', ['builder', 'prune', '-af'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`prune: ${r.stderr}`);
};
const fromRegistry = ['--cache-from', `type=registry,ref=${cacheRef}`];
const since = async (f) => {
  const t = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t) / 1e6;
};

const t = { cold: [], warm: [], registry: [], changedDance: [], changed: [], inject: [], extract: [] };
for (let r = 0; r < rounds; r++) {
  prune();
  changeFile();
  t.cold.push(build());
  build('--cache-to', `type=registry,ref=${cacheRef},mode=max`); // untimed: fills the registry cache
  t.warm.push(build());
  const dir = join(tmp, `mounts-${r}`);
  t.extract.push(await since(() => m.extractMounts(runner, dir, dance)));

  prune();
  t.registry.push(build(...fromRegistry));

  prune();
  changeFile();
  let inj = 0;
  const b = await since(async () => {
    inj = await since(() => m.injectMounts(runner, dir, dance));
  });
  t.inject.push(inj);
  t.changedDance.push(b + build(...fromRegistry));

  prune();
  changeFile();
  t.changed.push(build(...fromRegistry));
  console.error(
    `round ${r + 1}: ${Object.entries(t)
      .map(([k, v]) => `${k} ${Math.round(v[r])}`)
      .join(', ')}`,
  );
}
rmSync(tmp, { recursive: true, force: true });
spawnSync('docker', ['image', 'rm', TAG]);

const med = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(median(v))]));
const ratio = (a, b) => Math.round((med[a] / med[b]) * 100) / 100;
save('cache', {
  platforms,
  rounds,
  note: 'ms; builds export to the image store; prune = fresh runner; changed* = one Go source file edited; changedDance includes the inject helper build',
  medianMs: med,
  ratios: {
    warmOverCold: ratio('warm', 'cold'),
    registryOverCold: ratio('registry', 'cold'),
    changedDanceOverChanged: ratio('changedDance', 'changed'),
    changedOverCold: ratio('changed', 'cold'),
  },
  runsMs: t,
});
