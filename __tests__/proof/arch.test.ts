import { describe, expect, test } from 'vitest';
import {
  ArchProofError,
  candidates,
  proveOne,
  runConfigOf,
  verifyArch,
  type PlatformImage,
  type RunConfig,
} from '../../src/proof/arch.js';

// first bytes of Debian bookworm busybox-static per arch (see elf.test.ts)
const ELF = {
  amd64: Buffer.from('7f454c4602010103000000000000000002003e0001000000', 'hex'),
  arm64: Buffer.from('7f454c460201010300000000000000000200b70001000000', 'hex'),
  s390x: Buffer.from('7f454c460202010300000000000000000002001600000001', 'hex'),
};

const image = (
  files: Record<string, Buffer>,
  config: Partial<RunConfig> = {},
  platform = '',
): PlatformImage => ({
  platform,
  config: { Entrypoint: ['/app'], Cmd: null, Env: ['PATH=/usr/local/bin:/bin'], WorkingDir: '', ...config },
  rootfs: () =>
    Promise.resolve({
      file: (p: string) => {
        const head = files[p];
        return head ? { path: p, target: p, head, size: head.length } : undefined;
      },
      stat: () => undefined,
    }),
});
const on = (platform: string, img: PlatformImage): PlatformImage => ({ ...img, platform });

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

describe('verifyArch over platform images', () => {
  test('right binaries on every platform', async () => {
    const rows = await verifyArch(
      [
        on('linux/amd64', image({ '/app': ELF.amd64 })),
        on('linux/arm64', image({ '/app': ELF.arm64 })),
        on('linux/s390x', image({ '/app': ELF.s390x })),
      ],
      'img:1',
    );
    expect(rows.map((r) => [r.platform, r.path, r.found, r.status])).toEqual([
      ['linux/amd64', '/app', 'x86-64 64-bit LE', 'ok'],
      ['linux/arm64', '/app', 'AArch64 64-bit LE', 'ok'],
      ['linux/s390x', '/app', 'S390 64-bit BE', 'ok'],
    ]);
  });

  test('the wrong-arch platform is a mismatch and verifyArch throws with the table', async () => {
    const err = await verifyArch(
      [on('linux/amd64', image({ '/app': ELF.amd64 })), on('linux/arm64', image({ '/app': ELF.amd64 }))],
      'img:1',
    ).catch((e: unknown) => e);
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
    const row = await proveOne(
      image(
        { '/usr/local/bin/start': script, '/bin/sh': ELF.s390x },
        { Entrypoint: null, Cmd: ['start'] },
        'linux/s390x',
      ),
    );
    expect(row).toEqual({
      platform: 'linux/s390x',
      path: '/bin/sh',
      found: 'S390 64-bit BE',
      expected: 'S390 64-bit BE',
      ok: true,
      status: 'ok',
      note: '/usr/local/bin/start is a script run by sh',
    });
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
    const row = await proveOne(on('linux/arm64', img));
    expect([row.status, row.note, row.ok]).toEqual([status, note, false]);
  });

  test('unreadable layers are an error that fails verification; unverifiable alone does not', async () => {
    const none = on('linux/amd64', image({}, { Entrypoint: null, Cmd: null }));
    await expect(verifyArch([none], 'img:1')).resolves.toHaveLength(1);
    const broken: PlatformImage = {
      ...on('linux/arm64', image({})),
      rootfs: () => Promise.reject(new Error('unexpected end of file')),
    };
    await expect(verifyArch([none, broken], 'img:1')).rejects.toThrow(
      'linux/arm64: layers could not be read: unexpected end of file',
    );
  });

  test('runConfigOf reads the config of an image config blob', () => {
    expect(runConfigOf({ config: { Entrypoint: ['/app'], Env: ['PATH=/bin'], WorkingDir: '/srv' } })).toEqual(
      {
        Entrypoint: ['/app'],
        Cmd: null,
        Env: ['PATH=/bin'],
        WorkingDir: '/srv',
      },
    );
    expect(runConfigOf(null)).toEqual({ Entrypoint: null, Cmd: null, Env: null, WorkingDir: '' });
  });
});
