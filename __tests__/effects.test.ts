/**
 * The small effect wrappers, each against a stand-in: git through a fake
 * runner, binfmt_misc as a directory, the Actions cache as a mocked module, the layout reader on a zstd layer.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import { installQemu, procBinfmtReader, readQemuHandlers } from '../src/docker/qemu.js';
import { createRunner, OutputTail } from '../src/exec.js';
import { createGitReader, gitError, parseLsRemoteTags } from '../src/git.js';
import { layoutImages } from '../src/proof/layout-images.js';
import { proveOne } from '../src/proof/arch.js';
import { readImageTree } from '../src/registry/layout.js';
import { withProgress } from '../src/retry.js';
import { cleanup } from '../src/steps/cleanup.js';
import { RecordingIO } from './fixtures/io.js';
import { writeLayout } from './fixtures/layout.js';
import { FakeRunner, fail, instantRetry } from './fixtures/runner.js';
import { tempDir } from '../scripts/temp.mjs';

vi.mock('@actions/cache', () => ({
  restoreCache: vi.fn(() => Promise.resolve('key-1')),
  saveCache: vi.fn(() => Promise.resolve(7)),
}));

describe('the exec wrapper keeps a bounded tail of what a process prints', () => {
  test.each([
    ['under the limit: all of it', 1000, 1 << 20, 1000],
    ['over the limit: the last bytes', 3 << 20, 1 << 20, 1 << 20],
  ])('%s', async (_, printed, limit, kept) => {
    const runner = createRunner(undefined, limit);
    const script = `const n=${printed};process.stdout.write('x'.repeat(n-4)+'TAIL');process.stderr.write('E'.repeat(n))`;
    const before = process.memoryUsage.rss();
    const r = await runner.run(process.execPath, ['-e', script]);
    expect(r.code).toBe(0);
    expect(r.stdout).toHaveLength(kept);
    expect(r.stdout.endsWith('TAIL')).toBe(true);
    expect(r.stderr).toHaveLength(kept);
    expect(process.memoryUsage.rss() - before).toBeLessThan(300 * 2 ** 20);
  });

  test('a chunk larger than the whole limit keeps only its end', () => {
    const t = new OutputTail(4);
    t.push(Buffer.from('abc'));
    t.push(Buffer.from('defghij'));
    expect([t.text(), t.dropped]).toEqual(['ghij', 6]);
  });
});

describe('git', () => {
  test('describe, and released tags from the remote, else the API', async () => {
    const r = new FakeRunner()
      .on(['git', 'describe'], { stdout: 'v1.2.3-4-gabcdef0\n' })
      .on(['git', 'ls-remote'], fail('fatal: no remote'), {
        stdout: 'a\trefs/tags/v1.0.0\nb\trefs/tags/v1.0.0^{}\nc\trefs/tags/v2.0.0\n',
      });
    const logged: string[] = [];
    const api = {
      listTags: () => Promise.resolve(['v9.0.0']),
      commitDate: () => Promise.resolve(undefined),
      repository: () => Promise.reject(new Error('not asked')),
    };
    const git = createGitReader(r, '/w', api, (m) => logged.push(m));
    expect(await git.describe()).toBe('v1.2.3-4-gabcdef0');
    expect(await git.releasedTags()).toEqual(['v9.0.0']);
    expect(logged[0]).toMatch(/git ls-remote --tags origin failed \(no remote\); asking the GitHub API/);
    expect(await git.releasedTags()).toEqual(['v1.0.0', 'v2.0.0']);
    expect(r.calls[0]?.opts.cwd).toBe('/w');
  });
  test('describe fails with the fix; no remote and no token fails', async () => {
    const r = new FakeRunner().on(['git'], fail('fatal: No names found'));
    const git = createGitReader(r, '/w', undefined, () => undefined);
    await expect(git.describe()).rejects.toThrow(/fetch-depth: 0/);
    await expect(git.releasedTags()).rejects.toThrow(
      'git ls-remote --tags origin failed (No names found), and no GitHub token to ask the API',
    );
    expect(parseLsRemoteTags('x\trefs/heads/main\n')).toEqual([]);
  });
  test("a repository without a remote: git's own reason, not its closing advice", async () => {
    // what git prints for `git ls-remote origin` with no remote named origin
    const stderr = [
      "fatal: 'origin' does not appear to be a git repository",
      'fatal: Could not read from remote repository.',
      '',
      'Please make sure you have the correct access rights',
      'and the repository exists.',
    ].join('\n');
    const git = createGitReader(new FakeRunner().on(['git'], fail(stderr)), '/w', undefined, () => undefined);
    const err = await git.releasedTags().catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      "git ls-remote --tags origin failed ('origin' does not appear to be a git repository), and no GitHub token to ask the API",
    );
    expect(gitError('warning: x\nlast words')).toBe('last words');
    expect(gitError('')).toBe('no message');
  });
});

describe('binfmt_misc and the QEMU installer', () => {
  test('handlers read from the directory; none when it is not mounted', async () => {
    const dir = tempDir('crossbuild-binfmt-');
    writeFileSync(
      join(dir, 'qemu-aarch64'),
      'enabled\ninterpreter /usr/bin/qemu-aarch64-static\nflags: OCF\noffset 0\n',
    );
    writeFileSync(join(dir, 'status'), 'enabled\n');
    const got = await readQemuHandlers(procBinfmtReader(dir));
    expect(got.map((h) => [h.name, h.fixBinary])).toEqual([['qemu-aarch64', true]]);
    expect(await readQemuHandlers(procBinfmtReader(join(dir, 'absent')))).toEqual([]);
  });
  test('the installer image run is retried on a passing registry fault', async () => {
    const r = new FakeRunner().on(['docker', 'run'], fail('toomanyrequests: 429 Too Many Requests'), {});
    const policy = instantRetry(3, 10);
    await installQemu(r, ['run', '--privileged', '--rm', 'tonistiigi/binfmt', '--install', 'arm64'], policy);
    expect(r.calls).toHaveLength(2);
  });
});

describe('the Actions cache store (module loaded only when used)', () => {
  test('restore and save go to @actions/cache; errors become warnings', async () => {
    const { actionsCacheStore, warnOnError } = await import('../src/cache/actions-cache.js');
    const store = actionsCacheStore();
    expect(await store.restore(['/d'], 'k', ['k-'])).toBe('key-1');
    await store.save(['/d'], 'k');
    const cache = await import('@actions/cache');
    expect(vi.mocked(cache.saveCache)).toHaveBeenCalledWith(['/d'], 'k');
    const warned: string[] = [];
    const broken = warnOnError(
      {
        restore: () => Promise.reject(new Error('down\nmore')),
        save: () => Promise.reject(new Error('full')),
      },
      (m) => warned.push(m),
    );
    expect(await broken.restore(['/d'], 'k', [])).toBeUndefined();
    await broken.save(['/d'], 'k');
    expect(warned).toEqual([
      'cache restore k: down; building without it',
      'cache save k: full; the next run starts without it',
    ]);
  });
});

describe('post-step cleanup', () => {
  test('logouts, builder and temp paths; failures only warn', async () => {
    const dir = tempDir('crossbuild-post-');
    mkdirSync(join(dir, 'oci'));
    const state: Record<string, string> = {
      logins: '["ghcr.io",""]',
      builder: 'crossbuild-1',
      temp: JSON.stringify([join(dir, 'oci')]),
    };
    const r = new FakeRunner()
      .on(['docker', 'logout'], {}, fail('boom'))
      .on(['docker', 'buildx', 'rm'], fail('no such builder'));
    const io = new RecordingIO();
    await cleanup(r, io, (n) => state[n] ?? '');
    expect(io.infos).toEqual(['logged out of ghcr.io', `removed ${join(dir, 'oci')}`]);
    expect(io.warnings).toEqual([
      'docker logout Docker Hub failed: boom',
      'could not remove builder crossbuild-1: no such builder',
    ]);
    expect(r.lines()).toEqual([
      'docker logout ghcr.io',
      'docker logout',
      'docker buildx rm --force crossbuild-1',
    ]);
  });
  test('a broken state value is an empty list', async () => {
    const io = new RecordingIO();
    await cleanup(new FakeRunner(), io, (n) => (n === 'temp' ? '{not json' : ''));
    expect(io.log).toEqual([]);
  });
});

describe('layout images', () => {
  test('a zstd layer is reported, not guessed', async () => {
    const l = writeLayout(['linux/amd64']);
    const tree = await readImageTree(l.dir, (p) => Promise.resolve(readFileSync(p)));
    const [img] = await layoutImages(tree);
    expect(img?.platform).toBe('linux/amd64');
    const manifest = tree.children[0];
    if (!manifest) throw new Error('no manifest');
    const zstd = JSON.parse(manifest.bytes.toString()) as { layers: { mediaType: string }[] };
    for (const x of zstd.layers) x.mediaType = 'application/vnd.oci.image.layer.v1.tar+zstd';
    const { platformImage, layoutSource } = await import('../src/proof/layout-images.js');
    const row = await proveOne(
      platformImage(
        layoutSource(tree),
        { ...manifest, bytes: Buffer.from(JSON.stringify(zstd)) },
        { config: { Entrypoint: ['/app'] } },
      ),
    );
    expect(row.status).toBe('error');
    expect(row.note).toMatch(/zstd layers cannot be read/);
  });

  test.each([
    ['a platform manifest', (t: { children: { digest: string }[] }) => t.children[0]?.digest ?? ''],
    ['a config', (t: { blobs: { digest: string }[] }) => t.blobs[0]?.digest ?? ''],
  ])('%s whose bytes were changed on disk is not believed', async (what, pick) => {
    const l = writeLayout(['linux/amd64', 'linux/arm64']);
    const read = (p: string) => Promise.resolve(readFileSync(p));
    const digest = pick(await readImageTree(l.dir, read));
    const path = join(l.dir, 'blobs', 'sha256', digest.slice(7));
    const doc = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    writeFileSync(path, JSON.stringify({ ...doc, architecture: 'riscv64' }));
    await expect(readImageTree(l.dir, read)).rejects.toThrow(
      `the build's OCI layout: ${what.split(' ').at(-1) ?? ''} ${digest} does not match its digest`,
    );
  });

  test('a digest that is not one never becomes a path', async () => {
    const l = writeLayout(['linux/amd64']);
    await expect(
      readImageTree(l.dir, (p) => Promise.resolve(readFileSync(p)), 'sha256:../../../etc/passwd'),
    ).rejects.toThrow('digest "sha256:../../../etc/passwd" is not sha256:<hex> or sha512:<hex>');
  });
});

describe('withProgress', () => {
  test('retries while progress grows; gives up after the allowed stalls, saying how hard it tried', async () => {
    let done = 0;
    let calls = 0;
    const op = () => {
      calls++;
      if (calls <= 3) done++;
      return Promise.reject(new Error('push: 503'));
    };
    const retried: number[] = [];
    await expect(
      withProgress(op, () => done, {
        stalls: 2,
        budgetMs: 60_000,
        isTransient: () => true,
        onRetry: (n) => retried.push(n),
      }),
    ).rejects.toThrow(/push: 503 \(whole operation: gave up after 5 attempts over/);
    expect(retried).toEqual([1, 2, 3, 4]);
  });
  test('a failure that is not transient, or a spent budget, ends at once', async () => {
    await expect(
      withProgress(
        () => Promise.reject(new Error('denied')),
        () => 0,
        { stalls: 5, budgetMs: 60_000, isTransient: () => false },
      ),
    ).rejects.toThrow(/^denied$/);
    let t = 0;
    let n = 0;
    await expect(
      withProgress(
        () => Promise.reject(new Error('slow')),
        () => ++n,
        { stalls: 5, budgetMs: 1000, isTransient: () => true, now: () => (t += 600) },
      ),
    ).rejects.toThrow(/slow \(whole operation: gave up after 2 attempts/);
  });
});
