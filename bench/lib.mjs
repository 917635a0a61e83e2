// Shared helpers for the benchmarks: timing, medians, the local stack's env, results files.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeTempDirsOnExit } from '../scripts/temp.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REG = '127.0.0.1:5000';

/**
 * Brings the stack up (scripts/e2e-env.sh) and puts its PATH/DOCKER_HOST into this process's env. The benchmark's
 * temporary directories (scripts/temp.mjs, the action's runner directories among them) go when it exits, also on failure.
 */
export function useStack() {
  removeTempDirsOnExit();
  const out = execFileSync('bash', [join(ROOT, 'scripts/e2e-env.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const m = /export PATH="(.+?)" DOCKER_HOST="(.+?)"/.exec(out);
  if (!m) throw new Error('scripts/e2e-env.sh printed no env line');
  process.env.PATH = m[1].replace('$PATH', process.env.PATH ?? '');
  process.env.DOCKER_HOST = m[2];
}

/**
 * Gives back the disk a benchmark filled on the test stack (bench/size.mjs pushes gigabytes of salted data, which
 * nothing reuses): the registry repositories under `parent` whose names `match` (removed from the registry's storage,
 * then its garbage collector deletes the blobs no repository holds any more), docker's images of them and the dangling
 * ones they left (a staging tag moved on), and, with `cache`, the engine's build cache. Runs in a benchmark's
 * `finally`; the stack is the project's own (scripts/e2e-env.sh), never a user's docker.
 */
export function reclaim(parent, { match = () => true, cache = false } = {}) {
  const state = process.env.CROSSBUILD_ENV_DIR || '/tmp/crossbuild-env';
  const repos = join(state, 'registry/docker/registry/v2/repositories', parent);
  let names = [];
  try {
    names = readdirSync(repos).filter(match);
  } catch {
    // nothing pushed
  }
  for (const n of names) rmSync(join(repos, n), { recursive: true, force: true });
  if (names.length > 0 && readdirSync(repos).length === 0) rmSync(repos, { recursive: true, force: true });
  const quiet = { stdio: 'ignore' };
  if (names.length > 0) spawnSync('docker-registry', ['garbage-collect', join(state, 'registry.yml')], quiet);
  spawnSync(
    'sh',
    [
      '-c',
      `docker image ls --format '{{.Repository}}:{{.Tag}}' | grep '^${REG}/${parent}/' | xargs -r docker image rm`,
    ],
    quiet,
  );
  spawnSync('docker', ['image', 'prune', '-f'], quiet);
  if (cache) spawnSync('docker', ['buildx', 'prune', '-af'], quiet);
}

/** Runs a command, throws on failure, returns wall milliseconds. */
export function timed(cmd, args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${r.stderr?.slice(-2000)}`);
  return ms;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function save(name, result) {
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const file = join(ROOT, 'bench/results', `${name}.json`);
  writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), ...result }, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
  console.log(`saved ${file}`);
}

// ---- the reference build (top-level Dockerfile, fixture images) as a tag push of v1.2.3 ----
export const REFERENCE_SHA = '6a6a912b4d1c0e3f5a7b9c2d4e6f8a0b1c3d5e7f';
export const REFERENCE_BUILD_ARGS = [
  `GO_IMAGE=${REG}/fixtures/golang:1.19`,
  `BASE_IMAGE=${REG}/fixtures/base:1`,
];
const repository = {
  name: 'bench',
  full_name: 'crossbuild/bench',
  html_url: 'https://github.com/crossbuild/bench',
  default_branch: 'main',
};

/** The action's RunSpec for the reference build on a v1.2.3 tag push: inputs and GITHUB_* env over the defaults. */
export function referenceSpec(inputs, github = {}) {
  return {
    inputs: {
      tags: 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}',
      'floating-tags': 'always',
      'build-args': REFERENCE_BUILD_ARGS.join('\n'),
      // raw buildx exports no cache; the comparison is the same work
      cache: 'off',
      ...inputs,
    },
    github: {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/tags/v1.2.3',
      GITHUB_SHA: REFERENCE_SHA,
      GITHUB_REPOSITORY: repository.full_name,
      ...github,
    },
    event: {
      ref: 'refs/tags/v1.2.3',
      repository,
      head_commit: { id: REFERENCE_SHA, timestamp: '2025-04-30T12:00:00Z' },
    },
    cwd: ROOT,
  };
}

let rawFailureCount = 0;
/** How many raw pushes failed so far (and were run again). */
export const rawFailures = () => rawFailureCount;

/**
 * Raw `docker buildx build --push` of the reference build, with the version args the action passes (so both hit
 * the same cache). Raw buildx has no retry: against this registry it sometimes fails (500 on a manifest HEAD).
 * Such a run is counted and run again; only successful runs are timed.
 */
export function rawReferencePush({ platforms, refs, noCache = false }) {
  const args = [
    'buildx',
    'build',
    '--progress',
    'quiet',
    ...(noCache ? ['--no-cache'] : []),
    '--platform',
    platforms,
    ...REFERENCE_BUILD_ARGS.flatMap((a) => ['--build-arg', a]),
    '--build-arg',
    'VERSION=1.2.3',
    '--build-arg',
    `GIT_COMMIT=${REFERENCE_SHA}`,
    '--build-arg',
    'BUILD_DATE=2025-04-30T12:00:00Z',
    ...refs.flatMap((r) => ['-t', r]),
    '--push',
    ROOT,
  ];
  return rawPush(args, { cwd: ROOT });
}

/**
 * `docker ARGS` for a raw buildx push, run again when it fails (raw buildx has no retry, and this registry answers
 * some HEADs with its own 500); failures are counted (rawFailures), only the successful run is timed.
 */
export function rawPush(args, opts = {}) {
  for (;;) {
    try {
      return timed('docker', args, opts);
    } catch (err) {
      if (++rawFailureCount > 40) throw err;
    }
  }
}

/** The bundled action run as a runner runs it (main, and post when asked); wall milliseconds; throws on failure. */
export async function timedAction(spec, withPost = true) {
  const { runMain, runPost } = await import('../scripts/local-runner.mjs');
  const r = await runMain(spec);
  if (r.code !== 0) throw new Error(`action failed:\n${r.stdout.slice(-3000)}`);
  if (!withPost) return r.ms;
  const p = await runPost(spec, r);
  if (p.code !== 0) throw new Error(`post failed:\n${p.stdout.slice(-3000)}`);
  return r.ms + p.ms;
}
