/**
 * Static advice from a parsed Dockerfile: compile steps that will run under QEMU, and the opposite bug —
 * a Go/Rust build on $BUILDPLATFORM that never looks at the target arch, so every platform gets the build
 * machine's binary (kubernetes/autoscaler v1.32.6 shipped amd64 binaries in its arm64 image this way).
 * Pure: the requested and native platforms come from the caller.
 */
import { posix } from 'node:path';
import { normalizePlatform } from '../platform.js';
import {
  buildOutputs,
  commandsIn,
  npmArch,
  compileSteps,
  CROSS_FIX,
  compilerAfter,
  goBuildScript,
  installsCompiler,
  type CompileStep,
  type ScriptCall,
} from './compile-steps.js';

export { normalizePlatform };
import { escapeRegExp, expandVars, varsIn } from './expand.js';
import {
  archName,
  branchesAt,
  archesNamed,
  cargoTargetFor,
  dotnetArchFor,
  goarchFor,
  goBuildArches,
  goOutputsFor,
  imageArch,
  platformValues,
  stageChain,
  stageLiterals,
  stageVar,
  type GoArch,
} from './goarch.js';
import { copyArgs, runScript, type Instruction, type ParsedDockerfile, type Stage } from './parse.js';
import { GORELEASER_NAMES, makeDirs, runScripts } from './scripts.js';
import {
  copyFindings,
  fixedArchPick,
  hostProbe,
  machineBuiltCopies,
  oneArchCopies,
  wrongArchMappings,
  underDash,
  withoutUntaken,
  BUILD_REF,
  URL,
  fallThroughs,
  platformWords,
  type FallThrough,
  programsOf,
  seesTarget,
} from './content.js';
import { finding, stageLabel, type Finding } from './finding.js';
import { branchTaken, brokenTest, debianArch, debianPlatform, foreignPackages } from './branches.js';
import { taskCalls } from './taskfile.js';
import {
  archOf,
  asBuild,
  cpuOf,
  chainFor,
  chainOf,
  feedsTarget,
  findStage,
  fromVars,
  neededFor,
  whereRuns,
  type Where,
} from './stages.js';

export { neededStages } from './stages.js';

export type { Finding, FindingKind } from './finding.js';

export interface AdviseOptions {
  /** platforms passed to --platform */
  requested: readonly string[];
  /** platforms the builder runs without emulation (the first is the build platform unless buildPlatform is set) */
  native: readonly string[];
  /** --build-arg values (override global ARG defaults in FROM lines) */
  buildArgs?: Readonly<Record<string, string>>;
  /** --target stage; default the last stage */
  target?: string;
  /** the build context's scripts the RUNs name, by context path (scriptPaths lists them), as the caller read them */
  scripts?: Readonly<Record<string, string>>;
  /** the ELF executables COPY and ADD take from the context (contextCopies lists them), by context path → Go arch */
  binaries?: Readonly<Record<string, string>>;
  buildPlatform?: string;
}

/** What every rule of one advice run sees: the file, the options, and the facts computed once for it. */
interface Scope {
  parsed: ParsedDockerfile;
  opts: AdviseOptions;
  vars: Map<string, string>;
  requested: string[];
  native: Set<string>;
  buildPlatform: string | undefined;
  where: (s: Stage) => Where;
  /** the stages the image needs, each with the platforms it is built for */
  needed: Map<number, Set<string>>;
  /** stages whose files reach a target-platform stage */
  feeds: Set<number>;
  root: Stage | undefined;
  /** the image's stage and the stages it is built FROM (stages.ts chainOf) */
  chain: Set<number>;
  /** the file names the image runs (ENTRYPOINT/CMD: content.ts programsOf) */
  programs: Set<string>;
}

export function adviseEmulation(parsed: ParsedDockerfile, opts: AdviseOptions): Finding[] {
  const vars = fromVars(parsed, opts.buildArgs ?? {});
  const requested = [...new Set(opts.requested.map(normalizePlatform))];
  const buildPlatform = opts.buildPlatform ?? opts.native[0];
  const memo = new Map<number, Where>();
  const where = (s: Stage): Where => asBuild(whereRuns(parsed, s, vars, memo), buildPlatform);
  const needed = neededFor(parsed, opts.target, vars, requested);
  const stages = [...needed.keys()].map((i) => parsed.stages[i] as Stage);
  const root =
    opts.target === undefined
      ? parsed.stages[parsed.stages.length - 1]
      : findStage(parsed, opts.target, Number.MAX_SAFE_INTEGER);
  const feeds = feedsTarget(parsed, stages, where, vars, root);
  const native = new Set(opts.native.map(normalizePlatform));
  const scope: Scope = {
    parsed,
    opts,
    vars,
    requested,
    native,
    buildPlatform,
    where,
    needed,
    feeds,
    root,
    chain: chainOf(parsed, root, vars),
    programs: programsOf(parsed, root, vars),
  };
  const findings: Finding[] = [];
  const uses: Use[] = [];
  for (const stage of stages) adviseStage(scope, stage, findings, uses);
  uses.push(...contentPicks(scope, stages));
  findings.push(...oncePerCause(uses));
  const found = withImageBase(scope, findings);
  // a stage already found to make the wrong arch (a probe, a build) is that cause: its programs copied are not another
  const wrong = new Set(
    found.filter((f) => f.kind === 'build-arch-binary').map((f) => `COPY --from=${f.stage}`),
  );
  found.push(
    ...stageCopies(scope, stages).filter((f) => !wrong.has(f.command.split(' ').slice(0, 2).join(' '))),
  );
  return found.sort((a, b) => a.line - b.line);
}

/**
 * One cause, one finding: the image's own stage on one platform for all (`FROM --platform=$BUILDPLATFORM`, or a fixed
 * one) is what gives every image that platform's files; what its RUNs build or fetch there (and in the stages built
 * FROM it) follows from it, and is named in that finding.
 */
function withImageBase(scope: Scope, findings: readonly Finding[]): Finding[] {
  const { parsed, vars, root } = scope;
  const base = imageBaseFindings(scope)[0];
  if (!base || !root) return [...findings];
  // a platform ARG's default (`ARG TARGETPLATFORM=linux/amd64`) is a cause of its own where the FROM does not read
  // that ARG (`--platform=$BUILDPLATFORM`): dropping --platform leaves it; so is a file named by the build machine's
  // platform (`ADD bin/${BUILDPLATFORM}/manager`)
  const ownCause = (f: Finding) =>
    (/^\$TARGET/.test(f.command) && !/--platform=\S*TARGET/.test(base.command)) ||
    (/^(COPY|ADD) /.test(f.command) && BUILD_REF.test(f.command));
  // (the FROM reading the defaulted ARG, `--platform=${TARGETPLATFORM}`: a RUN of another stage using that ARG has
  // the same cause)
  const sameArg = (f: Finding) =>
    /^\$TARGET\w+$/.test(f.command) && base.command.includes(f.command.slice(1));
  // every stage built FROM it (the image's, and a `deps` stage FROM it whose node_modules the image copies)
  const from = parsed.stages.find((x) => stageLabel(x) === base.stage)?.index ?? 0;
  const onIt = new Set(
    parsed.stages.filter((s) => stageChain(parsed, s, vars).some((c) => c.index === from)).map(stageLabel),
  );
  const own = findings.filter(
    (f) => f.kind === 'build-arch-binary' && (onIt.has(f.stage) ? !ownCause(f) : sameArg(f)),
  );
  const first = [...own].sort((a, b) => a.line - b.line)[0];
  const also = first
    ? `; what it builds or fetches there is too (line ${first.line}: \`${first.command}\`)`
    : '';
  return [...findings.filter((f) => !own.includes(f)), { ...base, message: base.message + also }];
}

/** Programs the image's target-platform stages copy from a stage that runs on one platform for all (content.ts). */
function stageCopies(scope: Scope, stages: readonly Stage[]): Finding[] {
  const { parsed, vars, opts, requested, where, buildPlatform, chain } = scope;
  const copying = stages.filter(
    (s) => where(s).kind === 'target' && (scope.feeds.has(s.index) || chain.has(s.index)),
  );
  const oneArch = (s: Stage): string | undefined => {
    const w = where(s);
    const p = w.kind === 'build' ? buildPlatform : w.kind === 'fixed' ? w.platform : undefined;
    return p === undefined ? undefined : cpuOf(p);
  };
  const { programs } = scope;
  const copyScope = {
    parsed,
    vars,
    buildArgs: opts.buildArgs ?? {},
    requested,
    programs,
    oneArch,
    scripts: opts.scripts,
  };
  // what a stage on one platform built for itself first: a stage found so is not reported again for its other copies
  const built = machineBuiltCopies(copyScope, copying);
  const found = new Set(built.map((f) => f.stage));
  return [
    ...built,
    ...oneArchCopies(copyScope, copying).filter((f) => !found.has(f.command.slice('COPY --from='.length))),
  ];
}

/** Every image holds the base's files for one platform: the build machine's, or the one the image's FROM fixes. */
function imageBaseFindings(scope: Scope): Finding[] {
  const { parsed, root, where, vars, buildPlatform, requested } = scope;
  const base = root && buildPlatform !== undefined ? imageBase(parsed, root, where, vars) : undefined;
  const rootWhere = root ? where(root) : undefined;
  const holds = rootWhere?.kind === 'fixed' ? rootWhere.platform : buildPlatform;
  const other = requested.filter((p) => holds !== undefined && archOf(p) !== archOf(holds));
  if (base && other.length > 0 && holds !== undefined)
    return [baseFinding(base.stage, base.image, other, normalizePlatform(holds))];
  return perPlatformBases(scope);
}

/**
 * An image stage picked per platform (`FROM ubuntu-base-${TARGETARCH}`) whose chain, for some platform, starts from
 * a real image on $BUILDPLATFORM (`ubuntu-base-arm64` built FROM `ubuntu-base-amd64`, itself FROM
 * --platform=$BUILDPLATFORM): that platform's image holds the build machine's files. A platform whose own stage runs
 * on its platform (the per-arch `runner-linux-arm64` beside a build-platform `runner-linux-amd64`) is right.
 */
function perPlatformBases({ parsed, root, where, vars, buildPlatform, requested }: Scope): Finding[] {
  if (!root || buildPlatform === undefined || varsIn(root.image).length === 0) return [];
  const bases = new Map<number, { stage: Stage; image: string; platforms: string[] }>();
  for (const p of requested.filter((x) => archOf(x) !== archOf(buildPlatform))) {
    const first: Stage | undefined = chainFor(parsed, root, vars, p)[0];
    if (!first || first === root || where(first).kind !== 'build') continue;
    const image = expandVars(first.image, vars);
    if (image.toLowerCase() === 'scratch') continue;
    const b = bases.get(first.index) ?? { stage: first, image, platforms: [] };
    b.platforms.push(p);
    bases.set(first.index, b);
  }
  return [...bases.values()].map((b) =>
    baseFinding(b.stage, b.image, b.platforms, normalizePlatform(buildPlatform)),
  );
}

/**
 * The first script a RUN runs that could not be read; the image's own program run at build time (its ENTRYPOINT,
 * `./build/server --precompile`) is the product run, not a build script.
 */
const unreadScript = (
  scope: Scope,
  unknown: readonly { label: string; path: string }[],
): string | undefined => unknown.find((c) => !scope.programs.has(posix.basename(c.path)))?.label;

/** The findings of one stage's RUNs: emulated and hidden compiles, fixed and build-machine architectures. */
function adviseStage(scope: Scope, stage: Stage, findings: Finding[], uses: Use[]): void {
  const { parsed, opts, vars, requested, buildPlatform, feeds, chain } = scope;
  const w = scope.where(stage);
  const forPlatforms = scope.needed.get(stage.index) ?? new Set<string>();
  const runsOn =
    w.kind === 'target'
      ? requested.filter((p) => forPlatforms.has(p))
      : w.kind === 'fixed'
        ? [w.platform]
        : [];
  const emulated = emulatedOn(scope, stage, runsOn);
  const reaches = feeds.has(stage.index) || chain.has(stage.index); // (the stages the image is built FROM too)
  const stepsOf = stageSteps(scope, stage);
  // what the stage's builds wrote so far: a second build of the same program is not a second finding
  const made = new Set<string>();
  // the stage's fixed variables, read once and only where a RUN needs them
  let fixedVars: Map<string, string> | undefined;
  const literals = (): Map<string, string> =>
    (fixedVars ??= stageLiterals(parsed, stage, vars, opts.buildArgs ?? {}));
  for (const ins of stage.instructions) {
    // a COPY --from choosing its source by a platform ARG a default fixed (`COPY --from=build /bin/app-$TARGETARCH`;
    // a copy from the context: contentPicks)
    if (ins.keyword === 'COPY' && reaches && ins.flags.some((f) => f.name === 'from'))
      uses.push(
        ...platformArgUse(parsed, stage, ins.args, vars, opts, requested, ins.line, true),
        ...libDirUse(parsed, stage, ins, requested),
      );
    if (ins.keyword !== 'RUN') continue;
    const { steps, script, unknown } = stepsOf(ins);
    const first = steps[0];
    if (first && emulated.length > 0) findings.push(emulatedFinding(stage, ins.line, first, emulated));
    const hidden = first ? undefined : unreadScript(scope, unknown);
    if (hidden && emulated.length > 0) findings.push(hiddenFinding(stage, ins.line, hidden, emulated));
    if (w.kind !== 'build' && runsOn.length > 0 && reaches)
      findings.push(...fixedFindings(scope, stage, ins.line, { script, steps, hidden }, runsOn, made));
    const product = steps.some((c) => !c.hostTool && (c.toolchain === 'go' || c.toolchain === 'rust'));
    if (reaches && w.kind === 'target')
      uses.push(...targetUses(scope, stage, ins, { script, product }, runsOn, literals));
    if (reaches && !product)
      uses.push(
        ...platformArgUse(parsed, stage, script, vars, opts, requested, ins.line),
        ...fixedArchUse(parsed, stage, ins.line, script, vars, opts, requested),
      );
    if (w.kind !== 'build' || buildPlatform === undefined || !feeds.has(stage.index)) continue;
    uses.push(
      ...probeUse(scope, stage, ins.line, script, buildPlatform),
      ...copiedFetchUse(scope, stage, ins.line, script, literals),
    );
    if (runLater(stage, ins.line, script) || modulesRemovedLater(stage, ins.line, steps)) continue;
    const wrong = buildArch(parsed, stage, script, vars, opts, steps, requested, buildPlatform);
    if (wrong && firstOf(made, script, steps)) findings.push(wrong(ins.line));
  }
}

/**
 * A Node install whose node_modules a later RUN of the stage removes (`rm -rf docker node_modules tmp/cache`, once the
 * assets are built): the build machine's modules never reach the image.
 */
function modulesRemovedLater(stage: Stage, line: number, steps: readonly CompileStep[]): boolean {
  if (steps.length === 0 || !steps.every((c) => c.toolchain === 'node')) return false;
  return stage.instructions.some(
    (i) =>
      i.keyword === 'RUN' && i.line > line && /\brm\s+-\w*r\w*\s[^;&|\n]*\bnode_modules\b/.test(runScript(i)),
  );
}

/**
 * What each RUN of a stage compiles, in order (runSteps): package installs count where a compiler is there by then
 * (installed by it or before, not removed since), and `make install` where a `make` of the stage ran in that directory
 * before copies what that built.
 */
// the steps that compile only where a C compiler is (the compiler's own commands fail without one anyway)
const BUILDS_WITH_CC = /(^|: )(make|make install|configure)$/;

/**
 * A distribution's plain image, which ships no C compiler (`debian:bookworm-slim`, `alpine:3.20`, `ubuntu`, a `-slim`
 * language image, UBI minimal). Images made for building (`buildpack-deps`, `golang`, `gcc`, full `python`) are not.
 */
function bareBase(image: string): boolean {
  const ref = image.toLowerCase().replace(/@sha256:[0-9a-f]+$/, '');
  const name = ref.replace(/:[^/:]*$/, '').replace(/^(docker\.io\/)?(library\/)?/, '');
  const tag = /:([^/:]*)$/.exec(ref)?.[1] ?? '';
  return (
    /^(debian|ubuntu|alpine|busybox)$/.test(name) ||
    /(^|\/)ubi\d*(-minimal|-micro)?$|(^|\/)ubi\d+\/ubi(-minimal|-micro)$/.test(name) ||
    (/^(python|node|ruby|perl|php|openjdk|eclipse-temurin)$/.test(name) && /(^|-)slim(-|$)/.test(tag))
  );
}

function stageSteps(
  { parsed, vars, opts }: Scope,
  stage: Stage,
): (ins: Instruction) => { steps: CompileStep[]; script: string; unknown: ScriptCall[] } {
  const chain = chainScripts(parsed, stage, vars);
  const earlier = chain.slice(0, chain.length - stage.instructions.filter((i) => i.keyword === 'RUN').length);
  const chain0 = stageChain(parsed, stage, vars)[0];
  const madeIn = new Set<string>();
  let literals: Map<string, string> | undefined;
  return (ins) => {
    const own = runScript(ins);
    const fixed = () => (literals ??= stageLiterals(parsed, stage, vars, opts.buildArgs ?? {}));
    // the packages the stage names in an ARG or ENV (`ARG BUILD_PACKAGES="build-base git"`, `apk add $BUILD_PACKAGES`)
    const valued =
      /\$/.test(own) && /\b(apk|apt-get|apt|dnf|yum|microdnf|zypper)\b/.test(own)
        ? expandVars(own, fixed())
        : own;
    const compilerHere = compilerAfter(earlier) || installsCompiler(valued);
    earlier.push(valued);
    // a distribution's plain image has no C compiler: there make and configure build nothing native (Perl, autotools)
    const noCompiler = !compilerHere && bareBase(expandVars(chain0?.image ?? '', vars));
    // `if [ -z "$PREBUILT_TAG" ]; then cargo build …; fi` with the build-arg set: the RUN does nothing
    // the variable's value is known where the stage declares it (an ARG without value or build-arg is empty)
    const declared = (name: string | undefined) =>
      (stageVar(parsed, stage, name ?? '', vars, opts.buildArgs ?? {})?.kind ?? 'target') !== 'target';
    if (skipped(own, fixed, declared)) return { steps: [], script: '', unknown: [] };
    const all = runSteps(stage, ins, compilerHere, opts.scripts, valued);
    const run = noCompiler
      ? { ...all, steps: all.steps.filter((c) => !BUILDS_WITH_CC.test(c.command)) }
      : all;
    const makes = makeDirs(stage, ins);
    const installs = makes.filter((m) => m.installOnly);
    const copiesBuilt = installs.length > 0 && installs.every((m) => madeIn.has(m.dir));
    for (const m of makes) if (!m.installOnly) madeIn.add(m.dir);
    return copiesBuilt ? { ...run, steps: run.steps.filter((c) => c.command !== 'make install') } : run;
  };
}

/**
 * A RUN whose one command never runs with the values the build gives (a build-arg, an ARG default, an ARG without
 * either: empty): `if [ -z "$VAR" ]; then …; fi` while VAR has a value, `if [ "$VAR" = x ]; then …; fi` (its only
 * branch) while VAR is something else, `[ -z "$VAR" ] || …` and `[ -n "$VAR" ] && …` while VAR is empty. `known`: the
 * stage declares the variable (else a base image's ENV may set it).
 */
function skipped(
  script: string,
  literals: () => ReadonlyMap<string, string>,
  known: (name: string | undefined) => boolean = () => true,
): boolean {
  const value = (name: string | undefined) => literals().get(name ?? '') ?? '';
  const m = /^\s*if\s+\[\[?\s+-z\s+["']?\$\{?(\w+)\}?["']?\s+\]\]?\s*;?\s*then\b([\s\S]*)\bfi\s*;?\s*$/.exec(
    script,
  );
  if (m) return !/\b(if|else|elif)\b/.test(m[2] ?? '') && value(m[1]) !== '';
  // `if [ "${SLIM}" = "no" ]; then …; fi` (no else of its own) while SLIM has another value for every platform
  const test =
    /^\s*if\s+\[\[?\s+["']?\$\{?(\w+)\}?["']?\s+(==?|!=)\s+["']?([\w./-]*)["']?\s+\]\]?\s*;?\s*then\b/.exec(
      script,
    );
  if (test && onlyBranch(script.slice(test[0].length)) && known(test[1])) {
    const equal = value(test[1]) === (test[3] ?? '');
    return (test[2] === '!=') === equal;
  }
  // `[ -z "${EXTRA:-}" ] || pip install "$EXTRA"`, `[ -n "$EXTRA" ] && …` while EXTRA is empty (an ARG without a value
  // no build-arg sets): the command after it never runs
  const guard =
    /^\s*\[\[?\s+-(z|n)\s+["']?\$\{?(\w+)(?::?-(?:""|'')?)?\}?["']?\s+\]\]?\s*(\|\||&&)[^;&|]*$/.exec(script);
  return (
    guard !== null && (guard[1] === 'z') === (guard[3] === '||') && known(guard[2]) && value(guard[2]) === ''
  );
}

/** The text after an `if …; then` is its only branch: its own `fi` ends the script, with no `else`/`elif` of its own. */
function onlyBranch(rest: string): boolean {
  let depth = 0;
  for (const m of rest.matchAll(/\b(if|fi|else|elif)\b/g)) {
    if (m[1] === 'if') depth++;
    else if (m[1] === 'fi' && depth > 0) depth--;
    else if (m[1] === 'fi') return /^\s*;?\s*$/.test(rest.slice(m.index + 2));
    else if (depth === 0) return false;
  }
  return false;
}

/** What a RUN of a stage built for each platform (whose files reach the image) fetches or installs for one architecture only. */
function targetUses(
  scope: Scope,
  stage: Stage,
  ins: Instruction,
  { script, product }: { script: string; product: boolean },
  runsOn: readonly string[],
  literals: () => ReadonlyMap<string, string>,
): Use[] {
  const line = ins.line;
  // a RUN that builds the product (fixedArch judges that) can still map an arch to another's name for what it fetches
  // (`aarch64) mssql_arch=amd64`)
  if (product) return mappingUse(stage, line, script, runsOn);
  // the RUN's own text runs in /bin/sh; a script it runs with bash (`bash x.sh`, a bash shebang) has [[
  const dash = runScript(ins).includes('[[') && dashShell(scope, stage);
  const picks = [
    ...archPickUse(stage, line, script, runsOn, literals, dash, shellVarsOfOtherRuns(scope, stage, ins)),
    ...mappingUse(stage, line, script, runsOn),
    ...npmArchUse(stage, line, script, runsOn),
  ];
  return [
    ...picks,
    // (a RUN that also fetches one architecture's file has its finding: one per RUN)
    ...(picks.length === 0 ? foreignPackageUse(scope, stage, line, script, runsOn) : []),
    ...buildArgUse(scope, stage, line, script, runsOn),
  ];
}

/**
 * The shell variables other RUNs of the stage's chain set (`RUN RUNNER_ARCH=x64 && …`) that this one neither sets
 * nor gets from an ARG or ENV: each RUN is its own shell, so here they are empty.
 */
function shellVarsOfOtherRuns(
  { parsed, vars, opts }: Scope,
  stage: Stage,
  ins: Instruction,
): (name: string) => boolean {
  const own = runScript(ins);
  let others: string[] | undefined;
  return (name) => {
    const sets = new RegExp(`(?:^|[\\s;&|(])(?:export\\s+)?${name}=`);
    return (
      !sets.test(own) &&
      stageVar(parsed, stage, name, vars, opts.buildArgs ?? {}) === undefined &&
      (others ??= chainScripts(parsed, stage, vars).filter((t) => t !== own)).some((t) => sets.test(t))
    );
  };
}

/**
 * Whether this RUN's build writes a program the stage has not built yet (`go build -o /go/bin/main` then `go install
 * ./cmd/main.go` write one `main`; cargo's second `cargo build --release` after the dependencies' one, one target
 * directory); records it.
 */
function firstOf(made: Set<string>, script: string, steps: readonly CompileStep[]): boolean {
  const step = steps.find((c) => !c.hostTool && (c.toolchain === 'go' || c.toolchain === 'rust'));
  if (!step) {
    // package installs fill one node_modules or site-packages
    if (!steps.some((c) => c.maybeNative === true)) return true;
    const first = !made.has('native');
    made.add('native');
    return first;
  }
  const [out] = buildOutputs(script);
  const pkg =
    /\bgo\s+(?:build|install)\b[^;&|\n]*?\s(\.{0,2}\/?[\w./-]+?)(?:\.go)?(?:\/\.\.\.)?\s*(?:$|[;&|\n])/.exec(
      script,
    )?.[1];
  const key =
    step.toolchain === 'rust'
      ? 'cargo'
      : out !== undefined
        ? posix.basename(out)
        : pkg !== undefined
          ? posix.basename(pkg)
          : script;
  if (made.has(key)) return false;
  made.add(key);
  return true;
}

/**
 * A build of a stage on the target platforms with its architecture fixed (fixedArch), once per program and per cause.
 * A build script run with GOARCH fixed in the stage (`ENV GOARCH=${GOARCH}`, ARG GOARCH=amd64) builds Go for it.
 */
function fixedFindings(
  { parsed, vars, opts }: Scope,
  stage: Stage,
  line: number,
  run: { script: string; steps: CompileStep[]; hidden: string | undefined },
  runsOn: readonly string[],
  made: Set<string>,
): Finding[] {
  const goScript =
    run.hidden !== undefined &&
    stageVar(parsed, stage, 'GOARCH', vars, opts.buildArgs ?? {})?.kind === 'literal';
  const judged: CompileStep[] = goScript ? [{ toolchain: 'go', command: run.hidden ?? '' }] : run.steps;
  const fixed = fixedArch(parsed, stage, run.script, vars, opts, judged, runsOn);
  return fixed && firstOf(made, run.script, judged) && once(made, fixed.cause) ? [fixed.at(line)] : [];
}

/** A use of one fixed architecture value (a platform ARG's default, a project's ARCH ARG), keyed by what fixed it. */
interface Use {
  finding: Finding;
  cause: string;
  /** a RUN (the others pick content: a base, a copied file, a download by ADD) */
  run: boolean;
}

/**
 * One finding per thing a fixed value picks: each base, copied file or ADD it names; RUNs using it only when it
 * picks no such content, and then once, at the last RUN (the one nearest what the image gets).
 */
function oncePerCause(uses: readonly Use[]): Finding[] {
  const out: Finding[] = [];
  for (const cause of new Set(uses.map((u) => u.cause))) {
    const mine = uses.filter((u) => u.cause === cause);
    const content = mine.filter((u) => !u.run);
    const last = mine.reduce((a, b) => (b.finding.line > a.finding.line ? b : a));
    out.push(...(content.length > 0 ? content.map((u) => u.finding) : [last.finding]));
  }
  return out;
}

/**
 * A RUN whose files reach the image and that uses a platform ARG that does not carry the platform: one a default has
 * fixed (`ARG TARGETARCH=amd64`, then `curl …/tool_linux_${TARGETARCH}.tar.gz`), or one the stage never declares
 * (empty: `[ "$TARGETPLATFORM" = linux/arm64 ] && … || <the amd64 URL>`): every platform gets the same pick.
 */
function platformArgUse(
  parsed: ParsedDockerfile,
  stage: Stage,
  script: string,
  vars: Map<string, string>,
  opts: AdviseOptions,
  requested: readonly string[],
  line: number,
  copy = false,
): Use[] {
  for (const name of varsIn(script).filter((v) => /^TARGET(ARCH|PLATFORM)$/.test(v))) {
    const v = stageVar(parsed, stage, name, vars, opts.buildArgs ?? {}, line);
    // a COPY naming an undeclared ARG's empty value finds no file: the build stops, no image is wrong
    if (v === undefined && copy) continue;
    if (v === undefined) {
      const use = undeclaredUse(stage, script, name, opts, requested, line);
      if (use.length > 0) return use;
      continue;
    }
    if (v.kind !== 'literal' || v.why === undefined) continue;
    if (!copy && choosesPackagesOnly(script, name)) continue;
    const gets = name === 'TARGETARCH' ? `linux/${v.value}` : normalizePlatform(v.value);
    const affected = requested.filter((p) => archOf(p) !== archOf(gets));
    if (affected.length === 0) continue;
    const fix = v.fix ?? 'remove the default from the platform ARG';
    const f = finding(
      'build-arch-binary',
      stage,
      line,
      affected,
      `$${name}`,
      fix,
    )(
      `the ${copy ? 'COPY' : 'RUN'} uses $${name}, fixed to ${v.value} (${v.why}), ` +
        `so the images for ${affected.join(', ')} would get ${copy ? 'the file it names' : 'what it fetches or builds'} for ${gets}`,
    );
    return [{ finding: f, cause: `${name}@${v.at ?? stage.index}`, run: !copy }];
  }
  return [];
}

/** A command that checks what is there (`go-assert-boring.sh bin/*`, `verify.sh`, `echo`) and makes nothing. */
const CHECK_ONLY = /^(\S*\/)?(\S*(assert|check|verify)\S*|echo|true|:)(\s|$)/;

/**
 * The variable only decides which distribution packages to install (`if [ "${TARGETARCH}" = amd64 ]; then apt-get
 * install iucode-tool; fi`): the package manager installs the build of the platform it runs on, whatever the test says;
 * or whether to run a check (`if [ "$ARCH" = amd64 ]; then go-assert-boring.sh bin/*; fi`), which picks no content.
 */
function choosesPackagesOnly(script: string, name: string): boolean {
  const ref = new RegExp(`\\$\\{?${name}\\b`);
  const text = script.replace(/\\\n/g, ' ');
  let rest = text;
  let any = false;
  for (const b of text.matchAll(/\bif\b([\s\S]*?)\bthen\b([\s\S]*?)\bfi\b/g)) {
    if (!ref.test(b[1] ?? '')) continue;
    const commands = (b[2] ?? '')
      .split(/&&|\|\||[;\n]|\belse\b/)
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (!commands.every((c) => /^(apt-get|apt|apk|dnf|yum|microdnf|zypper)\s/.test(c) || CHECK_ONLY.test(c)))
      return false;
    any = true;
    rest = rest.replace(b[0], '');
  }
  return any && !ref.test(rest);
}

/**
 * What the RUN fetches depends on the variable: a URL names it, or a variable the RUN sets (`if [ "$BUILDARCH" = arm64
 * ]; then ARCH=aarch64; …`) is in a URL. A compile flag chosen by it (`ASFLAGS=…`) fetches nothing.
 */
function fetchesBy(script: string, name: string): boolean {
  const urls = script.match(URL) ?? [];
  const inUrl = (v: string) => urls.some((u) => new RegExp(`\\$\\{?${v}\\b`).test(u));
  if (inUrl(name)) return true;
  return [...script.matchAll(/(?:^|[\s;&|(])([A-Za-z_]\w*)=/g)].some((m) => inUrl(m[1] ?? ''));
}

/**
 * A RUN in a stage built for each target platform that picks by the build machine's platform ARG (`ARG BUILDARCH`,
 * `…_linux_${BUILDARCH}.zip`): every image gets the build machine's files. One finding per ARG, at its last RUN.
 */
function buildArgUse(
  scope: Scope,
  stage: Stage,
  line: number,
  script: string,
  runsOn: readonly string[],
): Use[] {
  const build = scope.buildPlatform;
  for (const name of ['BUILDARCH', 'BUILDPLATFORM']) {
    // `[ "$BUILDPLATFORM" = "$TARGETPLATFORM" ]` asks whether the build is native, it picks nothing by the machine
    const native = new RegExp(
      `\\$\\{?${name}\\}?["']?\\s*!?==?\\s*["']?\\$\\{?TARGET|\\$\\{?TARGET\\w*\\}?["']?\\s*!?==?\\s*["']?\\$\\{?${name}\\b`,
    );
    if (build === undefined || !picksBy(script.replace(native, ''), name) || !fetchesBy(script, name))
      continue;
    if (stageVar(scope.parsed, stage, name, scope.vars, scope.opts.buildArgs ?? {}) === undefined) continue;
    const affected = runsOn.filter((p) => cpuOf(p) !== cpuOf(build));
    if (affected.length === 0) continue;
    const f = finding(
      'build-arch-binary',
      stage,
      line,
      affected,
      `$${name}`,
      `pick by the target: ${name.replace('BUILD', 'TARGET')} instead of ${name} in a stage built for each platform`,
    )(
      `the RUN picks what it fetches by $${name}, the build machine's (${normalizePlatform(build)}), in a stage built ` +
        `for each platform, so the images for ${affected.join(', ')} would get its files`,
    );
    return [{ finding: f, cause: `${name}@${stage.index}`, run: true }];
  }
  return [];
}

/** A RUN in a stage built for each target platform that fetches one architecture's file (content.ts fixedArchPick). */
function archPickUse(
  stage: Stage,
  line: number,
  script: string,
  runsOn: readonly string[],
  literals: () => ReadonlyMap<string, string>,
  dash = false,
  unset: (name: string) => boolean = () => false,
): Use[] {
  // under dash an `if [[ … ]]` branch never runs: what the RUN set before it stays
  const plain = dash ? underDash(script) : script;
  const bashTest = plain !== script;
  // nor does an `if` on a variable another RUN set
  const untaken = withoutUntaken(plain, unset);
  const carried = untaken !== plain;
  // a file an ADD of the stage brought (`ADD …/exporter-1.6.1.linux-amd64.tar.gz /tmp`, then `tar -xzf /tmp/…`): that
  // ADD is the cause, found there
  const run = addedEarlier(stage, line).reduce((t, name) => t.split(name).join('_'), untaken);
  // a name the stage fixes (`ARG FILE=kustomize_linux_amd64.tar.gz`, `ENV URL=…`): one cause, at the last RUN using it
  const { arch, via } = FETCHES.test(run)
    ? pickThrough(run, literals)
    : { arch: fixedArchPick(run), via: [] };
  const affected = runsOn.filter((p) => arch !== undefined && cpuOf(p) !== arch);
  if (arch === undefined || affected.length === 0) return [];
  const f = finding(
    'build-arch-binary',
    stage,
    line,
    affected,
    `linux/${arch}`,
    bashTest
      ? 'test with [ … ] (or case), which /bin/sh has, or set SHELL ["/bin/bash", "-c"] before the RUN'
      : 'pick the file by the platform: ARG TARGETARCH in the stage, and its value (mapped where the project names arches otherwise, e.g. x64) in the name',
  )(
    `the RUN fetches or installs a file named for linux/${arch} in a stage built for each platform` +
      (bashTest ? ` (its \`if [[ … ]]\` never runs: /bin/sh is dash there, which has no [[)` : '') +
      (carried ? ' (its `if` tests a variable another RUN set, empty here: each RUN is its own shell)' : '') +
      `, so the images for ${affected.join(', ')} would get the linux/${arch} one`,
  );
  return [
    via.length > 0
      ? { finding: f, cause: `pick@${stage.index}:${via.join(',')}`, run: true }
      : { finding: f, cause: `pick@${line}`, run: false },
  ];
}

/** The file names (as written) the stage's ADD and COPY instructions before `line` bring from URLs or the context. */
function addedEarlier(stage: Stage, line: number): string[] {
  return (
    stage.instructions
      .filter(
        (i) =>
          (i.keyword === 'ADD' || i.keyword === 'COPY') &&
          i.line < line &&
          !i.flags.some((f) => f.name === 'from'),
      )
      .flatMap((i) => copyArgs(i).sources)
      .map((src) => posix.basename(src))
      .filter((name) => name.length > 8 && archesNamed(name).size > 0)
      // and what unpacking it makes (`…linux-amd64.tar.gz` holds `…linux-amd64/`)
      .flatMap((name) => [name, name.replace(/\.(tar(\.\w+)?|tgz|zip)$/, '')])
  );
}

// a command that fetches, unpacks or installs (`echo $URL` alone takes nothing in)
const FETCHES = /\b(curl|wget|tar|unzip|install|cp|mv|ln|dpkg|rpm|apk|apt-get|npm|pip3?)\b/;

/** The stage's own variables (not the platform ARGs) a script reads whose fixed value names an architecture. */
function fixedNames(script: string, literals: ReadonlyMap<string, string>): string[] {
  return varsIn(script).filter(
    // a value that is only an arch (`ARG ARCH=amd64`) is a project ARCH knob: fixedArchUse judges those
    (n) =>
      !/^(TARGET|BUILD)(ARCH|PLATFORM|OS|VARIANT)$/.test(n) &&
      !(ARCH_KNOB.test(n) && archName(literals.get(n) ?? '') !== undefined) &&
      archesNamed(literals.get(n) ?? '').size > 0,
  );
}

/**
 * The one arch a RUN fetches (content.ts fixedArchPick), as written or through the stage's fixed variables that name
 * one (`via`), with the text it was read from.
 */
function pickThrough(
  script: string,
  literals: () => ReadonlyMap<string, string>,
): { arch: string | undefined; via: string[]; text: string } {
  const own = fixedArchPick(script);
  const via = own === undefined && /\$/.test(script) ? fixedNames(script, literals()) : [];
  if (via.length === 0) return { arch: own, via, text: script };
  const text = expandNames(script, new Map(via.map((n) => [n, literals().get(n) ?? ''])));
  return { arch: fixedArchPick(text), via, text };
}

/** `$NAME`/`${NAME}` replaced by the stage's fixed value; other forms and unknown names stay as written. */
function expandNames(script: string, literals: ReadonlyMap<string, string>): string {
  return script.replace(/\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (whole, a?: string, b?: string) => {
    const name = a ?? b ?? '';
    return /^(TARGET|BUILD)/.test(name) ? whole : (literals.get(name) ?? whole);
  });
}

/**
 * An npm/yarn/pnpm command in a stage built for each platform that asks for one architecture's prebuilt binaries
 * (`npm rebuild --arch=x64 sharp`, `npm_config_arch=x64 npm ci`): the other platforms' images get that one's.
 */
function npmArchUse(stage: Stage, line: number, script: string, runsOn: readonly string[]): Use[] {
  if (!/\b(npm|yarn|pnpm)\b/.test(script)) return [];
  for (const { assign, words } of commandsIn(script)) {
    if (!/^(npm|yarn|pnpm)$/.test(words[0] ?? '')) continue;
    const env = assign.find((a) => /^npm_config_(target_)?arch=/i.test(a))?.replace(/^[^=]*=/, '');
    const asked = npmArch(words.slice(1)) ?? env;
    if (asked === undefined || asked.includes('$')) continue;
    const arch = { x64: 'amd64', ia32: '386' }[asked.replace(/["']/g, '')] ?? asked.replace(/["']/g, '');
    const affected = runsOn.filter((p) => cpuOf(p) !== arch);
    if (affected.length === 0) continue;
    const command = words.slice(0, 2).join(' ');
    const f = finding(
      'build-arch-binary',
      stage,
      line,
      affected,
      `--arch=${asked}`,
      `drop the fixed architecture (npm picks the platform's own prebuilt binaries), or pass the target's: --arch=$TARGETARCH mapped to npm's names (x64 for amd64)`,
    )(
      `\`${command}\` asks for ${asked} (linux/${arch}) prebuilt binaries in a stage built for each platform, ` +
        `so the images for ${affected.join(', ')} would get linux/${arch} native modules`,
    );
    return [{ finding: f, cause: `npm@${stage.index}:${line}`, run: true }];
  }
  return [];
}

/**
 * Packages of another Debian architecture a RUN installs on a platform (`dpkg --add-architecture armhf`, then
 * `apt-get install rbfeeder:armhf` in the branch amd64 takes): that image gets the other architecture's programs,
 * which run only where the CPU or an emulator in the image runs them (branches.ts).
 */
function foreignPackageUse(
  { parsed, vars, opts }: Scope,
  stage: Stage,
  line: number,
  script: string,
  runsOn: readonly string[],
): Use[] {
  // (a program of any architecture named at all, before each platform's branches are resolved)
  if (foreignPackages(script, '').length === 0) return [];
  const declared = (name: string) =>
    stageVar(parsed, stage, name, vars, opts.buildArgs ?? {})?.kind === 'target';
  const byPlatform = runsOn.map((p) => ({
    p,
    packages: foreignPackages(branchTaken(script, p, declared), debianArch(p)),
  }));
  const hit = byPlatform.filter((b) => b.packages.length > 0);
  const first = hit[0]?.packages;
  if (!first) return [];
  const affected = hit.map((b) => b.p);
  const arch = first[0]?.arch ?? '';
  const platform = debianPlatform(arch);
  const names = first.slice(0, 3).map((x) => `${x.name}:${x.arch}`);
  const f = finding(
    'build-arch-binary',
    stage,
    line,
    affected,
    names[0] ?? '',
    `install each platform's own package (no :${arch}), or fetch the program per $TARGETARCH; where the image runs it through qemu on purpose, say so in a comment and expect the proof to find ${platform} code`,
  )(
    `the RUN installs ${names.join(', ')}${first.length > 3 ? ' and more' : ''} (Debian's ${arch}, ${platform}) ` +
      `in a stage built for each platform, so the images for ${affected.join(', ')} would get ${platform} programs`,
  );
  return [{ finding: f, cause: `foreign@${stage.index}:${line}`, run: true }];
}

/** A branch on the platform that maps one architecture to another's name (content.ts wrongArchMappings). */
function mappingUse(stage: Stage, line: number, script: string, runsOn: readonly string[]): Use[] {
  // one finding per platform a RUN maps wrongly (a branch often sets the URL, the file name and the checksum)
  const mappings = wrongArchMappings(script);
  const uses = mappings
    .filter((m, i) => mappings.findIndex((o) => o.on === m.on) === i)
    .flatMap((m) => {
      const affected = runsOn.filter((p) => cpuOf(p) === m.on);
      if (affected.length === 0) return [];
      const f = finding(
        'build-arch-binary',
        stage,
        line,
        affected,
        m.sets,
        `map linux/${m.on} to its own name (${m.on === 'arm64' ? 'arm64 or aarch64' : m.on}), not linux/${m.names}'s`,
      )(
        `the RUN's branch for linux/${m.on} sets ${m.sets}, linux/${m.names}'s name, ` +
          `so the images for ${affected.join(', ')} would get linux/${m.names} files`,
      );
      return [{ finding: f, cause: `map@${stage.index}:${m.on}:${m.sets}`, run: true }];
    });
  const mapped = new Set(mappings.map((m) => m.on));
  // a platform no test of a chain names takes its else (`linux/arm/v8` is never what buildx says for arm64)
  const falls = fallThroughs(script);
  const taken = new Map<string, FallThrough>();
  for (const p of runsOn) {
    const f = falls.find(
      (x) =>
        x.names !== cpuOf(p) &&
        !mapped.has(cpuOf(p)) &&
        !x.labels.some((l) => platformWords(p, x.subject).has(l)),
    );
    if (f && !taken.has(p)) taken.set(p, f);
  }
  const fall = [...taken.values()][0];
  if (!fall) return uses;
  const affected = [...taken.keys()];
  const f = finding(
    'build-arch-binary',
    stage,
    line,
    affected,
    fall.sets,
    `test for what buildx sets (${affected.join(', ')}; arm64 is linux/arm64, aarch64 to uname -m), or name each platform's file by $TARGETARCH`,
  )(
    `the RUN's branch compares ${fall.subject} with ${fall.labels.join(', ')}; for ${affected.join(', ')} it is ` +
      `${affected.map((p) => [...platformWords(p, fall.subject)][0] ?? p).join(', ')}, so it takes the last branch, which ` +
      `${fall.sets.includes('=') ? 'sets' : 'fetches'} ${fall.sets} (linux/${fall.names}): those images would get linux/${fall.names} files`,
  );
  return [...uses, { finding: f, cause: `fall@${stage.index}:${line}`, run: true }];
}

/**
 * A one-arch download (content.ts fixedArchPick) on a one-platform stage, into a path the image copies from it
 * (`wget -O/artifacts/probe …probe-linux-amd64`, then `COPY --from=builder /artifacts /bin`): every image gets it.
 */
function copiedFetchUse(
  scope: Scope,
  stage: Stage,
  line: number,
  script: string,
  literals: () => ReadonlyMap<string, string>,
): Use[] {
  // a download: a build's own outputs named per arch (`-o /out/tool-linux-amd64`) are artefacts
  if (!/\b(curl|wget|aria2c)\b/.test(script)) return [];
  // through the stage's fixed variables too (`ARG LINK=…/linux/amd64/plugin.zip`, then `wget ${LINK}`)
  const { arch, text } = pickThrough(script, literals);
  const affected = scope.requested.filter((p) => arch !== undefined && cpuOf(p) !== arch);
  if (arch === undefined || affected.length === 0) return [];
  // (a stage on the build machine copying it runs it there, as upx compressing a binary: the build machine's is right;
  // not the image's own stages)
  const copied = copiedSources(
    scope.parsed,
    stage,
    scope.vars,
    (s) => scope.where(s).kind !== 'build' || scope.chain.has(s.index),
  ).filter(
    (src) =>
      src.startsWith('/') &&
      src.length > 1 &&
      // a command that puts a file there: the download's -O, an unpack's -C, a move or copy (not a `mkdir`)
      text
        .split(/&&|\|\||[;|\n]/)
        .some(
          (c) =>
            /\b(curl|wget|aria2c|tar|unzip|mv|cp|install)\b/.test(c) &&
            new RegExp(`${escapeRegExp(src.replace(/\/$/, ''))}(/|\\b|$)`).test(c),
        ),
  );
  if (copied.length === 0) return [];
  const f = finding(
    'build-arch-binary',
    stage,
    line,
    affected,
    `linux/${arch}`,
    'pick the file by the target: ARG TARGETARCH in the stage and its value (mapped where the vendor names arches otherwise) in the name',
  )(
    `the RUN fetches a file named for linux/${arch} into ${copied[0] ?? ''}, which the image copies, ` +
      `so the images for ${affected.join(', ')} would get the linux/${arch} one`,
  );
  return [{ finding: f, cause: `pick@${line}`, run: false }];
}

/**
 * The stage's RUNs run under dash: its chain starts from a Debian or Ubuntu image (or an official language image on
 * Debian, not `-alpine`) and no SHELL instruction changes the shell.
 */
function dashShell({ parsed, vars }: Scope, stage: Stage): boolean {
  const chain = stageChain(parsed, stage, vars);
  if (chain.some((s) => s.instructions.some((i) => i.keyword === 'SHELL'))) return false;
  const image = expandVars(chain[0]?.image ?? stage.image, vars).toLowerCase();
  return (
    /(^|\/)(debian|ubuntu)(:|$)|bookworm|bullseye|buster|trixie|jammy|noble|focal/.test(image) ||
    (/(^|\/)(golang|rust|node|python|ruby|php|openjdk|eclipse-temurin|buildpack-deps)(:|$)/.test(image) &&
      !/alpine/.test(image))
  );
}

/**
 * The platforms a stage's RUNs are emulated for: those not native; but a base published for one arch only
 * (`…/sdk:6.0-amd64`) runs as that arch for every platform (BuildKit warns), emulated only where it is not native.
 */
function emulatedOn({ parsed, vars, native }: Scope, stage: Stage, runsOn: string[]): string[] {
  const base = stageChain(parsed, stage, vars)[0]?.image ?? stage.image;
  const arch = imageArch(expandVars(base, vars));
  if (arch === undefined) return runsOn.filter((p) => !native.has(p));
  return [...native].some((p) => cpuOf(p) === arch) ? [] : runsOn;
}

/**
 * The context has a goreleaser configuration that builds images (`dockers:`, `dockers_v2:`): goreleaser gives each
 * platform's build its own context holding that platform's binary, so one file copied from the context is right.
 */
function goreleaserDockers(scripts: AdviseOptions['scripts']): boolean {
  return GORELEASER_NAMES.some((n) => /^dockers(_v2)?:/m.test(scripts?.[n] ?? ''));
}

/** The paths later stages copy from this one (`COPY --from=builder /artifacts /bin`: /artifacts). */
function copiedSources(
  parsed: ParsedDockerfile,
  stage: Stage,
  vars: Map<string, string>,
  /** only what these stages copy */
  by: (s: Stage) => boolean = () => true,
): string[] {
  return parsed.stages
    .filter(by)
    .flatMap((s) =>
      s.instructions.filter((i) => {
        const from = i.flags.find((f) => f.name === 'from')?.value;
        const ref = from === undefined ? undefined : expandVars(from, vars);
        return i.keyword === 'COPY' && ref !== undefined && findStage(parsed, ref, s.index) === stage;
      }),
    )
    .flatMap((i) => copyArgs(i).sources);
}

/**
 * The script chooses by the variable: compares it (`[ "$TARGETPLATFORM" = linux/arm64 ]`, `case $TARGETARCH`) or
 * builds a name from it (`tool_${TARGETARCH}.tar.gz`); passing it on (`npm_config_target_arch=$TARGETARCH`) is not.
 */
function picksBy(script: string, name: string): boolean {
  const v = `\\$\\{?${name}\\}?`;
  return new RegExp(`${v}["']?\\s*!?==?\\s|\\bcase\\s+["']?${v}|[-_/.]${v}|${v}[-_/.]`).test(script);
}

/**
 * The variable is a whole argument of a program (`python ffmpeg_download.py $TARGETPLATFORM`): the program chooses by
 * it. Printing it, or an assignment (`npm_config_target_arch=$TARGETARCH`), chooses nothing.
 */
function givenToProgram(script: string, name: string): boolean {
  const arg = new RegExp(`\\s["']?\\$\\{?${name}\\}?["']?(?=\\s|$)`);
  return script
    .split(/&&|\|\||[;|\n]/)
    .some((c) => arg.test(c) && !/^\s*(echo|printf|export|local|declare|test|\[)\b/.test(c.trim()));
}

/** A $BUILDPLATFORM stage that never sees the target picks by the machine's own architecture (content.ts hostProbe). */
function probeUse(scope: Scope, stage: Stage, line: number, script: string, buildPlatform: string): Use[] {
  const probe = hostProbe(script);
  const affected = scope.requested.filter((p) => archOf(p) !== archOf(buildPlatform));
  const buildArgs = scope.opts.buildArgs ?? {};
  if (
    probe === undefined ||
    affected.length === 0 ||
    seesTarget({ ...scope, buildArgs, scripts: scope.opts.scripts }, stage)
  )
    return [];
  const f = finding(
    'build-arch-binary',
    stage,
    line,
    affected,
    probe,
    'pick by the target instead: ARG TARGETARCH in the stage and its value (mapped where the vendor names arches otherwise) in place of the probe',
  )(
    `the RUN picks what it fetches by \`${probe}\`, which on $BUILDPLATFORM is the build machine's ${normalizePlatform(buildPlatform)}, ` +
      `so the images for ${affected.join(', ')} would get its files`,
  );
  return [{ finding: f, cause: `probe@${stage.index}`, run: true }];
}

// the script looks the architecture up or takes the target's: a value it sets after that is no fixed one
const LOOKS_UP = /\buname\b|\$\(\s*arch\s*\)|`arch`|--print-architecture|\$\{?TARGET(ARCH|PLATFORM)\b/;

/** The script gives the variable its own value (`TARGETARCH=$(dpkg --print-architecture)`, `${TARGETARCH:-…}`). */
function setsItself(script: string, name: string): boolean {
  return new RegExp(
    `(^|[^A-Za-z0-9_$])${name}=|\\bfor ${name}\\b|\\bread\\b[^\n;]*\\b${name}\\b|\\$\\{${name}:?[-=][^}]*[$\`]`,
  ).test(script);
}

/**
 * A platform ARG the stage never declares, used by a RUN that chooses by it: empty, so one pick for every platform —
 * the fallback it gives (`${TARGETPLATFORM:-linux/amd64}`), or whatever an empty value picks.
 */
function undeclaredUse(
  stage: Stage,
  script: string,
  name: string,
  opts: AdviseOptions,
  requested: readonly string[],
  line: number,
): Use[] {
  const fallback = new RegExp(`\\$\\{${name}:?-([^}$\`]*)\\}`).exec(script)?.[1];
  const own = opts.buildPlatform ?? opts.native[0];
  const gets =
    fallback === undefined ? undefined : archName(fallback.split('/').find((w) => archName(w)) ?? '');
  const affected = requested.filter((p) =>
    gets !== undefined ? cpuOf(p) !== gets : own === undefined || archOf(p) !== archOf(own),
  );
  if (
    setsItself(script, name) ||
    (gets === undefined && !picksBy(script, name) && !givenToProgram(script, name)) ||
    affected.length === 0
  )
    return [];
  const what =
    gets === undefined
      ? 'what it picks for an empty value'
      : `what it picks for linux/${gets} (\${${name}:-${fallback ?? ''}})`;
  const f = finding(
    'build-arch-binary',
    stage,
    line,
    affected,
    `$${name}`,
    `declare ARG ${name} in the stage (without a value) before the RUN`,
  )(
    `the RUN uses $${name}, which is empty here (the stage never declares ARG ${name}), so it makes one choice ` +
      `for every platform: the images for ${affected.join(', ')} would get ${what}`,
  );
  return [{ finding: f, cause: `${name}@undeclared-${stage.index}`, run: true }];
}

// a project's own architecture variable (`ARCH`, `VENDOR_APT_ARCH`, `ARCHITECTURE`)
const ARCH_KNOB = /^([A-Z0-9]+_)*ARCH$|^ARCH(ITECTURE)?$/;

/**
 * A project's own architecture ARG with one value (`ARG ARCH=amd64`, prometheus' and s6-overlay's style; a
 * build-arg gives it one value too), not derived from TARGETARCH, used where the image's content is chosen (`FROM
 * busybox-${ARCH}`, `COPY .build/linux-${ARCH}/app`, a download): in a multi-platform build every image gets that
 * one arch's content. A GOARCH build is judged by buildArch; names other than the conventional ones are left alone.
 */
function fixedArchUse(
  parsed: ParsedDockerfile,
  stage: Stage,
  line: number,
  text: string,
  vars: Map<string, string>,
  opts: AdviseOptions,
  requested: readonly string[],
  picks = false,
): Use[] {
  for (const name of varsIn(text).filter(
    (v) => ARCH_KNOB.test(v) && v !== 'TARGETARCH' && v !== 'BUILDARCH',
  )) {
    const v =
      line === stage.line
        ? fromValue(parsed, name, vars)
        : stageVar(parsed, stage, name, vars, opts.buildArgs ?? {});
    if (v?.kind !== 'literal') continue;
    // a RUN that sets it itself where it looks at the platform (`if [[ $(arch) == aarch64* ]]; then ARCH=arm64`)
    if (!picks && setsItself(text, name) && LOOKS_UP.test(text)) continue;
    if (!picks && choosesPackagesOnly(text, name)) continue;
    const arch = archName(v.value);
    if (arch === undefined) continue;
    const affected = requested.filter((p) => cpuOf(p) !== arch);
    if (affected.length === 0) continue;
    const decl = [...stage.args, ...parsed.globalArgs].find(
      (a) => a.name === name && a.default !== undefined,
    );
    const where = decl ? `ARG ${name}=${decl.default ?? ''}, line ${decl.line}` : `--build-arg ${name}`;
    const fix = `derive it from the platform: ARG TARGETARCH, then ${name}=\${TARGETARCH} (mapping names such as x86_64 where needed)`;
    const f = finding(
      'build-arch-binary',
      stage,
      line,
      affected,
      `$${name}`,
      fix,
    )(
      `$${name} is ${v.value} for every platform (${where}), ` +
        `so the images for ${affected.join(', ')} would get the linux/${arch} content it picks`,
    );
    return [{ finding: f, cause: `${name}@${decl?.line ?? 'build-arg'}`, run: !picks }];
  }
  return [];
}

/**
 * Where the image's files come from, in the stages that reach it: their bases (`FROM busybox-${ARCH}`), judged by
 * fixedArchUse, and what they copy in from the context or a URL (`COPY .build/linux-${ARCH}/app`, `ADD ./app
 * /usr/local/bin/`), by fixedArchUse and else by copyFindings (content.ts), for each platform the stage is built for.
 */
function contentPicks(scope: Scope, stages: readonly Stage[]): Use[] {
  const { parsed, vars, opts, requested, programs, chain } = scope;
  const copies = (s: Stage): Instruction[] =>
    s.instructions.filter(
      (i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.some((f) => f.name === 'from'),
    );
  return stages
    .filter((s) => scope.feeds.has(s.index) || chain.has(s.index))
    .flatMap((stage) => {
      const platforms = requested.filter((p) => scope.needed.get(stage.index)?.has(p) ?? true);
      const perTarget = scope.where(stage).kind === 'target';
      const copyScope = {
        parsed,
        vars,
        buildArgs: opts.buildArgs ?? {},
        platforms,
        programs,
        perTarget,
        contextPerPlatform: goreleaserDockers(opts.scripts),
        binaries: opts.binaries ?? {},
        inImage: chain.has(stage.index),
        // (a stage on the build platform only copied from fetches its own tools by it: `opa_${BUILDOS}_${BUILDARCH}`)
        ...(scope.buildPlatform === undefined || !(perTarget || chain.has(stage.index))
          ? {}
          : { buildPlatform: normalizePlatform(scope.buildPlatform) }),
      };
      const pick = (line: number, text: string): Use[] =>
        fixedArchUse(parsed, stage, line, text, vars, opts, requested, true);
      const base = pick(stage.line, stage.image);
      return [
        // a one-arch base of a stage only copied from may hand over arch-neutral files (IL, scripts): the image's own,
        // and one whose RUNs compile a program for the machine they run on (its base's)
        ...(base.length > 0 || !perTarget || !(chain.has(stage.index) || compilesNatively(stage))
          ? base
          : baseArchUse(parsed, stage, vars, platforms)),
        ...copies(stage).flatMap((i) => {
          const fixed = pick(i.line, i.args);
          return fixed.length > 0
            ? fixed
            : copyFindings(copyScope, stage, i).map((f) => {
                // files named by the build machine's platform: one cause however many COPYs name them
                const byBuild = BUILD_REF.exec(i.args)?.[1];
                return byBuild
                  ? { finding: f, cause: `${byBuild}@${stage.index}`, run: true }
                  : { finding: f, cause: `copy@${i.line}`, run: false };
              });
        }),
      ];
    });
}

/**
 * A stage built for each platform FROM an image whose name is one architecture's (`ghcr.io/home-assistant/amd64-base`
 * from a build-arg default, `arm64v8/alpine`, `…:1.2-amd64`): every image gets that one's files.
 */
function baseArchUse(
  parsed: ParsedDockerfile,
  stage: Stage,
  vars: Map<string, string>,
  platforms: string[],
): Use[] {
  const named = platforms.map((p) => {
    const perPlatform = new Map(vars);
    for (const [k, v] of Object.entries(platformValues(p))) perPlatform.set(k, v);
    const image = expandVars(expandVars(stage.image, perPlatform), perPlatform);
    return { p, image, arch: imageArch(image) };
  });
  const wrong = named.filter((n) => n.arch !== undefined && n.arch !== cpuOf(n.p));
  const first = wrong[0];
  if (!first || findStage(parsed, first.image, stage.index)) return [];
  const f = finding(
    'build-arch-binary',
    stage,
    stage.line,
    wrong.map((n) => n.p),
    `FROM ${first.image}`,
    'name the base by the platform (its multi-arch name, or ${TARGETARCH} in it), or pass the per-arch base as a build-arg per platform',
  )(
    `the stage is built for each platform FROM ${first.image}, an image for linux/${first.arch ?? ''}, so the images for ` +
      `${wrong.map((n) => n.p).join(', ')} would hold its linux/${first.arch ?? ''} files`,
  );
  return [{ finding: f, cause: `base@${stage.line}`, run: false }];
}

/**
 * A stage whose RUNs build a program for the machine they run on: a go, cargo or C compile naming no other target
 * (`GOARCH=`, `--target`, a cross `CC`). On a one-arch base (`FROM blackdex/rust-musl:x86_64-musl`) that is the
 * base's architecture, whatever platform the stage is built for.
 */
function compilesNatively(stage: Stage): boolean {
  return stage.instructions.some((i) => {
    if (i.keyword !== 'RUN') return false;
    const text = runScript(i);
    if (/\bGOARCH=|--target[=\s]|CARGO_BUILD_TARGET|\bCC=\S*-linux-/.test(text)) return false;
    return compileSteps(text).some(
      (c) =>
        !c.hostTool &&
        !c.maybeNative &&
        (c.toolchain === 'go' || c.toolchain === 'rust' || c.toolchain === 'c'),
    );
  });
}

/** A variable in a FROM line: a global ARG's default or its build-arg. */
function fromValue(parsed: ParsedDockerfile, name: string, vars: Map<string, string>): GoArch | undefined {
  const v = vars.get(name);
  return v === undefined || parsed.globalArgs.every((a) => a.name !== name)
    ? undefined
    : { kind: 'literal', value: v };
}

/**
 * What one RUN compiles: its own commands, and those of the context's scripts it runs that were read (one that
 * compiles is a compile, named through it; one that does not is nothing), and the scripts that could not be read;
 * `script` is the text judged for GOARCH.
 */
function runSteps(
  stage: Stage,
  ins: Instruction,
  compilerHere: boolean,
  scripts: AdviseOptions['scripts'],
  /** the RUN's text with the stage's package variables in it (stageSteps) */
  valued = runScript(ins),
): { steps: CompileStep[]; script: string; unknown: ScriptCall[] } {
  const { known, unknown } = runScripts(stage, ins, scripts);
  // a make whose Makefile was read compiles what its recipes compile (`make` alone may only bundle or copy)
  const makes = known.filter((k) => k.make);
  const own = compileSteps(valued).filter(
    (c) => (!c.maybeNative || compilerHere) && (makes.length === 0 || c.command !== 'make'),
  );
  const inner = (ks: typeof known) =>
    ks.flatMap((k) =>
      compileSteps(k.text)
        .filter((c) => !c.maybeNative || compilerHere)
        .map((c) => ({ ...c, command: `${k.label}: ${c.command}` })),
    );
  const read = own.length > 0 ? makes : known;
  // an unread script named for a go build is one (its GOARCH the stage's and the RUN's)
  const goScripts = unknown
    .filter(goBuildScript)
    .map((c): CompileStep => ({ toolchain: 'go', command: `${c.label}: go build` }));
  const text = runScript(ins);
  // a script run in a branch on the platform (`if [ "$TARGETARCH" = arm64 ]; then bash fix-arm64.sh; fi`) fetches for
  // that branch's platform only: its picks are not every platform's (platformArgUse judges the test's variable)
  const everywhere = read.filter((k) => !underPlatformTest(text, text.indexOf(k.path)));
  return {
    steps: [...own, ...inner(read), ...goScripts],
    script: [text, ...everywhere.map((k) => k.text)].join('\n'),
    unknown: own.length > 0 ? [] : unknown.filter((c) => !goBuildScript(c)),
  };
}

/** Debian's and Ubuntu's per-arch library directories (`/lib/x86_64-linux-gnu/`), the arch in Go's name. */
const LIB_DIR = /(?:^|\/)(x86_64|aarch64|s390x|powerpc64le|i386|arm)-linux-gnu(?:eabihf)?\//;

/**
 * A `COPY --from` of a file from one architecture's library directory (`COPY --from=builder
 * /lib/x86_64-linux-gnu/libz.so.1 …` into a distroless image): the other platforms' images get that architecture's
 * library, or, where the stage is built for each platform, the path is not there and the build stops.
 */
function libDirUse(
  parsed: ParsedDockerfile,
  stage: Stage,
  ins: Instruction,
  requested: readonly string[],
): Use[] {
  const src = copyArgs(ins).sources.find((x) => LIB_DIR.test(x));
  const word = src === undefined ? '' : (LIB_DIR.exec(src)?.[1] ?? '');
  const arch = word === 'arm' ? 'arm' : archName(word);
  const affected = requested.filter((p) => cpuOf(p) !== arch);
  if (src === undefined || arch === undefined || affected.length === 0) return [];
  // from a stage fixed to that architecture (`FROM --platform=linux/arm64 … AS arm64-chef`): a per-arch tree collected
  const from = findStage(parsed, ins.flags.find((f) => f.name === 'from')?.value ?? '', stage.index);
  const fixed = from?.platform;
  if (fixed !== undefined && !fixed.includes('$') && cpuOf(fixed) === arch) return [];
  const f = finding(
    'build-arch-binary',
    stage,
    ins.line,
    affected,
    `COPY ${src}`,
    'copy the library from a path every platform has (a directory named by the platform, or the whole library directory chosen in a RUN by `dpkg-architecture -qDEB_HOST_MULTIARCH`)',
  )(
    `copies ${src}, linux/${arch}'s library directory, so the images for ${affected.join(', ')} would get a linux/${arch} library (or, built for each platform, find no such file)`,
  );
  return [{ finding: f, cause: `libdir@${ins.line}`, run: false }];
}

/** Whether the text at `at` is inside an `if`/`case` on the platform (`if [ "$TARGETARCH" = "arm64" ]; then …; fi`). */
function underPlatformTest(script: string, at: number): boolean {
  return (
    at >= 0 &&
    branchesAt(script, at).some((t) =>
      /\$\{?TARGET(ARCH|PLATFORM)\b|uname\s+-m|dpkg\s+--print-architecture/.test(t),
    )
  );
}

/**
 * A binary built (`go build -o PATH`) and then run by a later RUN of the same stage is a build-machine tool (a
 * code or docs generator): right for the build machine, and not what the image ships.
 */
function runLater(stage: Stage, line: number, script: string): boolean {
  const [out] = buildOutputs(script);
  if (!out) return false;
  const name = out.slice(out.lastIndexOf('/') + 1);
  const runs = new RegExp(`(^|[;&|\\n]\\s*|^\\s*)(${escapeRegExp(out)}|${escapeRegExp(name)})(\\s|$)`);
  return stage.instructions.some(
    (i) => i.keyword === 'RUN' && i.line > line && runs.test(runScript(i).trim()),
  );
}

/** Every RUN script of a stage and the stages it is built FROM (what the stage has installed), in build order. */
function chainScripts(parsed: ParsedDockerfile, stage: Stage, vars: Map<string, string>): string[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = findStage(parsed, expandVars(s.image, vars), s.index))
    chain.unshift(s);
  return chain.flatMap((s) => s.instructions.filter((i) => i.keyword === 'RUN').map(runScript));
}

/** A go/cargo build on the build platform whose output is not for the target: the finding, by line. */
function buildArch(
  parsed: ParsedDockerfile,
  stage: Stage,
  script: string,
  vars: Map<string, string>,
  opts: AdviseOptions,
  steps: readonly CompileStep[],
  requested: readonly string[],
  buildPlatform: string,
): ((line: number) => Finding) | undefined {
  const buildArchName = archOf(buildPlatform);
  const wrong = requested.filter((p) => archOf(p) !== buildArchName);
  const blind = productBuild(parsed, stage, vars, steps);
  // npm/pip installs are steps here only where the stage installs a compiler: the native modules it builds are the
  // build machine's (the npm_config_arch/--platform way fetches prebuilt ones and needs no compiler)
  const native = steps.find((s) => s.maybeNative === true);
  // beside a Go/Rust build of the product the installs are its build tools (a Python group for the linker)
  const product = chainScripts(parsed, stage, vars).some((t) =>
    compileSteps(t).some((c) => !c.hostTool && (c.toolchain === 'go' || c.toolchain === 'rust')),
  );
  if (!blind && native && !product && wrong.length > 0 && !staticOutputsOnly(parsed, stage, vars))
    return (line) =>
      buildArchFinding(
        stage,
        line,
        native,
        wrong,
        normalizePlatform(buildPlatform),
        'in a stage that installs a compiler (native modules are built for the build machine)',
        'run the install in a stage built for each platform (no --platform), or fetch prebuilt modules for $TARGETARCH and drop the compiler',
      );
  if (!blind || wrong.length === 0) return undefined;
  const target =
    blind.toolchain === 'go'
      ? goarchFor(parsed, stage, script, vars, opts.buildArgs ?? {})
      : cargoTargetFor(parsed, stage, script, vars, opts.buildArgs ?? {});
  if (target.kind === 'target')
    return blind.toolchain === 'go'
      ? untargetedBuild(parsed, stage, script, vars, opts, blind, wrong, buildPlatform)
      : undefined;
  if (blind.toolchain === 'go' && artefact(parsed, stage, script, vars, opts, target)) return undefined;
  // `task build GOARCH=$TARGETARCH`: a Taskfile variable, in go's environment only where the task's env maps it
  if (blind.toolchain === 'go' && target.kind === 'unset' && !target.why && taskVar(script))
    return (line) => taskVarFinding(stage, line, blind, wrong, buildPlatform);
  // a hard-coded GOARCH (or cargo --target triple) gives every platform that one architecture's binary
  const gets = target.kind === 'literal' ? `linux/${target.value}` : normalizePlatform(buildPlatform);
  const affected = requested.filter((p) => archOf(p) !== archOf(gets));
  const { why, fix } = targetWhy(blind, target, script);
  return affected.length > 0
    ? (line) => buildArchFinding(stage, line, blind, affected, gets, why, fix)
    : undefined;
}

/** Why a build's target is not the platform's, and the fix; a broken `[` test in front of the branch that chose it first. */
function targetWhy(
  step: CompileStep,
  target: GoArch,
  script: string,
): { why: string | undefined; fix: string | undefined } {
  const knob = step.toolchain === 'go' ? 'GOARCH' : 'the cargo target';
  const fixed = target.kind === 'literal' ? `with ${knob} fixed to ${target.value}` : undefined;
  // the branch that would choose the target is behind a broken test (`if ["$TARGETPLATFORM" = …`)
  const broken = brokenTest(script);
  const reason = broken
    ? `the test \`${broken}\` is broken ([ and ] need spaces around them), so its branch never runs`
    : target.kind === 'target'
      ? undefined
      : target.why;
  return {
    why: reason ? `${fixed ?? `with ${knob} unset`} (${reason})` : fixed,
    fix: broken
      ? 'write the test with spaces inside the brackets: [ "$TARGETPLATFORM" = "linux/arm64" ]'
      : target.kind === 'target'
        ? undefined
        : target.fix,
  };
}

/**
 * One go build of a RUN that sets GOARCH for another's only (`GOARCH=$TARGETARCH go build -o /out/a && go build -o
 * /out/b ./cmd/b`: a prefix sets one command's environment), whose output the image copies: that binary is the build
 * machine's.
 */
function untargetedBuild(
  parsed: ParsedDockerfile,
  stage: Stage,
  script: string,
  vars: Map<string, string>,
  opts: AdviseOptions,
  step: CompileStep,
  wrong: readonly string[],
  buildPlatform: string,
): ((line: number) => Finding) | undefined {
  const builds = goBuildArches(parsed, stage, script, vars, opts.buildArgs ?? {});
  if (!builds.some((b) => b.goarch.kind === 'target')) return undefined;
  const sources = copiedSources(parsed, stage, vars);
  // the output as built, or where the RUN then copies it (`cp -r build/_output/bin/x /usr/local/bin/x`)
  const miss = builds.find(
    (b) =>
      b.goarch.kind === 'unset' &&
      b.output !== undefined &&
      [b.output, ...renamedTo(script, [b.output])].some((o) => sources.some((s) => holds(s, o))),
  );
  if (!miss) return undefined;
  const why = `for ${miss.output}: the GOARCH of the RUN's other go build is a prefix, which sets that command's environment only`;
  const fix =
    'give every go build of the RUN GOOS=$TARGETOS GOARCH=$TARGETARCH, or export them once before the first';
  return (line) =>
    buildArchFinding(stage, line, step, [...wrong], normalizePlatform(buildPlatform), why, fix);
}

/** A copied source path holds a build output: the same path or a directory above it (relative outputs by their tail). */
function holds(source: string, output: string): boolean {
  const s = source.replace(/\/(\.|\*)?$/, '');
  const o = output.replace(/^\.\//, '');
  if (o.startsWith('/')) return o === s || o.startsWith(`${s}/`);
  const parts = o.split('/');
  return parts.some((_, i) => {
    const head = parts.slice(0, i + 1).join('/');
    return s === head || s.endsWith(`/${head}`);
  });
}

/**
 * The go/cargo build of the product among a RUN's steps: not a tool (`go install tool@v`, `cargo install tool`);
 * `go get` installs into GOPATH/bin, the product (GOPATH era) where the image copies from there, else a tool.
 */
function productBuild(
  parsed: ParsedDockerfile,
  stage: Stage,
  vars: Map<string, string>,
  steps: readonly CompileStep[],
): CompileStep | undefined {
  const gopathBin = () =>
    copiedSources(parsed, stage, vars).some((c) => /(^|\/)(go|\$\{?GOPATH\}?)\/bin(\/|$)/.test(c));
  return steps.find(
    (s) =>
      (!s.hostTool || (s.command === 'go get' && gopathBin())) &&
      (s.toolchain === 'go' || s.toolchain === 'rust'),
  );
}

function taskVarFinding(
  stage: Stage,
  line: number,
  step: CompileStep,
  wrong: readonly string[],
  buildPlatform: string,
): Finding {
  return buildArchFinding(
    stage,
    line,
    step,
    [...wrong],
    normalizePlatform(buildPlatform),
    'with GOARCH unset: GOARCH= after `task` sets a Taskfile variable, which go sees only where the task maps it under env:',
    "map it in the Taskfile (env: GOOS: '{{.GOOS}}', GOARCH: '{{.GOARCH}}'), or run GOOS=$TARGETOS GOARCH=$TARGETARCH task …",
  );
}

/** A `task` the script runs is given GOARCH as a Taskfile variable (`task build GOARCH=$TARGETARCH`). */
const taskVar = (script: string) => taskCalls(script).some((c) => c.vars.has('GOARCH'));

const STATIC_OUTPUT = /(^|\/)(dist|build|public|static|out|www|html|assets|docs?)(\/|$)/;

/**
 * Everything other stages take from this one (or from stages built FROM it) is a static build output (`COPY
 * --from=web /web/dist`): native modules its installs built stay behind. Not when the image itself is built FROM it.
 */
function staticOutputsOnly(parsed: ParsedDockerfile, stage: Stage, vars: Map<string, string>): boolean {
  const last = parsed.stages[parsed.stages.length - 1];
  const heirs = parsed.stages.filter((s) => stageChain(parsed, s, vars).some((c) => c.index === stage.index));
  if (heirs.some((s) => s === last)) return false;
  const names = new Set(heirs.flatMap((s) => [s.name ?? '', String(s.index)]));
  const sources = parsed.stages.flatMap((s) =>
    s.instructions
      .filter((i) => i.keyword === 'COPY')
      .filter((i) =>
        names.has(expandVars(i.flags.find((f) => f.name === 'from')?.value ?? '', vars).toLowerCase()),
      )
      .flatMap((i) => copyArgs(i).sources),
  );
  return sources.length > 0 && sources.every((p) => STATIC_OUTPUT.test(p));
}

/**
 * The image's own stage, or the stage chain it is built FROM, starts from a real image on $BUILDPLATFORM: every
 * platform's image holds that image's build-machine files (its shell, libraries, tools). `scratch` holds none.
 */
function imageBase(
  parsed: ParsedDockerfile,
  root: Stage,
  where: (s: Stage) => Where,
  vars: Map<string, string>,
): { stage: Stage; image: string } | undefined {
  const w = where(root);
  if (w.kind !== 'build' && w.kind !== 'fixed') return undefined;
  // the chain's first stage starts from an image (or scratch)
  const s = stageChain(parsed, root, vars)[0] ?? root;
  const image = expandVars(s.image, vars);
  return image.toLowerCase() === 'scratch' ? undefined : { stage: s, image };
}

function baseFinding(stage: Stage, image: string, platforms: string[], build: string): Finding {
  const from = `FROM --platform=${stage.platform ?? ''} ${image}`;
  const fix = `drop --platform from the image's FROM (keep it on the stages that compile, and COPY their output)`;
  return finding(
    'build-arch-binary',
    stage,
    stage.line,
    platforms,
    from,
    fix,
  )(
    `the image is built ${from}, ` +
      `so the images for ${platforms.join(', ')} would hold ${build} files of ${image} (its shell, libraries and tools)`,
  );
}

/**
 * A build meant for one platform on purpose, as release artefacts are (linkerd's CLI stages, one per OS and arch):
 * for another OS than linux, or for a fixed GOARCH an output or the stage is named after (`-o tool-linux-arm64`,
 * `AS build-linux-arm64`; a script building one per arch names each). What reaches which image is then the Dockerfile's choice, not a missing GOARCH.
 */
function artefact(
  parsed: ParsedDockerfile,
  stage: Stage,
  script: string,
  vars: Map<string, string>,
  opts: AdviseOptions,
  goarch: GoArch,
): boolean {
  const goos = goarchFor(parsed, stage, script, vars, opts.buildArgs ?? {}, 'GOOS');
  // (a value the advisor cannot read, `$(word 1, $@)` from a Makefile, names no OS)
  if (goos.kind === 'literal' && goos.value !== 'linux' && /^[a-z0-9]+$/.test(goos.value)) return true;
  if (goarch.kind !== 'literal') return false;
  const named = new RegExp(`(^|[^a-z0-9])${goarch.value.replace(/[^a-z0-9]/g, '')}([^a-z0-9]|$)`);
  const built = goOutputsFor(parsed, stage, script, vars, opts.buildArgs ?? {}).filter((o) => named.test(o));
  // and what the script makes of them: `cp dist/app-linux-amd64 app` (chamber's Makefile) is the file the image copies
  // (matched as the script writes them: `cp dist/chamber-${VERSION}-linux-amd64 chamber`)
  const written = buildOutputs(script).filter((o) => named.test(o));
  const outputs = [...built, ...renamedTo(script, [...built, ...written])];
  // one the image copies by its name (`COPY --from=builder /src/dist/helmfile_linux_amd64 /usr/local/bin/helmfile`)
  // is what every image runs, not an artefact
  // (or by a pattern: `COPY --from=builder /src/bin/agent*linux* /usr/local/bin/agent`)
  const sources = copiedSources(parsed, stage, vars);
  // the image takes a build of each arch, each by its name (`COPY --from=b /src/bin-amd64 …` and `…/bin-arm64 …`)
  if (new Set(sources.flatMap((c) => [...archesNamed(c)])).size >= 2) return true;
  const copied = sources
    .map((c) => posix.basename(c))
    // a pattern that names something (`agent*linux*`), not every file (`*`)
    .filter((c) => /[A-Za-z0-9]{2}/.test(c))
    .map(globName);
  if (outputs.some((o) => copied.some((c) => c.test(posix.basename(o).replace(/\$\{?\w+\}?/g, 'x')))))
    return false;
  return outputs.length > 0 || named.test(stage.name ?? '');
}

/**
 * Where the script's `cp`, `mv` or `install` puts any of `files` (`cp $^ chamber`, `mv bin/app-linux-amd64 /app`,
 * `install -m 755 app-amd64 /usr/local/bin/`): a destination ending in `/` is a directory, the file keeps its name.
 */
function renamedTo(script: string, files: readonly string[]): string[] {
  if (files.length === 0) return [];
  const names = new Set(files.flatMap((f) => [f, posix.basename(f)]));
  const out: string[] = [];
  for (const { words } of commandsIn(script)) {
    if (!/^(cp|mv|install)$/.test(words[0] ?? '')) continue;
    const args = words
      .slice(1)
      .filter((w, i, all) => !w.startsWith('-') && !/^-[mog]$/.test(all[i - 1] ?? ''));
    const dest = args.pop();
    if (dest === undefined) continue;
    for (const src of args.map((a) => a.replace(/^["']|["']$/g, '')))
      if (names.has(src) || names.has(posix.basename(src)))
        out.push(dest.endsWith('/') ? posix.join(dest, posix.basename(src)) : dest);
  }
  return out;
}

/** A file name pattern of a COPY source (`agent*linux*`, `app-?`) as a regular expression for one name. */
function globName(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((ch) => (ch === '*' ? '[^/]*' : ch === '?' ? '[^/]' : escapeRegExp(ch)))
    .join('');
  return new RegExp(`^${body}$`);
}

/**
 * A go build in a stage that runs on each target platform, with GOARCH set to one value (`GOARCH=amd64`, an ARG
 * default): the platforms of another architecture get that one's binary (and it compiles under QEMU besides).
 */
function fixedArch(
  parsed: ParsedDockerfile,
  stage: Stage,
  script: string,
  vars: Map<string, string>,
  opts: AdviseOptions,
  steps: readonly CompileStep[],
  runsOn: readonly string[],
): { at: (line: number) => Finding; cause: string | undefined } | undefined {
  const step = steps.find((s) => !s.hostTool && /^(go|rust|dotnet)$/.test(s.toolchain));
  if (!step) return undefined;
  const goarch =
    step.toolchain === 'go'
      ? goarchFor(parsed, stage, script, vars, opts.buildArgs ?? {})
      : step.toolchain === 'dotnet'
        ? dotnetArchFor(script)
        : cargoTargetFor(parsed, stage, script, vars, opts.buildArgs ?? {});
  if (goarch.kind !== 'literal' || artefact(parsed, stage, script, vars, opts, goarch)) return undefined;
  const gets = `linux/${goarch.value}`;
  const affected = runsOn.filter((p) => archOf(p) !== archOf(gets));
  if (affected.length === 0) return undefined;
  const knob =
    step.toolchain === 'go'
      ? 'GOARCH'
      : step.toolchain === 'dotnet'
        ? 'the .NET runtime'
        : 'the cargo target';
  // a project's own ARG or ENV the RUNs read (`ARG GOARCH=amd64`): named, one finding for all its builds
  const shared = !new RegExp(
    `(GOARCH=|--target[=\\s]|-r\\s|--runtime[=\\s])["']?[\\w.-]*${escapeRegExp(goarch.value)}`,
  ).test(script);
  const decl =
    shared && step.toolchain === 'go' ? stage.args.find((a) => a.name === 'GOARCH' && a.default) : undefined;
  const reason =
    goarch.why ??
    (decl
      ? `ARG GOARCH=${decl.default ?? ''} at line ${decl.line}, read by every go build of the stage`
      : undefined);
  const why = `runs on each target platform with ${knob} fixed to ${goarch.value}${reason ? ` (${reason})` : ''}`;
  const fix =
    goarch.fix ??
    (step.toolchain === 'go'
      ? 'drop the fixed GOARCH: build FROM --platform=$BUILDPLATFORM with ARG TARGETOS TARGETARCH and GOOS=$TARGETOS GOARCH=$TARGETARCH'
      : 'drop the fixed --target: build FROM --platform=$BUILDPLATFORM with ARG TARGETARCH and --target chosen from it (with a cross linker)');
  return {
    at: (line) =>
      finding(
        'build-arch-binary',
        stage,
        line,
        affected,
        step.command,
        fix,
      )(`\`${step.command}\` ${why}, so the images for ${affected.join(', ')} would get ${gets} binaries`),
    // a value the stage's builds all read (`ARG GOARCH=amd64`, then `GOARCH=$GOARCH go build` in each RUN) is one
    // cause, found at its first build; a value each RUN writes itself is that RUN's own
    cause: shared ? `${knob}=${goarch.value}` : undefined,
  };
}

/** The first time `cause` is seen among the stage's findings (no cause: always); records it. */
function once(seen: Set<string>, cause: string | undefined): boolean {
  if (cause === undefined) return true;
  if (seen.has(cause)) return false;
  seen.add(cause);
  return true;
}

function emulatedFinding(stage: Stage, line: number, step: CompileStep, platforms: string[]): Finding {
  return finding(
    'emulated-compile',
    stage,
    line,
    platforms,
    step.command,
    CROSS_FIX[step.toolchain],
  )(
    `\`${step.command}\` runs under QEMU emulation for ` +
      `${platforms.join(', ')}; compiling under emulation is several times slower than cross-compiling`,
  );
}

function hiddenFinding(stage: Stage, line: number, run: string, platforms: string[]): Finding {
  const fix =
    'run the script in a FROM --platform=$BUILDPLATFORM stage with the target from ARG TARGETOS TARGETARCH, and COPY its output';
  return finding(
    'hidden-compile',
    stage,
    line,
    platforms,
    run,
    fix,
  )(
    `\`${run}\` runs under QEMU emulation for ${platforms.join(', ')}; ` +
      `if it compiles (the Dockerfile does not say), that is several times slower than cross-compiling`,
  );
}

function buildArchFinding(
  stage: Stage,
  line: number,
  step: CompileStep,
  platforms: string[],
  build: string,
  why = 'without a target architecture (GOARCH, TARGETARCH or --target)',
  fixFirst?: string,
): Finding {
  const fix =
    fixFirst ??
    (step.toolchain === 'go'
      ? 'add ARG TARGETOS TARGETARCH to the stage and build with GOOS=$TARGETOS GOARCH=$TARGETARCH go build'
      : 'add ARG TARGETARCH to the stage and pass cargo build --target <triple for $TARGETARCH>');
  return finding(
    'build-arch-binary',
    stage,
    line,
    platforms,
    step.command,
    fix,
  )(
    `\`${step.command}\` runs on $BUILDPLATFORM ${why}, so the images for ${platforms.join(', ')} would get ${build} binaries`,
  );
}
