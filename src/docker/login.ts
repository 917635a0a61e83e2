/**
 * Registry logins: parsed from `registry`/`username`/`password` and the `logins` block, run as
 * `docker login REGISTRY -u USER --password-stdin` — the password travels on stdin only.
 */
import { InputError, StepError } from '../errors.js';
import type { Runner } from '../exec.js';
import { errorText, type RetryPolicy } from '../retry.js';
import { CommandError, dockerWithRetry } from './command.js';
import { inputLines, unquote } from '../tags/lines.js';

export interface Login {
  /** '' means Docker Hub */
  registry: string;
  username: string;
  password: string;
}

export interface LoginInputs {
  registry: string;
  username: string;
  password: string;
  logins: string;
}

/**
 * The `logins` input: either `registry username password` per line, or a YAML list of mappings with
 * keys registry, username, password (only that shape; values may be quoted).
 */
export function parseLogins(text: string): Login[] {
  const lines = inputLines(text);
  if (lines.some((l) => /^\s*-\s/.test(l) || /^\s*-$/.test(l))) return parseYamlList(lines);
  return lines.map((l, i) => {
    const parts = l.trim().split(/\s+/);
    if (parts.length !== 3) {
      throw new InputError(
        'logins',
        `line ${i + 1} has ${parts.length} fields; write "registry username password"`,
      );
    }
    const [registry = '', username = '', password = ''] = parts;
    return { registry, username, password };
  });
}

function parseYamlList(lines: string[]): Login[] {
  const items: Record<string, string>[] = [];
  for (const [n, raw] of lines.entries()) {
    let line = raw.trim();
    if (line.startsWith('-')) {
      items.push({});
      line = line.slice(1).trim();
      if (line === '') continue;
    }
    const current = items[items.length - 1];
    const colon = line.indexOf(':');
    if (!current || colon < 0) {
      // the line may hold a password: say where, never what
      throw new InputError('logins', `line ${n + 1} is not "key: value" inside a "- registry: …" item`);
    }
    const key = line.slice(0, colon).trim();
    if (!['registry', 'username', 'password'].includes(key)) {
      const shown = /^[\w-]{1,20}$/.test(key) ? `"${key}"` : `on line ${n + 1}`;
      throw new InputError('logins', `unknown key ${shown}; each item takes registry, username, password`);
    }
    current[key] = unquote(line.slice(colon + 1).trim());
  }
  return items.map((it, i) => {
    if (!it.username || !it.password) {
      throw new InputError('logins', `item ${i + 1} needs username and password`);
    }
    return { registry: it.registry ?? '', username: it.username, password: it.password };
  });
}

export interface LoginDecision {
  logins: Login[];
  /** one line each, for core.notice */
  notices: string[];
}

/**
 * All logins to perform. On a pull request from a fork, secrets are empty: logins without a password are
 * skipped with a notice rather than failing a build that will not push anyway.
 */
export function resolveLogins(inputs: LoginInputs, fromFork: boolean): LoginDecision {
  const all: Login[] = [];
  const notices: string[] = [];
  if (inputs.username !== '' || inputs.password !== '') {
    all.push({ registry: inputs.registry, username: inputs.username, password: inputs.password });
  }
  all.push(...parseLogins(inputs.logins));
  const logins: Login[] = [];
  for (const l of all) {
    const where = l.registry || 'Docker Hub';
    if (l.password === '' || l.username === '') {
      if (fromFork) {
        notices.push(`login to ${where} skipped: no credentials on a pull request from a fork`);
        continue;
      }
      const missing = l.username === '' ? 'username' : 'password';
      throw new InputError(missing, `login to ${where} needs a ${missing}; pass it from secrets`);
    }
    logins.push(l);
  }
  return { logins, notices };
}

export function loginArgs(l: Login): string[] {
  return ['login', ...(l.registry ? [l.registry] : []), '--username', l.username, '--password-stdin'];
}

export async function login(runner: Runner, l: Login, policy: RetryPolicy): Promise<void> {
  try {
    await dockerWithRetry(runner, 'login', loginArgs(l), policy, { input: l.password });
  } catch (err) {
    if (!(err instanceof CommandError)) throw err;
    const why = errorText(err.output).split(l.password).join('***');
    throw new StepError(
      'login',
      `${l.registry || 'Docker Hub'} as ${l.username}: ${why}; check the username and token`,
    );
  }
}

/** Post step; failure is only a warning there. */
export async function logout(runner: Runner, registry: string): Promise<string | undefined> {
  const res = await runner.run('docker', ['logout', ...(registry ? [registry] : [])]);
  return res.code === 0
    ? undefined
    : `docker logout ${registry || 'Docker Hub'} failed: ${res.stderr.trim()}`;
}
