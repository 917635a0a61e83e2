import { describe, expect, test } from 'vitest';
import { mergeLayers } from '../../src/proof/rootfs.js';
import type { TarEntry } from '../../src/proof/tar.js';
import { Budget } from '../../src/proof/budget.js';
import { paxRecords, readTar, tarNumber } from '../../src/proof/tar.js';
import { chunked, entry, PLAIN, tar, type TarSpec } from '../fixtures/tar.js';

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
    ['an entry escaping the root is dropped', [[{ path: '../app', content: ELF }]], '/app', undefined],
    [
      'a hard link out of the root is dropped',
      [
        [
          { path: 'etc/x', content: ELF },
          { path: 'app', type: 'hardlink', linkname: '../etc/x' },
        ],
      ],
      '/app',
      undefined,
    ],
    [
      'a whiteout of a directory removes what lower layers had below it',
      [[{ path: 'd/sub/app', content: ELF }], [{ path: 'd/.wh.sub' }]],
      '/d/sub/app',
      undefined,
    ],
    [
      'a whiteout then the same name again in its layer',
      [[{ path: 'd/app', content: 'old' }], [{ path: 'd/.wh.app' }, { path: 'd/app', content: ELF }]],
      '/d/app',
      '/d/app',
    ],
    [
      'a whiteout of "..": not a name, ignored',
      [[{ path: 'd/app', content: ELF }], [{ path: 'd/sub/.wh...' }]],
      '/d/app',
      '/d/app',
    ],
    [
      'an opaque dir keeps what its layer wrote before the marker',
      [[{ path: 'd/old', content: ELF }], [{ path: 'd/app', content: ELF }, { path: 'd/.wh..wh..opq' }]],
      '/d/app',
      '/d/app',
    ],
    [
      'an opaque dir hides lower content deep below it',
      [
        [{ path: 'd/a/b/c/app', content: ELF }],
        [{ path: 'd/a/x', content: ELF }, { path: 'd/.wh..wh..opq' }],
      ],
      '/d/a/b/c/app',
      undefined,
    ],
    [
      'an opaque marker repeated in its layer keeps what the layer wrote between',
      [
        [{ path: 'd/old', content: ELF }],
        [{ path: 'd/.wh..wh..opq' }, { path: 'd/app', content: ELF }, { path: 'd/.wh..wh..opq' }],
      ],
      '/d/app',
      '/d/app',
    ],
    [
      'an opaque dir below an opaque dir of the same layer',
      [[{ path: 'd/sub/app', content: ELF }], [{ path: 'd/.wh..wh..opq' }, { path: 'd/sub/.wh..wh..opq' }]],
      '/d/sub/app',
      undefined,
    ],
    [
      'opaque in two layers: the second hides the first',
      [
        [{ path: 'd/a', content: ELF }],
        [{ path: 'd/.wh..wh..opq' }, { path: 'd/app', content: ELF }],
        [{ path: 'd/.wh..wh..opq' }, { path: 'd/c', content: ELF }],
      ],
      '/d/app',
      undefined,
    ],
    [
      'a file in place of a lower directory hides what was below it',
      [[{ path: 'd/app', content: ELF }], [{ path: 'd', content: 'x' }]],
      '/d/app',
      undefined,
    ],
    [
      'a symlink in place of a lower directory is followed, not the old content',
      [
        [
          { path: 'd/app', content: 'old' },
          { path: 'opt/app', content: ELF },
        ],
        [{ path: 'd', type: 'symlink', linkname: '/opt' }],
      ],
      '/d/app',
      '/opt/app',
    ],
    [
      'a path through a file is not found',
      [
        [
          { path: 'd', content: 'x' },
          { path: 'd/app', content: ELF },
        ],
      ],
      '/d/app',
      undefined,
    ],
    [
      'an entry for the root itself does not replace it',
      [[{ path: 'app', content: ELF }], [{ path: './', content: 'x' }]],
      '/app',
      '/app',
    ],
    [
      'an opaque root',
      [[{ path: 'app', content: ELF }], [{ path: '.wh..wh..opq' }, { path: 'bin/sh', content: ELF }]],
      '/app',
      undefined,
    ],
  ] as [string, TarSpec[][], string, string | undefined][])('%s', async (_name, layers, path, want) => {
    const fs = mergeLayers(await Promise.all(layers.map(layer)));
    expect(fs.file(path)?.target).toBe(want);
  });
});

describe('mergeLayers reads the path the runtime runs', () => {
  const ELF = Buffer.from('7f454c46', 'hex');
  test.each([
    [
      'in one layer',
      [
        [
          { path: 'usr/bin/app', content: 'old' },
          { path: 'usr/x/../bin/app', content: ELF },
        ],
      ],
    ],
    [
      'across layers',
      [[{ path: 'usr/bin/app', content: 'old' }], [{ path: './usr/./x/../bin//app', content: ELF }]],
    ],
  ] as [string, TarSpec[][]][])('usr/x/../bin/app after usr/bin/app replaces it, %s', async (_n, layers) => {
    const fs = mergeLayers(await Promise.all(layers.map(layer)));
    expect([fs.file('/usr/bin/app')?.target, fs.file('/usr/bin/app')?.head]).toEqual(['/usr/bin/app', ELF]);
  });

  test('entries given unnormalised are normalised (and dropped when they escape) by mergeLayers too', () => {
    const e = (path: string, head: Buffer): TarEntry => ({
      path,
      type: 'file',
      linkname: '',
      head,
      ...PLAIN,
      size: head.length,
    });
    const fs = mergeLayers([
      [e('usr/bin/app', Buffer.from('old')), e('usr/x/../bin/app', ELF), e('../../app', ELF)],
    ]);
    expect([fs.file('/usr/bin/app')?.head, fs.file('/app')]).toEqual([ELF, undefined]);
  });
});

describe('whiteouts cost linear time', () => {
  const N = 20_000;
  const file = (path: string): TarEntry => entry(path);
  const lower = Array.from({ length: N }, (_, i) => file(`d${i % 100}/f${i}`));
  const timed = (layers: TarEntry[][]) => {
    const t0 = performance.now();
    const fs = mergeLayers(layers);
    return { fs, ms: performance.now() - t0 };
  };

  // before #19, a flat map scanned once per whiteout: 20k took 9.5-12 s
  test.each([
    [
      'a whiteout per file',
      Array.from({ length: N }, (_, i) => file(`d${i % 100}/.wh.f${i}`)),
      '/d1/f1',
      undefined,
    ],
    [
      'the same opaque markers again and again, new files between',
      Array.from({ length: N }, (_, i) =>
        file(i % 2 ? `d${i % 100}/.wh..wh..opq` : `d${(i + 1) % 100}/n${i}`),
      ),
      '/d1/n0',
      '/d1/n0',
    ],
    ['an opaque root, 20k times', Array.from({ length: N }, () => file('.wh..wh..opq')), '/d1/f1', undefined],
  ])('%s: 20k whiteouts over 20k files of a lower layer in well under a second', (_n, upper, path, want) => {
    const { fs, ms } = timed([lower, upper]);
    expect(fs.file('/d1/f1')).toBeUndefined();
    expect(fs.file(path)?.target).toBe(want);
    expect(ms).toBeLessThan(1000);
  });

  test('a 50k-deep path: merged and looked up in linear time, without recursion', () => {
    const deep = Array.from({ length: 50_000 }, () => 'd').join('/');
    const t0 = performance.now();
    const kept = mergeLayers([[file(`${deep}/app`)], [file(`${deep}/new`)]]);
    const gone = mergeLayers([[file(`${deep}/app`)], [file('.wh..wh..opq')]]);
    expect([kept.file(`/${deep}/app`)?.target, gone.file(`/${deep}/app`)]).toEqual([
      `/${deep}/app`,
      undefined,
    ]);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('entries are placed at their parent after symlinks, as containerd unpacks them (fs.RootPath)', () => {
  const RIGHT = Buffer.from('7f454c46 RIGHT');
  const WRONG = Buffer.from('7f454c46 WRONG');
  const usrBin: TarSpec[] = [
    { path: 'usr/bin', type: 'dir' },
    { path: 'bin', type: 'symlink', linkname: 'usr/bin' },
  ];
  test.each([
    [
      'bin -> usr/bin below; usr/bin/app then bin/app above: bin/app is the last write to /usr/bin/app',
      [
        usrBin,
        [
          { path: 'usr/bin/app', content: RIGHT },
          { path: 'bin/app', content: WRONG },
        ],
      ],
      '/usr/bin/app',
      ['/usr/bin/app', WRONG],
    ],
    [
      'the same through an absolute link',
      [
        [{ path: 'bin', type: 'symlink', linkname: '/usr/bin' }],
        [
          { path: 'usr/bin/app', content: RIGHT },
          { path: 'bin/app', content: WRONG },
        ],
      ],
      '/usr/bin/app',
      ['/usr/bin/app', WRONG],
    ],
    [
      'a link out of the root is clamped to it',
      [
        [{ path: 'bin', type: 'symlink', linkname: '../../../usr/bin' }],
        [{ path: 'bin/app', content: WRONG }],
      ],
      '/usr/bin/app',
      ['/usr/bin/app', WRONG],
    ],
    [
      'a link in the same layer, and a chain of links',
      [
        [
          { path: 'lib', type: 'symlink', linkname: 'usr/lib' },
          { path: 'usr/lib', type: 'symlink', linkname: './lib64/' },
          { path: 'lib/app', content: WRONG },
        ],
      ],
      '/usr/lib64/app',
      ['/usr/lib64/app', WRONG],
    ],
    [
      'a whiteout through a linked parent',
      [[...usrBin, { path: 'usr/bin/app', content: RIGHT }], [{ path: 'bin/.wh.app' }]],
      '/usr/bin/app',
      undefined,
    ],
    [
      'an opaque directory through a linked parent',
      [[...usrBin, { path: 'usr/bin/app', content: RIGHT }], [{ path: 'bin/.wh..wh..opq' }]],
      '/usr/bin/app',
      undefined,
    ],
    [
      'a hard link whose target is named through a linked parent',
      [
        [...usrBin, { path: 'usr/bin/real', content: RIGHT }],
        [{ path: 'app', type: 'hardlink', linkname: 'bin/real' }],
      ],
      '/app',
      ['/app', RIGHT],
    ],
    [
      'a hard link keeps the file its target was when it was unpacked',
      [
        [
          { path: 'real', content: RIGHT },
          { path: 'app', type: 'hardlink', linkname: 'real' },
        ],
        [{ path: 'real', content: WRONG }],
      ],
      '/app',
      ['/app', RIGHT],
    ],
    [
      'a hard link to nothing is not a file',
      [[{ path: 'app', type: 'hardlink', linkname: 'missing' }]],
      '/app',
      undefined,
    ],
    [
      'an entry below a symlink loop is dropped',
      [
        [
          { path: 'a', type: 'symlink', linkname: 'b' },
          { path: 'b', type: 'symlink', linkname: 'a' },
          { path: 'a/app', content: WRONG },
        ],
      ],
      '/a/app',
      undefined,
    ],
    [
      'a symlink as the entry itself is replaced, not followed',
      [
        usrBin,
        [
          { path: 'bin', type: 'dir' },
          { path: 'bin/app', content: WRONG },
        ],
      ],
      '/bin/app',
      ['/bin/app', WRONG],
    ],
  ] as [string, TarSpec[][], string, [string, Buffer] | undefined][])(
    '%s',
    async (_n, layers, path, want) => {
      const fs = mergeLayers(await Promise.all(layers.map(layer)));
      const hit = fs.file(path);
      expect(hit && [hit.target, hit.head]).toEqual(want);
    },
  );

  test('20k entries below a linked directory, each placed in linear time', () => {
    const file = (path: string): TarEntry => entry(path);
    const link: TarEntry = {
      path: 'bin',
      type: 'symlink',
      linkname: 'usr/local/../bin',
      head: Buffer.alloc(0),
      ...PLAIN,
    };
    const t0 = performance.now();
    const fs = mergeLayers([[link], Array.from({ length: 20_000 }, (_, i) => file(`bin/f${i}`))]);
    expect(fs.file('/usr/bin/f19999')?.target).toBe('/usr/bin/f19999');
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('the merge is bounded by the image budget', () => {
  test('distinct 4096-byte chains of one-child directories stop at 1M tree nodes, fast and in bounded memory', () => {
    const file = (path: string): TarEntry => entry(path);
    const chains = Array.from({ length: 600 }, (_, i) =>
      file(`${String(i).padStart(3, '0')}/${'a/'.repeat(2045)}f`),
    );
    const t0 = performance.now();
    expect(() => mergeLayers([chains], new Budget('layers of linux/arm64'))).toThrow(
      'layers of linux/arm64 hold more than 1000000 paths; not read',
    );
    const ms = performance.now() - t0;
    // RSS rarely shrinks right after: what the tree took is still counted here
    const rss = process.memoryUsage.rss();
    console.log(
      `1M-node chains: refused in ${ms.toFixed(0)} ms, RSS after ${Math.round(rss / (1 << 20))} MB`,
    );
    expect(ms).toBeLessThan(3000);
    expect(rss).toBeLessThan(300 * (1 << 20));
  });
});
