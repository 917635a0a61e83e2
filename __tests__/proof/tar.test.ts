/** The tar reader against hostile layers (#19): bounded headers, data skipped as it streams, normalised names. */
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { layerEntries } from '../../src/proof/layout-images.js';
import { mergeLayers } from '../../src/proof/rootfs.js';
import { Budget, LIMITS } from '../../src/proof/budget.js';
import { entryPath, MAX_SPECIAL, readTar, WHOLE_LIMIT, type TarEntry } from '../../src/proof/tar.js';
import {
  PLAIN,
  checksummed,
  chunked,
  header,
  lazyLayer,
  manyEntries,
  MiB,
  pad,
  tar,
  type TarFormat,
} from '../fixtures/tar.js';
import { gzipSync } from 'node:zlib';

const GiB = 1 << 30;
const RSS_LIMIT = 300 * MiB;

/**
 * How far RSS rose above where it stood while `run` ran, sampled on a timer and by `sample` (the lazy layer calls it
 * per chunk). The growth, not the level: test files before this one in the same worker leave memory the collector has
 * not handed back yet (the 560-case tag differential, for one), which says nothing about the reader.
 */
async function withRss<T>(run: (sample: () => void) => Promise<T>): Promise<{ result: T; peak: number }> {
  const base = process.memoryUsage.rss();
  let top = base;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    top = Math.max(top, rss);
    // stops a reader that buffers, before it takes the machine with it
    if (rss - base > RSS_LIMIT)
      throw new Error(`RSS grew ${Math.round((rss - base) / MiB)} MB, over ${RSS_LIMIT / MiB} MB`);
  };
  const timer = setInterval(() => {
    top = Math.max(top, process.memoryUsage.rss());
  }, 2);
  try {
    const result = await run(sample);
    return { result, peak: Math.max(top, process.memoryUsage.rss()) - base };
  } finally {
    clearInterval(timer);
  }
}

/** A pax record, `<len> key=value\n`, its length counting its own digits. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  const bytes = (s: string) => Buffer.byteLength(s);
  let len = bytes(rest) + 1;
  while (bytes(`${len}${rest}`) !== len) len = bytes(`${len}${rest}`);
  return `${len}${rest}`;
}

const gnu = (flag: 'L' | 'K', text: string) => {
  const body = Buffer.from(`${text}\0`);
  return [header('././@LongLink', body.length, flag), pad(body)];
};

const summary = (es: TarEntry[]) => es.map((e) => [e.path, e.type, e.linkname, e.head.toString()]);

describe('special headers are bounded at 1 MiB, as Go archive/tar', () => {
  test.each([
    ['x', GiB, 'pax header of 1073741824 bytes is over the 1 MiB limit'],
    ['g', GiB, 'pax global header of 1073741824 bytes is over the 1 MiB limit'],
    ['L', GiB, 'GNU long name of 1073741824 bytes is over the 1 MiB limit'],
    ['K', GiB, 'GNU long link name of 1073741824 bytes is over the 1 MiB limit'],
    ['x', MAX_SPECIAL + 1, 'pax header of 1048577 bytes is over the 1 MiB limit'],
  ])(
    'a gzip layer declaring a %s header of %d bytes fails at the header, in bounded memory',
    async (flag, size, message) => {
      const t0 = performance.now();
      // the layer really is as long as it says: a reader that buffered the header would have to hold all of it
      const { result, peak } = await withRss(async (sample) => {
        const layer = lazyLayer(header('PaxHeader', size, flag), blockAlign(size) + 1024, sample);
        const src = Readable.from(layer.chunks);
        const gz = src.pipe(createGzip({ level: 1 }));
        src.once('error', (e) => gz.destroy(e));
        const err = await layerEntries(gz, true).catch((e: unknown) => e);
        return { err, produced: layer.stats.produced };
      });
      const ms = performance.now() - t0;
      expect(result.err).toBeInstanceOf(Error);
      expect((result.err as Error).message).toBe(message);
      // pipeline read-ahead only: the reader stopped at the header
      expect(result.produced).toBeLessThan(16 * MiB);
      expect(ms).toBeLessThan(2000);
      expect(peak).toBeLessThan(RSS_LIMIT);
    },
  );

  test('a pax header of exactly 1 MiB is read', async () => {
    const path = `usr/${'p'.repeat(150)}/app`;
    const rec = paxRecord('path', path);
    let fill = paxRecord('comment', 'c'.repeat(MAX_SPECIAL - rec.length - 20));
    fill = paxRecord(
      'comment',
      'c'.repeat(MAX_SPECIAL - rec.length - 20 - (fill.length + rec.length - MAX_SPECIAL)),
    );
    const body = Buffer.from(rec + fill);
    expect(body.length).toBe(MAX_SPECIAL);
    const archive = Buffer.concat([
      header('PaxHeader', body.length, 'x'),
      pad(body),
      header('short', 2, '0'),
      pad(Buffer.from('hi')),
      Buffer.alloc(1024),
    ]);
    expect(summary(await readTar(chunked(archive, 4096)))).toEqual([[path, 'file', '', 'hi']]);
  });

  test('GNU long names and long link names are read', async () => {
    const long = `opt/${'n'.repeat(200)}/app`;
    const archive = Buffer.concat([
      ...gnu('L', long),
      header(long.slice(0, 100), 2, '0'),
      pad(Buffer.from('hi')),
      ...gnu('L', `${long}-link`),
      ...gnu('K', `./${long}`),
      header('x', 0, '1', 'x'),
      Buffer.alloc(1024),
    ]);
    expect(summary(await readTar(chunked(archive, 333)))).toEqual([
      [long, 'file', '', 'hi'],
      [`${long}-link`, 'hardlink', long, ''],
    ]);
  });
});

describe('data is skipped as it streams', () => {
  test('a 256 MiB file keeps its first 64 bytes and RSS stays bounded', async () => {
    const size = 256 * MiB;
    const { result, peak } = await withRss(async (sample) => {
      const layer = lazyLayer(header('big', size, '0'), 512 + size + 1024, sample);
      return readTar(layer.chunks);
    });
    expect(result.map((e) => [e.path, e.head.length])).toEqual([['big', 64]]);
    expect(peak).toBeLessThan(RSS_LIMIT);
  });

  test('headers split into 1-byte chunks read the same as whole', async () => {
    const archive = tar([
      { path: './bin/busybox', content: Buffer.alloc(700, 0x41) },
      { path: `usr/${'y'.repeat(120)}/app`, content: 'hi' },
      { path: 'bin/sh', type: 'symlink', linkname: 'busybox' },
    ]);
    expect(summary(await readTar(chunked(archive, 1)))).toEqual(
      summary(await readTar(chunked(archive, 1 << 16))),
    );
  });

  test('a pax size is the entry size (what follows is its data, not headers), as Go and the runtime read it', async () => {
    const pax = Buffer.from(paxRecord('size', '1024'));
    const inner = Buffer.concat([header('evil', 0, '0'), Buffer.alloc(512)]);
    const archive = Buffer.concat([
      header('PaxHeader', pax.length, 'x'),
      pad(pax),
      header('big', 0, '0'),
      inner,
      Buffer.alloc(1024),
    ]);
    expect((await readTar(chunked(archive))).map((e) => [e.path, e.head.length])).toEqual([['big', 64]]);
  });

  test.each([
    [
      'a stream ending inside a file',
      tar([{ path: 'app', content: 'x'.repeat(600) }]).subarray(0, 900),
      /inside "app"/,
    ],
    [
      'a stream ending inside a header',
      tar([{ path: 'app', content: 'x' }]).subarray(0, 300),
      /inside a header/,
    ],
    [
      'a size that is not a number',
      Buffer.concat([checksummed(header('app', 0, '0').fill('z', 124, 135)), Buffer.alloc(1024)]),
      'tar header of "app" has an invalid size',
    ],
    [
      'a pax size that is not a number',
      Buffer.concat([
        header('PaxHeader', paxRecord('size', '-1').length, 'x'),
        pad(Buffer.from(paxRecord('size', '-1'))),
        header('app', 0, '0'),
        Buffer.alloc(1024),
      ]),
      'tar header of "app" has an invalid size',
    ],
  ])('%s is an error', async (_n, archive, message) => {
    await expect(readTar(chunked(archive))).rejects.toThrow(message);
  });
});

describe('names are normalised; entries escaping the root are dropped', () => {
  test.each([
    ['./usr/bin/app', 'usr/bin/app'],
    ['/usr/bin/app', 'usr/bin/app'],
    ['.//./usr//bin/./app', 'usr/bin/app'],
    ['usr/x/../bin/app', 'usr/bin/app'],
    ['usr/bin/', 'usr/bin'],
    ['./', ''],
    ['.', ''],
    ['a/..', ''],
    ['..foo/bar', '..foo/bar'],
    ['usr/.wh..wh..opq', 'usr/.wh..wh..opq'],
    ['..', undefined],
    ['../etc/passwd', undefined],
    ['usr/../../etc/passwd', undefined],
    ['/../etc/passwd', undefined],
    ['./../x', undefined],
  ])('%j → %j', (name, want) => {
    expect(entryPath(name)).toBe(want);
  });

  test('readTar drops escaping entries and hard links, normalises hard link targets, keeps symlinks as written', async () => {
    const got = await readTar(
      chunked(
        tar([
          { path: '../evil', content: 'x' },
          { path: 'usr/../../etc/evil', content: 'x' },
          { path: 'ok/../app', content: 'hi' },
          { path: 'h', type: 'hardlink', linkname: '../../etc/shadow' },
          { path: 'h2', type: 'hardlink', linkname: './usr/x/../bin/app' },
          { path: 's', type: 'symlink', linkname: '../lib/x' },
        ]),
      ),
    );
    expect(summary(got)).toEqual([
      ['app', 'file', '', 'hi'],
      ['h2', 'hardlink', 'usr/bin/app', ''],
      ['s', 'symlink', '../lib/x', ''],
    ]);
  });
});

/** An entry whose name (and link target) come in a pax header. */
function paxEntry(path: string, flag = '0', linkpath?: string): Buffer[] {
  const body = Buffer.from(
    paxRecord('path', path) + (linkpath === undefined ? '' : paxRecord('linkpath', linkpath)),
  );
  return [header('PaxHeader', body.length, 'x'), pad(body), header('x', 0, flag)];
}

describe('many capped headers do not add up (an image-wide budget)', () => {
  test('four entries with 1 MiB pax paths (a 4 kB gzip layer) are refused at the first, fast and in bounded memory', async () => {
    const deep = 'a/'.repeat(MAX_SPECIAL / 2 - 20) + 'a';
    const layer = gzipSync(
      Buffer.concat([...[1, 2, 3, 4].flatMap(() => paxEntry(deep)), Buffer.alloc(1024)]),
    );
    expect(layer.length).toBeLessThan(8 * 1024);
    const t0 = performance.now();
    const { result, peak } = await withRss(async () => {
      const budget = new Budget('layers of linux/arm64');
      const entries = await layerEntries(chunked(layer, 512), true, budget).catch((e: unknown) => e as Error);
      return entries;
    });
    const ms = performance.now() - t0;
    expect((result as Error).message).toBe(
      `a tar entry name of ${deep.length} bytes is over PATH_MAX (4096); not read`,
    );
    expect(ms).toBeLessThan(1000);
    expect(peak).toBeLessThan(RSS_LIMIT);
    console.log(`4 x 1 MiB pax paths: refused in ${ms.toFixed(0)} ms, peak RSS ${Math.round(peak / MiB)} MB`);
  });

  test.each([
    ['a name of 4096 bytes', paxEntry('n'.repeat(4096)), undefined],
    [
      'a name of 4097 bytes',
      paxEntry('n'.repeat(4097)),
      'a tar entry name of 4097 bytes is over PATH_MAX (4096); not read',
    ],
    [
      'a name of 4097 bytes in é (2 bytes each)',
      paxEntry('é'.repeat(2049)),
      'a tar entry name of 4098 bytes is over PATH_MAX (4096); not read',
    ],
    [
      'a GNU long name of 4097 bytes',
      [...gnu('L', 'n'.repeat(4097)), header('x', 0, '0')],
      'a tar entry name of 4097 bytes is over PATH_MAX (4096); not read',
    ],
    [
      'a symlink target of 4097 bytes',
      paxEntry('s', '2', 't'.repeat(4097)),
      'a tar entry link target of 4097 bytes is over PATH_MAX (4096); not read',
    ],
    [
      'a hard link target of 4097 bytes',
      paxEntry('h', '1', 't'.repeat(4097)),
      'a tar entry link target of 4097 bytes is over PATH_MAX (4096); not read',
    ],
  ] as [string, Buffer[], string | undefined][])('%s', async (_n, parts, message) => {
    const read = readTar(chunked(Buffer.concat([...parts, Buffer.alloc(1024)]), 4096));
    if (message === undefined) expect((await read).length).toBe(1);
    else await expect(read).rejects.toThrow(message);
  });

  test('a layer streaming 1.1M tiny entries stops at the entry budget, in bounded memory', async () => {
    const t0 = performance.now();
    const { result, peak } = await withRss(async (sample) => {
      const layer = manyEntries(1_100_000, sample);
      const err = await readTar(layer.chunks, { budget: new Budget('layers of linux/arm64') }).catch(
        (e: unknown) => e as Error,
      );
      return { err, produced: layer.stats.produced };
    });
    const ms = performance.now() - t0;
    expect((result.err as Error).message).toBe(
      'layers of linux/arm64 hold more than 1000000 entries; not read',
    );
    expect(result.produced).toBeLessThan(1_000_200 * 512);
    expect(peak).toBeLessThan(RSS_LIMIT);
    console.log(`1.1M entries: refused in ${ms.toFixed(0)} ms, peak RSS ${Math.round(peak / MiB)} MB`);
  }, 30_000);

  test('the budget is shared by the layers of an image: each fits, together they do not', async () => {
    const limits = { ...LIMITS, entries: 10 };
    const six = tar(Array.from({ length: 6 }, (_, i) => ({ path: `f${i}` })));
    const budget = new Budget('layers of linux/arm64', limits);
    expect(await readTar(chunked(six), { budget })).toHaveLength(6);
    expect(await readTar(chunked(six), { budget: new Budget('x', limits) })).toHaveLength(6);
    await expect(readTar(chunked(six), { budget })).rejects.toThrow(
      'layers of linux/arm64 hold more than 10 entries; not read',
    );
  });

  test('64 MiB of kept names across layers is the bound', async () => {
    // 4000-byte names: 9000 of them are 36 MB a layer; the second layer takes the image over 64 MiB
    const name = (i: number) => `${i}/`.padEnd(4000, 'n');
    const layer = (from: number) =>
      Buffer.concat([
        ...Array.from({ length: 9000 }, (_, i) => paxEntry(name(from + i))).flat(),
        Buffer.alloc(1024),
      ]);
    const budget = new Budget('layers of linux/arm64');
    expect(await readTar(chunked(layer(0), 1 << 16), { budget })).toHaveLength(9000);
    await expect(readTar(chunked(layer(9000), 1 << 16), { budget })).rejects.toThrow(
      'layers of linux/arm64 hold more than 64 MiB of names and file heads; not read',
    );
  });

  test.each([
    [
      'tree nodes',
      { nodes: 1000 },
      [
        Array.from({ length: 10 }, (_, i): TarEntry => ({
          path: `${i}/${'a/'.repeat(200)}f`,
          type: 'file',
          linkname: '',
          head: Buffer.alloc(0),
          ...PLAIN,
        })),
      ],
      'layers of linux/arm64 hold more than 1000 paths; not read',
    ],
    [
      'walk steps through symlinks',
      { steps: 10_000 },
      [
        [
          ...Array.from({ length: 40 }, (_, i): TarEntry => ({
            path: `l${i}`,
            type: 'symlink',
            linkname: `${'./'.repeat(100)}l${i + 1}`,
            head: Buffer.alloc(0),
            ...PLAIN,
          })),
          ...Array.from({ length: 100 }, (_, i): TarEntry => ({
            path: `l0/f${i}`,
            type: 'file',
            linkname: '',
            head: Buffer.alloc(0),
            ...PLAIN,
          })),
        ],
      ],
      'layers of linux/arm64 have symlinks that take more than 10000 steps to resolve; not read',
    ],
  ] as [string, Partial<typeof LIMITS>, TarEntry[][], string][])(
    'the merge counts %s in the budget',
    (_n, limits, layers, message) => {
      expect(() =>
        mergeLayers(layers, new Budget('layers of linux/arm64', { ...LIMITS, ...limits })),
      ).toThrow(message);
    },
  );
});

describe('the archive ends where Go archive/tar (containerd) ends it', () => {
  const app = (content: string) => [header('usr/bin/app', content.length, '0'), pad(Buffer.from(content))];
  test.each([
    [
      'an entry after two zero blocks is not read',
      [...app('WRONG'), Buffer.alloc(1024), ...app('RIGHT'), Buffer.alloc(1024)],
      [['usr/bin/app', 'WRONG']],
    ],
    [
      'garbage after two zero blocks is not read',
      [...app('WRONG'), Buffer.alloc(1024), Buffer.alloc(700, 0x41)],
      [['usr/bin/app', 'WRONG']],
    ],
    [
      'a stream ending after one zero block',
      [...app('WRONG'), Buffer.alloc(512)],
      [['usr/bin/app', 'WRONG']],
    ],
    ['a stream ending with no zero block', [...app('WRONG')], [['usr/bin/app', 'WRONG']]],
    [
      'an entry after one zero block',
      [...app('WRONG'), Buffer.alloc(512), ...app('RIGHT'), Buffer.alloc(1024)],
      'invalid tar header after a zero block',
    ],
    [
      'a header with a bad checksum',
      [header('usr/bin/app', 0, '0').fill('z', 0, 3), Buffer.alloc(1024)],
      'tar header of "zzz/bin/app" has a bad checksum',
    ],
    [
      'a header with a checksum that is not octal',
      [header('app', 0, '0').fill('9', 148, 150), Buffer.alloc(1024)],
      'tar header of "app" has a bad checksum',
    ],
    [
      'a header checksummed with signed bytes (old tars), as Go accepts',
      [signed(header('caf\u00e9', 0, '0')), Buffer.alloc(1024)],
      [['caf\u00e9', '']],
    ],
  ] as [string, Buffer[], string[][] | string][])('%s', async (_n, parts, want) => {
    const read = readTar(chunked(Buffer.concat(parts), 200));
    if (typeof want === 'string') await expect(read).rejects.toThrow(want);
    else expect((await read).map((e) => [e.path, e.head.toString()])).toEqual(want);
  });

  test('the stream is read to its end after the archive ends (so the layer digest is still checked)', async () => {
    const { chunks, stats } = lazyLayer(Buffer.concat([...app('WRONG'), Buffer.alloc(1024)]), 8 * MiB);
    expect((await readTar(chunks)).map((e) => e.path)).toEqual(['usr/bin/app']);
    expect(stats.produced).toBe(8 * MiB);
  });
});

describe('a prefix field only where Go archive/tar reads one', () => {
  test.each([
    ['POSIX ustar: a 155-byte prefix', 'ustar', 'zz', 'zz/usr/bin/app'],
    ['GNU: atime and ctime, not a prefix', 'gnu', 'zz', 'usr/bin/app'],
    ['GNU with real times', 'gnu', '14733241515\u000014733241515\u0000', 'usr/bin/app'],
    ['v7: no prefix', 'v7', 'zz', 'usr/bin/app'],
    [
      'star: a 131-byte prefix, then atime',
      'star',
      `${'p'.repeat(131)}14733241515`,
      `${'p'.repeat(131)}/usr/bin/app`,
    ],
  ] as [string, TarFormat, string, string][])('%s', async (_n, format, tail, want) => {
    const archive = Buffer.concat([header('usr/bin/app', 0, '0', '', format, tail), Buffer.alloc(1024)]);
    expect((await readTar(chunked(archive))).map((e) => e.path)).toEqual([want]);
  });
});

/** The header's checksum as the sum of signed bytes (what old tars wrote for bytes over 0x7f). */
function signed(h: Buffer): Buffer {
  h.write('        ', 148);
  let sum = 0;
  for (const b of h) sum += b < 128 ? b : b - 256;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

function blockAlign(n: number): number {
  return Math.ceil(n / 512) * 512;
}

describe('what the structure tests read: mode, owner, size, and whole files when asked', () => {
  const layer = () =>
    tar([
      { path: 'usr/bin/app', content: Buffer.alloc(300, 1), mode: 0o4755, uid: 0, gid: 0 },
      { path: 'home/app', type: 'dir', mode: 0o750, uid: 65532, gid: 65532 },
      // ids over the header field's 7 octal digits come in pax records (as Go writes them)
      { path: 'data/big', content: 'x', uid: 1, gid: 1, pax: { uid: '3000000', gid: '3000001' } },
      { path: 'etc/app/config.yaml', content: 'a'.repeat(200) },
      { path: 'srv/config.yaml', content: 'b'.repeat(200) },
      { path: 'etc/other.yaml', content: 'c'.repeat(200) },
    ]);

  test('every entry carries its permission bits (setuid kept), uid, gid and size', async () => {
    const got = await readTar(chunked(layer(), 77));
    expect(got.map((e) => [e.path, e.mode.toString(8), e.uid, e.gid, e.size])).toEqual([
      ['usr/bin/app', '4755', 0, 0, 300],
      ['home/app', '750', 65532, 65532, 0],
      ['data/big', '644', 3000000, 3000001, 1],
      ['etc/app/config.yaml', '644', 0, 0, 200],
      ['srv/config.yaml', '644', 0, 0, 200],
      ['etc/other.yaml', '644', 0, 0, 200],
    ]);
    expect(got.map((e) => e.head.length)).toEqual([64, 0, 1, 64, 64, 64]);
  });

  test('files named in `whole` (by base name, wherever they are) are kept whole, the rest only their head', async () => {
    const got = await readTar(chunked(layer(), 77), { whole: new Set(['config.yaml']) });
    expect(got.map((e) => [e.path, e.head.length])).toEqual([
      ['usr/bin/app', 64],
      ['home/app', 0],
      ['data/big', 1],
      ['etc/app/config.yaml', 200],
      ['srv/config.yaml', 200],
      ['etc/other.yaml', 64],
    ]);
  });

  test('a whole file is bounded at WHOLE_LIMIT, and what it keeps counts against the image budget', async () => {
    const big = tar([{ path: 'etc/huge.conf', content: Buffer.alloc(WHOLE_LIMIT + 10, 7) }]);
    const budget = new Budget();
    const [e] = await readTar(chunked(big, 1 << 20), { whole: new Set(['huge.conf']), budget });
    expect([e?.head.length, e?.size]).toEqual([WHOLE_LIMIT, WHOLE_LIMIT + 10]);
    expect(budget.kept).toBeGreaterThanOrEqual(WHOLE_LIMIT);
    const small = new Budget('layers of linux/arm64', { ...LIMITS, kept: 1 << 20 });
    await expect(
      readTar(chunked(big, 1 << 20), { whole: new Set(['huge.conf']), budget: small }),
    ).rejects.toThrow(/^layers of linux\/arm64 hold more than 1 MiB of names and file heads; not read$/);
  });
});
