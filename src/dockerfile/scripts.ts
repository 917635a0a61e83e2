/**
 * The build context's scripts a Dockerfile runs (`RUN ./build.sh`, `RUN sh hack/make.sh`, `RUN node scripts/build.js`):
 * where each is in the context, so the caller can read them (bounded) and the advisor can tell a script that
 * compiles from one that downloads, adds users or runs tests. Pure: paths in, paths out.
 */
import { posix } from 'node:path';
import { unquote } from '../lines.js';
import { buildOutputs, compileSteps, mayCompile, scriptCalls, type ScriptCall } from './compile-steps.js';
import { MAKEFILE_NAMES, makeCalls, renderMake, type MakeCall } from './make.js';
import { copyArgs, runScript, type Instruction, type ParsedDockerfile, type Stage } from './parse.js';

/** The largest script read from the context; a longer file is treated as unread. */
export const SCRIPT_LIMIT = 256 * 1024;

/**
 * The stage's working directory at a line (its WORKDIRs, relative ones joined; '/' when none), and where the build
 * context was copied: the destination of its last `COPY . DEST` before the line, else that working directory.
 */
function placeAt(stage: Stage, line: number): { workdir: string; root: string } {
  let workdir = '/';
  let root: string | undefined;
  for (const ins of stage.instructions) {
    if (ins.line >= line) break;
    if (ins.keyword === 'WORKDIR') workdir = posix.resolve(workdir, unquote(ins.args.trim()));
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      const { sources, dest } = copyArgs(ins);
      const from = ins.flags.some((f) => f.name === 'from');
      if (!from && sources.length === 1 && /^\.\/?$/.test(sources[0] ?? ''))
        root = posix.resolve(workdir, dest || '.');
    }
  }
  return { workdir, root: root ?? workdir };
}

/**
 * Where a script a RUN names sits in the context: the path resolved in the working directory, relative to where
 * the context was copied. Undefined when it cannot be told (a variable in it, or outside the copy).
 */
export function contextPath(path: string, workdir: string, root = workdir): string | undefined {
  const p = unquote(path);
  if (p.includes('$')) return undefined;
  const abs = posix.resolve(workdir, p);
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
  /** scripts whose text the caller read; a make's is the shell text of the recipes it runs (`make` set) */
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
  const { workdir, root } = placeAt(stage, ins.line);
  const out: RunScripts = { known: [], unknown: [] };
  for (const call of scriptCalls(runScript(ins))) {
    // `./app version` after `go build -o app`: the program just built, run to check it
    if (built.outputs.has(call.path) || built.outputs.has(posix.basename(call.path))) continue;
    if (built.compiled && /^\.\/[^/.]+$/.test(call.path)) continue;
    const at = contextPath(call.path, workdir, root);
    const text = at === undefined ? undefined : scripts?.[at];
    // unread: a note only when its name or subcommand does not say it does other work
    if (text === undefined) {
      if (mayCompile(call)) out.unknown.push(call);
    } else out.known.push({ ...call, text });
  }
  for (const call of makeCalls(runScript(ins))) {
    const read = makefileOf(call, workdir, root, scripts);
    if (read)
      out.known.push({
        label: call.label,
        path: read.path,
        args: call.targets,
        text: renderMake(read.text, call, (p) => scripts?.[posix.join(read.dir, p)]),
        make: true,
      });
  }
  return out;
}

/** The context paths make would read for a call: its `-f` file, else GNUmakefile, makefile, Makefile. */
function makefilePaths(
  call: MakeCall,
  workdir: string,
  root: string,
): { dir: string; paths: string[] } | undefined {
  if (call.dir.includes('$')) return undefined;
  const rel = posix.relative(root, posix.resolve(workdir, call.dir));
  if (rel.startsWith('..') || posix.isAbsolute(rel)) return undefined;
  const dir = rel === '' ? '.' : rel;
  const names = call.file !== undefined ? [call.file] : MAKEFILE_NAMES;
  return { dir, paths: names.map((n) => posix.join(dir, n)) };
}

/** The Makefile a call reads, where the caller read it. */
function makefileOf(
  call: MakeCall,
  workdir: string,
  root: string,
  scripts: Readonly<Record<string, string>> | undefined,
): { dir: string; path: string; text: string } | undefined {
  const where = makefilePaths(call, workdir, root);
  for (const path of where?.paths ?? []) {
    const text = scripts?.[path];
    if (text !== undefined && where) return { dir: where.dir, path, text };
  }
  return undefined;
}

/** Every context path a Dockerfile's RUNs name as a script: what the caller reads for the advisor. */
export function scriptPaths(parsed: ParsedDockerfile): string[] {
  const out = new Set<string>();
  for (const stage of parsed.stages)
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const { workdir, root } = placeAt(stage, ins.line);
      for (const call of scriptCalls(runScript(ins))) {
        const at = contextPath(call.path, workdir, root);
        if (at !== undefined) out.add(at);
      }
      for (const call of makeCalls(runScript(ins)))
        for (const p of makefilePaths(call, workdir, root)?.paths ?? []) out.add(p);
    }
  return [...out];
}
