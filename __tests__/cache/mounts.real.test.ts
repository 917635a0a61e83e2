/**
 * The cache-mount dance on the real engine, as two runs on fresh runners would see it: build the reference
 * Dockerfile, save its cache mounts (afterBuild), wipe BuildKit (`docker builder prune -af` = a new runner),
 * change a source file, restore and fill the mounts (beforeBuild), rebuild. The Go compile step must reuse
 * the carried build cache: much faster than the same rebuild after a wipe without the dance.
 */
import { appendFile, cp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { argValues, cacheMountsIn, mountDir } from '../../src/cache/mounts.js';
import { cachePlan, type CachePlan } from '../../src/cache/plan.js';
import { afterBuild, beforeBuild, type CacheDeps } from '../../src/cache/run.js';
import { createRunner } from '../../src/exec.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { DirStore } from './dir-store.js';
import { skipReal } from '../docker/real-engine.js';
import { tempDir } from '../../scripts/temp.mjs';

const ROOT = join(import.meta.dirname, '../..');
const runner = createRunner();
const ARGS = ['GO_IMAGE=127.0.0.1:5000/fixtures/golang:1.19', 'BASE_IMAGE=127.0.0.1:5000/fixtures/base:1'];

/** Seconds the `go build` step took, from buildx's plain progress. */
function goBuildSeconds(log: string): number {
  const step = /^#(\d+) \[build \d+\/\d+\] RUN .*go build/m.exec(log)?.[1];
  const done = step && new RegExp(`^#${step} DONE ([\\d.]+)s`, 'm').exec(log)?.[1];
  if (!done) throw new Error(`no finished go build step in:\n${log.slice(-3000)}`);
  return Number(done);
}

async function build(ctx: string): Promise<number> {
  const res = await runner.run(
    'docker',
    [
      'buildx',
      'build',
      '--progress',
      'plain',
      '--platform',
      'linux/amd64',
      ...ARGS.flatMap((a) => ['--build-arg', a]),
      '--output',
      'type=cacheonly',
      ctx,
    ],
    {},
  );
  if (res.code !== 0) throw new Error(`build failed:\n${res.stderr.slice(-3000)}`);
  return goBuildSeconds(res.stderr);
}

async function prune(): Promise<void> {
  const res = await runner.run('docker', ['builder', 'prune', '-af']);
  if (res.code !== 0) throw new Error(`prune failed: ${res.stderr}`);
}

describe.skipIf(skipReal)('cache mounts survive a fresh builder', () => {
  let tmp = '';
  let ctx = '';
  let plan: CachePlan;
  let deps: CacheDeps;
  const warnings: string[] = [];

  beforeAll(async () => {
    tmp = tempDir('crossbuild-mounts-');
    ctx = join(tmp, 'ctx');
    await cp(join(ROOT, 'Dockerfile'), join(ctx, 'Dockerfile'));
    await cp(join(ROOT, 'example'), join(ctx, 'example'), { recursive: true });
    const text = await readFile(join(ctx, 'Dockerfile'), 'utf8');
    const parsed = parseDockerfile(text);
    plan = cachePlan({
      cache: 'auto',
      cacheFrom: [],
      cacheTo: [],
      images: [],
      platforms: ['linux/amd64'],
      push: false,
      ref: 'refs/heads/main',
      runId: 1,
      env: { githubHosted: false, actionsCache: true },
      dockerfile: text,
      lockfiles: [],
      tempDir: join(tmp, 'runner-temp'),
      noCache: false,
      mounts: cacheMountsIn(parsed, argValues(parsed, ARGS)).mounts,
    });
    deps = {
      runner,
      store: new DirStore(join(tmp, 'store')),
      builder: '',
      helperImage: '127.0.0.1:5000/fixtures/base:1',
      info: () => undefined,
      warning: (m) => warnings.push(m),
    };
  });

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  test('the Go build cache is carried; the rebuild after a wipe reuses it', async () => {
    expect(plan.mounts?.list.map((m) => m.id)).toEqual(['/go/pkg/mod', '/root/.cache/go-build']);
    const mounts = plan.mounts;
    if (!mounts) throw new Error('no cache mounts planned');

    // run 1 on a fresh runner: nothing restored, build, save the mounts
    await prune();
    expect(await beforeBuild(deps, plan)).toEqual({ injected: [] });
    const cold = await build(ctx);
    await afterBuild(deps, plan, { injected: [] });
    const goBuild = join(mounts.dir, mountDir({ id: '/root/.cache/go-build' }));
    expect((await readdir(goBuild)).length).toBeGreaterThan(100);

    // run 2 on another fresh runner, one file changed
    await prune();
    await rm(mounts.dir, { recursive: true, force: true });
    await appendFile(join(ctx, 'example/main.go'), '\n// changed for run 2\n');
    const restored = await beforeBuild(deps, plan);
    expect(restored.injected).toEqual(['/go/pkg/mod', '/root/.cache/go-build']);
    const danced = await build(ctx);

    // the same change on a fresh runner without the dance
    await prune();
    await appendFile(join(ctx, 'example/main.go'), '// changed for run 3\n');
    const without = await build(ctx);

    console.log(`go build step: cold ${cold}s, after wipe with dance ${danced}s, without ${without}s`);
    expect(warnings).toEqual([]);
    expect(danced).toBeLessThan(without / 2);
  });

  test('a helper image that cannot be pulled is a warning, not a failure', async () => {
    const bad = { ...deps, helperImage: '127.0.0.1:5000/fixtures/missing:0' };
    const got: string[] = [];
    await afterBuild({ ...bad, warning: (m) => got.push(m) }, plan, { injected: [] });
    expect(got).toHaveLength(1);
    expect(got[0]).toMatch(/^cache mounts: reading cache mounts failed: .*; cache mounts not saved$/);
  });
});
