/**
 * Content digests (OCI image spec: `sha256:<64 hex>` or `sha512:<128 hex>`): what a blob or manifest must hash to
 * before anything read from it is believed (#19). One place for every hash of registry or layout content.
 */
import { createHash, type Hash } from 'node:crypto';

export function sha256(bytes: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The hash a digest names, to be fed the content's bytes; throws for anything that is not a valid digest. */
export function hashOf(digest: string): { hash: Hash; hex: string } {
  const [alg = '', hex = ''] = digest.split(':');
  if (!isDigest(digest))
    throw new Error(`digest ${JSON.stringify(digest.slice(0, 100))} is not sha256:<hex> or sha512:<hex>`);
  return { hash: createHash(alg), hex };
}

export function isDigest(digest: string): boolean {
  return /^(sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128})$/.test(digest);
}

/** Whether `bytes` are the content `digest` names (false for an invalid digest). */
export function matchesDigest(bytes: Uint8Array, digest: string): boolean {
  try {
    const { hash, hex } = hashOf(digest);
    return hash.update(bytes).digest('hex') === hex;
  } catch {
    return false;
  }
}
