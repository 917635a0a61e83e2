/**
 * Settings + run context (+ the tag engine's result and the parsed Dockerfile) → Intent: every decision of the
 * run, made before any effect. Whether to push and why, whom to log in to, whether a nightly may reuse an image,
 * what the emulation advisor found and whether it blocks the build. A bad input fails here, with one line naming
 * it, before QEMU, a builder or a registry is touched. Pure.
 */
import { attestSpec, type AttestEnv, type AttestSpec } from './attest/spec.js';
import type { RunContext } from './context.js';
import { resolveLogins, type Login } from './logins.js';
import { adviseEmulation, type Finding } from './dockerfile/advisor.js';
import type { DockerfileInfo } from './dockerfile/info.js';
import { InputError } from './errors.js';
import type { Settings } from './inputs.js';
import { decidePush, pushTargets, type Job } from './plan/plan.js';
import { fileTestCount, type StructureFile } from './plan/structure.js';
import type { TestCommand } from './plan/tests.js';
import { keyValue } from './lines.js';
import type { MetaResult } from './tags/types.js';
import { stageSpec, type StageSpec } from './stage/stage.js';
import { isRemoteContext } from './validate.js';

export interface Intent {
  settings: Settings;
  ctx: RunContext;
  meta: MetaResult;
  dockerfile: DockerfileInfo;
  push: boolean;
  /** why push is on or off, for the summary */
  pushReason: string;
  /** what this job does (from `mode`): every later stage reads this, never the setting */
  job: Job;
  /** every platform's binary is proven before anything is tagged (verify-arch: true, or auto on a push) */
  verifyArch: boolean;
  /** the `test` commands this run runs on its pushed image before any tag (none when nothing is pushed to run) */
  tests: TestCommand[];
  /** the `structure-tests` files, run with the tests */
  structure: StructureFile[];
  logins: Login[];
  /** one line each (a login skipped on a fork's pull request) */
  notices: string[];
  /** a nightly looks for this commit's image before building (skip-unchanged) */
  reuse: boolean;
  findings: Finding[];
  /** set when `emulation: error` and a finding stops the run before anything is built */
  blocked?: string;
  /** tag engine and push warnings, for the log and the summary (findings are annotations of their own) */
  warnings: string[];
  /** every secret value, to mask before anything is printed (nothing before the intent prints) */
  secrets: string[];
  /** mode build|merge on a run that pushes: this run's staging references */
  stage?: StageSpec;
  /** a signed provenance attestation on the index, verified before tags (attest) */
  attest?: AttestSpec;
}

export interface IntentFacts {
  /** the build context is a directory here (remote contexts are not checked) */
  contextExists: boolean;
  /** the platforms the builder runs natively (the advisor's idea of "no QEMU") */
  native: readonly string[];
  /** the `logins` input, parsed (parseLogins: YAML needs a library loaded on demand) */
  logins: readonly Login[];
  /** the `structure-tests` files, read and checked (parseStructureTests) */
  structure?: readonly StructureFile[];
  /** what the environment offers for signing (attest) */
  attestEnv?: AttestEnv;
}

const REUSE_EVENTS = new Set(['schedule', 'workflow_dispatch']);

const JOBS: Record<Settings['mode'], Job> = { all: 'single', build: 'fan-out-build', merge: 'merge' };

/** The job `mode` selects. */
export const jobOf = (s: Pick<Settings, 'mode'>): Job => JOBS[s.mode];

/** Whether the binaries are proven: always when asked, by default whenever the run pushes. */
export const verifyArchOf = (s: Pick<Settings, 'verify-arch'>, push: boolean): boolean =>
  s['verify-arch'] === 'true' || (s['verify-arch'] === 'auto' && push);

/** A test runs the image (a metadataTest only reads its config): on the docker driver dockerd keeps a copy for it. */
export const runsImage = (intent: Pick<Intent, 'tests' | 'structure'>): boolean =>
  intent.tests.length > 0 || intent.structure.some((f) => f.commandTests.length > 0);

function reuse(s: Settings, ctx: RunContext, meta: MetaResult, push: boolean): boolean {
  return (
    s['skip-unchanged'] &&
    REUSE_EVENTS.has(ctx.eventName) &&
    push &&
    meta.images.length > 0 &&
    meta.tagNames.length > 0 &&
    /^[0-9a-f]{40}$/i.test(ctx.sha)
  );
}

/** Fan-out hands platforms over through the registry: it needs images, a run id and no custom outputs. */
function fanOut(s: Settings, ctx: RunContext, meta: MetaResult, push: boolean): StageSpec | undefined {
  if (s.mode === 'all') return undefined;
  if (s.outputs.length > 0)
    throw new InputError(
      'mode',
      `mode: ${s.mode} hands the image over through the registry; drop outputs (or use mode: all)`,
    );
  if (!push) return undefined;
  return stageSpec(pushTargets(meta), s['run-id'], ctx.runId, ctx.sha, s.platforms, s.mode);
}

function checkPaths(s: Settings, df: DockerfileInfo, facts: IntentFacts): void {
  if (isRemoteContext(s.context)) return;
  if (!facts.contextExists)
    throw new InputError(
      'context',
      `"${s.context}" is not a directory here; check out the repository first or fix the path`,
    );
  if (!df.parsed)
    throw new InputError('file', `${df.path} does not exist; set file: to the Dockerfile's path`);
}

function advise(s: Settings, df: DockerfileInfo, native: readonly string[]): Finding[] {
  if (!df.parsed || s.emulation === 'allow') return [];
  return adviseEmulation(df.parsed, {
    requested: s.platforms,
    native,
    buildArgs: Object.fromEntries(s['build-args'].map(keyValue)),
    ...(s.target ? { target: s.target } : {}),
    scripts: df.scripts,
    ...(df.binaries ? { binaries: df.binaries } : {}),
  });
}

function blockedBy(
  findings: readonly Finding[],
  df: DockerfileInfo,
  mode: Settings['emulation'],
): string | undefined {
  if (mode !== 'error' || findings.length === 0) return undefined;
  const list = (kind: Finding['kind']) =>
    findings
      .filter((f) => f.kind === kind)
      .map((f) => `${df.path}:${f.line} \`${f.command}\` (${f.platforms.join(', ')})`)
      .join('; ');
  const parts = [];
  if (list('emulated-compile')) parts.push(`compile steps would run under QEMU: ${list('emulated-compile')}`);
  if (list('build-arch-binary'))
    parts.push(`build-machine binaries would reach other platforms: ${list('build-arch-binary')}`);
  return `${parts.join('; ')}; fix them as the warnings say (cross-compile on $BUILDPLATFORM with GOARCH=$TARGETARCH) or set emulation: warn`;
}

/** Every secret value, to mask; a multi-line one (a PEM key) whole and line by line: the runner masks single lines. */
function secretsOf(s: Settings, logins: readonly Login[]): string[] {
  return [
    s.password,
    s['github-token'],
    // a key given inline (a path is not a secret)
    s['attest-key'].includes('PRIVATE KEY') ? s['attest-key'] : '',
    ...s.secrets.map((l) => keyValue(l)[1]),
    ...logins.map((l) => l.password),
  ]
    .flatMap((v) => (v.includes('\n') ? [v, ...v.split(/\r?\n/).map((x) => x.trim())] : [v]))
    .filter((v) => v !== '');
}

/** The tests run on the pushed digest; a merge job's platforms were tested by their build jobs. */
/** A structure file's metadata and file tests: they read the image (config, layers), they run nothing. */
const readsOnly = (f: StructureFile) => f.metadataTest !== undefined || fileTestCount(f) > 0;

/**
 * Which tests this run can run: all of them on a pushed image; on a build it does not push (a pull request), the
 * structure files' metadata and file tests from the build's layout (nothing to run a command in, so those are
 * dropped with a warning); none with custom outputs or in the merge job.
 */
function testsOf(
  s: Settings,
  files: readonly StructureFile[],
  push: boolean,
  reason: string,
  warnings: string[],
): Pick<Intent, 'tests' | 'structure'> {
  const none = { tests: [], structure: [] };
  if (s.mode === 'merge') return none;
  if (s.outputs.length > 0) {
    if (s.test.length > 0 || files.length > 0)
      warnings.push('test: not run: custom outputs push nothing to run');
    return none;
  }
  if (push) return { tests: s.test, structure: [...files] };
  const commands = s.test.length + files.reduce((n, f) => n + f.commandTests.length, 0);
  if (commands > 0)
    warnings.push(
      `test: ${commands} command(s) not run: this run does not push (${reason})${files.some(readsOnly) ? '; the structure files’ metadata and file tests ran on the build' : ''}`,
    );
  return { tests: [], structure: files.filter(readsOnly).map((f) => ({ ...f, commandTests: [] })) };
}

export function makeIntent(
  settings: Settings,
  ctx: RunContext,
  meta: MetaResult,
  dockerfile: DockerfileInfo,
  facts: IntentFacts,
): Intent {
  const s = settings;
  const { push, reason } = decidePush(s, ctx.eventName);
  if (push && pushTargets(meta).length === 0) {
    throw new InputError('images', 'nothing to push to; set images (e.g. ghcr.io/OWNER/NAME) or push: false');
  }
  if (push && meta.tagNames.length === 0) {
    throw new InputError(
      'tags',
      `no rule produced a tag for ${ctx.eventName} ${ctx.ref}; add a rule or set push: false`,
    );
  }
  const stage = fanOut(s, ctx, meta, push);
  // the merge job builds nothing: its Dockerfile is the build jobs' business
  if (s.mode !== 'merge') checkPaths(s, dockerfile, facts);
  const fromFork = ctx.pr?.fromFork ?? false;
  const { logins, notices } = resolveLogins(s, facts.logins, fromFork);
  const warnings = [...meta.warnings];
  if (push && fromFork && s.push === 'true') {
    warnings.push(
      `push: true on a pull request from a fork (${ctx.pr?.headRef ?? ''}): the image is built from the fork's code and pushed with this repository's credentials`,
    );
  }
  if (s['verify-arch'] === 'true' && s.outputs.length > 0)
    warnings.push(
      'verify-arch: custom outputs are written by buildx as they say, so there is no layout to inspect; drop outputs to get the proof',
    );
  const testing = testsOf(s, facts.structure ?? [], push, reason, warnings);
  const attest = attestSpec(s, ctx, facts.attestEnv ?? {}, { push, reason }, warnings);
  const findings = s.mode === 'merge' ? [] : advise(s, dockerfile, facts.native);
  const blocked = blockedBy(findings, dockerfile, s.emulation);
  return {
    settings,
    ctx,
    meta,
    dockerfile,
    push,
    pushReason: reason,
    job: jobOf(s),
    verifyArch: verifyArchOf(s, push),
    ...testing,
    logins,
    notices,
    reuse: reuse(s, ctx, meta, push) && s.outputs.length === 0 && s.mode === 'all',
    findings,
    ...(blocked ? { blocked } : {}),
    warnings,
    secrets: secretsOf(s, logins),
    ...(stage ? { stage } : {}),
    ...(attest ? { attest } : {}),
  };
}
