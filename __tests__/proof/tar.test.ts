/** The tar reader against hostile layers (#19): bounded headers, data skipped as it streams, normalised names. */
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { layerEntries } from '../../src/proof/layout-images.js';
import { entryPath, MAX_SPECIAL, readTar, type TarEntry } from '../../src/proof/tar.js';
import { checksummed, chunked, header, lazyLayer, MiB, pad, tar } from '../fixtures/tar.js';

const GiB = 1 << 30;
const RSS_LIMIT = 300 * MiB;

/** Peak RSS while `run` runs, sampled on a timer and by `sample` (the lazy layer calls it per chunk). */
async function withRss<T>(run: (sample: () => void) => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage.rss();
  const sample = () => {
    const rss = process.memoryUsage.rss();
    peak = Math.max(peak, rss);
    // stops a reader that buffers, before it takes the machine with it
    if (rss > RSS_LIMIT) throw new Error(`RSS ${Math.round(rss / MiB)} MB is over ${RSS_LIMIT / MiB} MB`);
  };
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    return { result: await run(sample), peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

/** A pax record, `<len> key=value\n`, its length counting its own digits. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`;
  let len = rest.length + 1;
  while (`${len}${rest}`.length !== len) len = `${len}${rest}`.length;
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

function blockAlign(n: number): number {
  return Math.ceil(n / 512) * 512;
}
