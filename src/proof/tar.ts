/**
 * A streaming reader of tar headers (ustar, pax `x` records, GNU long names), keeping only what the arch proof
 * needs: each entry's path, type, link target and the first bytes of regular files. Hand-written on purpose:
 * ~100 lines instead of a stream library and its dependencies in every run's start-up.
 */
export interface TarEntry {
  /** without a leading `./` or `/` */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  linkname: string;
  /** first bytes of a regular file (up to the reader's head size) */
  head: Buffer;
}

const BLOCK = 512;

function cstring(b: Buffer, start: number, len: number): string {
  const s = b.subarray(start, start + len);
  const end = s.indexOf(0);
  return s.subarray(0, end < 0 ? s.length : end).toString('utf8');
}

/** Octal, or base-256 when the high bit is set (GNU, for sizes over 8 GiB). */
export function tarNumber(b: Buffer): number {
  if (((b[0] ?? 0) & 0x80) !== 0) {
    let n = (b[0] ?? 0) & 0x7f;
    for (let i = 1; i < b.length; i++) n = n * 256 + (b[i] ?? 0);
    return n;
  }
  const t = cstring(b, 0, b.length).trim();
  return t === '' ? 0 : parseInt(t, 8);
}

/** `path=…` and `linkpath=…` of a pax extended header (`<len> key=value\n` records). */
export function paxRecords(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    if (sp < 0) break;
    const len = parseInt(data.subarray(i, sp).toString(), 10);
    if (!(len > 0)) break;
    const rec = data.subarray(sp + 1, i + len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    i += len;
  }
  return out;
}

export function cleanPath(p: string): string {
  return p.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}

const TYPES: Record<string, TarEntry['type']> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '5': 'dir',
};

/** Reads every entry of an (uncompressed) tar stream. */
export async function readTar(chunks: AsyncIterable<Buffer>, headBytes = 64): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  let buf: Buffer = Buffer.alloc(0);
  let pending: { size: number; keep: number; typeflag: string; path: string; linkname: string } | undefined;
  let data: Buffer[] = [];
  let left = 0;
  let pax: Record<string, string> = {};
  let longName = '';
  let longLink = '';
  const finish = () => {
    if (!pending) return;
    const body = Buffer.concat(data);
    const { typeflag } = pending;
    if (typeflag === 'x') pax = paxRecords(body);
    else if (typeflag === 'L') longName = cstring(body, 0, body.length);
    else if (typeflag === 'K') longLink = cstring(body, 0, body.length);
    else if (typeflag !== 'g') {
      entries.push({
        path: cleanPath(pax.path ?? (longName || pending.path)),
        type: TYPES[typeflag] ?? 'other',
        linkname: pax.linkpath ?? (longLink || pending.linkname),
        head: body,
      });
      pax = {};
      longName = '';
      longLink = '';
    }
    pending = undefined;
    data = [];
  };
  for await (const chunk of chunks) {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    for (;;) {
      if (pending) {
        const take = Math.min(left, buf.length);
        const kept = data.reduce((n, d) => n + d.length, 0);
        if (kept < pending.keep) data.push(buf.subarray(0, Math.min(take, pending.keep - kept)));
        buf = buf.subarray(take);
        left -= take;
        if (left > 0) break;
        finish();
        continue;
      }
      if (buf.length < BLOCK) break;
      const h = buf.subarray(0, BLOCK);
      if (h.every((x) => x === 0)) {
        buf = buf.subarray(BLOCK);
        continue;
      }
      const size = tarNumber(h.subarray(124, 136));
      const typeflag = String.fromCharCode(h[156] ?? 0);
      const prefix = cstring(h, 257, 6).startsWith('ustar') ? cstring(h, 345, 155) : '';
      const name = cstring(h, 0, 100);
      const meta = typeflag === 'x' || typeflag === 'L' || typeflag === 'K' || typeflag === 'g';
      pending = {
        size,
        keep: meta ? size : TYPES[typeflag] === 'file' ? Math.min(headBytes, size) : 0,
        typeflag,
        path: prefix ? `${prefix}/${name}` : name,
        linkname: cstring(h, 157, 100),
      };
      left = Math.ceil(size / BLOCK) * BLOCK;
      buf = buf.subarray(BLOCK);
      if (left === 0) finish();
    }
  }
  return entries;
}
