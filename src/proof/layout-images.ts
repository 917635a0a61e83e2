/**
 * The platform images of an OCI layout (src/registry/layout.ts), with their layers read lazily for the proof.
 * Nothing read here is believed before it is hashed against its digest (#19): the config blob before it is parsed,
 * each layer as it streams (a layer that does not match fails the proof, whatever its tar said).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { BODY_LIMITS } from '../registry/body.js';
import { hashOf } from '../registry/digest.js';
import { objectOf, objectsOf, stringOf } from '../json.js';
import type { ImageTree, ManifestNode } from '../registry/layout.js';
import { runConfigOf, type PlatformImage } from './arch.js';
import { mergeLayers } from './rootfs.js';
import { Budget } from './budget.js';
import { readTar, type TarEntry } from './tar.js';

/** The most a config blob may hold (configs are a few KiB; tens for a large image's history and env). */
export const MAX_CONFIG = BODY_LIMITS.config;

export interface BlobRef {
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

/** The config blob's bytes (at most its descriptor's size, and MAX_CONFIG), once they match its digest. */
export async function readConfig(path: string, d: BlobRef): Promise<Buffer> {
  const { hash, hex } = hashOf(d.digest);
  const limit = Math.min(d.size || MAX_CONFIG, MAX_CONFIG);
  if (d.size > MAX_CONFIG) throw new Error(`config ${d.digest} of ${d.size} bytes is over the 4 MiB limit`);
  const file = await open(path, 'r');
  let bytes: Buffer;
  try {
    // one byte more than allowed tells an oversized file from one that fits
    const buf = Buffer.alloc(limit + 1);
    let got = 0;
    for (;;) {
      const { bytesRead } = await file.read(buf, got, buf.length - got, null);
      if (bytesRead === 0) break;
      got += bytesRead;
      if (got === buf.length) break;
    }
    bytes = buf.subarray(0, got);
  } finally {
    await file.close();
  }
  if (bytes.length > limit) throw new Error(`config ${d.digest} is larger than ${limit} bytes`);
  if (hash.update(bytes).digest('hex') !== hex)
    throw new Error(`config ${d.digest} does not match its digest`);
  return bytes;
}

/** The file's chunks, hashed as they go by; throws at the end when they do not make the digest. */
async function* verified(path: string, d: BlobRef): AsyncGenerator<Buffer> {
  const { hash, hex } = hashOf(d.digest);
  let read = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
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
): Promise<TarEntry[]> {
  if (!gzip) return readTar(bytes, { budget });
  // by hand, not stream.pipeline: pipeline reports a reader's own error as "The operation was aborted"
  const source = Readable.from(bytes);
  const tar = source.pipe(createGunzip());
  source.once('error', (err) => tar.destroy(err));
  try {
    return await readTar(tar, { budget });
  } finally {
    source.destroy();
  }
}

async function layerAt(path: string, d: BlobRef, budget: Budget): Promise<TarEntry[]> {
  if (/zstd/.test(d.mediaType))
    throw new Error(`zstd layers cannot be read by Node ${process.versions.node}; use gzip`);
  return layerEntries(verified(path, d), /gzip/.test(d.mediaType), budget);
}

export function platformImage(tree: ImageTree, m: ManifestNode, config: unknown): PlatformImage {
  const doc = objectOf(JSON.parse(m.bytes.toString('utf8')));
  const layers = objectsOf(doc.layers).map(blobOf);
  return {
    platform: m.platform,
    config: runConfigOf(config),
    rootfs: async () => {
      // one budget for all the layers of the image: each is bounded, but many bounded layers add up (#19)
      const budget = new Budget(`layers of ${m.platform}`);
      return mergeLayers(
        await Promise.all(layers.map((l) => layerAt(tree.path(l.digest), l, budget))),
        budget,
      );
    },
  };
}

/** Every platform image of the tree (attestations are not images). */
export async function layoutImages(tree: ImageTree): Promise<PlatformImage[]> {
  const images = tree.root.isIndex ? tree.children.filter((c) => !c.attestation) : [tree.root];
  return Promise.all(
    images.map(async (m) => {
      const config = blobOf(objectOf(JSON.parse(m.bytes.toString('utf8'))).config);
      const bytes = await readConfig(tree.path(config.digest), config);
      let doc: unknown;
      try {
        doc = JSON.parse(bytes.toString('utf8'));
      } catch {
        throw new Error(`config ${config.digest} is not JSON`);
      }
      return platformImage(tree, m, doc);
    }),
  );
}
