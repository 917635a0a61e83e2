/**
 * What one enabled rule produces for this run: tag names (prefix/suffix applied, not yet sanitised),
 * which of them float, and whether the rule would carry `latest` under `latest=auto`.
 */
import type { RunContext } from '../context.js';
import type { MetaDeps } from './types.js';
import { isPullRequest, render, tagName, withVars, type ExprEnv } from './expressions.js';
import type { Flavor } from './flavor.js';
import type { Rule } from './rules.js';
import { pep440Scheme, semverScheme, type Scheme, type Version } from './versions.js';

/** latest = greatest release overall; major = greatest in X.*; minor = greatest in X.Y.* */
export type Scope = 'latest' | 'major' | 'minor';

/** Something comparable against the repository's released tags (forward-only floating tags). */
export interface Comparable {
  version: Version;
  /** how the version being built is named in reasons (the git tag, or the value) */
  name: string;
  scheme: Scheme;
  /** a released tag name → the version string to parse, or undefined to ignore the tag */
  extract: (tag: string) => string | undefined;
}

interface TagItem {
  name: string;
  scope?: Scope;
  /** set when a floating tag is skipped outright (0.x major) */
  skip?: string;
}

export interface Produced {
  items: TagItem[];
  /** semver/pep440: the version the floating items are judged by */
  comparable?: Comparable;
  /** under latest=auto, would this rule (if it is the top producing rule) add `latest`? */
  autoLatest: boolean;
  /** for auto latest from ref/match rules: the version to judge `latest` by, if it parses */
  latestComparable?: Comparable;
  /** the `{{version}}` output of a semver/pep440 rule: preferred as the main version */
  versionTag?: string;
}

export interface ProduceEnv {
  ctx: RunContext;
  deps: MetaDeps;
  flavor: Flavor;
  env: ExprEnv;
  warnings: string[];
  describe: () => Promise<string>;
}

const NONE: Produced = { items: [], autoLatest: false };

function affixed(rule: Rule, p: ProduceEnv, body: string, env = p.env): string {
  const prefix = render(rule.prefix ?? p.flavor.prefix, env, rule.prefix === undefined ? 'flavor' : 'tags');
  const suffix = render(rule.suffix ?? p.flavor.suffix, env, rule.suffix === undefined ? 'flavor' : 'tags');
  return prefix + body + suffix;
}

/** Pinned patterns name the exact version; the rest float across releases. */
function floatingScope(pattern: string): Scope | undefined {
  if (/\{\{\s*(raw|version|patch)\s*\}\}/.test(pattern)) return undefined;
  if (/\{\{\s*minor\s*\}\}/.test(pattern)) return 'minor';
  if (/\{\{\s*major\s*\}\}/.test(pattern)) return 'major';
  return 'latest';
}

function regexExtract(regex: RegExp | undefined, group: number | undefined) {
  return (s: string): string | undefined => {
    if (!regex) return s;
    const m = regex.exec(s);
    if (!m) return undefined;
    return group !== undefined ? m[group] : (m[1] ?? m[0]);
  };
}

function versionRule(rule: Rule, p: ProduceEnv): Produced {
  const { ctx, warnings } = p;
  const a = rule.attrs;
  const scheme = rule.type === 'pep440' ? pep440Scheme : semverScheme;
  const source = a.value ? render(a.value, p.env, 'tags') : tagName(ctx).replace(/\//g, '-');
  if (!source) return NONE;
  const extract = regexExtract(rule.regex, undefined);
  let raw = extract(source);
  if (raw === undefined) {
    // as metadata-action: a match= that does not match leaves the version as it was (with a warning)
    warnings.push(
      `${rule.source}: "${source}" does not match match=${a.match ?? ''}; the whole value is used`,
    );
    raw = source;
  }
  const v = scheme.parse(raw);
  if (!v) {
    warnings.push(`${rule.source}: "${raw}" is not a valid ${scheme.name} version; rule skipped`);
    return NONE;
  }
  const pattern = a.pattern ?? '{{version}}';
  // a prerelease only ever gets its exact version (metadata-action: unless the pattern is only {{raw}}, spaces
  // inside the braces allowed: `{{ raw }}`)
  const effective = v.prerelease && !/^\{\{\s*raw\s*\}\}$/.test(pattern) ? '{{version}}' : pattern;
  const env = withVars(p.env, {
    ...v.vars,
    raw: v.raw,
    version: v.version,
    major: String(v.major),
    minor: String(v.minor),
    patch: String(v.patch),
  });
  const name = affixed(rule, p, render(effective, env, 'tags'), env);
  const scope = v.prerelease ? undefined : floatingScope(pattern);
  // {{major}} of a 0.x version is `0`, as in docker/metadata-action (its docs: add enable= to leave it out)
  const item: TagItem = { name, scope };
  const produced: Produced = {
    items: [item],
    comparable: { version: v, name: source, scheme, extract },
    autoLatest: !v.prerelease,
  };
  if (effective.trim() === '{{version}}') produced.versionTag = name;
  return produced;
}

function matchRule(rule: Rule, p: ProduceEnv): Produced {
  const source = rule.attrs.value ? render(rule.attrs.value, p.env, 'tags') : tagName(p.ctx);
  if (!source) return NONE;
  const group = Number(rule.attrs.group ?? '0');
  const extract = regexExtract(rule.regex, group);
  const value = extract(source);
  if (!value) return NONE;
  const v = semverScheme.parse(value);
  // latest=auto follows any match that produced a tag (metadata-action: on a branch too, given value=)
  return {
    items: [{ name: affixed(rule, p, value) }],
    autoLatest: true,
    latestComparable: v && { version: v, name: source, scheme: semverScheme, extract },
  };
}

function refRule(rule: Rule, p: ProduceEnv): Produced {
  const { ctx } = p;
  switch (rule.attrs.event) {
    case 'branch': {
      // never on PR events: pull_request_target's ref is the base branch
      if (isPullRequest(ctx) || !ctx.ref.startsWith('refs/heads/')) return NONE;
      return {
        items: [{ name: affixed(rule, p, ctx.ref.slice(11).replace(/\//g, '-')) }],
        autoLatest: false,
      };
    }
    case 'tag': {
      const tag = tagName(ctx);
      if (!tag) return NONE;
      const v = semverScheme.parse(tag);
      const extract = (t: string): string => t;
      return {
        items: [{ name: affixed(rule, p, tag.replace(/\//g, '-')) }],
        autoLatest: true,
        latestComparable: v && { version: v, name: tag, scheme: semverScheme, extract },
      };
    }
    default: {
      if (!isPullRequest(ctx) || !ctx.pr) return NONE;
      return { items: [{ name: affixed(rule, p, String(ctx.pr.number)) }], autoLatest: false };
    }
  }
}

function one(rule: Rule, p: ProduceEnv, body: string): Produced {
  return body ? { items: [{ name: affixed(rule, p, body) }], autoLatest: false } : NONE;
}

export async function produce(rule: Rule, p: ProduceEnv): Promise<Produced> {
  const { ctx } = p;
  const a = rule.attrs;
  switch (rule.type) {
    case 'semver':
    case 'pep440':
      return versionRule(rule, p);
    case 'match':
      return matchRule(rule, p);
    case 'ref':
      return refRule(rule, p);
    case 'schedule':
      return ctx.eventName === 'schedule'
        ? one(rule, p, render(a.pattern ?? 'nightly', p.env, 'tags'))
        : NONE;
    case 'edge': {
      const branch = a.branch ? render(a.branch, p.env, 'tags') : ctx.repo.defaultBranch;
      return !isPullRequest(ctx) && branch !== '' && ctx.ref === `refs/heads/${branch}`
        ? one(rule, p, 'edge')
        : NONE;
    }
    case 'raw':
      return one(rule, p, render(a.value ?? '', p.env, 'tags'));
    case 'sha':
      return one(rule, p, a.format === 'long' ? ctx.sha : (p.env.vars.sha ?? ''));
    case 'describe': {
      const env = withVars(p.env, { describe: await p.describe() });
      return one(rule, p, render(a.pattern ?? '', env, 'tags'));
    }
  }
}
