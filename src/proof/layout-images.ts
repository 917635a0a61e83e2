/**
 * The platform images of an OCI layout (src/registry/layout.ts), with their layers read lazily for the proof.
 * Nothing read here is believed before it is hashed against its digest (#19): the config blob before it is parsed,
 * each layer as it streams (a layer that does not match fails the proof, whatever its tar said).
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { BODY_LIMITS } from '../registry/body.js';
import { hashOf } from '../registry/digest.js';
import { objectOf, objectsOf, stringOf } from '../json.js';
import { platformImages, type ImageTree, type ManifestNode } from '../registry/layout.js';
import { runConfigOf, type PlatformImage } from './arch.js';
import { mergeLayers, type RootFs } from './rootfs.js';
import { Budget } from './budget.js';
import { readTar, type TarEntry } from './tar.js';

const GUNZIP_CHUNK = 256 << 10;

/** The most a config blob may hold (configs are a few KiB; tens for a large image's history and env). */
export const MAX_CONFIG = BODY_LIMITS.config;

interface BlobRef {
  digest: string;
  mediaType: string;
  /** 0 when the descriptor does not say */
  size: number;
}

function blobOf(d: unknown): BlobRef {
  const o = objectOf(d);
  const size = Number(o.size ?? 0);
  return {
    digest: stringOf(o.digest),
    mediaType: stringOf(o.mediaType),
    size: Number.isSafeInteger(size) && size > 0 ? size : 0,
  };
}

/**
 * Where blob bytes come from: the build's layout on disk, or the registry the image was pushed to
 * (src/registry/blob.ts). The chunks are not believed as they come: the readers below hash and bound them.
 */
export interface BlobSource {
  chunks(d: BlobRef): AsyncIterable<Buffer>;
}

/** The blobs of an OCI layout on disk. */
export const layoutSource = (tree: Pick<ImageTree, 'path'>): BlobSource => ({
  chunks: (d) => createReadStream(tree.path(d.digest)) as AsyncIterable<Buffer>,
});

/** The config blob's bytes (at most its descriptor's size, and MAX_CONFIG), once they match its digest. */
async function readConfig(source: BlobSource, d: BlobRef): Promise<Buffer> {
  const { hash, hex } = hashOf(d.digest);
  const limit = Math.min(d.size || MAX_CONFIG, MAX_CONFIG);
  if (d.size > MAX_CONFIG) throw new Error(`config ${d.digest} of ${d.size} bytes is over the 4 MiB limit`);
  const chunks: Buffer[] = [];
  let got = 0;
  // one byte more than allowed tells an oversized blob from one that fits; the rest is never read
  for await (const chunk of source.chunks(d)) {
    chunks.push(chunk);
    got += chunk.length;
    if (got > limit) throw new Error(`config ${d.digest} is larger than ${limit} bytes`);
  }
  const bytes = Buffer.concat(chunks, got);
  if (hash.update(bytes).digest('hex') !== hex)
    throw new Error(`config ${d.digest} does not match its digest`);
  return bytes;
}

/** The blob's chunks, hashed as they go by; throws at the end when they do not make the digest. */
async function* verified(source: BlobSource, d: BlobRef): AsyncGenerator<Buffer> {
  const { hash, hex } = hashOf(d.digest);
  let read = 0;
  for await (const chunk of source.chunks(d)) {
    read += chunk.length;
    if (d.size > 0 && read > d.size)
      throw new Error(`layer ${d.digest} is larger than its descriptor's ${d.size} bytes`);
    hash.update(chunk);
    yield chunk;
  }
  if (hash.digest('hex') !== hex) throw new Error(`layer ${d.digest} does not match its digest`);
}

/**
 * The entries of a layer's bytes, gunzipped when `gzip`. Streams: nothing is kept but what readTar keeps (counted in
 * `budget`, shared by the image's layers). readTar reads to the end of the stream even past the archive's end, so
 * an error from `bytes` (its digest, checked at its end) or from gunzip ends the read with that error; an error of
 * the reader stops the stream.
 */
export async function layerEntries(
  bytes: AsyncIterable<Buffer>,
  gzip: boolean,
  budget = new Budget(),
  whole?: ReadonlySet<string>,
): Promise<TarEntry[]> {
  const opts = { budget, ...(whole ? { whole } : {}) };
  if (!gzip) return readTar(bytes, opts);
  // by hand, not stream.pipeline: pipeline reports a reader's own error as "The operation was aborted"
  const source = Readable.from(bytes);
  // 256 KiB output chunks, not zlib's 16 KiB: a fifth as many callbacks (a 1 MB layer gunzips in ~60% of the time)
  const tar = source.pipe(createGunzip({ chunkSize: GUNZIP_CHUNK }));
  source.once('error', (err) => tar.destroy(err));
  try {
    return await readTar(tar, opts);
  } finally {
    source.destroy();
  }
}

async function layerAt(
  source: BlobSource,
  d: BlobRef,
  budget: Budget,
  whole?: ReadonlySet<string>,
): Promise<TarEntry[]> {
  if (/zstd/.test(d.mediaType))
    throw new Error(`zstd layers cannot be read by Node ${process.versions.node}; use gzip`);
  return layerEntries(verified(source, d), /gzip/.test(d.mediaType), budget, whole);
}

const layersOf = (m: ManifestNode) =>
  objectsOf(objectOf(JSON.parse(m.bytes.toString('utf8'))).layers).map(blobOf);

/**
 * The whole file system of one platform image, every layer read (hashed, bounded by one Budget), with the files
 * named in `whole` (by base name) kept whole up to WHOLE_LIMIT: what a structure file's file tests look at.
 */
async function imageFiles(source: BlobSource, m: ManifestNode, whole: ReadonlySet<string>): Promise<RootFs> {
  const budget = new Budget(`layers of ${m.platform}`);
  const layers = await Promise.all(layersOf(m).map((d) => layerAt(source, d, budget, whole)));
  return mergeLayers(layers, budget);
}

/**
 * One platform image whose layers are read top first, each once, only as far as the proof asks (`rootfs(top)`): the
 * entrypoint of a typical image is in its top layer, and a 150 MB data layer below it is then never fetched.
 */
export function platformImage(
  source: BlobSource,
  m: ManifestNode,
  config: unknown,
  /** files (base names) kept whole as the layers are read: what structure content tests read */
  whole?: ReadonlySet<string>,
): PlatformImage {
  const layers = layersOf(m).reverse();
  // one budget for all the layers read: each is bounded, but many bounded layers add up (#19)
  const budget = new Budget(`layers of ${m.platform}`);
  const read: Promise<TarEntry[]>[] = [];
  const entries = (i: number) => (read[i] ??= layerAt(source, layers[i] as BlobRef, budget, whole));
  return {
    platform: m.platform,
    config: runConfigOf(config),
    layers: layers.length,
    rootfs: async (top = layers.length) => {
      const upper = await Promise.all(layers.slice(0, top).map((_, i) => entries(i)));
      // the merge's own count (nodes, steps) starts again for each prefix; what was read stays counted
      return mergeLayers(upper.reverse(), new Budget(`layers of ${m.platform}`));
    },
  };
}

/** Each platform image's whole file system (imageFiles), by platform: what the structure file tests read. */
export function treeFiles(
  tree: Pick<ImageTree, 'root' | 'children'>,
  source: BlobSource,
): (platform: string, whole: ReadonlySet<string>) => Promise<RootFs> {
  const images = platformImages(tree);
  return async (platform, whole) => {
    const m = images.find((x) => x.platform === platform);
    if (!m) throw new Error(`the index has no ${platform} image`);
    return imageFiles(source, m, whole);
  };
}

/** Every platform image of the tree (attestations are not images), its blobs read from `source`. */
export async function layoutImages(
  tree: ImageTree,
  source: BlobSource = layoutSource(tree),
  whole?: ReadonlySet<string>,
): Promise<PlatformImage[]> {
  const images = platformImages(tree);
  return Promise.all(
    images.map(async (m) => {
      const config = blobOf(objectOf(JSON.parse(m.bytes.toString('utf8'))).config);
      const bytes = m.config ?? (await readConfig(source, config));
      let doc: unknown;
      try {
        doc = JSON.parse(bytes.toString('utf8'));
      } catch {
        throw new Error(`config ${config.digest} is not JSON`);
      }
      return platformImage(source, m, doc, whole);
    }),
  );
}
