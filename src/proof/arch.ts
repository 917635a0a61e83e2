/**
 * Proof that each platform of an image holds binaries for that platform: follow the entrypoint (PATH lookup, `#!`
 * interpreters, symlinks) inside the platform's own layers and read the ELF header. A registry index only says
 * what a manifest claims; an arm64 manifest carrying an amd64 binary (kubernetes/autoscaler v1.32.6) passes every
 * other check. Reads the OCI layout the build wrote, so it needs no container, no engine call and no push, and
 * runs while the image is being pushed.
 */
import { posix } from 'node:path';
import { messageOf, StepError } from '../errors.js';
import { objectOf, stringOf } from '../json.js';
import { checkElf, describeElf, expectedElf, identify } from './elf.js';
import type { RootFs } from './rootfs.js';

export interface ArchProofRow {
  platform: string;
  /** the file whose header was read (after PATH lookup and #! interpreters), '' when none */
  path: string;
  /** e.g. `x86-64 64-bit LE`; '' when no ELF header was read */
  found: string;
  expected: string;
  ok: boolean;
  /** mismatch and error fail verification; unverifiable (no ELF to read) only warns */
  status: 'ok' | 'mismatch' | 'unverifiable' | 'error';
  note: string;
}

export class ArchProofError extends StepError {
  constructor(
    readonly rows: ArchProofRow[],
    detail: string,
  ) {
    super('verify-arch', detail, 'proof');
    this.name = 'ArchProofError';
  }
}

/** The parts of an image config's `config` that say what runs. */
export interface RunConfig {
  Entrypoint: string[] | null;
  Cmd: string[] | null;
  Env: string[] | null;
  WorkingDir: string;
}

/** One platform image: what runs, and its file system (read when the proof gets to it). */
export interface PlatformImage {
  platform: string;
  config: RunConfig;
  /** how many layers the image has (1 when unknown) */
  layers?: number;
  /** the file system of the top `top` layers (default: all of them) */
  rootfs: (top?: number) => Promise<RootFs>;
}

const strings = (v: unknown): string[] | null => (Array.isArray(v) ? v.map(stringOf) : null);

/** `config` of an OCI image config blob. */
export function runConfigOf(imageConfig: unknown): RunConfig {
  const c = objectOf(objectOf(imageConfig).config);
  return {
    Entrypoint: strings(c.Entrypoint),
    Cmd: strings(c.Cmd),
    Env: strings(c.Env),
    WorkingDir: stringOf(c.WorkingDir),
  };
}

// the PATH runc uses when the image sets none
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const MAX_INTERPRETERS = 4;

/** Where an exec of `name` looks: as is when it has a slash (relative to the workdir), else each PATH dir. */
export function candidates(name: string, env: readonly string[], workdir: string): string[] {
  if (name.includes('/')) return [posix.resolve(workdir || '/', name)];
  const path = env.find((e) => e.startsWith('PATH='))?.slice(5) ?? DEFAULT_PATH;
  return path
    .split(':')
    .filter((d) => d !== '')
    .map((d) => posix.join(d, name));
}

/** `#!/usr/bin/env -S node --x` → node; `#!/bin/sh` → /bin/sh */
function interpreterOf(interpreter: string, arg: string | undefined): string {
  if (posix.basename(interpreter) !== 'env' || arg === undefined) return interpreter;
  const words = arg.split(/\s+/).filter((w) => w !== '' && !w.startsWith('-') && !w.includes('='));
  return words[0] ?? interpreter;
}

/**
 * The row for one image. Its layers are read top first, doubling how many each time (1, 2, 4, … all): an answer
 * found in the top layers is the image's answer when every lookup found a file there (nothing below can change a
 * path those layers wrote: lower layers are unpacked first); a lookup that found nothing (a PATH directory earlier
 * than the hit, a missing file) is only believed once every layer has been read.
 */
export async function proveOne(img: PlatformImage): Promise<ArchProofRow> {
  const all = Math.max(1, img.layers ?? 1);
  for (let top = 1; ; top = Math.min(all, top * 2)) {
    let fs: RootFs;
    try {
      fs = await img.rootfs(top >= all ? undefined : top);
    } catch (err) {
      return { ...blankRow(img.platform), note: `layers could not be read: ${messageOf(err)}` };
    }
    const misses: string[] = [];
    const row = resolve(img, {
      file: (path) => {
        const f = fs.file(path);
        if (!f) misses.push(path);
        return f;
      },
    });
    if (misses.length === 0 || top >= all) return row;
  }
}

function blankRow(platform: string): ArchProofRow {
  const want = expectedElf(platform);
  return {
    platform,
    path: '',
    found: '',
    expected: want ? describeElf(want) : `unknown architecture in ${platform}`,
    ok: false,
    status: 'error',
    note: '',
  };
}

/** The first path that is a file; those after it are not looked up. */
function firstFile(fs: Pick<RootFs, 'file'>, paths: readonly string[]) {
  for (const p of paths) {
    const f = fs.file(p);
    if (f) return f;
  }
  return undefined;
}

/** Follows the entrypoint (PATH, `#!` interpreters) in `fs` to an ELF header. */
function resolve(img: PlatformImage, fs: Pick<RootFs, 'file'>): ArchProofRow {
  const { platform, config: cfg } = img;
  const row = blankRow(platform);
  const argv = cfg.Entrypoint?.length ? cfg.Entrypoint : (cfg.Cmd ?? []);
  const notes: string[] = [];
  if (argv[1] === '-c' && /(^|\/)(ba|da|a)?sh$/.test(argv[0] ?? ''))
    notes.push('shell form: checked the shell');
  let name = argv[0];
  if (name === undefined)
    return { ...row, status: 'unverifiable', note: 'the image has no entrypoint or cmd' };
  for (let hop = 0; hop <= MAX_INTERPRETERS; hop++) {
    const hit = firstFile(fs, candidates(name, cfg.Env ?? [], cfg.WorkingDir));
    if (!hit) {
      const where = name.includes('/') ? '' : ' on the image PATH';
      return { ...row, note: [...notes, `${name} not found${where} or not a file`].join('; ') };
    }
    const exe = identify(hit.head);
    if (exe.kind === 'elf') {
      const c = checkElf(platform, exe.elf);
      return {
        ...row,
        path: hit.path,
        found: c.found,
        ok: c.ok,
        status: c.ok ? 'ok' : 'mismatch',
        note: notes.join('; '),
      };
    }
    if (exe.kind === 'unknown') {
      return {
        ...row,
        path: hit.path,
        status: 'unverifiable',
        note: [...notes, `${hit.path}: ${exe.reason}`].join('; '),
      };
    }
    name = interpreterOf(exe.shebang.interpreter, exe.shebang.arg);
    notes.push(`${hit.path} is a script run by ${name}`);
  }
  return { ...row, status: 'unverifiable', note: [...notes, 'too many #! interpreters'].join('; ') };
}

/** One row per platform (concurrently), then ArchProofError (with the rows) when a binary is wrong or missing. */
export async function verifyArch(images: readonly PlatformImage[], what: string): Promise<ArchProofRow[]> {
  const rows = await Promise.all(images.map(proveOne));
  const bad = rows.filter((r) => r.status === 'mismatch' || r.status === 'error');
  if (bad.length > 0) {
    const list = bad.map((r) =>
      r.status === 'mismatch'
        ? `${r.platform} ${r.path} is ${r.found}, expected ${r.expected}`
        : `${r.platform}: ${r.note}`,
    );
    throw new ArchProofError(
      rows,
      `${what}: ${list.join('; ')} — build each platform's binary for its target (e.g. GOARCH=$TARGETARCH)`,
    );
  }
  return rows;
}
