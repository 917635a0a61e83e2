/**
 * Proof that each platform of an image holds binaries for that platform: create (never start) a container
 * per platform, copy its entrypoint out and read the ELF header. A registry index only says what a manifest
 * claims; an arm64 manifest carrying an amd64 binary (kubernetes/autoscaler v1.32.6) passes every other check.
 * Works for a local multi-platform image (containerd image store) and for a registry ref (docker pulls it).
 */
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { StepError } from '../errors.js';
import { lastLine, type Runner } from '../exec.js';
import { checkElf, describeElf, expectedElf, identify } from './elf.js';

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
    super('verify-arch', detail);
    this.name = 'ArchProofError';
  }
}

interface ContainerConfig {
  Entrypoint: string[] | null;
  Cmd: string[] | null;
  Env: string[] | null;
  WorkingDir: string;
}

// the PATH runc uses when the image sets none
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const HEADER_BYTES = 64;
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

async function readHead(file: string): Promise<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEADER_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function proveOne(
  runner: Runner,
  ref: string,
  platform: string,
  dir: string,
  containers: string[],
): Promise<ArchProofRow> {
  const want = expectedElf(platform);
  const row: ArchProofRow = {
    platform,
    path: '',
    found: '',
    expected: want ? describeElf(want) : `unknown architecture in ${platform}`,
    ok: false,
    status: 'error',
    note: '',
  };
  const created = await runner.run('docker', ['create', '--platform', platform, ref]);
  if (created.code !== 0) return { ...row, note: `docker create failed: ${lastLine(created.stderr)}` };
  const cid = created.stdout.trim().split('\n').pop() ?? '';
  containers.push(cid);
  const inspected = await runner.run('docker', ['container', 'inspect', '--format', '{{json .Config}}', cid]);
  if (inspected.code !== 0)
    return { ...row, note: `docker container inspect failed: ${lastLine(inspected.stderr)}` };
  const cfg = JSON.parse(inspected.stdout) as ContainerConfig;
  const argv = cfg.Entrypoint?.length ? cfg.Entrypoint : (cfg.Cmd ?? []);
  const notes: string[] = [];
  if (argv[1] === '-c' && /(^|\/)(ba|da|a)?sh$/.test(argv[0] ?? ''))
    notes.push('shell form: checked the shell');
  let name = argv[0];
  if (name === undefined)
    return { ...row, status: 'unverifiable', note: 'the image has no entrypoint or cmd' };
  for (let hop = 0; hop <= MAX_INTERPRETERS; hop++) {
    let path = '';
    let head: Uint8Array | undefined;
    for (const [i, candidate] of candidates(name, cfg.Env ?? [], cfg.WorkingDir).entries()) {
      const dest = join(dir, `${hop}-${i}`);
      // -L: entrypoints are often symlinks (busybox applets, /usr/bin/go → ../lib/go/bin/go)
      const cp = await runner.run('docker', ['cp', '-L', `${cid}:${candidate}`, dest]);
      if (cp.code !== 0) continue;
      path = candidate;
      head = await readHead(dest).catch(() => undefined);
      break;
    }
    if (!head) {
      const where = name.includes('/') ? '' : ' on the image PATH';
      return { ...row, path, note: [...notes, `${name} not found${where} or not a file`].join('; ') };
    }
    const exe = identify(head);
    if (exe.kind === 'elf') {
      const c = checkElf(platform, exe.elf);
      return {
        ...row,
        path,
        found: c.found,
        ok: c.ok,
        status: c.ok ? 'ok' : 'mismatch',
        note: notes.join('; '),
      };
    }
    if (exe.kind === 'unknown') {
      return {
        ...row,
        path,
        status: 'unverifiable',
        note: [...notes, `${path}: ${exe.reason}`].join('; '),
      };
    }
    name = interpreterOf(exe.shebang.interpreter, exe.shebang.arg);
    notes.push(`${path} is a script run by ${name}`);
  }
  return { ...row, status: 'unverifiable', note: [...notes, 'too many #! interpreters'].join('; ') };
}

/** One row per platform; platforms run concurrently (create/cp/rm of distinct containers do not interfere). */
export async function proveArch(
  runner: Runner,
  ref: string,
  platforms: readonly string[],
): Promise<ArchProofRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'crossbuild-arch-'));
  const containers: string[] = [];
  try {
    // allSettled: every container is created before the one `docker rm` below, even when one platform throws
    const settled = await Promise.allSettled(
      platforms.map(async (p, i) => {
        const sub = join(dir, String(i));
        await mkdir(sub);
        return proveOne(runner, ref, p, sub, containers);
      }),
    );
    return settled.map((r) => {
      if (r.status === 'rejected') throw r.reason;
      return r.value;
    });
  } finally {
    // one `docker rm` for all of them: each docker CLI start costs ~50 ms of a 2-core runner
    if (containers.length > 0) await runner.run('docker', ['rm', '-f', ...containers]);
    await rm(dir, { recursive: true, force: true });
  }
}

/** proveArch, then throws ArchProofError (with the rows) when a platform's binary is wrong or missing. */
export async function verifyArch(
  runner: Runner,
  ref: string,
  platforms: readonly string[],
): Promise<ArchProofRow[]> {
  const rows = await proveArch(runner, ref, platforms);
  const bad = rows.filter((r) => r.status === 'mismatch' || r.status === 'error');
  if (bad.length > 0) {
    const what = bad.map((r) =>
      r.status === 'mismatch'
        ? `${r.platform} ${r.path} is ${r.found}, expected ${r.expected}`
        : `${r.platform}: ${r.note}`,
    );
    throw new ArchProofError(
      rows,
      `${ref}: ${what.join('; ')} — build each platform's binary for its target (e.g. GOARCH=$TARGETARCH)`,
    );
  }
  return rows;
}
