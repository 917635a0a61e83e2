import { describe, expect, test } from 'vitest';
import { mergeLayers } from '../../src/proof/rootfs.js';
import { paxRecords, readTar, tarNumber } from '../../src/proof/tar.js';
import { chunked, tar, type TarSpec } from '../fixtures/tar.js';

const layer = (entries: TarSpec[]) => readTar(chunked(tar(entries), 77));

describe('readTar', () => {
  test('types, link targets, first bytes only, headers split across chunks', async () => {
    const big = Buffer.alloc(5000, 0x41);
    const got = await layer([
      { path: './bin', type: 'dir' },
      { path: './bin/busybox', content: big },
      { path: './bin/sh', type: 'symlink', linkname: 'busybox' },
      { path: './bin/ash', type: 'hardlink', linkname: 'bin/busybox' },
    ]);
    expect(got.map((e) => [e.path, e.type, e.linkname, e.head.length])).toEqual([
      ['bin', 'dir', '', 0],
      ['bin/busybox', 'file', '', 64],
      ['bin/sh', 'symlink', 'busybox', 0],
      ['bin/ash', 'hardlink', 'bin/busybox', 0],
    ]);
  });

  test('a pax record carries a path longer than 100 characters', async () => {
    const long = `usr/${'x'.repeat(120)}/app`;
    const [e] = await layer([{ path: long, content: 'hi' }]);
    expect([e?.path, e?.head.toString()]).toEqual([long, 'hi']);
  });

  test.each([
    [Buffer.from('00000001750\0'), 1000],
    [Buffer.from([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x00]), 256],
    [Buffer.from('\0\0\0'), 0],
  ])('tarNumber %j → %d', (b, n) => {
    expect(tarNumber(b)).toBe(n);
  });

  test('paxRecords reads key=value records', () => {
    expect(paxRecords(Buffer.from('16 path=a/b/c.d\n20 linkpath=/x/y/zz\n'))).toEqual({
      path: 'a/b/c.d',
      linkpath: '/x/y/zz',
    });
  });
});

describe('mergeLayers', () => {
  const ELF = Buffer.from('7f454c46', 'hex');
  test.each([
    ['a file in the top layer', [[{ path: 'app', content: ELF }]], '/app', '/app'],
    [
      'an absolute symlink',
      [
        [
          { path: 'bin/busybox', content: ELF },
          { path: 'bin/sh', type: 'symlink', linkname: '/bin/busybox' },
        ],
      ],
      '/bin/sh',
      '/bin/busybox',
    ],
    [
      'a relative symlink in a parent dir',
      [
        [
          { path: 'usr/lib/go/bin/go', content: ELF },
          { path: 'usr/bin/go', type: 'symlink', linkname: '../lib/go/bin/go' },
        ],
      ],
      '/usr/bin/go',
      '/usr/lib/go/bin/go',
    ],
    [
      'a symlinked directory',
      [
        [
          { path: 'opt/v1/app', content: ELF },
          { path: 'app', type: 'symlink', linkname: 'opt/v1' },
        ],
      ],
      '/app/app',
      '/opt/v1/app',
    ],
    [
      'a hard link',
      [
        [
          { path: 'bin/busybox', content: ELF },
          { path: 'bin/sh', type: 'hardlink', linkname: 'bin/busybox' },
        ],
      ],
      '/bin/sh',
      '/bin/sh',
    ],
    [
      'a file replaced in an upper layer',
      [[{ path: 'app', content: 'old' }], [{ path: 'app', content: ELF }]],
      '/app',
      '/app',
    ],
    [
      'a whiteout removes a lower file',
      [[{ path: 'app', content: ELF }], [{ path: '.wh.app' }]],
      '/app',
      undefined,
    ],
    [
      'an opaque dir hides lower content',
      [[{ path: 'd/app', content: ELF }], [{ path: 'd/.wh..wh..opq' }]],
      '/d/app',
      undefined,
    ],
    [
      'an opaque dir keeps its own layer',
      [[{ path: 'd/old', content: ELF }], [{ path: 'd/.wh..wh..opq' }, { path: 'd/app', content: ELF }]],
      '/d/app',
      '/d/app',
    ],
    [
      'a symlink loop',
      [
        [
          { path: 'a', type: 'symlink', linkname: 'b' },
          { path: 'b', type: 'symlink', linkname: 'a' },
        ],
      ],
      '/a',
      undefined,
    ],
    ['a directory is not a file', [[{ path: 'app', type: 'dir' }]], '/app', undefined],
  ] as [string, TarSpec[][], string, string | undefined][])('%s', async (_name, layers, path, want) => {
    const fs = mergeLayers(await Promise.all(layers.map(layer)));
    expect(fs.file(path)?.target).toBe(want);
  });
});
