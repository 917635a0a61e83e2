/**
 * What GOARCH a `go build` in a stage really gets, the way BuildKit evaluates the stage: ARGs with and without
 * defaults (an ARG without a value is unset unless a build-arg sets it; the automatic platform ARGs are set only
 * where declared), ENV, `${VAR:-default}`, global ARG defaults re-declared in the stage, the FROM <stage> chain, and
 * assignments in the RUN itself. Mentioning `$GOARCH` (in an `-o` path, an `echo`) sets nothing — the Cluster
 * Autoscaler v1.32.6 Dockerfile declared `ARG GOARCH` with no value and used it only in the output name. Pure.
 */
import { keyValue, unquote } from '../lines.js';
import { buildOutputs, goBuildOutput } from './compile-steps.js';
import { expandVars, varsIn, varsUsed } from './expand.js';
import { runScript, type ParsedDockerfile, type Stage } from './parse.js';

/**
 * target: follows TARGETARCH/TARGETPLATFORM (or xx-go); literal: one fixed value for every platform; unset. `why`
 * says what made it so when that is not the plain text (a platform ARG's default, a platform ARG never declared).
 */
export type GoArch =
  { kind: 'target' } | ({ kind: 'literal'; value: string } & Reason) | ({ kind: 'unset' } & Reason);

/** Why a platform variable does not carry the target, and the change that makes it do so. */
interface Reason {
  why?: string;
  fix?: string;
  /** the line of the default that fixed it */
  at?: number;
}

const PLATFORM_ARGS = new Set(['TARGETARCH', 'TARGETPLATFORM', 'TARGETVARIANT']);

type Env = Map<string, GoArch>;

/** A value as the stage sees it: from a target variable anywhere in it, else its literal text, else unset. */
function evaluate(text: string, env: Env): GoArch {
  // `${GOARCH:-$(go env GOARCH)}`: the variable where the stage sets it, else the default
  const fallback = /^["']?\$\{(\w+):?[-=]([^}]*)\}["']?$/.exec(text);
  if (fallback) {
    const set = env.get(fallback[1] ?? '');
    return set && set.kind !== 'unset' ? set : evaluate(fallback[2] ?? '', env);
  }
  const refs = varsIn(text);
  if (refs.some((r) => env.get(r)?.kind === 'target')) return { kind: 'target' };
  // a command's answer: xx-info's is the target's, the machine's own (`uname -m`, `go env GOARCH`) unset; another
  // program's is not known here, so not taken as a fixed value
  const asked = /\$\(([^)]*)\)|`([^`]*)`/.exec(text);
  if (asked) {
    const cmd = (asked[1] ?? asked[2] ?? '').trim();
    if (/^(uname\s+-[mp]|arch|dpkg\s+--print-architecture|go\s+env\s+GO(ARCH|OS))$/.test(cmd))
      return { kind: 'unset', why: `$(${cmd}) is the build machine's` };
    return { kind: 'target' };
  }
  const expanded = expandVars(text, literalsOf(env))
    .replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, '')
    .replace(/^["']|["']$/g, '')
    .trim();
  // the reason a platform variable it names carries (its default, or never declared in the stage)
  const from = refs.map((r) => env.get(r) ?? (PLATFORM_ARGS.has(r) ? undeclared(r) : undefined));
  const why = from.find((v) => v !== undefined && v.kind !== 'target' && v.why !== undefined);
  const reason =
    why && why.kind !== 'target' && why.why ? { why: why.why, ...(why.fix ? { fix: why.fix } : {}) } : {};
  return expanded === '' ? { kind: 'unset', ...reason } : { kind: 'literal', value: expanded, ...reason };
}

/** The variables of an environment that hold one fixed value, with it. */
function literalsOf(env: Env): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of env) if (v.kind === 'literal') out.set(k, v.value);
  return out;
}

const undeclared = (name: string): GoArch => ({
  kind: 'unset',
  why: `$${name} is empty: the stage never declares ARG ${name}`,
  fix: `declare ARG ${name} in the stage (without a value) before the build`,
});

/**
 * A platform ARG as BuildKit sets it in a stage (checked on dockerd 26's BuildKit): declared with no value, it is the
 * target's; a default, in the stage or on a global ARG of that name, replaces the target's value for every platform.
 */
function platformArg(
  name: string,
  line: number,
  stageDefault: string | undefined,
  global: { line: number; value: string } | undefined,
  env: Env,
): GoArch {
  const shadow = (value: string, at: number, where: string): GoArch => {
    const v = evaluate(value, env);
    if (v.kind === 'target') return v;
    return {
      ...v,
      why: `ARG ${name}=${value} (line ${at}${where}) replaces the ${name} BuildKit sets for each platform`,
      at,
      fix: `remove the default: ARG ${name} without a value is each platform's own (line ${at})`,
    };
  };
  if (stageDefault !== undefined) return shadow(stageDefault, line, '');
  if (global !== undefined)
    return shadow(global.value, global.line, ', a global ARG the stage declares again');
  return { kind: 'target' };
}

/** `ENV A=1 B=2` and the legacy `ENV A 1`. */
function envAssignments(args: string): [string, string][] {
  const t = args.trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) {
    const sp = t.search(/\s/);
    return sp < 0 ? [] : [[t.slice(0, sp), t.slice(sp + 1).trim()]];
  }
  return (t.match(/[A-Za-z_][A-Za-z0-9_]*=(?:"[^"]*"|'[^']*'|\S*)/g) ?? []).map((a) => keyValue(a));
}

/** A stage and the stages it is built FROM, the first base first (the stage itself last). */
export function stageChain(
  parsed: ParsedDockerfile,
  stage: Stage,
  vars: ReadonlyMap<string, string>,
): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s;) {
    chain.unshift(s);
    const base = expandVars(s.image, vars).toLowerCase();
    const index: number = s.index;
    s = parsed.stages.find((x) => x.index < index && (x.name === base || String(x.index) === base));
  }
  return chain;
}

/** A platform's own values of the platform ARGs (`linux/arm/v7`: TARGETOS linux, TARGETARCH arm, TARGETVARIANT v7). */
export function platformValues(platform: string): Record<string, string> {
  const [os = '', arch = '', variant = ''] = platform.split('/');
  return { TARGETPLATFORM: platform, TARGETOS: os, TARGETARCH: arch, TARGETVARIANT: variant };
}

/**
 * The stage chain's variables in order: ARG (with build-args and global defaults), ENV. With a platform, the platform
 * ARGs the stage declares carry that platform's values (so `ARG BIN=out/${TARGETARCH}/app` is a literal path for it).
 */
function stageEnv(
  parsed: ParsedDockerfile,
  stage: Stage,
  vars: ReadonlyMap<string, string>,
  buildArgs: Readonly<Record<string, string>>,
  platform?: string,
  before = Infinity,
): Env {
  const env: Env = new Map();
  const globals = new Map(parsed.globalArgs.map((a) => [a.name, a.default]));
  const globalLine = new Map(parsed.globalArgs.map((a) => [a.name, a.line]));
  const own = platform === undefined ? {} : platformValues(platform);
  for (const s of stageChain(parsed, stage, vars)) {
    for (const ins of s.instructions) {
      // (the stage's own instructions up to the one asked about: an ARG declared after a RUN is not in its shell)
      if (s === stage && ins.line >= before) break;
      if (ins.keyword === 'ARG') {
        for (const a of s.args.filter((x) => x.line === ins.line)) {
          const g = globals.get(a.name);
          const mine = own[a.name];
          if (PLATFORM_ARGS.has(a.name) || (a.name === 'TARGETOS' && mine !== undefined)) {
            const v = platformArg(
              a.name,
              a.line,
              a.default,
              g === undefined ? undefined : { line: globalLine.get(a.name) ?? 0, value: g },
              env,
            );
            env.set(a.name, v.kind === 'target' && mine !== undefined ? { kind: 'literal', value: mine } : v);
          } else if (buildArgs[a.name] !== undefined)
            env.set(a.name, { kind: 'literal', value: buildArgs[a.name] ?? '' });
          else if (a.default !== undefined) env.set(a.name, evaluate(a.default, env));
          else if (globals.get(a.name) !== undefined)
            env.set(a.name, evaluate(globals.get(a.name) ?? '', env));
          else if (!env.has(a.name)) env.set(a.name, { kind: 'unset' });
        }
      }
      if (ins.keyword === 'ENV') for (const [k, v] of envAssignments(ins.args)) env.set(k, evaluate(v, env));
    }
  }
  return env;
}

/**
 * A text of the stage (a COPY source) as BuildKit expands it when building for `platform`, with what made each
 * variable in it a fixed value (a platform ARG's default); variables without a value stay as written.
 */
export function expandFor(
  parsed: ParsedDockerfile,
  stage: Stage,
  text: string,
  vars: ReadonlyMap<string, string>,
  buildArgs: Readonly<Record<string, string>>,
  platform: string,
): { text: string; why?: string; fix?: string } {
  const env = stageEnv(parsed, stage, vars, buildArgs, platform);
  const reason = varsIn(text)
    .map((n) => env.get(n))
    .find((v) => v !== undefined && v.kind !== 'target' && v.why !== undefined);
  return {
    text: expandVars(text, literalsOf(env)),
    ...(reason && reason.kind !== 'target' && reason.why ? { why: reason.why } : {}),
    ...(reason && reason.kind !== 'target' && reason.fix ? { fix: reason.fix } : {}),
  };
}

/** GOARCH (or, with `name`, another Go variable: GOOS) for the go build in `script` (a RUN of `stage`). */
export function goarchFor(
  parsed: ParsedDockerfile,
  stage: Stage,
  script: string,
  vars: ReadonlyMap<string, string>,
  buildArgs: Readonly<Record<string, string>>,
  name: 'GOARCH' | 'GOOS' = 'GOARCH',
): GoArch {
  // tonistiigi/xx sets GOOS/GOARCH/GOARM from TARGETPLATFORM itself
  // `xx-go --wrap` (earlier, in the stage or one it is built FROM) makes every later `go` that wrapper
  // (so does `COPY --from=tonistiigi/xx:golang / /`: that image's `go` is its wrapper)
  const wrapped = stageChain(parsed, stage, vars).some((s) =>
    s.instructions.some(
      (i) =>
        (i.keyword === 'RUN' && /\bxx-go\s+--wrap\b/.test(runScript(i))) ||
        (i.keyword === 'COPY' &&
          i.flags.some((f) => f.name === 'from' && /^(docker\.io\/)?tonistiigi\/xx:golang\b/.test(f.value))),
    ),
  );
  if (/\bxx-go\b/.test(script) || wrapped) return xxTarget(parsed, stage, vars, buildArgs, 'xx-go');
  const env = stageEnv(parsed, stage, vars, buildArgs);
  // the last assignment the build sees wins: `GOARCH=x go build`, `export GOARCH=x`, `env GOARCH=x`; a plain shell
  // variable (`GOARCH=$TARGETARCH && go build`) is not in go's environment unless exported
  // (`export GOARCH=$GOARCH`, a make's own environment after another's prefix, src/dockerfile/scripts.ts: the stage's
  // value for that make alone; goBuildArches tells its builds apart)
  const assigned = assignments(script, name)
    .filter((m) => exported(script, name, m.index + m[0].indexOf(`${name}=`), m.index + m[0].length))
    .filter((m) => !new RegExp(`^\\$\\{?${name}\\}?$`).test(m[1] ?? ''))
    .pop();
  if (assigned)
    return (
      branchOn(script, assigned.index, env) ??
      eachArch(script, assigned.index, assigned[1] ?? '', env) ??
      evaluate(assigned[1] ?? '', env)
    );
  return env.get(name) ?? { kind: 'unset' };
}

/** Every `NAME=value` in a script, value in group 1. */
const assignments = (script: string, name: string) => [
  ...script.matchAll(
    new RegExp(
      `(?:^|[\\s;&|(])${name}=("[^"]*"|'[^']*'|\\$\\((?:[^()]|\\([^()]*\\))*\\)|\`[^\`]*\`|\\$\\{\\w+:?[-=][^}]*\\}|[^\\s;&|)]*)`,
      'g',
    ),
  ),
];

/** Where the simple command holding `at` starts: after the last `&&`, `||`, `;`, `|`, newline or `(` before it. */
function commandStart(script: string, at: number): number {
  let start = 0;
  for (const m of substitutionsBlanked(script.slice(0, at)).matchAll(/&&|\|\||[;|\n(]/g))
    start = m.index + m[0].length;
  return start;
}

/**
 * The script with each `$(…)` (nested ones too) and `` `…` `` blanked to `_`, same length: the `(`, `;`, `|` and spaces
 * inside are not the command's, and each is one word.
 */
function substitutionsBlanked(script: string): string {
  let out = '';
  let depth = 0;
  let tick = false;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i] ?? '';
    if (depth === 0 && ch === '`') {
      tick = !tick;
      out += '_';
    } else if (tick) out += '_';
    else if (ch === '$' && script[i + 1] === '(') {
      depth++;
      out += '__';
      i++;
    } else if (depth > 0) {
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      out += '_';
    } else out += ch;
  }
  return out;
}

/**
 * GOARCH for each product build of a script (`go build`, `go install` of a package path; not `go install tool@v`),
 * with its `-o` output: a prefix (`GOARCH=x go build`, `env GOARCH=x go build`) sets it for its own command only,
 * `export`/`declare -x` for every later one. `GOARCH=$TARGETARCH go build -o a . && go build -o b ./cmd/b` builds
 * b for the machine the RUN runs on.
 */
export function goBuildArches(
  parsed: ParsedDockerfile,
  stage: Stage,
  script: string,
  vars: ReadonlyMap<string, string>,
  buildArgs: Readonly<Record<string, string>>,
): { output: string | undefined; goarch: GoArch }[] {
  const env = stageEnv(parsed, stage, vars, buildArgs);
  const found = assignments(script, 'GOARCH');
  return [...script.matchAll(/\bgo\s+(?:build|install)\b[^;&|\n)]*/g)]
    .filter((b) => !/@\S/.test(b[0]))
    .map((b) => {
      const start = commandStart(script, b.index);
      const applies = found
        .map((m) => ({ m, at: m.index + m[0].indexOf('GOARCH=') }))
        .filter(({ at }) => at < b.index && (at >= start || exportedBy(script, 'GOARCH', at, b.index)))
        .pop()?.m;
      const goarch = applies
        ? (branchOn(script, applies.index, env) ??
          eachArch(script, applies.index, applies[1] ?? '', env) ??
          evaluate(applies[1] ?? '', env))
        : (env.get('GOARCH') ?? { kind: 'unset' as const });
      return { output: goBuildOutput(b[0]), goarch };
    });
}

/**
 * An assignment from the variable of a loop over several architectures (`for arch in arm64 amd64; do GOARCH=$arch go
 * build -o bin/app-$arch …; done`, the list also from a variable): the build makes one for each, as a target-aware
 * build does; which one an image gets is the COPY's choice. Undefined otherwise.
 */
function eachArch(script: string, at: number, value: string, env: Env): GoArch | undefined {
  for (const loop of script.matchAll(/\bfor\s+([A-Za-z_]\w*)\s+in\s+([^;\n]*?)\s*(?:;|\n)\s*do\b/g)) {
    const end = script.indexOf('done', loop.index);
    if (at < loop.index || (end >= 0 && at > end) || !varsIn(value).includes(loop[1] ?? '')) continue;
    const words = expandVars(loop[2] ?? '', literalsOf(env))
      .replace(/["']/g, '')
      .split(/\s+/);
    const arches = new Set(words.flatMap((w) => archName(w) ?? []));
    if (arches.size >= 2) return { kind: 'target' };
  }
  return undefined;
}

/** An assignment at `at`, in an earlier command than the one at `until`, is in that command's environment. */
function exportedBy(script: string, name: string, at: number, until: number): boolean {
  const before = script.slice(commandStart(script, at), at);
  if (/\b(export|declare\s+-x)\b/.test(before)) return true;
  return new RegExp(`\\bexport\\s+([A-Za-z_][A-Za-z0-9_]*\\s+)*${name}\\b(?!=)`).test(
    script.slice(at, until),
  );
}

/** The tests (`if` conditions, `case` subjects) of the if/case blocks holding position `at` of a script, outermost first. */
export function branchesAt(script: string, at: number): string[] {
  const out: string[] = [];
  for (const b of script.matchAll(/\b(?:if|case)\b([\s\S]*?)\b(?:then|in)\b[\s\S]*?\b(?:fi|esac)\b/g))
    if (at >= b.index && at <= b.index + b[0].length) out.push(b[1] ?? '');
  return out;
}

/**
 * An assignment inside a branch on a platform ARG (`if [ "$TARGETPLATFORM" = linux/arm64 ]; then export GOARCH=arm64`,
 * `case $TARGETARCH in …`) is one of a choice by that ARG: what the ARG carries (the target's when the stage declares
 * it; unset, the build machine's). Undefined outside such a branch, or when a default fixes the ARG.
 */
function branchOn(script: string, at: number, env: Env): GoArch | undefined {
  for (const b of branchesAt(script, at)) {
    const arg = /\$\{?(TARGET(?:PLATFORM|ARCH))\b/.exec(b)?.[1];
    const v = env.get(arg ?? '') ?? { kind: 'unset' };
    // a default-fixed ARG takes one branch: the assignment's own value says which (evaluated by the caller)
    if (arg) return v.kind === 'literal' ? undefined : v;
  }
  return undefined;
}

/**
 * Whether an assignment in a script reaches the commands' environment: it prefixes a command (`GOARCH=x go build`,
 * after other assignments too), follows `export`/`env`/`declare -x`, or the variable is exported later (`export
 * GOARCH`); a statement of its own (`GOARCH=x && go build`) sets a shell variable only.
 */
function exported(script: string, name: string, start: number, end: number): boolean {
  const before = script.slice(commandStart(script, start), start);
  if (/\b(export|env|declare\s+-x)\b/.test(before)) return true;
  // an argument of a command (`task build GOARCH=x`, `make GOARCH=x`) is not in the shell's environment (words read
  // with each `$(…)` one word: `GOOS=$(word 1, $@) GOARCH=amd64 go build` is a prefix)
  const flat = substitutionsBlanked(script.slice(0, start));
  const words = flat
    .slice(commandStart(flat, flat.length))
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '' && !/^(then|do|else|!|\{)$/.test(w));
  // (a variable holding assignments, as make's `$(ENVVAR) GOARCH=$(ARCH) go build` with `ENVVAR ?= CGO_ENABLED=0`)
  const assigns = (w: string) =>
    /^[A-Za-z_][A-Za-z0-9_]*=/.test(w) || /^["']?\$\{?\w*(ENV|VARS)\w*\}?["']?$/i.test(w);
  if (!words.every(assigns)) return false;
  const after = script.slice(end).replace(/^([ \t]+[A-Za-z_][A-Za-z0-9_]*=("[^"]*"|'[^']*'|\S*))*/, '');
  if (/^[ \t]+[^\s;&|)\\]/.test(after)) return true;
  return new RegExp(`\\bexport\\s+([A-Za-z_][A-Za-z0-9_]*\\s+)*${name}\\b(?!=)`).test(script.slice(end));
}

/**
 * tonistiigi/xx's wrappers build for $TARGETPLATFORM (or TARGETARCH) as the stage sees it: declared, the target's;
 * never declared in the stage (a global ARG only, which a stage does not see), empty, so the build machine's.
 */
function xxTarget(
  parsed: ParsedDockerfile,
  stage: Stage,
  vars: ReadonlyMap<string, string>,
  buildArgs: Readonly<Record<string, string>>,
  tool: string,
): GoArch {
  const seen = ['TARGETPLATFORM', 'TARGETARCH'].map((n) => stageVar(parsed, stage, n, vars, buildArgs));
  if (seen.some((v) => v?.kind === 'target')) return { kind: 'target' };
  const fixed = seen.find((v) => v?.kind === 'literal');
  if (fixed) return fixed;
  return {
    kind: 'unset',
    why: `${tool} reads $TARGETPLATFORM, which the stage never declares (a global ARG is not seen in a stage until declared again)`,
    fix: 'declare ARG TARGETPLATFORM in the stage (without a value) before the build',
  };
}

/**
 * The architecture a `dotnet publish`/`build` in `script` targets: its runtime identifier (`-r linux-x64`,
 * `--runtime linux-musl-arm64`) or `-a/--arch`, fixed to one, or from a variable (taken as the target's); unset
 * without one (a portable build, or the SDK's own RID when self-contained).
 */
export function dotnetArchFor(script: string): GoArch {
  // one runtime per branch (`if [ "$TARGETPLATFORM" = linux/arm/v7 ]; then dotnet publish -r linux-arm …`): a choice
  const rids = new Set(
    [
      ...script.matchAll(
        /\bdotnet\s+(?:publish|build)\b[^;&|\n]*?\s(?:-r|--runtime|-a|--arch)(?:=|\s+)["']?([^\s"';&|]+)/g,
      ),
    ].map((m) => m[1]),
  );
  if (rids.size > 1) return { kind: 'target' };
  const at = script.search(/\bdotnet\s+(publish|build)\b/);
  const command = at < 0 ? '' : (script.slice(at).split(/&&|\|\||[;|\n]/)[0] ?? '');
  const given = /\s(?:-r|--runtime|-a|--arch)(?:=|\s+)["']?([^\s"';&|]+)/.exec(command)?.[1];
  if (given === undefined) return { kind: 'unset' };
  if (given.includes('$')) return { kind: 'target' };
  const word = /(?:^|-)(x64|x86|arm64|arm|s390x|ppc64le|riscv64|loongarch64)$/.exec(given)?.[1];
  const value = word === 'x64' ? 'amd64' : word === 'x86' ? '386' : word;
  return value === undefined
    ? { kind: 'unset' }
    : {
        kind: 'literal',
        value,
        why: `the runtime identifier ${given}`,
        fix: 'drop the fixed runtime: build FROM --platform=$BUILDPLATFORM with ARG TARGETARCH and publish with -a $TARGETARCH (x64 for amd64)',
      };
}

/** The `-o` outputs of a script's go builds, with the stage's literal variables in them expanded (`-o "$BIN"`). */
export function goOutputsFor(
  parsed: ParsedDockerfile,
  stage: Stage,
  script: string,
  vars: ReadonlyMap<string, string>,
  buildArgs: Readonly<Record<string, string>>,
): string[] {
  const literals = stageLiterals(parsed, stage, vars, buildArgs);
  return buildOutputs(script).map((out) => expandVars(out, literals));
}

/** The stage's variables that have one value for every platform (`ARG FILE=tool_linux_amd64.tar.gz`, ENV). */
export function stageLiterals(
  parsed: ParsedDockerfile,
  stage: Stage,
  vars: ReadonlyMap<string, string>,
  buildArgs: Readonly<Record<string, string>>,
): Map<string, string> {
  return literalsOf(stageEnv(parsed, stage, vars, buildArgs));
}

/**
 * A variable as the stage sees it (the platform ARGs as BuildKit sets them; see platformArg); at the instruction on
 * line `before` when given (what the stage declares later is not there yet).
 */
export function stageVar(
  parsed: ParsedDockerfile,
  stage: Stage,
  name: string,
  vars: ReadonlyMap<string, string>,
  buildArgs: Readonly<Record<string, string>>,
  before?: number,
): GoArch | undefined {
  return stageEnv(parsed, stage, vars, buildArgs, undefined, before).get(name);
}

const ARCH_VALUE: Record<string, string> = {
  amd64: 'amd64',
  x86_64: 'amd64',
  'x86-64': 'amd64',
  arm64: 'arm64',
  aarch64: 'arm64',
  armhf: 'arm',
  armv7: 'arm',
  '386': '386',
  i386: '386',
  i686: '386',
  s390x: 's390x',
  ppc64le: 'ppc64le',
  powerpc64le: 'ppc64le',
  riscv64: 'riscv64',
  riscv64gc: 'riscv64',
  x64: 'amd64',
};

/** Go's name for an architecture as projects write it (`x86_64`, `aarch64`, a Rust triple's first part). */
export function archName(value: string): string | undefined {
  return ARCH_VALUE[value.toLowerCase()];
}

const ARCH_WORD =
  /(?:^|[^a-z0-9])(amd64|x86_64|x86-64|arm64|aarch64|s390x|ppc64le|riscv64|i386|i686|armhf|armv7)(?![a-z0-9])/gi;

/**
 * The one architecture an image reference names, in Go's names: Docker's per-arch namespaces (`arm64v8/alpine`,
 * `amd64/debian`), or a word of its name or tag (`home-assistant/amd64-base`, `app:1.2-arm64`). Undefined for none or
 * several (a digest is not read).
 */
export function imageArch(image: string): string | undefined {
  const ref = image.replace(/@sha256:[0-9a-f]+$/i, '').toLowerCase();
  const ns = /(?:^|\/)(amd64|arm64v8|arm32v[567]|i386|s390x|ppc64le|riscv64)\//.exec(ref)?.[1];
  if (ns) return archName(ns.replace(/v8$/, '').replace(/^arm32v[567]$/, 'armhf')) ?? undefined;
  const arches = archesNamed(ref.replace(/^[^/]*\.[^/]*\//, ''));
  return arches.size === 1 ? [...arches][0] : undefined;
}

/** The architectures a path or URL names (`dist/linux-amd64/app`: amd64), in Go's names. */
export function archesNamed(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(ARCH_WORD)) {
    const a = archName(m[1] ?? '');
    if (a !== undefined) out.add(a);
  }
  // names that mean one arch without an arch word: `linux64`, `linux-64`, `linux-64bit`, `linux-x64` (x86-64 builds of
  // FFmpeg, chromedriver, conda's subdir, kepubify, Node.js), and
  // tini's and yt-dlp's release assets without an arch suffix (`…/tini`, `…/tini-static`, `…/yt-dlp_linux`: the amd64
  // ones; the others are `tini-arm64`, `yt-dlp_linux_aarch64`, …)
  if (
    /(^|[^a-z0-9])linux[-_]?(musl-|bionic-)?(64|64-?bit|x64)(?![a-z0-9])/i.test(text) ||
    TINI_AMD64.test(text)
  )
    out.add('amd64');
  // .NET's runtime identifiers: `linux-musl-arm64`, `linux-musl-arm` (`-x64` above)
  const rid = /(^|[^a-z0-9])linux-(?:musl-|bionic-)(arm64|arm|x86)(?![a-z0-9])/i
    .exec(text)?.[2]
    ?.toLowerCase();
  if (rid) out.add(rid === 'x86' ? '386' : rid);
  return out;
}

const TINI_AMD64 =
  /\/tini\/releases\/download\/[^/\s]+\/tini(-static)?(-muslc)?(?=$|[\s"'])|\/yt-dlp_linux(?=$|[\s"'])/;

/**
 * The architecture a `cargo build` in `script` compiles for: `--target TRIPLE` (or CARGO_BUILD_TARGET in the stage),
 * from a variable (the target's, when it follows TARGETARCH) or fixed to one triple; unset builds for the machine.
 */
export function cargoTargetFor(
  parsed: ParsedDockerfile,
  stage: Stage,
  script: string,
  vars: ReadonlyMap<string, string>,
  buildArgs: Readonly<Record<string, string>>,
): GoArch {
  if (/\bxx-cargo\b/.test(script)) return xxTarget(parsed, stage, vars, buildArgs, 'xx-cargo');
  const flag = /--target[=\s]+("[^"]*"|'[^']*'|\S+)/.exec(script)?.[1];
  // a RUN that picks its triple by the platform (`if [ "$TARGETARCH" = arm64 ]; then cargo build --target …`)
  if (
    flag !== undefined &&
    varsUsed(script).some((v) => stageVar(parsed, stage, v, vars, buildArgs)?.kind === 'target')
  )
    return { kind: 'target' };
  let triple: string;
  if (flag !== undefined) triple = unquote(flag);
  else {
    // set in the RUN or an ENV from a variable: taken to follow the target, as before
    if (/\bCARGO_BUILD_TARGET=/.test(script)) return { kind: 'target' };
    // flags a program or a file gives (`cargo build $(cat cargo_flags.txt)`, written by a RUN choosing by the
    // platform): not known here, so not taken as no target
    if (/\bcargo\s+(?:build|install|zigbuild)\b[^;&|\n]*(\$\(|`)/.test(script)) return { kind: 'target' };
    const env = stageVar(parsed, stage, 'CARGO_BUILD_TARGET', vars, buildArgs);
    if (env === undefined) return { kind: 'unset' };
    if (env.kind !== 'literal') return { kind: 'target' };
    triple = env.value;
  }
  // a variable in the triple is taken to follow the target (a triple chosen from TARGETARCH)
  // a triple for another OS is a release artefact (`x86_64-pc-windows-gnu`), not the image's binary
  if (triple.includes('$') || !triple.includes('linux')) return { kind: 'target' };
  const arch = archName(triple.split('-')[0] ?? '');
  return arch === undefined ? { kind: 'target' } : { kind: 'literal', value: arch };
}
