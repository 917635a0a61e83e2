/**
 * The tag engine: action inputs + run context (+ injected clock and git) → tags, labels, annotations.
 * Pure apart from the injected GitReader, which is only called when a rule needs it.
 */
import type { RunContext } from '../context.js';
import { InputError, StepError } from '../errors.js';
import { buildAnnotations, buildLabels, defaultLabels, labelRecord } from '../labels.js';
import { hasCommitDate, hasDate, loadDates, NO_DATES } from './date-format.js';
import { exprEnv, isPullRequest, render, renderBool, type ExprEnv } from './expressions.js';
import { parseFlavor, type Flavor } from './flavor.js';
import { makeJudge } from './floating.js';
import { parseImages, referenceLine } from './images.js';
import { inputLines } from '../lines.js';
import { produce, type Produced } from './produce.js';
import { parseRules, type Rule } from './rules.js';
import { sanitizeTag } from './sanitize.js';
import type { FloatingDecision, MetaDeps, MetaInputs, MetaResult, RuleOutcome } from './types.js';

export { loadDates } from './date-format.js';
export { parsePep440 } from './pep440.js';
export { sanitizeTag } from './sanitize.js';
export type * from './types.js';

interface Fired {
  rule: Rule;
  out: Produced;
  /** sanitised tags kept after floating decisions */
  tags: string[];
}

/**
 * `latest` under latest=auto follows docker/metadata-action's README: it comes from the highest-priority
 * rule that produced a tag when that rule is `type=ref,event=tag`, `type=semver`/`pep440` on a stable
 * version, or `type=match` on a tag push. Other rules (branch, pr, edge, raw, sha, schedule, describe)
 * never imply `latest`.
 */
function autoLatest(top: Fired | undefined): Fired | undefined {
  return top?.out.autoLatest ? top : undefined;
}

/** docker/metadata-action's environment switches, read once. */
interface MetaSwitches {
  /** DOCKER_METADATA_PR_HEAD_SHA: on pull requests, the head commit instead of the merge commit */
  prHeadSha: boolean;
  /** DOCKER_METADATA_SHORT_SHA_LENGTH (default 7) */
  shortLength: number;
  /** DOCKER_METADATA_ANNOTATIONS_LEVELS (default manifest) */
  annotationLevels: string[];
}

function metaSwitches(env: Record<string, string | undefined>): MetaSwitches {
  const len = env.DOCKER_METADATA_SHORT_SHA_LENGTH?.trim() ?? '';
  if (len !== '' && !/^\d+$/.test(len))
    throw new InputError('tags', `DOCKER_METADATA_SHORT_SHA_LENGTH is "${len}", not a number of characters`);
  const levels = (env.DOCKER_METADATA_ANNOTATIONS_LEVELS ?? '')
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return {
    prHeadSha: /^true$/i.test(env.DOCKER_METADATA_PR_HEAD_SHA?.trim() ?? ''),
    shortLength: len === '' ? 7 : Number(len),
    annotationLevels: levels.length > 0 ? levels : ['manifest'],
  };
}

/** The head commit's date is not the merge commit's: git or the API give it when a template needs it. */
function withoutCommitDate(ctx: RunContext): RunContext {
  const copy = { ...ctx };
  delete copy.commitDate;
  return copy;
}

/** The commit's date for {{commit_date}}: the event's, else git's, else the API's; the clock only with a warning. */
async function commitDateOf(ctx: RunContext, deps: MetaDeps, warnings: string[]): Promise<Date> {
  if (ctx.commitDate) return ctx.commitDate;
  const d = await deps.git.commitDate(ctx.sha).catch(() => undefined);
  if (d) return d;
  warnings.push(
    `{{commit_date}}: neither the event, git nor the GitHub API gave the date of ${ctx.sha.slice(0, 12)}; the current time is used. Check out the repository (actions/checkout) or pass github-token`,
  );
  return deps.now;
}

export async function computeMeta(
  inputs: MetaInputs,
  runCtx: RunContext,
  deps: MetaDeps,
): Promise<MetaResult> {
  const warnings: string[] = [];
  const sw = metaSwitches(deps.env ?? {});
  const head = sw.prHeadSha && isPullRequest(runCtx) ? runCtx.pr?.headSha : undefined;
  const ctx: RunContext = head ? withoutCommitDate({ ...runCtx, sha: head }) : runCtx;
  const flavor = parseFlavor(inputs.flavor);
  const { references, rules } = readTagLines(inputs.tags);
  const env = await envFor(inputs, rules, ctx, deps, sw.shortLength, warnings);
  const images = parseImages(inputs.images, env);
  const describe = describer(deps, warnings);
  const fired: Fired[] = [];
  for (const rule of rules) {
    if (!renderBool(rule.attrs.enable ?? 'true', env, 'tags', `${rule.source}: enable=`)) continue;
    const out = await produce(rule, { ctx, deps, flavor, env, warnings, describe });
    if (out.items.length > 0) fired.push({ rule, out, tags: [] });
  }
  const judge = makeJudge(inputs['floating-tags'], () => deps.git.releasedTags(), warnings);
  const names = tagNamer(warnings);
  const floating = await nameTags(fired, judge, names);
  const latest = await latestDecision(flavor, fired, judge, env, names);
  if (latest) floating.push(latest);

  const version = mainVersion(fired);
  const ruled = images.length === 0 ? names.all : images.flatMap((i) => names.all.map((n) => `${i}:${n}`));
  const tags = [...new Set([...ruled, ...references.map((r) => `${r.image}:${r.tag}`)])];
  const tagNames = [...new Set([...names.all, ...references.map((r) => r.tag)])];
  const defaults = defaultLabels(ctx, version, deps.now);
  const labels = buildLabels(defaults, inputs.labels, env);
  const annotations = buildAnnotations(defaults, inputs.annotations, env, sw.annotationLevels);
  return {
    version,
    tags,
    tagNames,
    labels,
    annotations,
    json: { tags, 'tag-names': tagNames, labels: labelRecord(labels), annotations },
    images,
    references,
    rules: fired.map((f): RuleOutcome => ({ rule: f.rule.source, tags: f.tags })),
    floating,
    warnings,
  };
}

/** Whole references (build-push-action's tags) are used as written; the other lines are rules. */
function readTagLines(text: string) {
  const read = inputLines(text).map((line) => ({ line, ref: referenceLine(line) }));
  const references = read.flatMap((r) => r.ref ?? []);
  const ruleLines = read.filter((r) => r.ref === undefined).map((r) => r.line);
  const rules = references.length > 0 && ruleLines.length === 0 ? [] : parseRules(ruleLines.join('\n'));
  return { references, rules };
}

/** The expression environment; the date tables and the commit's date are loaded only when a template needs them. */
async function envFor(
  inputs: MetaInputs,
  rules: readonly Rule[],
  ctx: RunContext,
  deps: MetaDeps,
  shortLength: number,
  warnings: string[],
): Promise<ExprEnv> {
  const templates = [
    inputs.images,
    inputs.flavor,
    inputs.labels,
    inputs.annotations,
    ...rules.map((r) => Object.values(r.attrs).join('\n')),
  ];
  return exprEnv(ctx, deps.now, {
    dates: hasDate(templates) ? await loadDates() : NO_DATES,
    ...(hasCommitDate(templates) ? { commitDate: await commitDateOf(ctx, deps, warnings) } : {}),
    warn: (m) => warnings.push(m),
    shortLength,
  });
}

/** `git describe`, run once and only when a type=describe rule asks. */
function describer(deps: MetaDeps, warnings: string[]): () => Promise<string> {
  let described: Promise<string> | undefined;
  return () =>
    (described ??= deps.git.describe().then(
      async (text) => {
        // a shallow clone (actions/checkout's default) has no tags: describe falls back to the bare commit
        if (await deps.git.isShallow().catch(() => false))
          warnings.push(
            `type=describe: the clone is shallow, so git describe sees no tag ("${text}"); check out with fetch-depth: 0`,
          );
        return text;
      },
      (e: unknown) => {
        throw new StepError(
          'tags',
          `type=describe needs \`git describe --tags --always\`: ${(e as Error).message}`,
          'input',
        );
      },
    ));
}

type Judge = ReturnType<typeof makeJudge>;

/** The tag names of the run, sanitised, each once, in the order produced. */
function tagNamer(warnings: string[]) {
  const all: string[] = [];
  const add = (raw: string, into: string[]): string | undefined => {
    const s = sanitizeTag(raw);
    if (s.warning) warnings.push(s.warning);
    if (!s.tag) return undefined;
    if (!into.includes(s.tag)) into.push(s.tag);
    if (!all.includes(s.tag)) all.push(s.tag);
    return s.tag;
  };
  return { all, add };
}

/** Every fired rule's tags named; a floating one only where the judge lets it move. Returns the floating decisions. */
async function nameTags(
  fired: readonly Fired[],
  judge: Judge,
  names: ReturnType<typeof tagNamer>,
): Promise<FloatingDecision[]> {
  const floating: FloatingDecision[] = [];
  for (const { out, tags: produced } of fired) {
    for (const item of out.items) {
      if (item.skip) {
        floating.push({ tag: item.name, applied: false, reason: item.skip });
        continue;
      }
      if (item.scope && out.comparable) {
        const verdict = await judge(item.scope, out.comparable);
        // the decision names the tag as published (sanitised), so the plan can tell floating tags apart
        const tag = verdict.applied ? names.add(item.name, produced) : undefined;
        floating.push({ tag: tag ?? item.name, ...verdict });
        continue;
      }
      names.add(item.name, produced);
    }
  }
  return floating;
}

/**
 * `latest`: with flavor latest=true whenever a rule made a tag (no rule, no version: no tags at all, as in
 * metadata-action — a branch push or PR with only tag rules must not move `latest`); with auto, from the rule
 * metadata-action's README names, if it may move.
 */
async function latestDecision(
  flavor: Flavor,
  fired: readonly Fired[],
  judge: Judge,
  env: ExprEnv,
  names: ReturnType<typeof tagNamer>,
): Promise<FloatingDecision | undefined> {
  const onLatest = (on: boolean, affix: string): string => (on ? render(affix, env, 'flavor') : '');
  const latestName = `${onLatest(flavor.prefixOnLatest, flavor.prefix)}latest${onLatest(flavor.suffixOnLatest, flavor.suffix)}`;
  if (flavor.latest === 'true') {
    if (mainVersion(fired) === '') return undefined;
    return {
      tag: names.add(latestName, []) ?? latestName,
      applied: true,
      reason: 'applied: flavor latest=true',
    };
  }
  if (flavor.latest !== 'auto') return undefined;
  const from = autoLatest(fired.find((f) => f.tags.length > 0));
  if (!from) return undefined;
  const c = from.out.comparable ?? from.out.latestComparable;
  const verdict = c
    ? await judge('latest', c)
    : { applied: true, reason: `applied: ${from.rule.source} on a tag with no version to compare` };
  const tag = verdict.applied ? names.add(latestName, []) : undefined;
  return { tag: tag ?? latestName, ...verdict };
}

/** The first tag of the highest-priority rule that produced one (metadata-action's `version`). */
function mainVersion(fired: readonly Fired[]): string {
  return fired.find((f) => f.tags.length > 0)?.tags[0] ?? '';
}
