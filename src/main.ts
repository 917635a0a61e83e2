/**
 * The run, end to end: inputs → settings → tags → intent → (dry run | job) → one Result → outputs and summary, each
 * written once, on success and on failure alike. Besides the wiring it reads what the intent needs from the workspace
 * (the Dockerfile, whether the context exists) and the repository (the GitHub API). Every failure becomes one
 * setFailed line.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseStructureTests } from './plan/structure.js';
import { resolve } from 'node:path';
import type { ActionIO } from './action-io.js';
import type { RunContext } from './context.js';
import type { CacheStore } from './cache/actions-cache.js';
import type { BinfmtReader } from './docker/qemu.js';
import { infoSent, type EngineApi } from './docker/engine-api.js';
import type { Finding } from './dockerfile/advisor.js';
import { dockerfileInfo, type DockerfileInfo } from './dockerfile/info.js';
import { readContextBinaries, readContextScripts } from './context-scripts.js';
import { isRemoteContext } from './validate.js';
import { failureOf, InputError, messageOf, type Failure } from './errors.js';
import type { Runner } from './exec.js';
import { parseLogins } from './logins.js';
import { createGitReader, type RepoApi } from './git.js';
import { isObject } from './json.js';
import { readSettings, type Settings } from './inputs.js';
import { makeIntent, type Intent } from './intent.js';
import type { AttestEnv } from './attest/spec.js';
import { runJob } from './job.js';
import { dockerfilePath } from './plan/plan.js';
import { chainSources, dockerConfigSource } from './registry/auth.js';
import { assembleResult, outputsOf, type Result } from './result.js';
import { policyOf } from './retry.js';
import { dryRun } from './steps/dry-run.js';
import { renderSummary } from './summary.js';
import { computeMeta } from './tags/index.js';

export interface MainDeps {
  io: ActionIO;
  runner: Runner;
  /** the run context (GitHub's, or a fixture) */
  context: () => RunContext;
  /** the GitHub API's tag list, when a token allows it */
  repoApi: (s: Settings, ctx: RunContext) => RepoApi | undefined;
  env: NodeJS.ProcessEnv;
  cwd: string;
  now: () => Date;
  /** the platform node runs on: the advisor's idea of native */
  hostPlatform: string;
  fetch?: typeof fetch;
  binfmt?: BinfmtReader;
  cacheStore?: CacheStore;
  clock?: () => number;
  /** dockerd's API where the docker CLI would use a local socket (docker/engine-api.ts): its GET /info goes first */
  engine?: () => EngineApi | undefined;
}

/**
 * One line for the annotation; a multi-line failure (verification lists every problem) keeps its detail in a group,
 * closed before the error line so that the line is not folded away inside it.
 */
async function fail(io: ActionIO, f: Failure): Promise<void> {
  if (f.detail.length === 0) {
    io.setFailed(f.message);
    return;
  }
  await io.group('Error details', () => {
    // a line of registry text never reaches the runner as a command (`::warning::…`)
    for (const d of f.detail) io.info(d.replace(/^(\s*)::/, '$1: :'));
    return Promise.resolve();
  });
  io.setFailed(`${f.message} (listed in "Error details" and the job summary)`);
}

/** A structure-test file is a few KiB; anything past this is not one. */
const STRUCTURE_FILE_LIMIT = 1 << 20;

/** The `structure-tests` files, relative to the workspace; one that cannot be read fails naming it. */
export function readStructureFiles(cwd: string, paths: readonly string[]): { path: string; text: string }[] {
  return paths.map((path) => {
    try {
      const at = resolve(cwd, path);
      if (statSync(at).size > STRUCTURE_FILE_LIMIT)
        throw new InputError(
          'structure-tests',
          `${path} is over 1 MiB; name a container-structure-test file`,
        );
      return { path, text: readFileSync(at, 'utf8') };
    } catch (err) {
      if (err instanceof InputError) throw err;
      const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new InputError(
        'structure-tests',
        `${path}: cannot read it (${code}); give a path relative to ${cwd}`,
      );
    }
  });
}

async function readWorkspace(
  d: MainDeps,
  s: Settings,
): Promise<{ dockerfile: DockerfileInfo; contextExists: boolean }> {
  const at = (p: string) => resolve(d.cwd, p);
  const path = dockerfilePath(s);
  let text: string | undefined;
  try {
    text = readFileSync(at(path), 'utf8');
  } catch {
    text = undefined;
  }
  let contextExists = false;
  try {
    contextExists = statSync(at(s.context)).isDirectory();
  } catch {
    contextExists = false;
  }
  const info = dockerfileInfo(path, text);
  if (info.parsed && contextExists && !isRemoteContext(s.context)) {
    info.scripts = await readContextScripts(info.parsed, at(s.context));
    info.binaries = readContextBinaries(info.parsed, at(s.context));
  }
  return { dockerfile: info, contextExists };
}

/**
 * The repository's description and license label every image (as metadata-action's do); an event without a
 * repository in its payload (schedule) gets them from the API, when a token allows it.
 */
async function withRepository(ctx: RunContext, api: RepoApi | undefined, log: (m: string) => void) {
  if (!api || (isObject(ctx.payload.repository) && ctx.repo.htmlUrl !== '')) return ctx;
  try {
    const r = await api.repository();
    return {
      ...ctx,
      repo: {
        ...ctx.repo,
        description: ctx.repo.description || r.description,
        license: ctx.repo.license || r.license,
        htmlUrl: r.htmlUrl || ctx.repo.htmlUrl,
        defaultBranch: ctx.repo.defaultBranch || r.defaultBranch,
      },
    };
  } catch (err) {
    log(
      `the GitHub API did not answer for the repository (${messageOf(err)}); its description and license labels stay empty`,
    );
    return ctx;
  }
}

/** What the environment offers for signing: only whether a token can be had, never the token. */
function attestEnvOf(env: NodeJS.ProcessEnv): AttestEnv {
  const github = Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
  const oidc = github ? 'github' : env.SIGSTORE_ID_TOKEN ? 'env' : undefined;
  return {
    ...(oidc ? { oidc } : {}),
    ...(env.GITHUB_WORKFLOW_REF ? { workflowRef: env.GITHUB_WORKFLOW_REF } : {}),
    ...(env.GITHUB_RUN_ATTEMPT ? { runAttempt: env.GITHUB_RUN_ATTEMPT } : {}),
  };
}

/** Settings → tags → intent: everything decided, nothing done. Throws InputError for a bad input. */
async function prepare(d: MainDeps): Promise<Intent> {
  const settings = readSettings((n) => d.io.input(n));
  const event = d.context();
  const api = d.repoApi(settings, event);
  const ctx = await withRepository(event, api, (m) => {
    d.io.info(m);
  });
  const git = createGitReader(d.runner, d.cwd, api, (m) => {
    d.io.info(m);
  });
  const meta = await computeMeta(settings, ctx, { now: d.now(), git, env: d.env });
  const ws = await readWorkspace(d, settings);
  const intent = makeIntent(settings, ctx, meta, ws.dockerfile, {
    contextExists: ws.contextExists,
    native: [d.hostPlatform],
    logins: await parseLogins(settings.logins),
    structure: await parseStructureTests(readStructureFiles(d.cwd, settings['structure-tests'])),
    attestEnv: attestEnvOf(d.env),
  });
  for (const v of intent.secrets) d.io.setSecret(v);
  // a CI's Sigstore token (GitHub's own is masked by @actions/core when it is fetched)
  if (intent.attest && d.env.SIGSTORE_ID_TOKEN) d.io.setSecret(d.env.SIGSTORE_ID_TOKEN);
  return intent;
}

const FINDING_TITLES: Record<Finding['kind'], (platforms: string) => string> = {
  'emulated-compile': (p) => `Compiles under QEMU for ${p}`,
  'build-arch-binary': (p) => `Build-machine binary in the ${p} images`,
  'hidden-compile': (p) => `A build script runs under QEMU for ${p} (may compile)`,
};

function report(d: MainDeps, intent: Intent): void {
  for (const w of intent.warnings) d.io.warning(w);
  for (const f of intent.findings) {
    d.io.warning(`${f.message}. Fix: ${f.fix}`, {
      title: FINDING_TITLES[f.kind](f.platforms.join(', ')),
      file: intent.dockerfile.path,
      startLine: f.line,
    });
  }
}

async function execute(d: MainDeps, intent: Intent, engine: EngineApi | undefined): Promise<Result> {
  const tempDir = d.env.RUNNER_TEMP ?? '/tmp';
  // the advisor blocking the build (emulation: error) is about the Dockerfile given, like a bad input
  if (intent.blocked)
    return assembleResult(intent, [
      { failure: { phase: 'emulation', kind: 'input', message: `emulation: ${intent.blocked}`, detail: [] } },
    ]);
  if (intent.settings['dry-run']) return dryRun(intent, d.io, d.env, tempDir);
  const s = intent.settings;
  return runJob(intent, {
    runner: d.runner,
    log: d.io,
    // a retried request is routine (the run's summary counts on the result, not on these lines)
    policy: policyOf(s['retry-attempts'], s['retry-wait'], (m) => {
      d.io.info(m);
    }),
    state: {
      save: (k, v) => {
        d.io.saveState(k, v);
      },
    },
    tempDir,
    env: d.env,
    credentials: chainSources(intent.logins, dockerConfigSource(d.runner, d.env)),
    ...(d.fetch ? { fetch: d.fetch } : {}),
    ...(d.binfmt ? { binfmt: d.binfmt } : {}),
    ...(engine ? { engine } : {}),
    ...(d.cacheStore ? { cacheStore: d.cacheStore } : {}),
    ...(d.clock ? { clock: d.clock } : {}),
  });
}

/** metadata-action's outputs, also exported as DOCKER_METADATA_OUTPUT_* unless DOCKER_METADATA_SET_OUTPUT_ENV=false */
const METADATA_OUTPUTS = new Set(['version', 'tags', 'tag-names', 'labels', 'annotations', 'json']);

async function write(io: ActionIO, result: Result, env: NodeJS.ProcessEnv): Promise<Failure | undefined> {
  const exportEnv = !/^false$/i.test(env.DOCKER_METADATA_SET_OUTPUT_ENV?.trim() ?? '');
  for (const [k, v] of Object.entries(outputsOf(result))) {
    io.setOutput(k, v);
    if (exportEnv && METADATA_OUTPUTS.has(k))
      io.exportVariable(`DOCKER_METADATA_OUTPUT_${k.replace(/\W/g, '_').toUpperCase()}`, v);
  }
  // the summary input, and docker/build-push-action's switch
  const summary = result.summary && !/^false$/i.test(env.DOCKER_BUILD_SUMMARY?.trim() ?? '');
  try {
    if (summary) await io.summary(renderSummary(result));
  } catch (err) {
    // the summary is a report, never a reason to fail the run (or to hide the real error)
    io.warning(`job summary not written: ${messageOf(err)}`);
  }
  if (result.failure) await fail(io, result.failure);
  return result.failure;
}

/**
 * The action's main step (typescript-action's convention: `run()`, so local runners can call it). Resolves with the
 * run's failure, if it failed: its kind is what a caller turns into an exit code (the command line).
 */
export async function run(d: MainDeps): Promise<Failure | undefined> {
  try {
    // dockerd answers the job's first question while the intent is worked out
    const engine = await infoSent(d.engine?.());
    const intent = await prepare(d);
    report(d, intent);
    return await write(d.io, await execute(d, intent, engine), d.env);
  } catch (err) {
    const failure = failureOf(err);
    await fail(d.io, failure);
    return failure;
  }
}

/** The platform node runs on, as the builder's native platform when nothing better is known. */
export function hostPlatform(arch: string): string {
  const map: Record<string, string> = {
    x64: 'linux/amd64',
    arm64: 'linux/arm64',
    arm: 'linux/arm/v7',
    s390x: 'linux/s390x',
    ppc64: 'linux/ppc64le',
    riscv64: 'linux/riscv64',
    ia32: 'linux/386',
  };
  return map[arch] ?? `linux/${arch}`;
}
