/**
 * What `make TARGET` runs, read from the context's Makefile (#21): the recipes of the goal and the prerequisites the
 * Makefile defines, with make's variables expanded as GNU make does for the knobs that decide an architecture:
 * command-line `VAR=x` beats every assignment; a Makefile's `=`/`:=` beats the environment, `?=` keeps it;
 * `$(shell go env GOARCH)` is the environment's GOARCH, else the build machine's; `$(shell uname -m)` the build
 * machine's. The result is shell text the advisor judges like a script's (`GOARCH=amd64 go build` in a recipe is a
 * fixed architecture). Pure: the Makefile's text in, shell text out; bounded (depth, lines).
 */
import { commandsIn, within } from './compile-steps.js';
import { escapeRegExp } from './expand.js';

/** One `make` a RUN runs: where, with which Makefile, variables and goals. */
export interface MakeCall {
  /** as written, for messages: `make static-linux` */
  label: string;
  /** the directory it runs in, relative to the RUN's (`cd src && make`, `make -C src`); '.' when the same */
  dir: string;
  /** `-f FILE`, relative to dir */
  file?: string;
  targets: string[];
  /** `make GOARCH=arm64`: beats every assignment in the Makefile */
  overrides: Map<string, string>;
  /** `GOARCH=arm64 make`: the environment it gets besides the stage's */
  env: Map<string, string>;
  /** the names the stage's ARG and ENV may set: make sees them in its environment */
  stageNames?: ReadonlySet<string>;
}

/** A `NAME=value` word. */
export const ASSIGN = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Every make (or gmake) a script runs, with the directory the script's `cd`s put it in. */
export function makeCalls(script: string): MakeCall[] {
  const out: MakeCall[] = [];
  for (const { dir, assign, words } of commandsIn(script)) {
    const cmd = words[0] ?? '';
    if (!/^(\S*\/)?g?make$/.test(cmd)) continue;
    const call: MakeCall = {
      label: ['make', ...words.slice(1)].join(' '),
      dir,
      targets: [],
      overrides: new Map(),
      env: new Map(assign.map(splitAssign)),
    };
    for (let i = 1; i < words.length; i++) {
      const w = words[i] ?? '';
      const value = () => words[++i] ?? '';
      if (w === '-C' || w === '--directory') call.dir = within(dir, value());
      else if (w.startsWith('-C') && w.length > 2) call.dir = within(dir, w.slice(2));
      else if (w === '-f' || w === '--file' || w === '--makefile') call.file = value();
      else if (/^-[jlo]$/.test(w)) i++;
      else if (ASSIGN.test(w)) call.overrides.set(...splitAssign(w));
      else if (!w.startsWith('-')) call.targets.push(w);
    }
    out.push(call);
  }
  return out;
}

/** `NAME=value` (quotes around the value removed) as [NAME, value]. */
export function splitAssign(w: string): [string, string] {
  const i = w.indexOf('=');
  return [w.slice(0, i), w.slice(i + 1).replace(/^["']|["']$/g, '')];
}

/** The Makefile names make tries, in its order, when no -f is given. */
export const MAKEFILE_NAMES = ['GNUmakefile', 'makefile', 'Makefile'];

/** `include a.mk b.mk` and `-include x.mk` lines with plain paths: what the reader reads beside a Makefile. */
export function makeIncludes(text: string): string[] {
  const out: string[] = [];
  for (const line of logicalLines(text)) {
    const m = /^-?include\s+(.+)$|^sinclude\s+(.+)$/.exec(line);
    const list = (m?.[1] ?? m?.[2] ?? '').split(/\s+/);
    for (const p of list) if (p !== '' && !p.includes('$') && !p.includes('*')) out.push(p);
  }
  return out;
}

/** Lines with continuations joined; comments dropped outside recipes. */
function logicalLines(text: string): string[] {
  const out: string[] = [];
  let acc = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.endsWith('\\')) {
      acc += `${line.slice(0, -1)} `;
      continue;
    }
    const whole = acc + line;
    acc = '';
    out.push(whole.startsWith('\t') ? whole : whole.replace(/(^|\s)#.*$/, '').trimEnd());
  }
  return out;
}

interface Variable {
  value: string;
  /** `:=`: expanded when assigned */
  simple: boolean;
  /** `export`ed (true), `unexport`ed (false), or as `export` alone says (undefined) */
  exported?: boolean;
  /** assigned (not only exported) */
  defined: boolean;
}

interface Rule {
  prereqs: string[];
  recipe: string[];
  vars: [string, string][];
}

interface Makefile {
  vars: Map<string, Variable>;
  rules: Map<string, Rule>;
  goal?: string;
  exportAll: boolean;
}

const MAX_LINES = 4000;
const MAX_DEPTH = 8;

/** Where a conditional stands: in a branch taken, or not. */
type Cond = { taking: boolean; done: boolean; machine?: boolean };

/**
 * What the build machine says about itself (`uname -m`, `go env GOARCH` with no GOARCH set): kept apart while make
 * reads the Makefile, so that a conditional on it, and what its branches assign, stay the machine's; empty in the
 * shell text (GOARCH empty is the machine's arch).
 */
const MACHINE = '\u0001machine\u0001';

class Reader {
  readonly mf: Makefile = { vars: new Map(), rules: new Map(), exportAll: false };
  private conds: Cond[] = [];
  private current: Rule[] = [];

  constructor(
    private readonly call: MakeCall,
    private readonly files: (path: string) => string | undefined,
  ) {}

  read(text: string, depth = 0): void {
    for (const line of logicalLines(text).slice(0, MAX_LINES)) {
      if (line.startsWith('\t')) {
        if (this.taking()) for (const r of this.current) r.recipe.push(line.slice(1));
        continue;
      }
      if (this.conditional(line.trim())) continue;
      if (!this.taking() || line.trim() === '') continue;
      this.statement(line.trim(), depth);
    }
  }

  private taking(): boolean {
    return this.conds.every((c) => c.taking);
  }

  /** ifeq/ifneq/ifdef/ifndef/else/endif: a condition it cannot decide takes its first branch. */
  private conditional(line: string): boolean {
    const m = /^(ifeq|ifneq|ifdef|ifndef)\b\s*(.*)$/.exec(line);
    if (m) {
      const v = this.decide(m[1] ?? '', m[2] ?? '');
      this.conds.push({ taking: v !== false, done: v !== false, machine: v === 'machine' });
      return true;
    }
    const top = this.conds[this.conds.length - 1];
    if (/^else\b/.test(line) && top) {
      const rest = line.slice(4).trim();
      const v = rest === '' ? true : this.decide(rest.split(/\s+/)[0] ?? '', rest.replace(/^\S+\s*/, ''));
      top.taking = !top.done && v !== false;
      top.done ||= top.taking;
      top.machine ||= top.taking && v === 'machine';
      return true;
    }
    if (/^endif\b/.test(line)) {
      this.conds.pop();
      return true;
    }
    return false;
  }

  /** true or false when it can tell; 'machine' when it depends on the build machine (the first branch then). */
  private decide(kind: string, arg: string): boolean | 'machine' {
    if (kind === 'ifdef' || kind === 'ifndef') {
      const name = this.expand(arg.trim());
      const defined = this.value(name) !== '';
      return kind === 'ifdef' ? defined : !defined;
    }
    const m = /^\(\s*(.*?)\s*,\s*(.*?)\s*\)$|^(["'])(.*?)\3\s+(["'])(.*?)\5$/.exec(arg.trim());
    if (!m) return true;
    const [a, b] = [this.expand(m[1] ?? m[4] ?? ''), this.expand(m[2] ?? m[6] ?? '')];
    if ((a + b).includes(MACHINE)) return 'machine';
    // a side it cannot know (a shell's output) takes the first branch
    if (/\$\(/.test(a + b)) return true;
    return kind === 'ifeq' ? a === b : a !== b;
  }

  private statement(line: string, depth: number): void {
    const inc = /^(-?include|sinclude)\s+(.+)$/.exec(line);
    if (inc) {
      for (const p of (inc[2] ?? '').split(/\s+/)) {
        const text = depth < MAX_DEPTH && !p.includes('$') ? this.files(p) : undefined;
        if (text !== undefined) this.read(text, depth + 1);
      }
      return;
    }
    if (/^define\b|^endef\b|^vpath\b|^\.PHONY\b/.test(line)) return;
    const exp = /^(unexport|export)(\s+(.*))?$/.exec(line);
    if (exp && !/[:?+!]?=/.test(exp[3] ?? '')) {
      const names = (exp[3] ?? '').split(/\s+/).filter((n) => n !== '');
      if (names.length === 0) this.mf.exportAll = exp[1] === 'export';
      for (const n of names) this.variable(n).exported = exp[1] === 'export';
      return;
    }
    const a = /^((?:export|override)\s+)*(\.?[A-Za-z_][A-Za-z0-9_.-]*)\s*(\?=|::?=|\+=|!=|=)\s*(.*)$/.exec(
      line,
    );
    if (a) {
      this.current = [];
      this.assign(a[2] ?? '', a[3] ?? '=', a[4] ?? '', /export/.test(a[1] ?? ''));
      return;
    }
    this.rule(line);
  }

  private rule(line: string): void {
    const m = /^([^:=]+?)\s*::?(?!=)\s*(.*)$/.exec(line);
    if (!m) {
      this.current = [];
      return;
    }
    const targets = this.expand(m[1] ?? '')
      .split(/\s+/)
      .filter((t) => t !== '')
      .map(fileName);
    let rest = m[2] ?? '';
    let inline: string | undefined;
    const semi = rest.indexOf(';');
    if (semi >= 0) [rest, inline] = [rest.slice(0, semi), rest.slice(semi + 1).trim()];
    // a target-specific variable (`build: GOARCH = amd64`)
    const tv = /^(?:export\s+|override\s+)*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\?=|::?=|\+=|=)\s*(.*)$/.exec(rest);
    this.current = targets.map((t) => {
      const r = this.mf.rules.get(t) ?? { prereqs: [], recipe: [], vars: [] };
      this.mf.rules.set(t, r);
      if (tv) r.vars.push([tv[1] ?? '', tv[2] ?? '']);
      else
        r.prereqs.push(
          ...rest
            .replace('|', ' ')
            .split(/\s+/)
            .filter((p) => p !== ''),
        );
      if (inline) r.recipe.push(inline);
      return r;
    });
    if (tv) this.current = [];
    const first = targets.find((t) => !t.startsWith('.') && !t.includes('%'));
    if (this.mf.goal === undefined && first !== undefined) this.mf.goal = first;
  }

  private variable(name: string): Variable {
    const v: Variable = this.mf.vars.get(name) ?? { value: '', simple: false, defined: false };
    this.mf.vars.set(name, v);
    return v;
  }

  private assign(name: string, op: string, raw: string, exported: boolean): void {
    if (name === '.DEFAULT_GOAL') {
      this.mf.goal = this.expand(raw).trim();
      return;
    }
    // command-line variables beat the Makefile; `?=` keeps what the environment or the Makefile set
    if (this.call.overrides.has(name)) return;
    const v = this.variable(name);
    if (exported || this.call.env.has(name)) v.exported = true;
    if (op === '?=' && (v.defined || this.call.env.has(name))) return;
    if (op === '?=') {
      // the stage's environment may set it (ENV GOARCH=$TARGETARCH): its value, else this default
      const d = this.expand(raw);
      v.simple = true;
      v.value = !this.fromStage(name) || /[{}]/.test(d) ? d : d === '' ? `\${${name}}` : `\${${name}:-${d}}`;
    } else if (op === '+=') v.value = `${this.value(name)} ${v.simple ? this.expand(raw) : raw}`.trim();
    else if (op === '!=') v.value = `$(shell ${raw})`;
    else {
      v.simple = op === ':=' || op === '::=';
      v.value = v.simple ? this.expand(raw) : raw;
    }
    // set in a branch chosen by the build machine (`ifeq ($(shell uname -m),x86_64)`): the machine's, whichever branch
    if (this.conds.some((c) => c.machine) && op !== '+=') {
      v.value = this.fromStage(name) && op === '?=' ? `\${${name}}` : MACHINE;
      v.simple = true;
    }
    v.defined = true;
  }

  /** A variable's value as a recipe sees it: command line, Makefile, the call's environment, else the stage's. */
  value(name: string, depth = 0): string {
    const o = this.call.overrides.get(name);
    if (o !== undefined) return o;
    const v = this.mf.vars.get(name);
    if (v?.defined) return v.simple ? v.value : this.expand(v.value, depth + 1);
    const e = this.call.env.get(name);
    if (e !== undefined) return e;
    // not in make: the stage's environment variable, for the advisor to judge (`$GOARCH` from ENV)
    if (name === 'MAKE') return 'make';
    return this.fromStage(name) ? `\${${name}}` : '';
  }

  /** Whether the stage may set the variable in make's environment (an ARG or ENV of that name). */
  fromStage(name: string): boolean {
    return this.call.stageNames?.has(name) ?? false;
  }

  expand(text: string, depth = 0): string {
    if (depth > MAX_DEPTH) return text;
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const ch = text.charAt(i);
      if (ch !== '$') {
        out += ch;
        continue;
      }
      const next = text[i + 1] ?? '';
      if (next === '$') {
        out += '$';
        i++;
      } else if (next === '(' || next === '{') {
        const end = closing(text, i + 1);
        if (end < 0) {
          out += text.slice(i);
          break;
        }
        out += this.reference(text.slice(i + 2, end), depth);
        i = end;
      } else if (/[A-Za-z_]/.test(next)) {
        out += this.value(next, depth);
        i++;
      } else out += ch;
    }
    return out;
  }

  /** `$(NAME)`, `$(shell …)`, `$(subst …)`, `$(strip …)`; another function stays as `$(…)` (not known here). */
  private reference(inner: string, depth: number): string {
    const fn = /^([a-z-]+)\s+([\s\S]*)$/.exec(inner);
    if (!fn) return this.value(this.expand(inner, depth + 1), depth);
    const name = fn[1] ?? '';
    if (name === 'call') return this.callValue(fn[2] ?? '', depth);
    const arg = this.expand(fn[2] ?? '', depth + 1);
    switch (name) {
      case 'shell':
        return shellValue(arg, this.call.env, (n) => this.fromStage(n));
      case 'strip':
        return arg.trim().replace(/\s+/g, ' ');
      case 'subst': {
        const [from = '', to = '', ...rest] = arg.split(',');
        return from === '' ? rest.join(',') : rest.join(',').split(from).join(to);
      }
      default:
        return `$(${name} ${arg})`;
    }
  }

  /** `$(call VAR,a,b)`: VAR's text with $(1), $(2) replaced by the arguments, expanded. */
  private callValue(args: string, depth: number): string {
    const [fname = '', ...params] = splitArgs(args).map((a) => this.expand(a, depth + 1));
    const body = this.mf.vars.get(fname.trim())?.value ?? '';
    const bound = body.replace(
      /\$(?:\((\d)\)|\{(\d)\}|(\d))/g,
      (_, a, b, c) => params[Number(a ?? b ?? c) - 1] ?? '',
    );
    return this.expand(bound, depth + 1);
  }
}

/** A function's arguments: split on the commas outside parentheses. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(' || ch === '{') depth++;
    if (ch === ')' || ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** A target as make names the file: `./bin/x` and `bin/x` are one. */
const fileName = (t: string): string => t.replace(/^(\.\/)+/, '');

/** The index of the parenthesis closing the one at `open`. */
function closing(text: string, open: number): number {
  const o = text[open];
  const c = o === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === o) depth++;
    else if (text[i] === c && --depth === 0) return i;
  }
  return -1;
}

/**
 * A `$(shell …)` the architecture depends on: `go env GOARCH` is the environment's GOARCH (the call's, else the
 * stage's), else the build machine's; `uname -m`, `arch` and `dpkg --print-architecture` are the build machine's
 * (empty: what GOARCH unset means). Another command stays as shell text.
 */
function shellValue(cmd: string, env: ReadonlyMap<string, string>, stage: (name: string) => boolean): string {
  const c = cmd.trim();
  const goenv = /^go\s+env\s+(GOARCH|GOOS)$/.exec(c);
  if (goenv) {
    const name = goenv[1] ?? '';
    return env.get(name) ?? (stage(name) ? `\${${name}}` : MACHINE);
  }
  if (/^(uname\s+-[mp]|arch|dpkg\s+--print-architecture)(\s|$)/.test(c) || c.includes(MACHINE))
    return MACHINE;
  return `$(${c})`;
}

/**
 * A goal named by the stage's variable (`linux: dist/app-linux-$(TARGETARCH)` with `TARGETARCH=${TARGETARCH}` from the
 * Dockerfile) where the Makefile has a rule for each value (`dist/app-linux-amd64`, `dist/app-linux-arm64`): each
 * platform runs its own, so the first such rule stands for all, its value read as the variable again (`GOARCH=amd64`
 * there is `GOARCH=${TARGETARCH}` here).
 */
function perValueRule(
  rules: ReadonlyMap<string, Rule>,
  target: string,
): { rule: Rule; asVariable: (text: string) => string } | undefined {
  const refs = [...target.matchAll(/\$\{(\w+)\}/g)].map((m) => m[0]);
  if (refs.length === 0) return undefined;
  const pattern = new RegExp(
    `^${target
      .split(/\$\{\w+\}/)
      .map(escapeRegExp)
      .join('([A-Za-z0-9_]+|\\$\\{\\w+\\})')}$`,
  );
  for (const [name, rule] of rules) {
    const values = pattern.exec(name)?.slice(1);
    // a value for the variable, not its own reference (`${VERSION}` the caller passed as it is)
    const swaps = (values ?? []).map((v, i) => [v, refs[i] ?? ''] as const).filter(([v, ref]) => v !== ref);
    if (swaps.length === 0) continue;
    return {
      rule,
      asVariable: (text) =>
        swaps.reduce(
          (t, [v, ref]) =>
            t.replace(new RegExp(`(?<![A-Za-z0-9_])${escapeRegExp(v)}(?![A-Za-z0-9_])`, 'g'), ref),
          text,
        ),
    };
  }
  return undefined;
}

/** The shell text `make` runs for the call's goals: exported variables, then each recipe after its prerequisites. */
export function renderMake(
  text: string,
  call: MakeCall,
  files: (path: string) => string | undefined = () => undefined,
): string {
  const r = new Reader(call, files);
  r.read(text);
  const mf = r.mf;
  const out: string[] = [];
  for (const [name, v] of mf.vars)
    if ((v.exported ?? mf.exportAll) && /^[A-Z_][A-Z0-9_]*$/.test(name))
      out.push(`export ${name}=${r.value(name)}`);
  for (const [name, value] of call.overrides) out.push(`export ${name}=${value}`);
  const seen = new Set<string>();
  const visit = (target: string, depth: number) => {
    const per = mf.rules.has(target) ? undefined : perValueRule(mf.rules, target);
    const rule = mf.rules.get(target) ?? per?.rule;
    if (!rule || seen.has(target) || depth > MAX_DEPTH || out.length > MAX_LINES) return;
    seen.add(target);
    for (const p of rule.prereqs) for (const t of r.expand(p).split(/\s+/)) visit(fileName(t), depth + 1);
    for (const line of rule.recipe) {
      const expanded = r
        .expand(line.replace(/\$@/g, target).replace(/\$[<^]/g, rule.prereqs.join(' ')))
        .replace(/^[@+-]+/, '');
      const cmd = per ? per.asVariable(expanded) : expanded;
      // `$(MAKE) other` in the same directory: that target's recipe, here; `GOARCH=amd64 $(MAKE) other` gives it
      // that environment (its recipes' commands see it)
      const sub = /^((?:[A-Za-z_]\w*=\S*\s+)*)(?:\$\(MAKE\)|make)\s+((?:[\w.-]+\s*)+)$/.exec(cmd.trim());
      if (!sub) {
        out.push(cmd);
        continue;
      }
      const env = (sub[1] ?? '').trim();
      if (env !== '') out.push(`export ${env}`);
      for (const t of (sub[2] ?? '').trim().split(/\s+/)) visit(t, depth + 1);
    }
  };
  const goals = call.targets.length > 0 ? call.targets.map(fileName) : mf.goal ? [mf.goal] : [];
  for (const g of goals) visit(g, 0);
  return out.join('\n').split(MACHINE).join('');
}
