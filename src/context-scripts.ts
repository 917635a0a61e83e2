/**
 * Reads the build context's scripts, Makefiles and Taskfiles a Dockerfile runs (src/dockerfile/scripts.ts lists them; a
 * Makefile's includes besides), for the advisor: each
 * at most SCRIPT_LIMIT bytes (a longer or unreadable one is left out, as if absent), never outside the context.
 */
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { makeIncludes } from './dockerfile/make.js';
import type { ParsedDockerfile } from './dockerfile/parse.js';
import {
  contextCopies,
  GORELEASER_NAMES,
  makefileScripts,
  SCRIPT_LIMIT,
  scriptPaths,
} from './dockerfile/scripts.js';
import { elfArch, parseElf } from './proof/elf.js';

function readBounded(path: string): string | undefined {
  try {
    if (statSync(path).size > SCRIPT_LIMIT) return undefined;
  } catch {
    return undefined;
  }
  return readHead(path, SCRIPT_LIMIT)?.toString('utf8');
}

/**
 * Context path → text, for the scripts `parsed` runs that are in `contextDir`; a Taskfile (YAML) as JSON, which the
 * advisor reads (the YAML parser is loaded only when one was read).
 */
export async function readContextScripts(
  parsed: ParsedDockerfile,
  contextDir: string,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const root = resolve(contextDir);
  // and goreleaser's configuration, which says whether each platform's image is built from its own context
  const queue = [...scriptPaths(parsed), ...GORELEASER_NAMES].map((p) => ({ p, depth: 0 }));
  for (let item = queue.shift(); item; item = queue.shift()) {
    const { p, depth } = item;
    const at = resolve(root, p);
    if (relative(root, at).startsWith('..') || p in out) continue;
    const text = readBounded(at);
    if (text === undefined) continue;
    out[p] = text;
    // a Makefile's includes (`include common.mk`), relative to where make runs: read too, a few levels deep
    if (depth < 3 && /(^|\/)(GNUmakefile|[Mm]akefile)$|\.mk$/.test(p)) {
      for (const inc of makeIncludes(text))
        queue.push({ p: relative(root, resolve(root, dirname(p), inc)), depth: depth + 1 });
      // and the scripts its recipes run (`bash scripts/build.sh`)
      for (const script of makefileScripts(p, text)) queue.push({ p: script, depth: depth + 1 });
    }
  }
  const taskfiles = Object.keys(out).filter((p) => /\.ya?ml$/.test(p) && !GORELEASER_NAMES.includes(p));
  if (taskfiles.length > 0) {
    const { parse } = await import('yaml');
    for (const p of taskfiles) {
      let json = 'null';
      try {
        json = JSON.stringify(parse(out[p] ?? '', { maxAliasCount: 100 }) ?? null);
      } catch {
        // not YAML: read as a Taskfile with no tasks
      }
      out[p] = json;
    }
  }
  return out;
}

function real(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/** The first `n` bytes of a regular file; undefined for anything else or what cannot be read. */
function readHead(path: string, n: number): Buffer | undefined {
  try {
    if (!statSync(path).isFile()) return undefined;
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(n);
      return buf.subarray(0, readSync(fd, buf, 0, n, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/**
 * Context path → Go architecture, for each single file a COPY or ADD takes from the context that is an ELF executable
 * (its first 20 bytes say which machine): a vendored binary (`COPY utils/tini-v0.19.0 /usr/bin/tini`) is one
 * architecture's in every platform's image. Never outside the context.
 */
export function readContextBinaries(parsed: ParsedDockerfile, contextDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const root = real(contextDir);
  for (const p of contextCopies(parsed)) {
    // (through a link too: the file itself must be in the context)
    const at = root === undefined ? undefined : real(resolve(root, p));
    if (root === undefined || at === undefined || relative(root, at).startsWith('..')) continue;
    const head = readHead(at, 20);
    const elf = head && parseElf(head);
    const arch = elf ? elfArch(elf) : undefined;
    if (arch) out[p] = arch;
  }
  return out;
}
