/**
 * What `task NAME` (go-task, Taskfile v3) runs, read from the context's Taskfile (#21): the task's `deps` and `cmds`,
 * tasks it calls (`- task: other`), with `{{.VAR}}` templates filled the way Task does for the knobs that decide an
 * architecture: `task build GOARCH=arm64` beats a task's `vars:`, which beat the Taskfile's `vars:`, which beat the
 * environment; an `env:` entry is exported unless the environment already has it (Task's default precedence);
 * `{{ARCH}}` and a dynamic `sh: go env GOARCH`/`uname -m` are the build machine's. The result is shell text the
 * advisor judges like a script's. Pure: the Taskfile as JSON (the caller parses its YAML) in, shell text out;
 * bounded (depth, lines).
 */
import { commandsIn, within } from './compile-steps.js';
import { ASSIGN, splitAssign } from './make.js';

/** The names task looks for, in its order, when no `-t` is given. */
export const TASKFILE_NAMES = [
  'Taskfile.yml',
  'taskfile.yml',
  'Taskfile.yaml',
  'taskfile.yaml',
  'Taskfile.dist.yml',
  'taskfile.dist.yml',
  'Taskfile.dist.yaml',
  'taskfile.dist.yaml',
];

/** One `task` a RUN runs. */
export interface TaskCall {
  /** as written, for messages: `task build` */
  label: string;
  /** where it runs, relative to the RUN's (`cd src && task`, `task -d src`) */
  dir: string;
  /** `-t FILE`, relative to dir */
  file?: string;
  tasks: string[];
  /** `task build GOARCH=arm64` */
  vars: Map<string, string>;
  /** `GOARCH=arm64 task build` */
  env: Map<string, string>;
}

/** Every `task`/`go-task` a script runs. */
export function taskCalls(script: string): TaskCall[] {
  const out: TaskCall[] = [];
  if (!/\btask\b/.test(script)) return out;
  for (const { dir, assign, words } of commandsIn(script)) {
    if (!/^(\S*\/)?(go-)?task$/.test(words[0] ?? '')) continue;
    const call: TaskCall = {
      label: words.join(' '),
      dir,
      tasks: [],
      vars: new Map(),
      env: new Map(assign.map(splitAssign)),
    };
    for (let i = 1; i < words.length; i++) {
      const w = words[i] ?? '';
      const value = () => words[++i] ?? '';
      if (w === '--') break;
      if (w === '-d' || w === '--dir') call.dir = within(dir, value());
      else if (w === '-t' || w === '--taskfile') call.file = value();
      else if (/^--(dir|taskfile)=/.test(w)) {
        const v = w.slice(w.indexOf('=') + 1);
        if (w.startsWith('--dir')) call.dir = within(dir, v);
        else call.file = v;
      } else if (/^(-o|--output|-c|--color|--concurrency|-C)$/.test(w)) i++;
      else if (ASSIGN.test(w)) call.vars.set(...splitAssign(w));
      else if (!w.startsWith('-')) call.tasks.push(w);
    }
    // `task --version`, `task --list`: runs no task
    if (
      call.tasks.length === 0 &&
      words.slice(1).some((w) => /^-(-version|-list|l|-help|h|-init|i)$/.test(w))
    )
      continue;
    out.push(call);
  }
  return out;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };
const isObj = (v: Json | undefined): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_DEPTH = 8;
const MAX_LINES = 400;

/** What the build machine says of itself (`{{ARCH}}`, `uname -m`): empty, as the advisor reads an unset value. */
const MACHINE = '';

/**
 * A dynamic value (`sh: go env GOARCH`): the environment's GOARCH when the stage may set it (`${GOARCH}`), else the
 * build machine's; `uname -m`, `arch` and `dpkg --print-architecture` the machine's; anything else as `$(cmd)`.
 */
function dynamic(cmd: string, env: ReadonlySet<string>): string {
  const c = cmd.trim();
  const goenv = /^go\s+env\s+(GOARCH|GOOS|GOARM)$/.exec(c);
  if (goenv) return env.has(goenv[1] ?? '') ? `\${${goenv[1] ?? ''}}` : MACHINE;
  if (/^(uname\s+-[mp]|arch|dpkg\s+--print-architecture)(\s|$)/.test(c)) return MACHINE;
  return `$(${c})`;
}

class Render {
  readonly out: string[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly file: Obj,
    private readonly call: TaskCall,
    /** the names the environment may hold: the stage's ARG/ENV and the call's own */
    private readonly envNames: ReadonlySet<string>,
  ) {}

  /** A vars/env block's values, each filled with what is known before it. */
  private block(raw: Json | undefined, scope: Map<string, string>): Map<string, string> {
    const out = new Map<string, string>();
    if (!isObj(raw)) return out;
    for (const [k, v] of Object.entries(raw)) {
      const local = new Map([...scope, ...out]);
      if (isObj(v) && typeof v.sh === 'string') out.set(k, dynamic(this.fill(v.sh, local), this.envNames));
      else if (isObj(v) && v.value !== undefined && typeof v.value !== 'object')
        out.set(k, this.fill(String(v.value), local));
      else if (v !== null && typeof v !== 'object') out.set(k, this.fill(String(v), local));
    }
    return out;
  }

  /** `{{.NAME}}`, `{{.NAME | default "x"}}`, `{{ARCH}}`, `{{OS}}`: the rest of a template stays as written. */
  fill(text: string, vars: ReadonlyMap<string, string>): string {
    return text.replace(/\{\{-?\s*([^}]*?)\s*-?\}\}/g, (all, expr: string) => {
      if (expr === 'ARCH') return MACHINE;
      if (expr === 'OS') return 'linux';
      const m = /^\.([A-Za-z_][A-Za-z0-9_]*)(?:\s*\|\s*default\s+"([^"]*)")?$/.exec(expr);
      if (!m) return all;
      const name = m[1] ?? '';
      const known = vars.get(name);
      if (known !== undefined) return known;
      if (this.envNames.has(name)) return `\${${name}}`;
      return m[2] ?? '';
    });
  }

  run(name: string, given: ReadonlyMap<string, string>, depth: number): void {
    const tasks = this.file.tasks;
    const task = isObj(tasks) ? tasks[name] : undefined;
    if (task === undefined || depth > MAX_DEPTH || this.out.length > MAX_LINES || this.seen.has(name)) return;
    this.seen.add(name);
    const body: Obj = isObj(task) ? task : Array.isArray(task) ? { cmds: task } : { cmds: [task] };
    const global = this.block(this.file.vars, new Map());
    // the task's vars over the caller's over the Taskfile's; a command line's over all
    const scope = new Map([...global, ...given]);
    const vars = new Map([...scope, ...this.block(body.vars, scope), ...this.call.vars]);
    for (const dep of Array.isArray(body.deps) ? body.deps : []) this.sub(dep, vars, depth);
    const env = new Map([...this.block(this.file.env, vars), ...this.block(body.env, vars)]);
    // the environment wins over a Taskfile's env (Task's default): `${NAME:-value}` keeps the stage's
    for (const [k, v] of env)
      this.out.push(
        this.call.env.has(k) ? `export ${k}=${this.call.env.get(k) ?? ''}` : `export ${k}=\${${k}:-${v}}`,
      );
    const cmds = body.cmds;
    for (const cmd of Array.isArray(cmds) ? cmds : typeof cmds === 'string' ? [cmds] : []) {
      if (typeof cmd === 'string') this.out.push(this.fill(cmd, vars));
      else if (isObj(cmd) && typeof cmd.cmd === 'string') this.out.push(this.fill(cmd.cmd, vars));
      else this.sub(cmd, vars, depth);
    }
  }

  /** `- task: other` (with its `vars:`), or a dep's name. */
  private sub(ref: Json, vars: ReadonlyMap<string, string>, depth: number): void {
    if (typeof ref === 'string') this.run(ref, new Map(), depth + 1);
    else if (isObj(ref) && typeof ref.task === 'string')
      this.run(this.fill(ref.task, vars), this.block(ref.vars, new Map(vars)), depth + 1);
  }
}

/** The shell text `task` runs for the call: each task's exported env, then its deps' and its own commands. */
export function renderTask(
  json: string,
  call: TaskCall,
  stageNames: ReadonlySet<string> = new Set(),
): string {
  let file: Json;
  try {
    file = JSON.parse(json) as Json;
  } catch {
    return '';
  }
  if (!isObj(file)) return '';
  const r = new Render(file, call, new Set([...stageNames, ...call.env.keys()]));
  for (const t of call.tasks.length > 0 ? call.tasks : ['default']) r.run(t, new Map(), 0);
  return r.out.join('\n');
}
