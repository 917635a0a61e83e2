/**
 * The one way a registry's response body is read: never more than a bound (a hostile or broken registry can offer
 * an endless body), and over the bound the read stops and the connection is dropped. The limits follow containerd:
 * a manifest is at most 4 MiB; token, tag-list and referrers answers 1 MiB; an error body is only ever shown in
 * part (64 KiB read, the first line kept); a blob read for a decision is at most its descriptor's size.
 */
import type { HttpAnswer } from './http.js';

const MiB = 1024 * 1024;

export const BODY_LIMITS = {
  manifest: 4 * MiB,
  /** token, tags/list, referrers: JSON documents of names */
  list: 1 * MiB,
  error: 64 * 1024,
  /** an image config: small JSON like a manifest, so the same bound (wherever it is read: registry or layout) */
  config: 4 * MiB,
} as const;

/** `4 MiB`, `64 KiB`, `123 bytes` */
export function sizeText(n: number): string {
  if (n >= MiB && n % MiB === 0) return `${n / MiB} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

export type BodyRead = { ok: true; bytes: Buffer } | { ok: false; over: true };

/**
 * Reads at most `limit` bytes of `res`. A declared Content-Length over the limit is refused before any byte is
 * read. `truncate` (error bodies) keeps the first `limit` bytes instead of refusing.
 */
export async function readBounded(res: HttpAnswer, limit: number, truncate = false): Promise<BodyRead> {
  const declared = Number(res.headers.get('content-length') ?? '');
  if (!truncate && Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, over: true };
  }
  if (!res.body) return { ok: true, bytes: Buffer.alloc(0) };
  const reader = res.body.getReader();
  const chunks: Buffer[] = [];
  let got = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = limit - got;
      if (value.byteLength > room) {
        if (!truncate) return { ok: false, over: true };
        chunks.push(Buffer.from(value.buffer, value.byteOffset, room));
        got = limit;
        break;
      }
      chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      got += value.byteLength;
    }
  } finally {
    // stops an endless body: the rest is never read
    await reader.cancel().catch(() => undefined);
  }
  return { ok: true, bytes: Buffer.concat(chunks, got) };
}
