/**
 * The command line: `crossbuild [build|plan|lint|test|verify] [--flag value]…`. Every action input is a `--kebab-case` flag
 * (the list is generated from action.yml, src/cli/inputs.generated.ts); a flag given twice, or a list input, is
 * joined with newlines as a multi-line input. Secret inputs are not flags: argv is visible in `ps` and shell
 * history, so they come from INPUT_<NAME> in the environment, and the password also from stdin
 * (`--password-stdin`, as `docker login`). Pure.
 */
import { INPUTS, type InputSpec } from './inputs.generated.js';

type Command = 'build' | 'plan' | 'lint' | 'test' | 'verify';

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
  /** lint: the Dockerfiles to read; test, verify: the image */
  files: string[];
  /** verify: the signer to accept (keyless), or the public key's file */
  identity?: string;
  issuer?: string;
  key?: string;
  /** read the password from stdin (as `docker login --password-stdin`) */
  passwordStdin: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const COMMANDS: readonly Command[] = ['build', 'plan', 'lint', 'test', 'verify'];
// a bare `--push` means true for switches (true/false, and the auto/true/false ones)
const SWITCHES = new Set(INPUTS.filter((i) => /^(true|false|auto)$/.test(i.default)).map((i) => i.name));
const CLI_VALUE = new Set([
  'ref',
  'sha',
  'event',
  'format',
  'fail-on',
  'certificate-identity',
  'certificate-oidc-issuer',
  'key',
]);

/**
 * `INPUT_GITHUB_TOKEN`: the variable a shell can set for an input. The runner's own name keeps the hyphen
 * (`INPUT_GITHUB-TOKEN`); CliIO reads both.
 */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/[ -]/g, '_').toUpperCase()}`;
}

/** How a secret input reaches the command instead of a flag. */
function secretSource(name: string): string {
  const env = inputEnvName(name);
  if (name === 'password') return `--password-stdin or ${env}`;
  if (name === 'secrets') return `${env}, or --secret-envs ID=ENVVAR / --secret-files ID=PATH`;
  return env;
}

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
    passwordStdin: false,
  };
  let i = 0;
  if (argv[0] !== undefined && !argv[0].startsWith('-')) {
    out.command = oneOf('command', argv[0], COMMANDS);
    i = 1;
  }
  for (; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      if (out.command === 'build' || out.command === 'plan')
        throw new UsageError(`unexpected argument "${arg}"; flags are --name value (see --help)`);
      out.files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if (name === 'help' || name === 'json') out[name] = true;
    else if (name === 'password-stdin') {
      if (inline !== undefined)
        throw new UsageError('--password-stdin takes no value: the password comes on stdin');
      out.passwordStdin = true;
    } else {
      checkFlag(name);
      const next = inline === undefined ? nextValue(name, argv[i + 1]) : undefined;
      if (next?.consumed) i++;
      setFlag(out, name, inline ?? next?.value ?? '');
    }
  }
  if (out.command === 'plan') out.inputs['dry-run'] = 'true';
  return out;
}

const KNOWN = new Map<string, InputSpec>(INPUTS.map((i) => [i.name, i]));

function checkFlag(name: string): void {
  // refused before its value is looked at: the message must not echo it
  if (KNOWN.get(name)?.secret)
    throw new UsageError(
      `--${name} would put a secret on the command line (visible in ps and shell history); use ${secretSource(name)}`,
    );
  if (!KNOWN.has(name) && !CLI_VALUE.has(name))
    throw new UsageError(`unknown flag --${name} (see crossbuild --help)`);
}

/** The value of `--name` from the next argument; a switch followed by nothing or another flag is `true`. */
function nextValue(name: string, next: string | undefined): { value: string; consumed: boolean } {
  if (SWITCHES.has(name) && (next === undefined || next.startsWith('--')))
    return { value: 'true', consumed: false };
  if (next === undefined) throw new UsageError(`--${name} needs a value`);
  return { value: next, consumed: true };
}

function setFlag(out: CliArgs, name: string, value: string): void {
  if (name === 'ref') out.ref = value;
  else if (name === 'sha') out.sha = value;
  else if (name === 'event') out.event = value;
  else if (name === 'certificate-identity') out.identity = value;
  else if (name === 'certificate-oidc-issuer') out.issuer = value;
  else if (name === 'key') out.key = value;
  else if (name === 'format') out.format = oneOf('format', value, ['text', 'json', 'sarif'] as const);
  else if (name === 'fail-on') out.failOn = oneOf('fail-on', value, ['warning', 'error', 'none'] as const);
  else out.inputs[name] = out.inputs[name] === undefined ? value : `${out.inputs[name]}\n${value}`;
}

/** `--help`, grouped as action.yml (and the README) group the inputs. */
export function helpText(): string {
  const lines = [
    'crossbuild — one cross-compiling Dockerfile to verified multi-architecture images',
    '',
    'Usage: crossbuild [build|plan|lint|test|verify] [flags]',
    '  build (default)  the whole release: build, push by digest, prove, verify, tag',
    '  plan             tags, labels, the buildx command and advisor findings; no effect',
    '  lint [FILE…]     the emulation advisor alone (--format text|json|sarif, --fail-on warning|error|none)',
    '  test IMAGE       the --test commands in every platform of an image in a registry (IMAGE@DIGEST or',
    '                   IMAGE:TAG; --platforms to pick some, --json for the results); exit 4 when one fails',
    '  verify IMAGE     the signed provenance attached to an image (IMAGE:TAG or IMAGE@DIGEST), verified against',
    '                   --certificate-identity and --certificate-oidc-issuer, or --key PUBLIC.pem (a private',
    '                   Sigstore: --sigstore trusted-root=PATH); --json for the report; exit 4 when none verifies',
    '',
    'Secrets are never flags (a command line shows in ps and shell history):',
    '  --password-stdin                        read the registry password from stdin (as docker login)',
    `  ${INPUTS.filter((i) => i.secret)
      .map((i) => inputEnvName(i.name))
      .join(', ')}`,
    '                                          from the environment; masked in every line printed',
    '',
    'Context (from GitHub Actions, GitLab CI, Cloud Build, else the local git repository):',
    '  --ref REF  --sha SHA  --event NAME      override what was detected',
    '  --json                                  print the outputs as one JSON document on stdout',
    '',
    'Exit codes: 0 done, 1 lint findings, 2 bad input, 3 build or push failed, 4 verification or proof failed, 5 internal error (a bug: please report it)',
  ];
  let group = '';
  for (const i of INPUTS) {
    if (i.group !== group) {
      group = i.group;
      lines.push('', `${group[0]?.toUpperCase() ?? ''}${group.slice(1)}:`);
    }
    const dflt = i.default === '' || i.default.includes('${{') ? '' : ` (default ${i.default})`;
    const how = i.secret ? `${secretSource(i.name)} (not a flag)` : `--${i.name}${dflt}`;
    lines.push(`  ${how}`, `      ${i.description}`);
  }
  lines.push(
    '',
    'Every flag may also be given as INPUT_<NAME> in the environment (INPUT_CACHE_MOUNTS, or INPUT_CACHE-MOUNTS as the runner sets it).',
  );
  return lines.join('\n');
}
