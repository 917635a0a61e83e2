/** The proof believes a layout's config and layers only once they match their digests (#19). */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { proveOne, verifyArch } from '../../src/proof/arch.js';
import { layoutImages, MAX_CONFIG } from '../../src/proof/layout-images.js';
import { blobPath, type ImageTree } from '../../src/registry/layout.js';
import { ELF } from '../fixtures/layout.js';
import { header, MiB, tar, tgz } from '../fixtures/tar.js';
import { tempDir } from '../../scripts/temp.mjs';

const GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
const digestOf = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const configOf = (arch: string) =>
  Buffer.from(JSON.stringify({ architecture: arch, os: 'linux', config: { Entrypoint: ['/app'] } }));

interface Blob {
  /** what the manifest says */
  bytes: Buffer;
  mediaType?: string;
  /** what the file holds instead (default: bytes) */
  file?: Buffer;
  /** the descriptor's size (default: the length of bytes) */
  size?: number;
  digest?: string;
}

/** A one-image layout for linux/arm64 whose manifest names `config` and `layers`, written as their `file`s. */
function treeOf(config: Blob, layers: Blob[]): ImageTree {
  const dir = tempDir('crossbuild-proof-layout-');
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const put = (b: Blob, mediaType: string) => {
    const digest = b.digest ?? digestOf(b.bytes);
    if (/^sha256:[0-9a-f]{64}$/.test(digest)) writeFileSync(blobPath(dir, digest), b.file ?? b.bytes);
    return { mediaType: b.mediaType ?? mediaType, digest, size: b.size ?? b.bytes.length };
  };
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: put(config, 'application/vnd.oci.image.config.v1+json'),
      layers: layers.map((l) => put(l, GZIP)),
    }),
  );
  const root = {
    digest: digestOf(bytes),
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: bytes.length,
    bytes,
    isIndex: false,
    platform: 'linux/arm64',
    attestation: false,
  };
  return { root, children: [], blobs: [], path: (d) => blobPath(dir, d) };
}

const good = { bytes: tgz([{ path: 'app', content: ELF.arm64 }]) };
const wrong = { bytes: tgz([{ path: 'app', content: ELF.amd64 }]) };

describe('layers are hashed as they stream', () => {
  test('a layout whose blobs match proves', async () => {
    const rows = await verifyArch(await layoutImages(treeOf({ bytes: configOf('arm64') }, [good])), 'img');
    expect(rows.map((r) => [r.platform, r.status])).toEqual([['linux/arm64', 'ok']]);
  });

  test.each([
    [
      // the manifest names an amd64 build; the file holding its digest is a correct arm64 layer
      'a layer swapped for one that would pass',
      [{ ...wrong, file: good.bytes, size: good.bytes.length }],
      `layer ${digestOf(wrong.bytes)} does not match its digest`,
    ],
    [
      'a layer longer than its descriptor',
      [{ ...good, file: Buffer.concat([good.bytes, Buffer.alloc(10)]) }],
      `layer ${digestOf(good.bytes)} is larger than its descriptor's ${good.bytes.length} bytes`,
    ],
    [
      'a layer cut short',
      [{ ...good, file: good.bytes.subarray(0, good.bytes.length - 8) }],
      `layer ${digestOf(good.bytes)} does not match its digest`,
    ],
    [
      'one bad layer among good ones',
      [{ bytes: tgz([{ path: 'etc/x', content: 'x' }]) }, { ...good, file: wrong.bytes }],
      `layer ${digestOf(good.bytes)} does not match its digest`,
    ],
    [
      'a layer declaring a 1 GiB pax header (the digest matches: the layer is hostile, not damaged)',
      [{ bytes: gzipSync(Buffer.concat([header('PaxHeader', 1 << 30, 'x'), Buffer.alloc(64 * 1024)])) }],
      'pax header of 1073741824 bytes is over the 1 MiB limit',
    ],
    [
      'a layer changed after the end of its archive (read past the end, so still hashed to its end)',
      [
        {
          bytes: gzipSync(Buffer.concat([tar([{ path: 'app', content: ELF.arm64 }]), Buffer.alloc(4096, 1)])),
          file: gzipSync(Buffer.concat([tar([{ path: 'app', content: ELF.arm64 }]), Buffer.alloc(4096, 2)])),
        },
      ],
      `layer ${digestOf(gzipSync(Buffer.concat([tar([{ path: 'app', content: ELF.arm64 }]), Buffer.alloc(4096, 1)])))} does not match its digest`,
    ],
    [
      'a layer digest that is not a digest',
      [{ ...good, digest: 'sha256:../../etc/passwd' }],
      'digest "sha256:../../etc/passwd" is not sha256:<hex> or sha512:<hex>',
    ],
  ] as [string, Blob[], string][])('%s fails the proof row', async (_n, layers, message) => {
    const [img] = await layoutImages(treeOf({ bytes: configOf('arm64') }, layers));
    if (!img) throw new Error('no image');
    const row = await proveOne(img);
    expect([row.status, row.ok, row.note]).toEqual(['error', false, `layers could not be read: ${message}`]);
    await expect(verifyArch([img], 'img')).rejects.toThrow(message);
  });

  test('an entry after the end of the archive is not what the proof reads (the runtime does not unpack it)', async () => {
    const layer = gzipSync(
      Buffer.concat([tar([{ path: 'app', content: ELF.amd64 }]), tar([{ path: 'app', content: ELF.arm64 }])]),
    );
    const rows = await Promise.all(
      (await layoutImages(treeOf({ bytes: configOf('arm64') }, [{ bytes: layer }]))).map(proveOne),
    );
    expect(rows.map((r) => r.status)).toEqual(['mismatch']);
  });

  test('the layers of an image share one budget', async () => {
    // 4000-byte names: each layer alone is under 64 MiB of names, the two together are not
    const name = (i: number) => `${i}/`.padEnd(4000, 'n');
    const layer = (from: number) => ({
      bytes: gzipSync(tar(Array.from({ length: 9000 }, (_, i) => ({ path: name(from + i) })))),
    });
    const [img] = await layoutImages(treeOf({ bytes: configOf('arm64') }, [layer(0), layer(9000)]));
    if (!img) throw new Error('no image');
    expect((await proveOne(img)).note).toBe(
      'layers could not be read: layers of linux/arm64 hold more than 64 MiB of names and file heads; not read',
    );
  });

  test('an uncompressed layer is hashed too', async () => {
    const plain = {
      bytes: tar([{ path: 'app', content: ELF.arm64 }]),
      mediaType: 'application/vnd.oci.image.layer.v1.tar',
    };
    const rows = async (layer: Blob) =>
      Promise.all((await layoutImages(treeOf({ bytes: configOf('arm64') }, [layer]))).map(proveOne));
    expect((await rows(plain)).map((r) => r.status)).toEqual(['ok']);
    expect(
      (await rows({ ...plain, file: tar([{ path: 'app', content: ELF.amd64 }]) })).map((r) => r.note),
    ).toEqual([`layers could not be read: layer ${digestOf(plain.bytes)} does not match its digest`]);
  });
});

describe('the config is hashed (and bounded) before it is parsed', () => {
  const big = Buffer.alloc(MAX_CONFIG + 10, 0x20);
  test.each([
    [
      "another platform's config under this one's digest",
      { bytes: configOf('arm64'), file: configOf('amd64') },
      `config ${digestOf(configOf('arm64'))} does not match its digest`,
    ],
    [
      'a config longer than its descriptor',
      { bytes: configOf('arm64'), file: Buffer.concat([configOf('arm64'), Buffer.from('  ')]) },
      `config ${digestOf(configOf('arm64'))} is larger than ${configOf('arm64').length} bytes`,
    ],
    [
      'a config over 4 MiB by its descriptor',
      { bytes: configOf('arm64'), size: 5 * MiB },
      `config ${digestOf(configOf('arm64'))} of ${5 * MiB} bytes is over the 4 MiB limit`,
    ],
    [
      'a config over 4 MiB with no size in its descriptor',
      { bytes: big, size: 0 },
      `config ${digestOf(big)} is larger than ${MAX_CONFIG} bytes`,
    ],
    [
      'a config that is not JSON',
      { bytes: Buffer.from('{nope') },
      `config ${digestOf(Buffer.from('{nope'))} is not JSON`,
    ],
    [
      'a config digest that is not a digest',
      { bytes: configOf('arm64'), digest: 'md5:abc' },
      'digest "md5:abc" is not sha256:<hex> or sha512:<hex>',
    ],
  ] as [string, Blob, string][])('%s is refused', async (_n, config, message) => {
    await expect(layoutImages(treeOf(config, [good]))).rejects.toThrow(message);
  });

  test('a config with no size in its descriptor is read when it matches', async () => {
    const [img] = await layoutImages(treeOf({ bytes: configOf('arm64'), size: 0 }, [good]));
    expect(img?.config.Entrypoint).toEqual(['/app']);
  });
});

describe('layers are read top first, only as far as the proof needs', () => {
  const corrupt = { bytes: tgz([{ path: 'etc/x', content: 'x' }]), file: Buffer.from('not this layer') };

  test('the entrypoint in the top layer: the layers below are never read', async () => {
    // a lower layer that would fail its digest: reading it would fail the row
    const [img] = await layoutImages(treeOf({ bytes: configOf('arm64') }, [corrupt, good]));
    if (!img) throw new Error('no image');
    expect((await proveOne(img)).status).toBe('ok');
  });

  test('a lookup that misses above (a PATH directory earlier than the hit) reads on down', async () => {
    const config = Buffer.from(
      JSON.stringify({ architecture: 'arm64', os: 'linux', config: { Entrypoint: ['app'] } }),
    );
    // /usr/local/bin comes before /usr/bin on the default PATH: the lower layer's amd64 binary is what runs
    const lower = { bytes: tgz([{ path: 'usr/local/bin/app', content: ELF.amd64 }]) };
    const upper = { bytes: tgz([{ path: 'usr/bin/app', content: ELF.arm64 }]) };
    const [img] = await layoutImages(treeOf({ bytes: config }, [lower, upper]));
    if (!img) throw new Error('no image');
    const row = await proveOne(img);
    expect([row.status, row.path]).toEqual(['mismatch', 'usr/local/bin/app'.replace(/^/, '/')]);
  });

  test('a whiteout above hides the entrypoint below: the answer waits for every layer', async () => {
    const lower = good;
    const upper = { bytes: tgz([{ path: '.wh.app', content: '' }]) };
    const [img] = await layoutImages(treeOf({ bytes: configOf('arm64') }, [lower, upper]));
    if (!img) throw new Error('no image');
    expect((await proveOne(img)).note).toBe('/app not found or not a file');
  });
});
