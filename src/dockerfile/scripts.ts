/**
 * The build context's scripts a Dockerfile runs (`RUN ./build.sh`, `RUN sh hack/make.sh`, `RUN node scripts/build.js`):
 * where each is in the context, so the caller can read them (bounded) and the advisor can tell a script that
 * compiles from one that downloads, adds users or runs tests. Pure: paths in, paths out.
 */
import { posix } from 'node:path';
import { unquote } from '../lines.js';
import {
  AFTER_BUILD,
  buildOutputs,
  compileSteps,
  mayCompile,
  scriptCalls,
  type ScriptCall,
} from './compile-steps.js';
import { escapeRegExp } from './expand.js';
import { scriptRun } from './shell-functions.js';
import { MAKEFILE_NAMES, makeCalls, renderMake, type MakeCall } from './make.js';
import { renderTask, TASKFILE_NAMES, taskCalls } from './taskfile.js';
import {
  copyArgs,
  mountsOf,
  runScript,
  type Instruction,
  type ParsedDockerfile,
  type Stage,
} from './parse.js';

/** goreleaser's configuration at the context's root: read to know that it builds each platform from its own context. */
export const GORELEASER_NAMES = ['.goreleaser.yaml', '.goreleaser.yml', 'goreleaser.yaml', 'goreleaser.yml'];

/** The largest script read from the context; a longer file is treated as unread. */
export const SCRIPT_LIMIT = 256 * 1024;

/**
 * The stage's working directory at a line (its WORKDIRs, relative ones joined; '/' when none), where the build
 * context was copied (the destination of its last `COPY . DEST` before the line, else that working directory), and
 * the names of the context files copied before it.
 */
/** A source that is a file by its name (an extension, or a Makefile and its kin): not a directory. */
const FILE_LIKE = /\.|^(GNUmakefile|[Mm]akefile|Dockerfile|LICENSE|Gemfile|Procfile)$/;

interface Place {
  workdir: string;
  root: string;
  /** the names of the context's files the stage copied (`.` for the whole context) */
  copied: Set<string>;
  /** where the stage copied parts of the context (`COPY helpers /src/helpers`): image path → context path */
  parts: [string, string][];
}

function placeAt(stage: Stage, line: number): Place {
  let workdir = '/';
  let root: string | undefined;
  const copied = new Set<string>();
  const parts: [string, string][] = [];
  // the directories WORKDIR made: a COPY to one of them (no trailing slash) puts the file in it
  const dirs = new Set<string>();
  for (const ins of stage.instructions) {
    if (ins.line >= line) break;
    if (ins.keyword === 'WORKDIR') dirs.add((workdir = posix.resolve(workdir, unquote(ins.args.trim()))));
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      const { sources, dest } = copyArgs(ins);
      if (ins.flags.some((f) => f.name === 'from')) continue;
      // the whole context: `COPY . /src`, `COPY ./ /src`, `COPY / /src` (a source path is relative to the context)
      if (sources.length === 1 && /^(\.\/?|\/)$/.test(sources[0] ?? '')) {
        root = posix.resolve(workdir, dest || '.');
        copied.add('.');
      }
      for (const src of sources) {
        copied.add(posix.basename(src));
        if (/[*?[$]/.test(src) || /^(\.\/?|\/)$/.test(src) || src.includes('://')) continue;
        const to = posix.resolve(workdir, dest || '.');
        // into a directory (`DEST/`, or several sources): a file keeps its name there, a directory's files go in it
        const intoDir = dest.endsWith('/') || sources.length > 1 || dirs.has(to);
        parts.push([
          intoDir && FILE_LIKE.test(posix.basename(src)) ? posix.join(to, posix.basename(src)) : to,
          posix.normalize(src),
        ]);
      }
    }
  }
  // the RUN's own bind mounts of the context (`--mount=type=bind,target=/src`, `source=sub`)
  const run = stage.instructions.find((i) => i.line === line && i.keyword === 'RUN');
  for (const m of run ? mountsOf(run) : [])
    if ((m.type ?? 'bind') === 'bind' && m.from === undefined && m.target !== undefined) {
      const source = posix.normalize(m.source ?? m.src ?? '.');
      parts.push([posix.resolve(workdir, m.target), source]);
      copied.add(source === '.' ? '.' : posix.basename(source));
    }
  return { workdir, root: root ?? workdir, copied, parts };
}

/**
 * Where a script a RUN names sits in the context: the path resolved in the working directory, relative to where
 * the context was copied. Undefined when it cannot be told (a variable in it, or outside the copy).
 */
export function contextPath(
  path: string,
  workdir: string,
  root = workdir,
  parts: readonly [string, string][] = [],
): string | undefined {
  const p = unquote(path);
  if (p.includes('$')) return undefined;
  const abs = posix.resolve(workdir, p);
  // a part of the context copied on its own (`COPY helpers /src/helpers`, `COPY build.sh /usr/local/bin/`)
  // the latest copy, and the deepest destination, first
  const order = [...parts].reverse().sort((a, b) => b[0].length - a[0].length);
  for (const [to, from] of order) {
    const under = posix.relative(to, abs);
    if (under === '') return from;
    if (!under.startsWith('..') && !posix.isAbsolute(under)) return posix.join(from, under);
  }
  const rel = posix.relative(root, abs);
  return rel === '' || rel.startsWith('..') || posix.isAbsolute(rel) ? undefined : rel;
}

/**
 * What a stage built before `line`: the outputs it named (`-o PATH`), and whether it compiled at all (`make`, `go
 * build` without -o). Running one of them, or a program next to the sources after a compile (`./rclone version`
 * after `make`), is running the product, not a script.
 */
function builtBefore(stage: Stage, line: number): { outputs: Set<string>; compiled: boolean } {
  const outputs = new Set<string>();
  let compiled = false;
  for (const ins of stage.instructions) {
    if (ins.line >= line) break;
    if (ins.keyword !== 'RUN') continue;
    const script = runScript(ins);
    compiled ||= compileSteps(script).some((c) => !c.maybeNative && !c.hostTool);
    for (const p of buildOutputs(script)) {
      outputs.add(p);
      outputs.add(posix.basename(p));
    }
  }
  return { outputs, compiled };
}

export interface RunScripts {
  /**
   * scripts whose text the caller read; a make's (or task's) is the shell text of the recipes it runs (`make` set)
   */
  known: (ScriptCall & { text: string; make?: true })[];
  /** scripts run that could not be read (not in the context, or no reader) */
  unknown: ScriptCall[];
}

/** The scripts one RUN runs, with their text where `scripts` (context path → text) has it. */
export function runScripts(
  stage: Stage,
  ins: Instruction,
  scripts: Readonly<Record<string, string>> | undefined,
): RunScripts {
  const built = builtBefore(stage, ins.line);
  const place = placeAt(stage, ins.line);
  const { workdir, root, parts } = place;
  const out: RunScripts = { known: [], unknown: [] };
  for (const call of scriptCalls(runScript(ins))) {
    // `./app version` after `go build -o app`: the program just built, run to check it
    if (built.outputs.has(call.path) || built.outputs.has(posix.basename(call.path))) continue;
    if (built.compiled && /^\.\/[^/.]+$/.test(call.path)) continue;
    const at = contextPath(call.path, workdir, root, parts);
    const text = at === undefined ? undefined : scripts?.[at];
    // unread: a note only when its name or subcommand does not say it does other work
    if (text === undefined) {
      // a script the RUN downloads (`wget https://apt.llvm.org/llvm.sh && ./llvm.sh 16`) is a vendor's installer
      if (mayCompile(call) && !fetchedHere(runScript(ins), call.path)) out.unknown.push(call);
    } else out.known.push({ ...call, text: scriptRun(text, call.args) });
  }
  const calls = makeCalls(runScript(ins));
  for (const call of calls) {
    const read = runnerFileOf(call, MAKEFILE_NAMES, place, scripts);
    if (!read) continue;
    const text = renderMake(
      read.text,
      { ...call, stageNames: stageNames(stage) },
      (p) => scripts?.[posix.join(read.dir, p)],
    );
    out.known.push({
      label: call.label,
      path: read.path,
      args: call.targets,
      text: [...callEnvironment(call, calls), text].join('\n'),
      make: true,
    });
    // the scripts its recipes run (`default: bash scripts/build.sh`), from make's directory
    for (const inner of recipeScripts(text, read.dir, scripts))
      out.known.push({ ...inner, label: `${call.label}: ${inner.label}`, make: true });
  }
  for (const call of taskCalls(runScript(ins))) {
    const read = runnerFileOf(call, TASKFILE_NAMES, place, scripts);
    if (read)
      out.known.push({
        label: call.label,
        path: read.path,
        args: call.tasks,
        text: renderTask(read.text, call, stageNames(stage)),
        make: true,
      });
  }
  return out;
}

/** The Go knobs a `make` gets from its command's prefix (`GOARCH=$TARGETARCH make build`). */
const GO_KNOBS = ['GOOS', 'GOARCH', 'GOARM'];

/**
 * The environment one `make` of a RUN runs in, as shell text ahead of its recipes: its own prefix (`GOARCH=x make
 * build`: `export GOARCH=x`); a knob another make of the RUN sets by prefix and this one does not is the stage's own
 * (`export GOARCH=$GOARCH`), since a prefix sets one command's environment only (`GOARCH=$TARGETARCH make build &&
 * make cel-key` builds cel-key for the build machine).
 */
function callEnvironment(call: MakeCall, calls: readonly MakeCall[]): string[] {
  return GO_KNOBS.flatMap((k) => {
    const own = call.env.get(k);
    if (own !== undefined) return [`export ${k}=${own}`];
    return calls.some((c) => c.env.has(k)) ? [`export ${k}=$${k}`] : [];
  });
}

/** The context's scripts a make recipe runs, where the caller read them (paths relative to make's directory). */
function recipeScripts(
  text: string,
  dir: string,
  scripts: Readonly<Record<string, string>> | undefined,
): (ScriptCall & { text: string })[] {
  return scriptCalls(text)
    .filter((c) => !c.path.startsWith('/') && !c.path.includes('$'))
    .flatMap((c) => {
      const body = scripts?.[posix.join(dir, c.path)];
      return body === undefined ? [] : [{ ...c, text: scriptRun(body, c.args) }];
    });
}

/** The paths of the scripts a Makefile's recipes run, relative to the context (for the caller to read). */
export function makefileScripts(makefile: string, text: string): string[] {
  return scriptCalls(text.replace(/^\t/gm, ''))
    .filter((c) => !c.path.startsWith('/') && !c.path.includes('$'))
    .map((c) => posix.join(posix.dirname(makefile), c.path));
}

/**
 * Whether the RUN downloads the script it runs: its file name ends a URL the RUN names, or curl/wget writes it (`curl
 * -o get_helm.sh https://…/get-helm-3`).
 */
function fetchedHere(script: string, path: string): boolean {
  const name = escapeRegExp(posix.basename(path));
  if (new RegExp(`https?://\\S*/${name}(?=$|[\\s"'?#])`).test(script)) return true;
  return (
    /\b(curl|wget)\b/.test(script) &&
    new RegExp(`\\s(-o|-O|--output|--output-document)(=|\\s+)["']?(\\S*/)?${name}(?=$|[\\s"';&|])`).test(
      script,
    )
  );
}

/** The variables a stage's ARG and ENV lines name (`ARG A=1`, `ENV B=2 C=3`, `ENV D 4`). */
function stageNames(stage: Stage): Set<string> {
  const out = new Set<string>();
  for (const ins of stage.instructions) {
    if (ins.keyword !== 'ARG' && ins.keyword !== 'ENV') continue;
    const words = ins.args.trim().split(/\s+/);
    const assigned = words.filter((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
    for (const w of assigned.length > 0 || ins.keyword === 'ARG' ? words : words.slice(0, 1))
      out.add(w.replace(/=.*$/, ''));
  }
  return out;
}

/**
 * The context paths a make or task call would read: its `-f`/`-t` file, else the names it tries (GNUmakefile,
 * makefile, Makefile; Taskfile.yml, …).
 */
function runnerPaths(call: { dir: string; file?: string }, tried: readonly string[], place: Place): string[] {
  if (call.dir.includes('$')) return [];
  const names = call.file !== undefined ? [call.file] : tried;
  const at = (n: string) => contextPath(posix.join(call.dir, n), place.workdir, place.root, place.parts);
  return names.map(at).filter((p): p is string => p !== undefined);
}

/**
 * The Makefile (or Taskfile) a call reads, where the caller read it: only one the stage has, the context copied in
 * (`COPY . .`, `COPY Makefile go.* ./`), not one in sources it fetched.
 */
function runnerFileOf(
  call: { dir: string; file?: string },
  tried: readonly string[],
  place: Place,
  scripts: Readonly<Record<string, string>> | undefined,
): { dir: string; path: string; text: string } | undefined {
  for (const path of runnerPaths(call, tried, place)) {
    if (!place.copied.has('.') && !place.copied.has(posix.basename(path))) continue;
    const text = scripts?.[path];
    if (text !== undefined) return { dir: posix.dirname(path), path, text };
  }
  return undefined;
}

/** Where a RUN's makes run (absolute), and whether each only installs (`make install`, `make -C x clean`). */
export function makeDirs(stage: Stage, ins: Instruction): { dir: string; installOnly: boolean }[] {
  const { workdir } = placeAt(stage, ins.line);
  return makeCalls(runScript(ins)).map((c) => ({
    dir: posix.resolve(workdir, c.dir),
    installOnly: c.targets.length > 0 && c.targets.every((t) => AFTER_BUILD.test(t)),
  }));
}

/** Every context path a Dockerfile's RUNs name as a script: what the caller reads for the advisor. */
/** A COPY/ADD source as a path in the build context (`./bin/x`, `/bin/x` → `bin/x`: sources are the context's). */
export const contextSource = (src: string): string => posix.normalize(src).replace(/^(\.\/|\/)+/, '');

/**
 * The single files COPY and ADD take from the build context (no `--from`, no URL, pattern, variable or directory), as
 * context paths: a vendored binary among them is one architecture's (src/context-scripts.ts reads their first bytes).
 */
export function contextCopies(parsed: ParsedDockerfile): string[] {
  const out = new Set<string>();
  for (const stage of parsed.stages)
    for (const ins of stage.instructions) {
      if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || ins.flags.some((f) => f.name === 'from'))
        continue;
      for (const src of copyArgs(ins).sources) {
        if (/^[a-z]+:\/\/|[*?[$]|\/$|^\.?$/i.test(src)) continue;
        out.add(contextSource(src));
      }
    }
  return [...out].filter((p) => p !== '' && p !== '.' && !p.startsWith('..'));
}

export function scriptPaths(parsed: ParsedDockerfile): string[] {
  const out = new Set<string>();
  for (const stage of parsed.stages)
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const place = placeAt(stage, ins.line);
      const { workdir, root, parts } = place;
      for (const call of scriptCalls(runScript(ins))) {
        const at = contextPath(call.path, workdir, root, parts);
        if (at !== undefined) out.add(at);
      }
      for (const call of makeCalls(runScript(ins)))
        for (const p of runnerPaths(call, MAKEFILE_NAMES, place)) out.add(p);
      for (const call of taskCalls(runScript(ins)))
        for (const p of runnerPaths(call, TASKFILE_NAMES, place)) out.add(p);
    }
  return [...out];
}
