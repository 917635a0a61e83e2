import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CacheStore } from '../../src/cache/actions-cache.js';
import { mountDir } from '../../src/cache/mounts.js';
import { cachePlan, type CachePlanInput } from '../../src/cache/plan.js';
import { afterBuild, beforeBuild, type CacheDeps } from '../../src/cache/run.js';
import { fail, FakeRunner } from '../fixtures/runner.js';
import { DirStore } from './dir-store.js';
import { tempDir } from '../../scripts/temp.mjs';

const GO = { id: '/root/.cache/go-build' };
const MOD = { id: '/go/pkg/mod' };

let tmp = '';
beforeEach(() => {
  tmp = tempDir('crossbuild-cache-run-');
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function input(over: Partial<CachePlanInput>): CachePlanInput {
  return {
    cache: 'local',
    cacheFrom: [],
    cacheTo: [],
    images: [],
    platforms: ['linux/amd64'],
    push: true,
    ref: 'refs/heads/main',
    runId: 1,
    env: { githubHosted: true, actionsCache: true },
    dockerfile: 'FROM scratch\n',
    lockfiles: [],
    tempDir: join(tmp, 'rt'),
    noCache: false,
    mounts: [],
    ...over,
  };
}

function deps(runner: FakeRunner, store: CacheStore, log: string[]): CacheDeps {
  return {
    runner,
    store,
    builder: 'cb',
    helperImage: 'busybox:1.36',
    info: (m) => log.push(`info: ${m}`),
    warning: (m) => log.push(`warning: ${m}`),
  };
}

/** The extract helper's effect: files in `dest/<mountDir>` for each mount. */
/** The Dockerfile of each helper build, read while it runs (the file goes afterwards). */
const dockerfiles: { file: string; text: string }[] = [];

function extractWrites(contents: Record<string, string>) {
  return (call: { args: string[] }) => {
    const file = call.args[call.args.indexOf('--file') + 1] ?? '';
    dockerfiles.push({ file, text: readFileSync(file, 'utf8') });
    const output = call.args[call.args.indexOf('--output') + 1] ?? '';
    if (output === 'type=cacheonly') return {}; // the inject helper writes nothing
    const dest = /^type=local,dest=(.+)$/.exec(output)?.[1];
    // never write relative to the working directory (the repository)
    if (!dest?.startsWith('/')) throw new Error(`extract helper without an absolute dest: ${output}`);
    for (const [dir, text] of Object.entries(contents)) {
      mkdirSync(join(dest, dir), { recursive: true });
      writeFileSync(join(dest, dir, 'f'), text);
    }
    return {};
  };
}

describe('local BuildKit cache', () => {
  test('miss, export swapped in and saved; next run restores the exact key and does not save again', async () => {
    const store = new DirStore(join(tmp, 'store'));
    const plan = cachePlan(input({}));
    const local = plan.local ?? { dir: '', key: '' };
    const log: string[] = [];
    const d = deps(new FakeRunner(), store, log);

    const r1 = await beforeBuild(d, plan);
    expect(r1).toEqual({ injected: [] });
    await mkdir(`${local.dir}-new`, { recursive: true });
    await writeFile(join(`${local.dir}-new`, 'index.json'), 'run1');
    await afterBuild(d, plan, r1);
    expect(store.saves).toEqual([local.key]);
    expect(await readdir(join(tmp, 'rt'))).toEqual(['crossbuild-cache']);

    await rm(local.dir, { recursive: true });
    const r2 = await beforeBuild(d, plan);
    expect(r2.localKey).toBe(local.key);
    expect(await readFile(join(local.dir, 'index.json'), 'utf8')).toBe('run1');
    await mkdir(`${local.dir}-new`);
    await writeFile(join(`${local.dir}-new`, 'index.json'), 'run2');
    await afterBuild(d, plan, r2);
    expect(store.saves).toEqual([local.key]);
    expect(await readFile(join(local.dir, 'index.json'), 'utf8')).toBe('run2');
    expect(log.filter((l) => l.startsWith('warning'))).toEqual([]);
  });

  test('a build that exported nothing: warned, nothing saved', async () => {
    const store = new DirStore(join(tmp, 'store'));
    const plan = cachePlan(input({}));
    const log: string[] = [];
    await afterBuild(deps(new FakeRunner(), store, log), plan, { injected: [] });
    expect(store.saves).toEqual([]);
    expect(log).toEqual([
      `warning: local cache: the build exported nothing to ${plan.local?.dir}-new; not saved`,
    ]);
  });
});

describe('cache mounts', () => {
  const plan = () => cachePlan(input({ cache: 'gha', mounts: [MOD, GO] }));

  test('extract → save; next run restores and injects only the mounts it has a directory for', async () => {
    const store = new DirStore(join(tmp, 'store'));
    const log: string[] = [];
    const runner = new FakeRunner().on(
      ['docker', 'buildx', 'build'],
      extractWrites({ [mountDir(GO)]: 'objs' }),
    );
    const p = plan();
    const d = deps(runner, store, log);

    expect(await beforeBuild(d, p)).toEqual({ injected: [] });
    expect(runner.calls).toEqual([]);
    await afterBuild(d, p, { injected: [] });
    expect(runner.calls).toHaveLength(1);
    expect(runner.calls[0]?.args).toContain(`type=local,dest=${p.mounts?.dir}-new`);
    expect(runner.calls[0]?.args.slice(4, 6)).toEqual(['--builder', 'cb']);
    expect(dockerfiles.at(-1)?.text).toMatch(/id=\/go\/pkg\/mod,.*\n.*id=\/root\/.cache\/go-build,/);
    // the Dockerfile was a file beside the output directory, not in it (it would be saved with the mounts), and is gone
    expect(dockerfiles.at(-1)?.file).toBe(`${p.mounts?.dir}-new.extract.Dockerfile`);
    expect(existsSync(dockerfiles.at(-1)?.file ?? '')).toBe(false);
    expect(store.saves).toEqual([p.mounts?.key]);

    const next = cachePlan(input({ cache: 'gha', mounts: [MOD, GO], runId: 2 }));
    await rm(join(tmp, 'rt'), { recursive: true });
    const r = await beforeBuild(d, next);
    expect(r).toEqual({ mountsKey: p.mounts?.key, injected: ['/root/.cache/go-build'] });
    const inject = runner.calls[1];
    expect(inject?.args).toContain('type=cacheonly');
    expect(inject?.args.at(-1)).toBe(next.mounts?.dir);
    expect(dockerfiles.at(-1)?.file).toBe(`${next.mounts?.dir}.inject.Dockerfile`);
    expect(dockerfiles.at(-1)?.text).toContain(`source=${mountDir(GO)},`);
    expect(dockerfiles.at(-1)?.text).not.toContain('/go/pkg/mod');
    expect(existsSync(dockerfiles.at(-1)?.file ?? '')).toBe(false);
    expect(log.filter((l) => l.startsWith('warning'))).toEqual([]);
  });

  test('helper failures and cache service errors are warnings', async () => {
    const saved = new DirStore(join(tmp, 'store'));
    const p = plan();
    await mkdir(join(tmp, 'seed', mountDir(GO)), { recursive: true });
    await saved.save([join(tmp, 'seed')], p.mounts?.key ?? '');
    const log: string[] = [];
    const runner = new FakeRunner().on(['docker', 'buildx', 'build'], fail('ERROR: pull access denied'));
    const d = deps(runner, saved, log);
    expect(await beforeBuild(d, p)).toEqual({ mountsKey: p.mounts?.key, injected: [] });
    await afterBuild(d, p, { injected: [] });

    const broken: CacheStore = {
      restore: () => Promise.reject(new Error('Cache service responded with 503\nstack')),
      save: () => Promise.reject(new Error('cache write denied: untrusted event')),
    };
    await mkdir(`${p.mounts?.dir}-new/x`, { recursive: true });
    const ok = new FakeRunner().on(['docker', 'buildx', 'build'], extractWrites({ x: '1' }));
    expect(await beforeBuild(deps(ok, broken, log), p)).toEqual({ injected: [] });
    await afterBuild(deps(ok, broken, log), p, { injected: [] });

    expect(log.filter((l) => l.startsWith('warning'))).toEqual([
      'warning: cache mounts: filling cache mounts failed: ERROR: pull access denied; the build starts with empty cache mounts',
      'warning: cache mounts: reading cache mounts failed: ERROR: pull access denied; cache mounts not saved',
      `warning: cache restore ${p.mounts?.key}: Cache service responded with 503; building without it`,
      `warning: cache save ${p.mounts?.key}: cache write denied: untrusted event; the next run starts without it`,
    ]);
  });
});
