/**
 * The command line: `crossbuild [build|plan|lint] [--flag value]…`. Every action input is a `--kebab-case` flag
 * (the list is generated from action.yml, src/cli/inputs.generated.ts); a flag given twice, or a list input, is
 * joined with newlines as a multi-line input. Pure.
 */
import { INPUTS, type InputSpec } from './inputs.generated.js';

export type Command = 'build' | 'plan' | 'lint';

export interface CliArgs {
  command: Command;
  /** action inputs by name, as the action would receive them */
  inputs: Record<string, string>;
  /** CLI-only options */
  json: boolean;
  help: boolean;
  ref?: string;
  sha?: string;
  event?: string;
  format: 'text' | 'json' | 'sarif';
  failOn: 'warning' | 'error' | 'none';
  /** lint: the Dockerfiles to read */
  files: string[];
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const COMMANDS: readonly Command[] = ['build', 'plan', 'lint'];
// a bare `--push` means true for switches (true/false, and the auto/true/false ones)
const SWITCHES = new Set(INPUTS.filter((i) => /^(true|false|auto)$/.test(i.default)).map((i) => i.name));
const CLI_VALUE = new Set(['ref', 'sha', 'event', 'format', 'fail-on']);

function oneOf<T extends string>(flag: string, v: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`--${flag}: "${v}" is not one of ${allowed.join(', ')}`);
}

export function parseArgs(argv: readonly string[]): CliArgs {
  const out: CliArgs = {
    command: 'build',
    inputs: {},
    json: false,
    help: false,
    format: 'text',
    failOn: 'warning',
    files: [],
  };
  const known = new Map<string, InputSpec>(INPUTS.map((i) => [i.name, i]));
  let i = 0;
  if (argv[0] !== undefined && !argv[0].startsWith('-')) {
    out.command = oneOf('command', argv[0], COMMANDS);
    i = 1;
  }
  for (; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      if (out.command !== 'lint')
        throw new UsageError(`unexpected argument "${arg}"; flags are --name value (see --help)`);
      out.files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if (name === 'help' || name === 'json') {
      out[name] = true;
      continue;
    }
    const isBool = SWITCHES.has(name);
    const takesValue = known.has(name) || CLI_VALUE.has(name);
    if (!takesValue) throw new UsageError(`unknown flag --${name} (see crossbuild --help)`);
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (isBool && (next === undefined || next.startsWith('--'))) value = 'true';
      else if (next === undefined) throw new UsageError(`--${name} needs a value`);
      else {
        value = next;
        i++;
      }
    }
    if (name === 'ref') out.ref = value;
    else if (name === 'sha') out.sha = value;
    else if (name === 'event') out.event = value;
    else if (name === 'format') out.format = oneOf('format', value, ['text', 'json', 'sarif'] as const);
    else if (name === 'fail-on') out.failOn = oneOf('fail-on', value, ['warning', 'error', 'none'] as const);
    else out.inputs[name] = out.inputs[name] === undefined ? value : `${out.inputs[name]}\n${value}`;
  }
  if (out.command === 'plan') out.inputs['dry-run'] = 'true';
  return out;
}

/** `--help`, grouped as action.yml (and the README) group the inputs. */
export function helpText(): string {
  const lines = [
    'crossbuild — one cross-compiling Dockerfile to verified multi-architecture images',
    '',
    'Usage: crossbuild [build|plan|lint] [flags]',
    '  build (default)  the whole release: build, push by digest, prove, verify, tag',
    '  plan             tags, labels, the buildx command and advisor findings; no effect',
    '  lint [FILE…]     the emulation advisor alone (--format text|json|sarif, --fail-on warning|error|none)',
    '',
    'Context (from GitHub Actions, GitLab CI, Cloud Build, else the local git repository):',
    '  --ref REF  --sha SHA  --event NAME      override what was detected',
    '  --json                                  print the outputs as one JSON document on stdout',
    '',
    'Exit codes: 0 done, 1 lint findings, 2 bad input, 3 build or push failed, 4 verification or proof failed',
  ];
  let group = '';
  for (const i of INPUTS) {
    if (i.group !== group) {
      group = i.group;
      lines.push('', `${group[0]?.toUpperCase() ?? ''}${group.slice(1)}:`);
    }
    const dflt = i.default === '' ? '' : ` (default ${i.default})`;
    lines.push(`  --${i.name}${dflt}`, `      ${i.description}`);
  }
  lines.push('', 'Every flag may also be given as INPUT_<NAME> in the environment, as in the action.');
  return lines.join('\n');
}
