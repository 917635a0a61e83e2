import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ArchProofError, candidates, proveArch, verifyArch } from '../../src/registry/arch-proof.js';
import { FakeRunner, fail, type FakeCall } from '../fixtures/runner.js';

// first bytes of Debian bookworm busybox-static per arch (see elf.test.ts)
const ELF = {
  amd64: Buffer.from('7f454c4602010103000000000000000002003e0001000000', 'hex'),
  arm64: Buffer.from('7f454c460201010300000000000000000200b70001000000', 'hex'),
  s390x: Buffer.from('7f454c460202010300000000000000000002001600000001', 'hex'),
};

interface FakeImage {
  config: { Entrypoint: string[] | null; Cmd: string[] | null; Env: string[] | null; WorkingDir: string };
  files: Record<string, Buffer>;
}

/** A FakeRunner that answers docker create/inspect/cp/rm from an in-memory image per platform. */
function engine(images: Record<string, FakeImage>): FakeRunner {
  const byCid = (call: FakeCall, i: number): FakeImage | undefined =>
    images[(call.args[i] ?? '').replace(/^cid-|:.*$/g, '')];
  return new FakeRunner()
    .on(['docker', 'create'], (call) => {
      const platform = call.args[2] ?? '';
      return images[platform]
        ? { stdout: `cid-${platform}\n` }
        : fail('no match for platform in manifest: not found');
    })
    .on(['docker', 'container', 'inspect'], (call) => ({ stdout: JSON.stringify(byCid(call, 4)?.config) }))
    .on(['docker', 'cp'], (call) => {
      const src = call.args[2] ?? '';
      const file = byCid(call, 2)?.files[src.slice(src.indexOf(':') + 1)];
      if (!file) return fail(`Could not find the file ${src}`);
      writeFileSync(call.args[3] ?? '', file);
      return {};
    })
    .on(['docker', 'rm', '-f']);
}

const image = (files: Record<string, Buffer>, config: Partial<FakeImage['config']> = {}): FakeImage => ({
  config: { Entrypoint: ['/app'], Cmd: null, Env: ['PATH=/usr/local/bin:/bin'], WorkingDir: '', ...config },
  files,
});

describe('candidates: how exec finds the entrypoint', () => {
  test.each([
    ['/usr/local/bin/app', ['PATH=/bin'], '', ['/usr/local/bin/app']],
    ['app', ['PATH=/usr/local/bin:/bin'], '', ['/usr/local/bin/app', '/bin/app']],
    [
      'app',
      [],
      '',
      ['/usr/local/sbin/app', '/usr/local/bin/app', '/usr/sbin/app', '/usr/bin/app', '/sbin/app', '/bin/app'],
    ],
    ['./run.sh', ['PATH=/bin'], '/srv', ['/srv/run.sh']],
    ['bin/app', [], '', ['/bin/app']],
  ])('%s with %j in %j', (name, env, workdir, want) => {
    expect(candidates(name, env, workdir)).toEqual(want);
  });
});

describe('proveArch with a fake engine', () => {
  test('right binaries on every platform; each container removed', async () => {
    const runner = engine({
      'linux/amd64': image({ '/app': ELF.amd64 }),
      'linux/arm64': image({ '/app': ELF.arm64 }),
      'linux/s390x': image({ '/app': ELF.s390x }),
    });
    const rows = await verifyArch(runner, 'img:1', ['linux/amd64', 'linux/arm64', 'linux/s390x']);
    expect(rows.map((r) => [r.platform, r.path, r.found, r.status])).toEqual([
      ['linux/amd64', '/app', 'x86-64 64-bit LE', 'ok'],
      ['linux/arm64', '/app', 'AArch64 64-bit LE', 'ok'],
      ['linux/s390x', '/app', 'S390 64-bit BE', 'ok'],
    ]);
    const removed = runner.callsTo('docker', 'rm', '-f');
    expect(removed).toHaveLength(1);
    expect(removed[0]?.args.slice(2).sort()).toEqual([
      'cid-linux/amd64',
      'cid-linux/arm64',
      'cid-linux/s390x',
    ]);
  });

  test('the wrong-arch platform is a mismatch and verifyArch throws with the table', async () => {
    const runner = engine({
      'linux/amd64': image({ '/app': ELF.amd64 }),
      'linux/arm64': image({ '/app': ELF.amd64 }),
    });
    const err = await verifyArch(runner, 'img:1', ['linux/amd64', 'linux/arm64']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchProofError);
    const e = err as ArchProofError;
    expect(e.message).toBe(
      "verify-arch: img:1: linux/arm64 /app is x86-64 64-bit LE, expected AArch64 64-bit LE — build each platform's binary for its target (e.g. GOARCH=$TARGETARCH)",
    );
    expect(e.rows.map((r) => [r.platform, r.ok, r.status])).toEqual([
      ['linux/amd64', true, 'ok'],
      ['linux/arm64', false, 'mismatch'],
    ]);
  });

  test('relative entrypoint found on the config PATH, through a #! script to its interpreter', async () => {
    const script = Buffer.from('#!/usr/bin/env sh\nexec /app "$@"\n');
    const runner = engine({
      'linux/s390x': image(
        { '/usr/local/bin/start': script, '/bin/sh': ELF.s390x },
        { Entrypoint: null, Cmd: ['start'] },
      ),
    });
    const [row] = await proveArch(runner, 'img:1', ['linux/s390x']);
    expect(row).toEqual({
      platform: 'linux/s390x',
      path: '/bin/sh',
      found: 'S390 64-bit BE',
      expected: 'S390 64-bit BE',
      ok: true,
      status: 'ok',
      note: '/usr/local/bin/start is a script run by sh',
    });
    expect(runner.callsTo('docker', 'cp').map((c) => c.args[2]?.replace(/^[^:]*:/, ''))).toEqual([
      '/usr/local/bin/start',
      '/usr/local/bin/sh',
      '/bin/sh',
    ]);
  });

  test.each([
    [
      'no entrypoint or cmd',
      image({}, { Entrypoint: null, Cmd: null }),
      'unverifiable',
      'the image has no entrypoint or cmd',
    ],
    [
      'a data file',
      image({ '/app': Buffer.from('1f8b0800', 'hex') }),
      'unverifiable',
      '/app: neither ELF nor a #! script',
    ],
    ['a missing entrypoint', image({}), 'error', '/app not found or not a file'],
    [
      'a missing command on PATH',
      image({}, { Entrypoint: ['app'] }),
      'error',
      'app not found on the image PATH or not a file',
    ],
  ])('%s → %s', async (_n, img, status, note) => {
    const [row] = await proveArch(engine({ 'linux/arm64': img }), 'img:1', ['linux/arm64']);
    expect([row?.status, row?.note, row?.ok]).toEqual([status, note, false]);
  });

  test('a platform the image lacks is an error that fails verification; unverifiable alone does not', async () => {
    const runner = engine({ 'linux/amd64': image({}, { Entrypoint: null, Cmd: null }) });
    await expect(verifyArch(runner, 'img:1', ['linux/amd64'])).resolves.toHaveLength(1);
    await expect(verifyArch(runner, 'img:1', ['linux/amd64', 'linux/ppc64le'])).rejects.toThrow(
      'linux/ppc64le: docker create failed: no match for platform in manifest: not found',
    );
  });
});
