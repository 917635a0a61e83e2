/**
 * Pure Dockerfile reader: parser directives, logical lines (escape-character continuations, comments inside
 * them), heredocs, instructions with their 1-based start line, stages and ARGs. No variable expansion here
 * (see expand.ts): what the file says, where it says it.
 */
import { keyValue, unquote } from '../lines.js';

export interface Flag {
  name: string;
  value: string;
}

interface Heredoc {
  /** delimiter word, e.g. EOF */
  name: string;
  /** the lines between the opening line and the delimiter, joined by \n */
  body: string;
  /** `<<-EOF`: leading tabs stripped */
  stripTabs: boolean;
}

export interface Instruction {
  /** upper-case keyword: FROM, RUN, COPY, ARG, ... */
  keyword: string;
  /** 1-based line where the instruction starts */
  line: number;
  /** leading `--name=value` flags, in order (RUN may repeat --mount) */
  flags: Flag[];
  /** the rest of the logical line after the flags, continuations joined as BuildKit does (escape removed) */
  args: string;
  heredocs: Heredoc[];
}

interface ArgDecl {
  name: string;
  /** undefined: declared without a default */
  default: string | undefined;
  line: number;
}

export interface Stage {
  /** position among the FROMs, from 0 */
  index: number;
  /** `AS name`, lower-cased as BuildKit matches it; undefined when unnamed */
  name: string | undefined;
  /** base as written (may hold ${ARG}s or name an earlier stage) */
  image: string;
  /** --platform flag value as written; undefined when absent */
  platform: string | undefined;
  line: number;
  /** ARGs declared inside the stage */
  args: ArgDecl[];
  /** instructions after FROM, up to the next FROM */
  instructions: Instruction[];
}

export interface ParsedDockerfile {
  escape: '\\' | '`';
  /** ARGs before the first FROM (usable in FROM lines) */
  globalArgs: ArgDecl[];
  stages: Stage[];
  instructions: Instruction[];
  /** every ARG name declared anywhere, once, in order */
  declaredArgs: string[];
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/;
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

/** Parser directives sit at the very top; the first line that is not one ends them. */
function readEscape(lines: readonly string[]): '\\' | '`' {
  let escape: '\\' | '`' = '\\';
  for (const line of lines) {
    const m = DIRECTIVE.exec(line);
    if (!m) break;
    if (m[1]?.toLowerCase() === 'escape' && m[2] === '`') escape = '`';
  }
  return escape;
}

function isComment(line: string): boolean {
  return /^\s*#/.test(line);
}

/** `--name=value` flags at the start of the arguments; the rest is returned as text. */
export function splitFlags(text: string): { flags: Flag[]; rest: string } {
  const flags: Flag[] = [];
  let rest = text.trimStart();
  for (;;) {
    const m = /^--([a-zA-Z][\w-]*)(?:=("[^"]*"|'[^']*'|\S*))?(?:\s+|$)/.exec(rest);
    if (!m) break;
    flags.push({ name: m[1] ?? '', value: unquote(m[2] ?? '') });
    rest = rest.slice(m[0].length);
  }
  return { flags, rest: rest.trim() };
}

/** `NAME`, `NAME=default`, `A B=c` (one ARG may declare several) */
function parseArgDecls(args: string, line: number): ArgDecl[] {
  // words as the shell splits them: `ARG ARCHS="arm64 amd64"` is one
  return (args.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []).map((t) => {
    if (!t.includes('=')) return { name: t, default: undefined, line };
    const [name, value] = keyValue(t);
    return { name, default: unquote(value), line };
  });
}

export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const escape = readEscape(lines);
  const instructions: Instruction[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i] ?? '';
    if (first.trim() === '' || isComment(first)) {
      i++;
      continue;
    }
    const start = i + 1;
    // join continuations; comment and blank lines inside a continuation are dropped, as BuildKit does
    let logical = '';
    let current = first;
    for (;;) {
      const trimmed = current.replace(/\s+$/, '');
      if (trimmed.endsWith(escape) && i + 1 < lines.length) {
        logical += trimmed.slice(0, -1);
        i++;
        while (i < lines.length && ((lines[i] ?? '').trim() === '' || isComment(lines[i] ?? ''))) i++;
        if (i >= lines.length) break;
        current = lines[i] ?? '';
        continue;
      }
      logical += trimmed;
      break;
    }
    i++;
    const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(logical);
    const keyword = (m?.[1] ?? '').toUpperCase();
    const { flags, rest } = splitFlags(m?.[2] ?? '');
    const heredocs: Heredoc[] = [];
    if (HEREDOC_KEYWORDS.has(keyword)) {
      for (const h of rest.matchAll(HEREDOC)) {
        const name = h[3] ?? '';
        const stripTabs = h[1] === '-';
        const body: string[] = [];
        while (i < lines.length) {
          const l = lines[i] ?? '';
          i++;
          const candidate = stripTabs ? l.replace(/^\t+/, '') : l;
          if (candidate === name) break;
          body.push(candidate);
        }
        heredocs.push({ name, body: body.join('\n'), stripTabs });
      }
    }
    instructions.push({ keyword, line: start, flags, args: rest, heredocs });
  }
  return assemble(escape, instructions);
}

function assemble(escape: '\\' | '`', instructions: Instruction[]): ParsedDockerfile {
  const globalArgs: ArgDecl[] = [];
  const stages: Stage[] = [];
  const declared: string[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const words = ins.args.split(/\s+/).filter((w) => w !== '');
      const asAt = words.findIndex((w) => w.toLowerCase() === 'as');
      stages.push({
        index: stages.length,
        name: asAt > 0 ? words[asAt + 1]?.toLowerCase() : undefined,
        image: words[0] ?? '',
        platform: ins.flags.find((f) => f.name === 'platform')?.value,
        line: ins.line,
        args: [],
        instructions: [],
      });
      continue;
    }
    const stage = stages[stages.length - 1];
    if (ins.keyword === 'ARG') {
      const decls = parseArgDecls(ins.args, ins.line);
      (stage ? stage.args : globalArgs).push(...decls);
      for (const d of decls) if (!declared.includes(d.name)) declared.push(d.name);
    }
    stage?.instructions.push(ins);
  }
  return { escape, globalArgs, stages, instructions, declaredArgs: declared };
}

/** `--mount=type=cache,target=/x,from=build` → { type: 'cache', target: '/x', from: 'build' } per --mount flag. */
export function mountsOf(ins: Instruction): Record<string, string>[] {
  return ins.flags
    .filter((f) => f.name === 'mount')
    .map((f) => {
      const out: Record<string, string> = {};
      for (const part of f.value.split(',')) {
        const eq = part.indexOf('=');
        const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
        if (key !== '') out[key] = eq < 0 ? 'true' : part.slice(eq + 1).trim();
      }
      return out;
    });
}

/**
 * The shell text a RUN executes: its arguments plus heredoc bodies (a `RUN <<EOF` script is the body). The exec
 * form (`RUN ["go", "build"]`) becomes its words; `sh -c "…"` (either form) becomes the script it runs.
 */
export function runScript(ins: Instruction): string {
  let args = ins.args.trim();
  if (args.startsWith('[')) {
    try {
      const words: unknown = JSON.parse(args);
      if (Array.isArray(words))
        args = words
          .map(String)
          .map((w) => (/\s/.test(w) ? `"${w}"` : w))
          .join(' ');
    } catch {
      // not JSON: shell form after all
    }
  }
  const shc = /^(?:\S*\/)?(?:ba|da|a)?sh\s+-\w*c\s+(["'])([\s\S]*)\1\s*$/.exec(args);
  if (shc) args = shc[2] ?? args;
  return [args, ...ins.heredocs.map((h) => h.body)].join('\n');
}

/** A COPY/ADD's sources and destination, in shell form (`COPY a b /dest/`) or JSON form (`COPY ["a", "/dest"]`). */
export function copyArgs(ins: Instruction): { sources: string[]; dest: string } {
  const text = ins.args.trim();
  let words: string[] | undefined;
  if (text.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(text);
      if (Array.isArray(v) && v.every((w) => typeof w === 'string')) words = v;
    } catch {
      // not JSON after all: the shell form below
    }
  }
  words ??= text.split(/\s+/).map((w) => unquote(w));
  return { sources: words.slice(0, -1), dest: words[words.length - 1] ?? '' };
}
