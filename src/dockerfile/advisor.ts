/**
 * Static advice from a parsed Dockerfile: compile steps that will run under QEMU, and the opposite bug —
 * a Go/Rust build on $BUILDPLATFORM that never looks at the target arch, so every platform gets the build
 * machine's binary (kubernetes/autoscaler v1.32.6 shipped amd64 binaries in its arm64 image this way).
 * Pure: the requested and native platforms come from the caller.
 */
import { normalizePlatform } from '../platform.js';
import { compileSteps, CROSS_FIX, type CompileStep } from './compile-steps.js';

export { normalizePlatform };
import { expandVars, varsIn } from './expand.js';
import { goarchFor } from './goarch.js';
import { mountsOf, runScript, type ParsedDockerfile, type Stage } from './parse.js';

export interface AdviseOptions {
  /** platforms passed to --platform */
  requested: readonly string[];
  /** platforms the builder runs without emulation (the first is the build platform unless buildPlatform is set) */
  native: readonly string[];
  /** --build-arg values (override global ARG defaults in FROM lines) */
  buildArgs?: Readonly<Record<string, string>>;
  /** --target stage; default the last stage */
  target?: string;
  buildPlatform?: string;
}

export type FindingKind = 'emulated-compile' | 'build-arch-binary';

export interface Finding {
  kind: FindingKind;
  /** 1-based line of the RUN */
  line: number;
  /** stage name, or `stage N` (0-based) when unnamed */
  stage: string;
  /** the platforms affected: emulated ones, or the ones that get a build-arch binary */
  platforms: string[];
  /** the matched command, e.g. `go build` */
  command: string;
  message: string;
  fix: string;
}

type Where =
  { kind: 'build' } | { kind: 'target' } | { kind: 'fixed'; platform: string } | { kind: 'unknown' };

const archOf = (p: string): string => normalizePlatform(p).split('/').slice(1).join('/');

function stageLabel(s: Stage): string {
  return s.name ?? `stage ${s.index}`;
}

/** Values usable in FROM lines: global ARG defaults, overridden by build args for declared names. */
function fromVars(
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

function findStage(parsed: ParsedDockerfile, ref: string, before: number): Stage | undefined {
  const r = ref.toLowerCase();
  return parsed.stages.find((s) => s.index < before && (s.name === r || String(s.index) === r));
}

function whereRuns(
  parsed: ParsedDockerfile,
  stage: Stage,
  vars: Map<string, string>,
  memo: Map<number, Where>,
): Where {
  const known = memo.get(stage.index);
  if (known) return known;
  let where: Where;
  if (stage.platform !== undefined) {
    const text = expandVars(stage.platform, vars);
    const refs = varsIn(text);
    if (refs.some((v) => v.startsWith('BUILD'))) where = { kind: 'build' };
    else if (refs.some((v) => v.startsWith('TARGET'))) where = { kind: 'target' };
    else if (refs.length > 0 || text === '') where = { kind: 'unknown' };
    else where = { kind: 'fixed', platform: normalizePlatform(text) };
  } else {
    // FROM <stage> keeps that stage's platform
    const base = findStage(parsed, expandVars(stage.image, vars), stage.index);
    where = base ? whereRuns(parsed, base, vars, memo) : { kind: 'target' };
  }
  memo.set(stage.index, where);
  return where;
}

/** Stages the target depends on: FROM <stage>, COPY --from=<stage>, RUN --mount=from=<stage>. */
export function neededStages(
  parsed: ParsedDockerfile,
  target: string | undefined,
  vars: Map<string, string>,
): Stage[] {
  const last = parsed.stages[parsed.stages.length - 1];
  const root = target === undefined ? last : findStage(parsed, target, Number.MAX_SAFE_INTEGER);
  if (!root) return [];
  const seen = new Set<number>();
  const visit = (s: Stage): void => {
    if (seen.has(s.index)) return;
    seen.add(s.index);
    const refs = [s.image];
    for (const ins of s.instructions) {
      const from = ins.flags.find((f) => f.name === 'from');
      if (from && (ins.keyword === 'COPY' || ins.keyword === 'ADD')) refs.push(from.value);
      if (ins.keyword === 'RUN') for (const m of mountsOf(ins)) if (m.from !== undefined) refs.push(m.from);
    }
    for (const ref of refs) {
      const dep = findStage(parsed, expandVars(ref, vars), s.index);
      if (dep) visit(dep);
    }
  };
  visit(root);
  return parsed.stages.filter((s) => seen.has(s.index));
}

/** Whether the stage (or a stage it is built FROM) sets the Go/Rust target anywhere: ENV, ARG or the RUN itself. */
/**
 * Whether the target architecture actually reaches the compiler. Declaring `ARG TARGETARCH` is not enough:
 * Cluster Autoscaler v1.32.6 declared it and still built every platform with the build machine's GOARCH.
 * For Go it must be GOARCH (in the RUN or an ENV of the stage chain); for cargo, --target/CARGO_BUILD_TARGET.
 */
function targetsArch(
  parsed: ParsedDockerfile,
  stage: Stage,
  script: string,
  vars: Map<string, string>,
  toolchain: string,
): boolean {
  const mentions = (t: string): boolean =>
    toolchain === 'go' ? /\bGOARCH\b/.test(t) : /\bCARGO_BUILD_TARGET\b|--target[=\s]/.test(t);
  if (mentions(script)) return true;
  for (let s: Stage | undefined = stage; s; s = findStage(parsed, expandVars(s.image, vars), s.index)) {
    for (const ins of s.instructions) if (ins.keyword === 'ENV' && mentions(ins.args)) return true;
  }
  return false;
}

export function adviseEmulation(parsed: ParsedDockerfile, opts: AdviseOptions): Finding[] {
  const vars = fromVars(parsed, opts.buildArgs ?? {});
  const native = new Set(opts.native.map(normalizePlatform));
  const requested = [...new Set(opts.requested.map(normalizePlatform))];
  const buildPlatform = opts.buildPlatform ?? opts.native[0];
  const memo = new Map<number, Where>();
  const findings: Finding[] = [];
  for (const stage of neededStages(parsed, opts.target, vars)) {
    const where = whereRuns(parsed, stage, vars, memo);
    const runsOn = where.kind === 'target' ? requested : where.kind === 'fixed' ? [where.platform] : [];
    const emulated = runsOn.filter((p) => !native.has(p));
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'RUN') continue;
      const script = runScript(ins);
      const steps = compileSteps(script);
      const first = steps[0];
      if (first && emulated.length > 0) findings.push(emulatedFinding(stage, ins.line, first, emulated));
      if (where.kind !== 'build' || buildPlatform === undefined) continue;
      const buildArch = archOf(buildPlatform);
      const wrong = requested.filter((p) => archOf(p) !== buildArch);
      const archBlind = steps.find(
        (s) => s.toolchain === 'go' || (s.toolchain === 'rust' && s.command === 'cargo build'),
      );
      if (!archBlind || wrong.length === 0) continue;
      if (archBlind.toolchain === 'go') {
        const goarch = goarchFor(parsed, stage, script, vars, opts.buildArgs ?? {});
        if (goarch.kind === 'target') continue;
        // a hard-coded GOARCH gives every platform that one architecture's binary
        const gets = goarch.kind === 'literal' ? `linux/${goarch.value}` : normalizePlatform(buildPlatform);
        const affected = requested.filter((p) => archOf(p) !== archOf(gets));
        const why = goarch.kind === 'literal' ? `with GOARCH fixed to ${goarch.value}` : undefined;
        if (affected.length > 0)
          findings.push(buildArchFinding(stage, ins.line, archBlind, affected, gets, why));
      } else if (!targetsArch(parsed, stage, script, vars, archBlind.toolchain)) {
        findings.push(buildArchFinding(stage, ins.line, archBlind, wrong, normalizePlatform(buildPlatform)));
      }
    }
  }
  return findings.sort((a, b) => a.line - b.line);
}

function emulatedFinding(stage: Stage, line: number, step: CompileStep, platforms: string[]): Finding {
  return {
    kind: 'emulated-compile',
    line,
    stage: stageLabel(stage),
    platforms,
    command: step.command,
    message:
      `Dockerfile line ${line} (stage "${stageLabel(stage)}"): \`${step.command}\` runs under QEMU emulation for ` +
      `${platforms.join(', ')}; compiling under emulation is several times slower than cross-compiling`,
    fix: CROSS_FIX[step.toolchain],
  };
}

function buildArchFinding(
  stage: Stage,
  line: number,
  step: CompileStep,
  platforms: string[],
  build: string,
  why = 'without a target architecture (GOARCH, TARGETARCH or --target)',
): Finding {
  const fix =
    step.toolchain === 'go'
      ? 'add ARG TARGETOS TARGETARCH to the stage and build with GOOS=$TARGETOS GOARCH=$TARGETARCH go build'
      : 'add ARG TARGETARCH to the stage and pass cargo build --target <triple for $TARGETARCH>';
  return {
    kind: 'build-arch-binary',
    line,
    stage: stageLabel(stage),
    platforms,
    command: step.command,
    message:
      `Dockerfile line ${line} (stage "${stageLabel(stage)}"): \`${step.command}\` runs on $BUILDPLATFORM ${why}, ` +
      `so the images for ${platforms.join(', ')} would get ${build} binaries`,
    fix,
  };
}
