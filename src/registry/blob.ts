/**
 * A blob read from the registry as it arrives, for the proof (a layer is streamed, never held whole). A body that
 * breaks off is resumed from the byte it got to (`Range`, which distribution and the hosted registries serve for
 * blobs; a registry that answers the whole blob again has the bytes already read skipped), under the run's retry
 * policy. The chunks are not believed here: the reader hashes them against the digest (src/proof/layout-images.ts)
 * and bounds them by the descriptor's size.
 */
import { StepError } from '../errors.js';
import type { BlobSource } from '../proof/layout-images.js';
import { isRetryable, RegistryError, type RegistryClient } from './client.js';
import { hashOf } from './digest.js';
import { repositoryName, type Repository } from './reference.js';

export interface BlobDescriptor {
  digest: string;
  /** 0 when unknown: then the caller's own bound applies */
  size: number;
}

async function* bodyOf(stream: ReadableStream<Uint8Array>, skip: number): AsyncGenerator<Buffer> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (skip >= chunk.length) {
        skip -= chunk.length;
        continue;
      }
      yield skip > 0 ? chunk.subarray(skip) : chunk;
      skip = 0;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** The blob's bytes in order, each byte once, resumed after a dropped connection while attempts are left. */
export async function* blobChunks(
  client: RegistryClient,
  repo: Repository,
  d: BlobDescriptor,
): AsyncGenerator<Buffer> {
  hashOf(d.digest);
  let offset = 0;
  for (let attempt = 1; ; attempt++) {
    const res = await client.request(repo, {
      method: 'GET',
      path: `blobs/${d.digest}`,
      scope: 'pull',
      headers: offset > 0 ? { range: `bytes=${offset}-` } : {},
      ok: [200, 206],
      stream: true,
    });
    if (!res.stream) return;
    // 206 starts at `offset`; a 200 starts again from the first byte
    const skip = res.status === 206 ? 0 : offset;
    try {
      for await (const chunk of bodyOf(res.stream, skip)) {
        offset += chunk.length;
        yield chunk;
      }
      return;
    } catch {
      const dropped = new RegistryError(
        'proof',
        `${repositoryName(repo)} blob ${d.digest}: body broke off`,
        0,
        true,
      );
      if (!isRetryable(dropped, attempt) || attempt >= client.policy.attempts)
        throw new StepError(
          'proof',
          `${dropped.message} after ${offset} bytes (${attempt} attempts)`,
          'registry',
        );
    }
  }
}

/** The blobs of one repository of the registry, as the layer readers take them (they hash and bound what comes). */
export const blobSource = (client: RegistryClient, repo: Repository): BlobSource => ({
  chunks: (d) => blobChunks(client, repo, d),
});
