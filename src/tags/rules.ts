/**
 * The `tags` input: one rule per line in docker/metadata-action syntax, validated once.
 * A line without any `key=` is shorthand for `type=raw,value=<line>`.
 */
import { InputError } from '../errors.js';
import { inputLines, parseFields } from '../lines.js';

const RULE_TYPES = [
  'schedule',
  'semver',
  'pep440',
  'match',
  'edge',
  'ref',
  'raw',
  'sha',
  'describe',
] as const;
type RuleType = (typeof RULE_TYPES)[number];

/**
 * describe sits between match (800) and edge (700): on a branch push it is the most specific version
 * (date + git describe), so it should become the main version ahead of edge/ref/raw/sha.
 */
const DEFAULT_PRIORITY: Record<RuleType, number> = {
  schedule: 1000,
  semver: 900,
  pep440: 900,
  match: 800,
  describe: 750,
  edge: 700,
  ref: 600,
  raw: 200,
  sha: 100,
};

const COMMON = ['type', 'enable', 'priority', 'prefix', 'suffix'];
const KEYS: Record<RuleType, string[]> = {
  schedule: ['pattern'],
  semver: ['pattern', 'value', 'match'],
  pep440: ['pattern', 'value', 'match'],
  match: ['pattern', 'group', 'value'],
  edge: ['branch'],
  ref: ['event'],
  raw: ['value'],
  sha: ['format'],
  describe: ['pattern'],
};

const DEFAULT_DESCRIBE_PATTERN = "v{{date 'YYYYMMDD'}}-{{describe}}";

export interface Rule {
  type: RuleType;
  /** attributes as written (keys lowercased), defaults filled in */
  attrs: Partial<Record<string, string>>;
  /** prefix/suffix given on the rule itself replace the flavor's; undefined = use flavor */
  prefix?: string;
  suffix?: string;
  priority: number;
  /** the line as written, or `default: …` */
  source: string;
  /** compiled `match=` / match `pattern=` */
  regex?: RegExp;
}

function fail(line: string, detail: string): never {
  throw new InputError('tags', `"${line}": ${detail}`);
}

/** A regex attribute; type=match's pattern may also be written `/re/flags` (metadata-action's form, e.g. `/v(.*)/i`). */
function compile(line: string, key: string, src: string, literal = false): RegExp {
  const slashed = literal ? /^\/(.+)\/(.*)$/.exec(src) : null;
  try {
    return slashed ? new RegExp(slashed[1] ?? '', slashed[2]) : new RegExp(src);
  } catch (e) {
    return fail(
      line,
      `${key}=${src} is not a valid regular expression (${(e as Error).message}); fix the regex`,
    );
  }
}

function parseRule(line: string, source = line): Rule {
  // a "key" that is not an identifier (e.g. `{{date 'YY' tz`) means the field is a bare value
  const fields = parseFields(line, 'tags').map((f) =>
    /^[a-z][a-z_-]*$/.test(f.key) ? f : { key: '', value: f.key ? line : f.value },
  );
  const bare = fields.every((f) => f.key === '');
  if (bare) return parseRule(`type=raw,value="${line.replace(/"/g, '""')}"`, source);
  const attrs: Partial<Record<string, string>> = {};
  for (const f of fields) {
    // a field without `=` is the value (metadata-action: `type=raw,foo`, `type=semver,pattern=…,v1.2.3`)
    const key = f.key === '' ? 'value' : f.key;
    if (key in attrs) fail(line, `${key}= is given twice; keep one`);
    attrs[key] = f.value;
  }
  const type = (attrs.type ?? 'raw') as RuleType;
  if (!RULE_TYPES.includes(type)) fail(line, `unknown type "${type}"; use one of ${RULE_TYPES.join(', ')}`);
  const allowed = [...COMMON, ...KEYS[type]];
  for (const k of Object.keys(attrs)) {
    if (!allowed.includes(k))
      fail(line, `type=${type} has no "${k}" attribute; it accepts ${allowed.join(', ')}`);
  }
  const rule: Rule = { type, attrs, priority: DEFAULT_PRIORITY[type], source };
  if (attrs.priority !== undefined) {
    if (!/^-?\d+$/.test(attrs.priority)) fail(line, `priority=${attrs.priority} is not an integer`);
    rule.priority = Number(attrs.priority);
  }
  attrs.enable ??= 'true';
  if (attrs.prefix !== undefined) rule.prefix = attrs.prefix;
  if (attrs.suffix !== undefined) rule.suffix = attrs.suffix;
  validate(rule, line);
  return rule;
}

function validate(rule: Rule, line: string): void {
  const a = rule.attrs;
  switch (rule.type) {
    case 'schedule':
      a.pattern ??= 'nightly';
      break;
    case 'semver':
    case 'pep440':
      if (!a.pattern) fail(line, `type=${rule.type} needs pattern=, e.g. pattern={{version}}`);
      if (a.match) rule.regex = compile(line, 'match', a.match);
      break;
    case 'match':
      if (!a.pattern) fail(line, 'type=match needs pattern=<regex>, e.g. pattern=v(\\d+\\.\\d+)');
      rule.regex = compile(line, 'pattern', a.pattern, true);
      a.group ??= '0';
      if (!/^\d+$/.test(a.group)) fail(line, `group=${a.group} is not a group number`);
      break;
    case 'ref':
      if (!['branch', 'tag', 'pr'].includes(a.event ?? ''))
        fail(line, 'type=ref needs event=branch, event=tag or event=pr');
      if (a.event === 'pr') rule.prefix ??= 'pr-';
      break;
    case 'raw':
      // `value=` given empty is no tag (metadata-action accepts it: a value from an expression may be empty)
      if (a.value === undefined) fail(line, 'type=raw needs value=');
      break;
    case 'sha':
      a.format ??= 'short';
      if (!['short', 'long'].includes(a.format)) fail(line, `format=${a.format} is not short or long`);
      rule.prefix ??= 'sha-';
      break;
    case 'describe':
      a.pattern ??= DEFAULT_DESCRIBE_PATTERN;
      break;
    case 'edge':
      break;
  }
}

/** Defaults when `tags` is empty: metadata-action's four (a schedule gets `nightly` and its branch). */
function defaultRuleLines(): string[] {
  return ['type=schedule', 'type=ref,event=branch', 'type=ref,event=tag', 'type=ref,event=pr'];
}

/** Rules sorted by priority, highest first; equal priorities keep their written order. */
export function parseRules(text: string): Rule[] {
  const lines = inputLines(text);
  const rules =
    lines.length > 0
      ? lines.map((l) => parseRule(l))
      : defaultRuleLines().map((l) => parseRule(l, `default: ${l}`));
  return rules
    .map((r, i) => ({ r, i }))
    .sort((x, y) => y.r.priority - x.r.priority || x.i - y.i)
    .map((x) => x.r);
}
