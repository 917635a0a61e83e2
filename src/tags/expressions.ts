/**
 * `{{name}}` expressions in rule values, prefixes, patterns and label values:
 * globals (branch, tag, sha, base_ref, is_default_branch, …), rule-local variables (semver's {{major}}, …)
 * and the date helpers `{{date 'FMT' tz='Area/City'}}` / `{{commit_date …}}`.
 */
import { isPullRequestEvent, type RunContext } from '../context.js';
import { InputError } from '../errors.js';
import { NO_DATES, type Dates } from './date-format.js';

export interface ExprEnv {
  vars: Record<string, string>;
  now: Date;
  /** the built commit's date (the event's, git's or the API's; the clock only with a warning) */
  commitDate: Date;
  /** moment-timezone, loaded when a template has a date */
  dates: Dates;
  /** a template that works but not as written (an unquoted date format) */
  warn: (message: string) => void;
}

/** Length of `{{sha}}` and `type=sha`: 7, or DOCKER_METADATA_SHORT_SHA_LENGTH. */
function shortSha(sha: string, length = 7): string {
  return sha.slice(0, length);
}

export function isPullRequest(ctx: RunContext): boolean {
  return isPullRequestEvent(ctx.eventName) && ctx.pr !== undefined;
}

export function tagName(ctx: RunContext): string {
  return ctx.ref.startsWith('refs/tags/') ? ctx.ref.slice('refs/tags/'.length) : '';
}

/**
 * The branch `GITHUB_REF` names, as in metadata-action: empty on a pull_request (its ref is `refs/pull/N/merge`; the
 * head branch is not the built ref) and on tags; on pull_request_target the base branch (its ref).
 */
function branchName(ctx: RunContext): string {
  return ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : '';
}

/**
 * A pull request's base branch; a tag push's `base_ref` (the branch it was pushed from); else empty, as in
 * metadata-action (a branch push's payload may name a base_ref too: not used).
 */
function baseRef(ctx: RunContext): string {
  if (isPullRequest(ctx)) return ctx.pr?.baseRef ?? '';
  const b = ctx.payload.base_ref;
  return ctx.ref.startsWith('refs/tags/') && typeof b === 'string' ? b.replace(/^refs\/heads\//, '') : '';
}

/**
 * Unlike docker/metadata-action, a PR run is never "the default branch": pull_request_target runs with
 * ref = the base branch, and treating that as a default-branch build would publish PR code as `main`.
 * A schedule always runs on the default branch's last commit (and its payload names no repository).
 */
function isDefaultBranch(ctx: RunContext): boolean {
  if (isPullRequest(ctx)) return false;
  if (ctx.eventName === 'schedule') return true;
  const branch = branchName(ctx);
  return branch !== '' && branch === ctx.repo.defaultBranch;
}

function globalVars(ctx: RunContext, shortLength = 7): Record<string, string> {
  const def = isDefaultBranch(ctx);
  return {
    branch: branchName(ctx),
    tag: tagName(ctx),
    sha: shortSha(ctx.sha, shortLength),
    base_ref: baseRef(ctx),
    is_default_branch: String(def),
    is_not_default_branch: String(!def),
  };
}

export interface EnvOptions {
  commitDate?: Date;
  dates?: Dates;
  warn?: (message: string) => void;
  shortLength?: number;
}

export function exprEnv(ctx: RunContext, now: Date, o: EnvOptions = {}): ExprEnv {
  return {
    vars: globalVars(ctx, o.shortLength),
    now,
    commitDate: o.commitDate ?? ctx.commitDate ?? now,
    dates: o.dates ?? NO_DATES,
    warn: o.warn ?? (() => undefined),
  };
}

/** The same env with rule-local variables ({{version}}, {{major}}, {{describe}}, …). */
export function withVars(env: ExprEnv, vars: Record<string, string>): ExprEnv {
  return { ...env, vars: { ...env.vars, ...vars } };
}

const EXPR = /\{\{\s*([\s\S]*?)\s*\}\}/g;
// a quoted format, or an unquoted word (handlebars reads it as a missing variable: moment's default format)
const DATE_ARGS =
  /^(?:'(?<sq>[^']*)'|"(?<dq>[^"]*)"|(?<bare>[^\s'"=]+))?\s*(?:tz\s*=\s*(?:'(?<tzs>[^']*)'|"(?<tzd>[^"]*)"))?$/;

/** Replace every `{{…}}` in text; unknown names are an InputError naming `input`. */
export function render(text: string, env: ExprEnv, input: string): string {
  return text.replace(EXPR, (whole, inner: string) => {
    const m = /^([a-z_]+)\s*([\s\S]*)$/.exec(inner);
    const name = m?.[1] ?? '';
    const args = (m?.[2] ?? '').trim();
    if (name === 'date' || name === 'commit_date') {
      const a = DATE_ARGS.exec(args)?.groups;
      if (!a) {
        throw new InputError(
          input,
          `${whole} in "${text}" is malformed; write {{${name} 'YYYYMMDD' tz='Area/City'}}`,
        );
      }
      const tz = a.tzs ?? a.tzd ?? 'UTC';
      if (!env.dates.knows(tz)) {
        throw new InputError(
          input,
          `unknown time zone "${tz}" in ${whole}; use an IANA name such as Europe/Paris`,
        );
      }
      if (a.bare !== undefined)
        env.warn(
          `${input}: ${whole} has an unquoted format, which docker/metadata-action ignores (ISO 8601 is used, as here); quote it: {{${name} '${a.bare}'}}`,
        );
      // no format at all: YYYYMMDD (this project's documented default); an unquoted one: moment's default
      const format = a.sq ?? a.dq ?? (a.bare !== undefined ? undefined : 'YYYYMMDD');
      return env.dates.format(name === 'date' ? env.now : env.commitDate, format, tz);
    }
    const value = args === '' ? env.vars[name] : undefined;
    if (value === undefined) {
      const known = [...Object.keys(env.vars), 'date', 'commit_date'].map((k) => `{{${k}}}`).join(' ');
      throw new InputError(input, `unknown expression ${whole} in "${text}"; known here: ${known}`);
    }
    return value;
  });
}

/** `enable=` values: after rendering they must be exactly true or false. */
export function renderBool(text: string, env: ExprEnv, input: string, what: string): boolean {
  const v = render(text, env, input).trim().toLowerCase();
  if (v !== 'true' && v !== 'false') {
    throw new InputError(
      input,
      `${what} "${text}" evaluates to "${v}", not true or false; use true, false or {{is_default_branch}}`,
    );
  }
  return v === 'true';
}
