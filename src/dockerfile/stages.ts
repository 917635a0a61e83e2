/**
 * Which stages a Dockerfile's image needs and where each runs, the way BuildKit resolves them: a stage's platform
 * ($BUILDPLATFORM, each target, a fixed one; FROM <stage> keeps that stage's), the stages picked per target platform
 * (`FROM build-${TARGETARCH}`), and the stages whose files reach a target-platform stage. Pure.
 */
import { normalizePlatform } from '../platform.js';
import { expandVars, varsIn } from './expand.js';
import { platformValues, stageChain } from './goarch.js';
import { mountsOf, type ParsedDockerfile, type Stage } from './parse.js';

export type Where =
  { kind: 'build' } | { kind: 'target' } | { kind: 'fixed'; platform: string } | { kind: 'unknown' };

export const archOf = (p: string): string => normalizePlatform(p).split('/').slice(1).join('/');

/** A platform's architecture without its variant (`linux/arm/v7`: arm), as Go and most release files name it. */
export const cpuOf = (p: string): string => archOf(p).split('/')[0] ?? '';

/** Values usable in FROM lines: global ARG defaults, overridden by build args for declared names. */
export function fromVars(
  parsed: ParsedDockerfile,
  buildArgs: Readonly<Record<string, string>>,
): Map<string, string> {
  const vars = new Map<string, string>();
  for (const a of parsed.globalArgs) {
    const v = buildArgs[a.name] ?? (a.default === undefined ? undefined : expandVars(a.default, vars));
    if (v !== undefined) vars.set(a.name, v);
  }
  return vars;
}

export function findStage(parsed: ParsedDockerfile, ref: string, before: number): Stage | undefined {
  const r = ref.toLowerCase();
  return parsed.stages.find((s) => s.index < before && (s.name === r || String(s.index) === r));
}

export function whereRuns(
  parsed: ParsedDockerfile,
  stage: Stage,
  vars: Map<string, string>,
  memo: Map<number, Where>,
): Where {
  const known = memo.get(stage.index);
  if (known) return known;
  let where: Where;
  // FROM <stage> keeps that stage's platform, even with a --platform flag: BuildKit ignores the flag on a stage
  // reference (checked on dockerd 26: FROM --platform=$BUILDPLATFORM base ran on linux/arm64 for linux/arm64)
  const base = findStage(parsed, expandVars(stage.image, vars), stage.index);
  if (base) where = whereRuns(parsed, base, vars, memo);
  else if (stage.platform !== undefined) {
    // BUILDPLATFORM/TARGETPLATFORM are always set in FROM lines: `${BUILDPLATFORM:-linux/amd64}` is the build platform,
    // unless a global ARG gives one a default, which replaces it (checked on dockerd 26: ARG TARGETPLATFORM=linux/amd64
    // then FROM --platform=$TARGETPLATFORM ran linux/amd64 for linux/arm64)
    const raw = varsIn(stage.platform);
    const text = raw.some((v) => PLATFORM_VAR.test(v))
      ? stage.platform.replace(/\$\{?([A-Z]+)(?::?[-+][^}]*)?\}?/g, (m, name: string) =>
          PLATFORM_VAR.test(name) && vars.has(name) ? (vars.get(name) ?? '') : m,
        )
      : expandVars(stage.platform, vars);
    const refs = varsIn(text);
    if (refs.some((v) => v.startsWith('BUILD'))) where = { kind: 'build' };
    else if (refs.some((v) => v.startsWith('TARGET'))) where = { kind: 'target' };
    else if (refs.length > 0 || text === '') where = { kind: 'unknown' };
    else where = { kind: 'fixed', platform: normalizePlatform(text) };
  } else where = { kind: 'target' };
  memo.set(stage.index, where);
  return where;
}

const PLATFORM_VAR = /^(BUILD|TARGET)(PLATFORM|OS|ARCH|VARIANT)$/;

/** A stage fixed to the build machine's platform (a global ARG BUILDPLATFORM=linux/amd64) builds as one on it. */
export const asBuild = (w: Where, buildPlatform: string | undefined): Where =>
  w.kind === 'fixed' && buildPlatform !== undefined && w.platform === normalizePlatform(buildPlatform)
    ? { kind: 'build' }
    : w;

/** A FROM/COPY --from reference, expanded for one target platform (`build-${TARGETARCH}` names a stage per arch). */
function refFor(ref: string, vars: Map<string, string>, platform: string | undefined): string {
  if (platform === undefined) return expandVars(ref, vars);
  const withPlatform = new Map(vars);
  for (const [k, v] of Object.entries(platformValues(normalizePlatform(platform)))) withPlatform.set(k, v);
  // a global ARG's default may name a platform ARG (`ARG FLAVOR=${TARGETARCH}`, then `FROM ${FLAVOR}`): it holds
  // that text until the platform is known
  return expandVars(expandVars(ref, withPlatform), withPlatform);
}

/**
 * Stages the target depends on (FROM <stage>, COPY --from=<stage>, RUN --mount=from=<stage>), each with the
 * platforms it is built for: a stage picked by `FROM build-${TARGETARCH}` only for that arch.
 */
export function neededStages(
  parsed: ParsedDockerfile,
  target: string | undefined,
  vars: Map<string, string>,
  requested: readonly string[] = [],
): Stage[] {
  return [...neededFor(parsed, target, vars, requested).keys()].map((i) => parsed.stages[i] as Stage);
}

export function neededFor(
  parsed: ParsedDockerfile,
  target: string | undefined,
  vars: Map<string, string>,
  requested: readonly string[],
): Map<number, Set<string>> {
  const last = parsed.stages[parsed.stages.length - 1];
  const root = target === undefined ? last : findStage(parsed, target, Number.MAX_SAFE_INTEGER);
  const out = new Map<number, Set<string>>();
  if (!root) return out;
  const visit = (s: Stage, platform: string): void => {
    const seen = out.get(s.index) ?? new Set<string>();
    if (seen.has(platform)) return;
    seen.add(platform);
    out.set(s.index, seen);
    const refs = [s.image];
    for (const ins of s.instructions) {
      const from = ins.flags.find((f) => f.name === 'from');
      if (from && (ins.keyword === 'COPY' || ins.keyword === 'ADD')) refs.push(from.value);
      if (ins.keyword === 'RUN') for (const m of mountsOf(ins)) if (m.from !== undefined) refs.push(m.from);
    }
    for (const ref of refs) {
      const dep = findStage(parsed, refFor(ref, vars, platform), s.index);
      if (dep) visit(dep, platform);
    }
  };
  for (const p of requested.length > 0 ? requested : ['']) visit(root, p);
  return new Map([...out].sort((a, b) => a[0] - b[0]));
}

/** Stages whose files reach a target-platform stage through COPY --from or RUN --mount=from (directly or via others). */
export function feedsTarget(
  parsed: ParsedDockerfile,
  stages: readonly Stage[],
  where: (s: Stage) => Where,
  vars: Map<string, string>,
  root: Stage | undefined,
): Set<number> {
  const feeds = new Set<number>();
  const mark = (s: Stage): void => {
    for (const ins of s.instructions) {
      const from =
        ins.flags.find((f) => f.name === 'from')?.value ??
        (ins.keyword === 'RUN' ? mountsOf(ins).find((m) => m.from !== undefined)?.from : undefined);
      if (from === undefined || (ins.keyword !== 'COPY' && ins.keyword !== 'ADD' && ins.keyword !== 'RUN'))
        continue;
      const dep = findStage(parsed, expandVars(from, vars), s.index);
      if (dep && !feeds.has(dep.index)) {
        feeds.add(dep.index);
        mark(dep);
        // a stage built FROM another one carries its files too
        for (
          let b = findStage(parsed, expandVars(dep.image, vars), dep.index);
          b;
          b = findStage(parsed, expandVars(b.image, vars), b.index)
        ) {
          if (feeds.has(b.index)) break;
          feeds.add(b.index);
          mark(b);
        }
      }
    }
  };
  for (const s of stages) if (where(s).kind !== 'build') mark(s);
  // the image itself built FROM --platform=$BUILDPLATFORM: its own files are what every platform gets
  if (root && where(root).kind === 'build')
    for (const b of stageChain(parsed, root, vars).reverse()) {
      if (feeds.has(b.index)) break;
      feeds.add(b.index);
      mark(b);
    }
  return feeds;
}

/** The image's stage and the stages it is built FROM, by index. */
/**
 * The stages `root` is built FROM when building for `platform`, base-most first: a FROM naming a stage per arch
 * (`FROM base-${TARGETARCH}`) followed to that platform's stage.
 */
export function chainFor(
  parsed: ParsedDockerfile,
  root: Stage,
  vars: Map<string, string>,
  platform: string,
): Stage[] {
  const values = Object.entries(platformValues(normalizePlatform(platform)));
  const withPlatform = new Map([...vars, ...values]);
  // (a global ARG's default naming a platform ARG holds that text until the platform is known: refFor)
  for (const [k, v] of vars) withPlatform.set(k, expandVars(v, withPlatform));
  return stageChain(parsed, root, withPlatform);
}

export function chainOf(
  parsed: ParsedDockerfile,
  root: Stage | undefined,
  vars: Map<string, string>,
): Set<number> {
  return new Set(root ? stageChain(parsed, root, vars).map((s) => s.index) : []);
}
