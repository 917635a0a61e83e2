/**
 * Reads the build context's scripts a Dockerfile runs (src/dockerfile/scripts.ts lists them), for the advisor: each
 * at most SCRIPT_LIMIT bytes (a longer or unreadable one is left out, as if absent), never outside the context.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { ParsedDockerfile } from './dockerfile/parse.js';
import { SCRIPT_LIMIT, scriptPaths } from './dockerfile/scripts.js';

function readBounded(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile() || st.size > SCRIPT_LIMIT) return undefined;
    const fd = openSync(path, 'r');
    try {
      const buf = Buffer.alloc(Math.min(st.size, SCRIPT_LIMIT));
      const n = readSync(fd, buf, 0, buf.length, 0);
      return buf.subarray(0, n).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** Context path → text, for the scripts `parsed` runs that are in `contextDir`. */
export function readContextScripts(parsed: ParsedDockerfile, contextDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const root = resolve(contextDir);
  for (const p of scriptPaths(parsed)) {
    const at = resolve(root, p);
    if (relative(root, at).startsWith('..')) continue;
    const text = readBounded(at);
    if (text !== undefined) out[p] = text;
  }
  return out;
}
