/**
 * A streaming reader of tar headers (ustar, pax `x` records, GNU long names), keeping only what the arch proof
 * needs: each entry's path, type, link target and the first bytes of regular files. Hand-written on purpose:
 * ~150 lines instead of a stream library and its dependencies in every run's start-up.
 *
 * Layers of base images are hostile input (#19): what is kept is bounded (pax and GNU long-name headers at 1 MiB,
 * file data at the head size, a partial header block), data is skipped as it streams, and names are normalised
 * so the proof reads the path the runtime will run.
 */
import { posix } from 'node:path';

export interface TarEntry {
  /** normalised, without a leading `./` or `/` ('' is the root) */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  /** a hard link's target normalised as `path`; a symlink's as written */
  linkname: string;
  /** first bytes of a regular file (up to the reader's head size) */
  head: Buffer;
}

const BLOCK = 512;
/** Go's archive/tar maxSpecialFileSize: the most a pax or GNU long-name header may hold. */
export const MAX_SPECIAL = 1 << 20;

const SPECIAL: Record<string, string> = {
  x: 'pax header',
  g: 'pax global header',
  L: 'GNU long name',
  K: 'GNU long link name',
};

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

const NOT_NORMAL = /(^|\/)\.{1,2}(\/|$)|\/\/|^\/|\/$/;

/**
 * An entry name as a path inside the root: leading `./` and `/` stripped, then `path.posix.normalize`d (so
 * `usr/x/../bin/app` is `usr/bin/app`, as the runtime unpacks it); '' for the root; undefined when it escapes.
 */
export function entryPath(name: string): string | undefined {
  // most names are already normal (no `.` or `..` segment, no empty one, no leading or trailing slash)
  if (name !== '' && !NOT_NORMAL.test(name)) return name;
  const n = posix.normalize(name.replace(/^(\.\/|\/)+/, '') || '.').replace(/\/+$/, '');
  if (n === '..' || n.startsWith('../')) return undefined;
  return n === '.' ? '' : n;
}

/** `entryPath`, with an escaping name clamped to the root (for lookups, never for entries). */
export function cleanPath(p: string): string {
  return entryPath(posix.normalize(`/${p}`)) ?? '';
}

const TYPES: Record<string, TarEntry['type']> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '5': 'dir',
};

interface Pending {
  typeflag: string;
  name: string;
  linkname: string;
  /** how many data bytes to keep (the rest is skipped as it streams) */
  keep: number;
  parts: Buffer[];
  kept: number;
}

/** Reads every entry of an (uncompressed) tar stream; throws on a header over its bound or a truncated stream. */
export async function readTar(chunks: AsyncIterable<Buffer>, headBytes = 64): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  const header = Buffer.alloc(BLOCK);
  let have = 0;
  let pending: Pending | undefined;
  /** data and padding bytes of `pending` still to come */
  let left = 0;
  let pax: Record<string, string> = {};
  let longName = '';
  let longLink = '';

  const finish = (p: Pending) => {
    // a copy, so a kept head does not pin the whole chunk it came from
    const body = Buffer.concat(p.parts, p.kept);
    const { typeflag } = p;
    if (typeflag === 'x') pax = paxRecords(body);
    else if (typeflag === 'L') longName = cstring(body, 0, body.length);
    else if (typeflag === 'K') longLink = cstring(body, 0, body.length);
    else if (typeflag !== 'g') {
      const type = TYPES[typeflag] ?? 'other';
      const path = entryPath(pax.path ?? (longName || p.name));
      const rawLink = pax.linkpath ?? (longLink || p.linkname);
      const linkname = type === 'hardlink' ? entryPath(rawLink) : rawLink;
      // an entry (or a hard link target) outside the root is dropped: it cannot be what the image runs
      if (path !== undefined && linkname !== undefined) entries.push({ path, type, linkname, head: body });
      pax = {};
      longName = '';
      longLink = '';
    }
    pending = undefined;
  };

  const start = (h: Buffer) => {
    if (h.every((x) => x === 0)) return;
    const typeflag = String.fromCharCode(h[156] ?? 0);
    const name = cstring(h, 0, 100);
    const prefix = cstring(h, 257, 6).startsWith('ustar') ? cstring(h, 345, 155) : '';
    const special = SPECIAL[typeflag];
    let size = tarNumber(h.subarray(124, 136));
    if (!special && pax.size !== undefined) size = /^\d+$/.test(pax.size) ? Number(pax.size) : NaN;
    if (!Number.isSafeInteger(size) || size < 0)
      throw new Error(`tar header of ${JSON.stringify(name)} has an invalid size`);
    if (special && size > MAX_SPECIAL)
      throw new Error(`${special} of ${size} bytes is over the ${MAX_SPECIAL / (1 << 20)} MiB limit`);
    const p: Pending = {
      typeflag,
      name: prefix ? `${prefix}/${name}` : name,
      linkname: cstring(h, 157, 100),
      keep: special ? size : TYPES[typeflag] === 'file' ? Math.min(headBytes, size) : 0,
      parts: [],
      kept: 0,
    };
    left = Math.ceil(size / BLOCK) * BLOCK;
    if (left === 0) finish(p);
    else pending = p;
  };

  for await (const chunk of chunks) {
    let off = 0;
    while (off < chunk.length) {
      if (pending) {
        const take = Math.min(left, chunk.length - off);
        const keep = Math.min(take, pending.keep - pending.kept);
        if (keep > 0) {
          pending.parts.push(chunk.subarray(off, off + keep));
          pending.kept += keep;
        }
        off += take;
        left -= take;
        if (left === 0) finish(pending);
        continue;
      }
      const n = Math.min(BLOCK - have, chunk.length - off);
      chunk.copy(header, have, off, off + n);
      have += n;
      off += n;
      if (have === BLOCK) {
        have = 0;
        start(header);
      }
    }
  }
  if (pending || have > 0)
    throw new Error(`tar stream ends inside ${pending ? JSON.stringify(pending.name) : 'a header'}`);
  return entries;
}
