/**
 * A streaming reader of tar headers (ustar, pax `x` records, GNU long names), keeping only what the arch proof and
 * the structure tests need: each entry's path, type, link target, mode and owner, and the first bytes of regular
 * files (all of them, bounded, for the files a test reads). Hand-written on purpose:
 * ~250 lines instead of a stream library and its dependencies in every run's start-up.
 *
 * Layers of base images are hostile input (#19): what is kept is bounded (pax and GNU long-name headers at 1 MiB,
 * names at PATH_MAX, file data at the head size, and all of an image's layers together by a Budget), data is skipped
 * as it streams, and the archive is read as Go's archive/tar (containerd) reads it: headers checksummed, the end at
 * two zero blocks, a prefix field only in POSIX ustar and star headers, names normalised, so the proof reads the
 * file the runtime will run.
 */
import { posix } from 'node:path';
import { Budget } from './budget.js';

export interface TarEntry {
  /** normalised, without a leading `./` or `/` ('' is the root) */
  path: string;
  type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  /** a hard link's target normalised as `path`; a symlink's as written */
  linkname: string;
  /** first bytes of a regular file (up to the reader's head size; whole up to WHOLE_LIMIT when asked for) */
  head: Buffer;
  /** permission bits with setuid, setgid and sticky (0o7777) */
  mode: number;
  uid: number;
  gid: number;
  /** a regular file's size as the header gives it */
  size: number;
}

/** The most of one file kept whole for a structure test's fileContentTests (a config or version file, not data). */
export const WHOLE_LIMIT = 4 << 20;

const BLOCK = 512;
/** Go's archive/tar maxSpecialFileSize: the most a pax or GNU long-name header may hold. */
export const MAX_SPECIAL = 1 << 20;

/**
 * Linux PATH_MAX. A longer name or link target cannot be created by the runtime, so a layer holding one is hostile,
 * not an image: refused rather than dropped, before a 1 MiB pax path becomes half a million tree nodes (#19).
 */
const MAX_NAME = 4096;
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

/** Go's parseOctal: spaces and NULs trimmed, '' is 0; undefined when not octal. */
function octal(b: Buffer): number | undefined {
  const t = b.toString('latin1').replace(/^[ \0]+|[ \0]+$/g, '');
  return t === '' ? 0 : /^[0-7]+$/.test(t) ? parseInt(t, 8) : undefined;
}

/** The header's checksum holds, as unsigned or signed byte sums (old tars used signed chars; Go accepts both). */
function checksumOk(h: Buffer): boolean {
  const want = octal(h.subarray(148, 156));
  let unsigned = 8 * 0x20;
  let signed = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) {
    if (i >= 148 && i < 156) continue;
    const b = h[i] ?? 0;
    unsigned += b;
    signed += b < 128 ? b : b - 256;
  }
  return want === unsigned || want === signed;
}

/**
 * The prefix field of a header, as Go's archive/tar reads it: 155 bytes at 345 in POSIX ustar (magic `ustar\0`),
 * 131 in star (that magic and `tar\0` at 508); none in GNU (`ustar  \0`: atime and ctime live there) or v7.
 */
function prefixOf(h: Buffer): string {
  if (h.toString('latin1', 257, 263) !== 'ustar\0') return '';
  return cstring(h, 345, h.toString('latin1', 508, 512) === 'tar\0' ? 131 : 155);
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
  mode: number;
  uid: number;
  gid: number;
  size: number;
  /** how many data bytes to keep (the rest is skipped as it streams) */
  keep: number;
  parts: Buffer[];
  kept: number;
}

const EMPTY = Buffer.alloc(0);
const nameBytes = (s: string) => (s.length * 3 <= MAX_NAME ? s.length : Buffer.byteLength(s));

export interface ReadTarOptions {
  /** shared by the layers of one image (default: this layer's own) */
  budget?: Budget;
  /** how many bytes of each regular file to keep */
  headBytes?: number;
  /** files (by base name) kept whole up to WHOLE_LIMIT: what a structure test reads */
  whole?: ReadonlySet<string>;
}

/**
 * Reads the entries of an (uncompressed) tar stream up to its end (two zero blocks, or the end of the stream), then
 * drains the rest unread so a digest computed on the stream still covers all of it. Throws on a bad header (checksum,
 * size, a name over PATH_MAX, a special header over its bound), on a budget exceeded, or on a truncated stream.
 */
export async function readTar(chunks: AsyncIterable<Buffer>, opts: ReadTarOptions = {}): Promise<TarEntry[]> {
  const reader = new TarReader(opts.budget ?? new Budget(), opts.headBytes ?? 64, opts.whole);
  for await (const chunk of chunks) reader.feed(chunk);
  return reader.end();
}

/** readTar's state between chunks: the header being filled, or the entry whose data is streaming past. */
class TarReader {
  readonly entries: TarEntry[] = [];
  private readonly header = Buffer.alloc(BLOCK);
  private have = 0;
  private pending: Pending | undefined;
  /** data and padding bytes of `pending` still to come */
  private left = 0;
  private pax: Record<string, string> = {};
  private longName = '';
  private longLink = '';
  /** zero blocks just seen: one may be followed only by another, which ends the archive */
  private zeros = 0;

  constructor(
    private readonly budget: Budget,
    private readonly headBytes: number,
    private readonly whole: ReadonlySet<string> = new Set(),
  ) {}

  feed(chunk: Buffer): void {
    let off = 0;
    // after the end: read on without looking, so the stream (and the hash around it) is consumed to its end
    while (off < chunk.length && this.zeros < 2) {
      const pending = this.pending;
      if (pending) {
        const take = Math.min(this.left, chunk.length - off);
        const keep = Math.min(take, pending.keep - pending.kept);
        if (keep > 0) {
          pending.parts.push(chunk.subarray(off, off + keep));
          pending.kept += keep;
        }
        off += take;
        this.left -= take;
        if (this.left === 0) this.finish(pending);
        continue;
      }
      const n = Math.min(BLOCK - this.have, chunk.length - off);
      chunk.copy(this.header, this.have, off, off + n);
      this.have += n;
      off += n;
      if (this.have === BLOCK) {
        this.have = 0;
        this.start(this.header);
      }
    }
  }

  end(): TarEntry[] {
    if (this.pending || this.have > 0)
      throw new Error(
        `tar stream ends inside ${this.pending ? JSON.stringify(this.pending.name) : 'a header'}`,
      );
    return this.entries;
  }

  private start(h: Buffer): void {
    if (h.every((x) => x === 0)) {
      this.zeros++;
      return;
    }
    // as Go's archive/tar: a zero block then a header is not an archive; anything after two is not read
    if (this.zeros > 0) throw new Error('invalid tar header after a zero block');
    const name = cstring(h, 0, 100);
    if (!checksumOk(h)) throw new Error(`tar header of ${JSON.stringify(name)} has a bad checksum`);
    const typeflag = String.fromCharCode(h[156] ?? 0);
    const prefix = prefixOf(h);
    const special = SPECIAL[typeflag];
    let size = tarNumber(h.subarray(124, 136));
    if (!special && this.pax.size !== undefined)
      size = /^\d+$/.test(this.pax.size) ? Number(this.pax.size) : NaN;
    if (!Number.isSafeInteger(size) || size < 0)
      throw new Error(`tar header of ${JSON.stringify(name)} has an invalid size`);
    if (special && size > MAX_SPECIAL)
      throw new Error(`${special} of ${size} bytes is over the ${MAX_SPECIAL / (1 << 20)} MiB limit`);
    const full = prefix ? `${prefix}/${name}` : name;
    const p: Pending = {
      typeflag,
      name: full,
      linkname: cstring(h, 157, 100),
      mode: (octal(h.subarray(100, 108)) ?? 0) & 0o7777,
      uid: this.owner('uid', h.subarray(108, 116)),
      gid: this.owner('gid', h.subarray(116, 124)),
      size,
      keep: special ? size : TYPES[typeflag] === 'file' ? this.keepOf(full, size) : 0,
      parts: [],
      kept: 0,
    };
    this.left = Math.ceil(size / BLOCK) * BLOCK;
    if (this.left === 0) this.finish(p);
    else this.pending = p;
  }

  /** A pax record's owner id where it gives one, else the header's. */
  private owner(key: 'uid' | 'gid', field: Buffer): number {
    const pax = this.pax[key];
    return pax !== undefined && /^\d+$/.test(pax) ? Number(pax) : tarNumber(field);
  }

  /** How much of a regular file to keep: its head, or all of it (bounded) when a test reads it. */
  private keepOf(name: string, size: number): number {
    if (this.whole.size > 0) {
      const full = this.pax.path ?? (this.longName || name);
      if (this.whole.has(full.slice(full.lastIndexOf('/') + 1))) return Math.min(size, WHOLE_LIMIT);
    }
    return Math.min(this.headBytes, size);
  }

  private finish(p: Pending): void {
    // a copy, so a kept head does not pin the whole chunk it came from
    const body = p.kept === 0 ? EMPTY : Buffer.concat(p.parts, p.kept);
    const { typeflag } = p;
    if (typeflag === 'x') this.pax = paxRecords(body);
    else if (typeflag === 'L') this.longName = cstring(body, 0, body.length);
    else if (typeflag === 'K') this.longLink = cstring(body, 0, body.length);
    else if (typeflag !== 'g') {
      this.entry(p, body);
      this.pax = {};
      this.longName = '';
      this.longLink = '';
    }
    this.pending = undefined;
  }

  /** An entry, its name and link target from the pax or GNU long headers before it where they gave one. */
  private entry(p: Pending, body: Buffer): void {
    const type = TYPES[p.typeflag] ?? 'other';
    const name = this.pax.path ?? (this.longName || p.name);
    const rawLink = this.pax.linkpath ?? (this.longLink || p.linkname);
    for (const [what, n] of [
      ['name', name],
      ['link target', rawLink],
    ] as const) {
      const len = nameBytes(n);
      if (len > MAX_NAME)
        throw new Error(`a tar entry ${what} of ${len} bytes is over PATH_MAX (${MAX_NAME}); not read`);
    }
    const path = entryPath(name);
    const linkname = type === 'hardlink' ? entryPath(rawLink) : rawLink;
    // an entry (or a hard link target) outside the root is dropped: it cannot be what the image runs
    if (path !== undefined && linkname !== undefined) {
      const e: TarEntry = {
        path,
        type,
        linkname,
        head: body,
        mode: p.mode,
        uid: p.uid,
        gid: p.gid,
        size: p.size,
      };
      this.budget.take(e);
      this.entries.push(e);
    }
  }
}
