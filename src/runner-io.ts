/**
 * What the action says to the runner, in the runner's own protocol, for the main and the post step: inputs arrive as
 * `INPUT_<NAME>` and saved state as `STATE_<name>`; logs and annotations are `::command props::data` lines on stdout;
 * outputs, exported variables and state are `name<<delimiter` blocks appended to the files GITHUB_OUTPUT, GITHUB_ENV
 * and GITHUB_STATE name; the summary is markdown appended to GITHUB_STEP_SUMMARY.
 *
 * Not @actions/core: importing it evaluates its OIDC client (@actions/http-client and undici, ~600 kB of the bundle),
 * ~75 ms of every job's start on this machine, for the one call that needs it (attest's keyless token, which loads
 * core on that path only). __tests__/runner-io.test.ts holds these lines to what core writes for the same calls.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';
import type { ActionIO, Annotation } from './action-io.js';

export type PostIO = Pick<ActionIO, 'info' | 'warning' | 'state'>;

/** Data of a command: `%`, CR and LF percent-encoded. */
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
/** A property's value: also `:` and `,`, which separate properties. */
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(name: string, message: string, where: Annotation & { name?: string } = {}): string {
  const props = [
    ['name', where.name],
    ['title', where.title],
    ['file', where.file],
    ['line', where.startLine],
  ]
    .filter(([, v]) => v !== undefined && v !== '' && v !== 0)
    .map(([k, v]) => `${String(k)}=${escapeProperty(String(v))}`);
  // core's quirk, kept: any annotation property given (even all empty) puts the space after the name
  return `::${name}${Object.keys(where).length > 0 ? ` ${props.join(',')}` : ''}::${escapeData(message)}`;
}

const OLD_COMMAND = { OUTPUT: 'set-output', ENV: 'set-env', STATE: 'save-state' } as const;

/** Inputs taken as written: metadata-action's separators may be a space or a newline. */
const UNTRIMMED = new Set(['sep-tags', 'sep-labels', 'sep-annotations']);

/** One output, exported variable or saved state, as the runner reads it. */
function fileCommand(
  env: NodeJS.ProcessEnv,
  line: (s: string) => void,
  [kind, name, value]: ['OUTPUT' | 'ENV' | 'STATE', string, string],
): void {
  const file = env[`GITHUB_${kind}`] ?? '';
  if (file === '') {
    if (kind === 'OUTPUT') line('');
    line(command(OLD_COMMAND[kind], value, { name }));
    return;
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`Unexpected input: ${name} should not contain the delimiter "${delimiter}"`);
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
}

/**
 * The runner's side of ActionIO over `env` (process.env: exportVariable also sets it for this process, as core does)
 * and `write` (stdout). Without the file's variable (a runner older than 2.297) a value goes as the stdout command
 * those runners read, as core does; a variable naming a missing file throws.
 */
export function runnerIO(env: NodeJS.ProcessEnv, write: (text: string) => void): ActionIO {
  const line = (s: string): void => {
    write(`${s}${EOL}`);
  };
  return {
    info: line,
    warning: (m, where) => {
      line(command('warning', m, where));
    },
    notice: (m) => {
      line(command('notice', m));
    },
    async group(name, fn) {
      line(command('group', name));
      try {
        return await fn();
      } finally {
        line(command('endgroup', ''));
      }
    },
    input: (n) => {
      const v = env[`INPUT_${n.replace(/ /g, '_').toUpperCase()}`] ?? '';
      return UNTRIMMED.has(n) ? v : v.trim();
    },
    setSecret: (v) => {
      line(command('add-mask', v));
    },
    setOutput: (n, v) => {
      fileCommand(env, line, ['OUTPUT', n, v]);
    },
    exportVariable: (n, v) => {
      env[n] = v;
      fileCommand(env, line, ['ENV', n, v]);
    },
    saveState: (n, v) => {
      fileCommand(env, line, ['STATE', n, v]);
    },
    state: (n) => env[`STATE_${n}`] ?? '',
    summary: async (md) => {
      const file = env.GITHUB_STEP_SUMMARY ?? '';
      if (file === '') throw new Error('GITHUB_STEP_SUMMARY is not set: this runner has no job summary');
      await appendFile(file, md, 'utf8');
    },
    setFailed: (m) => {
      process.exitCode = 1;
      line(command('error', m));
    },
  };
}
