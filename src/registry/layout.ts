/**
 * An OCI image layout on disk (what `buildx build --output type=oci,tar=false` writes): the image's manifests
 * as exact bytes and its blobs as files, read into one tree. Pure apart from the injected file reader.
 */
import { join } from 'node:path';
import { objectOf, objectsOf, parseJsonQuiet, stringOf, type Json } from '../json.js';
import { platformObject } from '../platform.js';
import { hashOf, matchesDigest, sha256 } from './digest.js';
import { INDEX_TYPES, isAttestationEntry, manifestSize, platformOf } from './index-json.js';
import type { Repository } from './reference.js';

export interface Descriptor {
  digest: string;
  mediaType: string;
  size: number;
}

export interface ManifestNode extends Descriptor {
  /** the exact bytes: a manifest's digest is the sha256 of them */
  bytes: Buffer;
  isIndex: boolean;
  /** image manifests: the platform of their config ('' for attestations) */
  platform: string;
  attestation: boolean;
  /** an image manifest's config, once it matched its digest (read with the tree) */
  config?: Buffer;
}

export interface ImageTree {
  root: ManifestNode;
  /** children of the root index (none when the root is a single manifest) */
  children: ManifestNode[];
  /** config and layer blobs of every manifest, each once */
  blobs: Descriptor[];
  /** blob path by digest (a tree read from a registry has none: its blobs are in `source`) */
  path(digest: string): string;
  /** the repository holding the blobs, when the tree was read back from a registry (BuildKit pushed it) */
  source?: Repository;
}

export type ReadBlob = (path: string) => Promise<Buffer>;

function descriptor(d: unknown): Descriptor {
  const o = objectOf(d);
  return { digest: stringOf(o.digest), mediaType: stringOf(o.mediaType), size: Number(o.size ?? 0) };
}

/** Where a blob lives; a digest that is not one (`sha256:../../etc/passwd`) never becomes a path. */
export function blobPath(dir: string, digest: string): string {
  hashOf(digest);
  const [alg = 'sha256', hex = ''] = digest.split(':');
  return join(dir, 'blobs', alg, hex);
}

/** A manifest's or config's bytes by digest, not yet believed (readTree hashes them). */
export type TreeRead = (digest: string, kind: 'manifest' | 'config') => Promise<Buffer>;

/**
 * The manifest `rootDigest` and everything below it: child manifests and the configs of platform images, each
 * believed only once it hashes to the digest that names it (#19). Blob bytes are not read here.
 */
export async function readTree(
  read: TreeRead,
  rootDigest: string,
  where: string,
): Promise<Omit<ImageTree, 'path'>> {
  const blobs = new Map<string, Descriptor>();
  const verified = async (digest: string, kind: 'manifest' | 'config'): Promise<Buffer> => {
    hashOf(digest);
    const bytes = await read(digest, kind);
    if (!matchesDigest(bytes, digest))
      throw new Error(`${where}: ${kind} ${digest.slice(0, 80)} does not match its digest`);
    return bytes;
  };
  const node = async (d: Descriptor, attestation: boolean): Promise<ManifestNode> => {
    const bytes = await verified(d.digest, 'manifest');
    const doc = objectOf(JSON.parse(bytes.toString('utf8')));
    const mediaType = stringOf(doc.mediaType) || d.mediaType;
    const isIndex = INDEX_TYPES.has(mediaType) || Array.isArray(doc.manifests);
    const n: ManifestNode = {
      digest: d.digest,
      mediaType,
      size: bytes.length,
      bytes,
      isIndex,
      platform: '',
      attestation,
    };
    if (!isIndex) {
      const config = descriptor(doc.config);
      for (const b of [config, ...objectsOf(doc.layers).map(descriptor)]) blobs.set(b.digest, b);
      if (!attestation) {
        n.config = await verified(config.digest, 'config');
        n.platform = platformOf(objectOf(JSON.parse(n.config.toString())));
      }
    }
    return n;
  };
  const root = await node({ digest: rootDigest, mediaType: '', size: 0 }, false);
  const children = root.isIndex
    ? await Promise.all(
        objectsOf(objectOf(JSON.parse(root.bytes.toString('utf8'))).manifests).map((m) =>
          node(descriptor(m), isAttestationEntry(m)),
        ),
      )
    : [];
  return { root, children, blobs: [...blobs.values()] };
}

/** Reads the manifest `digest` (default: the one index.json names) of the layout in `dir`, and everything below it. */
export async function readImageTree(dir: string, read: ReadBlob, digest?: string): Promise<ImageTree> {
  const rootDigest =
    digest ??
    descriptor(objectsOf(objectOf(JSON.parse((await read(join(dir, 'index.json'))).toString())).manifests)[0])
      .digest;
  const tree = await readTree((d) => read(blobPath(dir, d)), rootDigest, "the build's OCI layout");
  return { ...tree, path: (d) => blobPath(dir, d) };
}

/** Config and layers of one image manifest. */
function blobsOf(m: ManifestNode): Descriptor[] {
  const doc = objectOf(JSON.parse(m.bytes.toString('utf8')));
  return [descriptor(doc.config), ...objectsOf(doc.layers).map(descriptor)];
}

/**
 * A one-platform OCI index holding `m` (as `imagetools create IMAGE@DIGEST` wraps a single manifest): the root of
 * a per-arch tree, its only child `m`.
 */
export function singlePlatformTree(tree: ImageTree, m: ManifestNode): ImageTree {
  const root = indexNode([
    { mediaType: m.mediaType, digest: m.digest, size: m.size, platform: platformObject(m.platform) },
  ]);
  return {
    root,
    children: [m],
    blobs: blobsOf(m),
    path: (d) => tree.path(d),
    ...(tree.source ? { source: tree.source } : {}),
  };
}

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

/** An OCI index of these entries (and annotations, when there are any), as a node with its exact bytes. */
export function indexNode(
  manifests: readonly unknown[],
  annotations: Record<string, string> = {},
): ManifestNode {
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests,
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    }),
  );
  return {
    digest: sha256(bytes),
    mediaType: OCI_INDEX,
    size: bytes.length,
    bytes,
    isIndex: true,
    platform: '',
    attestation: false,
  };
}

/** An image manifest's config, as read (and hashed) with the tree, parsed; {} when there is none or it is not JSON. */
export function configOf(m: ManifestNode): Json {
  return objectOf(parseJsonQuiet(m.config ?? '{}'));
}

/** Each platform image's config, by platform. */
export function platformConfigs(images: readonly ManifestNode[]): Record<string, Json> {
  return Object.fromEntries(images.map((m) => [m.platform, configOf(m)]));
}

/** The tree's platform images: the index's entries without attestations, or the root itself when it is one image. */
export function platformImages(tree: Pick<ImageTree, 'root' | 'children'>): ManifestNode[] {
  return tree.root.isIndex ? tree.children.filter((c) => !c.attestation) : [tree.root];
}

/** Compressed size of each platform image (config + layers), for the summary. */
export function platformSizes(tree: ImageTree): Record<string, number> {
  const images = platformImages(tree);
  return Object.fromEntries(images.map((m) => [m.digest, manifestSize(m.bytes.toString('utf8'))]));
}
