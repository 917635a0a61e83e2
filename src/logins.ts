/**
 * Registry logins, decided before any effect: parsed from `registry`/`username`/`password` and the `logins` block,
 * checked, and turned into `docker login REGISTRY --username USER --password-stdin` (the password travels on stdin
 * only; src/docker/login.ts runs it).
 */
import { InputError } from './errors.js';
import { inputLines } from './lines.js';

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

/** `registry username password` per line (the compact form). */
function parseLoginLines(lines: string[]): Login[] {
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

const KEYS = ['registry', 'username', 'password'];

/** A YAML scalar as text: `password: 12345` is the string "12345"; an empty value is "". */
function scalarText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return '';
}

/**
 * The `logins` input: `registry username password` per line, or a YAML list of `registry`/`username`/`password`
 * mappings, read by the `yaml` library (loaded only for this form): flow style, comments, quotes and escapes as
 * YAML has them. An error gives the line and never the text (it may hold a password). A password may be empty
 * (a fork's pull request has no secrets): resolveLogins decides.
 */
export async function parseLogins(text: string): Promise<Login[]> {
  const lines = inputLines(text);
  if (lines.length === 0) return [];
  if (!/^\s*(-|\[|\{)/.test(lines[0] ?? '')) return parseLoginLines(lines);
  const { LineCounter, parseDocument, isMap, isScalar, isSeq } = await import('yaml');
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const lineOf = (offset: number | undefined) => counter.linePos(offset ?? 0).line;
  const first = doc.errors[0];
  if (first)
    throw new InputError(
      'logins',
      `not valid YAML at line ${lineOf(first.pos[0])} (${first.code.toLowerCase().replace(/_/g, ' ')}); write a list of "- registry: …" items`,
    );
  const seq = doc.contents;
  if (!isSeq(seq))
    throw new InputError(
      'logins',
      'write a YAML list: "- registry: ghcr.io" items with username and password',
    );
  const rangeOf = (n: unknown): number | undefined =>
    isMap(n) || isSeq(n) || isScalar(n) ? n.range?.[0] : undefined;
  return seq.items.map((item, i) => {
    const at = `item ${i + 1} (line ${lineOf(rangeOf(item))})`;
    if (!isMap(item))
      throw new InputError('logins', `${at} is not a mapping of registry, username, password`);
    const got: Record<string, string> = {};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? scalarText(pair.key.value) : '';
      // never quoted: `{username: me, Hunter2}` makes the password a key (#19)
      if (!KEYS.includes(key))
        throw new InputError(
          'logins',
          `item ${i + 1} (line ${lineOf(rangeOf(pair.key) ?? rangeOf(item))}): unknown key; each item takes registry, username, password`,
        );
      if (pair.value !== null && !isScalar(pair.value))
        throw new InputError('logins', `${at}: ${key} must be a single value`);
      got[key] = pair.value === null ? '' : scalarText(pair.value.value);
    }
    if (!got.username) throw new InputError('logins', `${at} needs a username`);
    return { registry: got.registry ?? '', username: got.username, password: got.password ?? '' };
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
export function resolveLogins(
  inputs: Omit<LoginInputs, 'logins'>,
  parsed: readonly Login[],
  fromFork: boolean,
): LoginDecision {
  const all: Login[] = [];
  const notices: string[] = [];
  if (inputs.username !== '' || inputs.password !== '') {
    all.push({ registry: inputs.registry, username: inputs.username, password: inputs.password });
  }
  all.push(...parsed);
  const logins: Login[] = [];
  for (const [i, l] of all.entries()) {
    // it reaches docker login's argv as the positional; never quoted (a misordered line may hold a password there)
    if (l.registry !== '' && !REGISTRY_HOST.test(l.registry)) {
      const input = i === 0 && l.registry === inputs.registry ? 'registry' : 'logins';
      throw new InputError(
        input,
        'a registry is not a host name (letters, digits, and . : - _ / [ ]); write e.g. ghcr.io',
      );
    }
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

const REGISTRY_HOST = /^(https?:\/\/)?[A-Za-z0-9[][A-Za-z0-9._:\-[\]/]*$/;

export function loginArgs(l: Login): string[] {
  return ['login', ...(l.registry ? [l.registry] : []), '--username', l.username, '--password-stdin'];
}
