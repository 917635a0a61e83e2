/** The platform images of an OCI layout (src/registry/layout.ts), with their layers read lazily for the proof. */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { objectOf, objectsOf, stringOf } from '../json.js';
import type { ImageTree, ManifestNode } from '../registry/layout.js';
import { runConfigOf, type PlatformImage } from './arch.js';
import { mergeLayers } from './rootfs.js';
import { readTar } from './tar.js';

async function layerEntries(path: string, mediaType: string) {
  if (/zstd/.test(mediaType))
    throw new Error(`zstd layers cannot be read by Node ${process.versions.node}; use gzip`);
  const file = createReadStream(path);
  return readTar(/gzip/.test(mediaType) ? file.pipe(createGunzip()) : file);
}

export function platformImage(tree: ImageTree, m: ManifestNode, config: unknown): PlatformImage {
  const doc = objectOf(JSON.parse(m.bytes.toString('utf8')));
  const layers = objectsOf(doc.layers).map((l) => ({
    digest: stringOf(l.digest),
    mediaType: stringOf(l.mediaType),
  }));
  return {
    platform: m.platform,
    config: runConfigOf(config),
    rootfs: async () =>
      mergeLayers(await Promise.all(layers.map((l) => layerEntries(tree.path(l.digest), l.mediaType)))),
  };
}

/** Every platform image of the tree (attestations are not images). */
export async function layoutImages(tree: ImageTree): Promise<PlatformImage[]> {
  const images = tree.root.isIndex ? tree.children.filter((c) => !c.attestation) : [tree.root];
  return Promise.all(
    images.map(async (m) => {
      const configDigest = stringOf(objectOf(objectOf(JSON.parse(m.bytes.toString('utf8'))).config).digest);
      return platformImage(tree, m, JSON.parse((await readFile(tree.path(configDigest))).toString('utf8')));
    }),
  );
}
