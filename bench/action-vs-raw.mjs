// Benchmark: the bundled action against raw `docker buildx build --push` on the same warm 3-platform build of the
// reference Dockerfile (tag push v1.2.3 → 4 tags). Runs alternate; medians and their ratio are reported, for the
// full action and with its proofs turned off (what each costs).
// The action is timed as a runner runs it: main step + post step.
// Usage: node bench/action-vs-raw.mjs [runs=7]
import { runMain, runPost } from '../scripts/local-runner.mjs';
import { median, REG, ROOT, save, timed, useStack } from './lib.mjs';

useStack();
const runs = Number(process.argv[2] ?? 7);
const platforms = 'linux/amd64,linux/arm64,linux/s390x';
const buildArgs = [`GO_IMAGE=${REG}/fixtures/golang:1.19`, `BASE_IMAGE=${REG}/fixtures/base:1`];
const sha = '6a6a912b4d1c0e3f5a7b9c2d4e6f8a0b1c3d5e7f';
let rawFailures = 0;
const rawOnce = () =>
  timed(
    'docker',
    [
      'buildx',
      'build',
      '--progress',
      'quiet',
      '--platform',
      platforms,
      ...buildArgs.flatMap((a) => ['--build-arg', a]),
      // the same version args the action passes, so both builds hit the same cache
      '--build-arg',
      'VERSION=1.2.3',
      '--build-arg',
      `GIT_COMMIT=${sha}`,
      '--build-arg',
      'BUILD_DATE=2025-04-30T12:00:00Z',
      ...['1.2.3', '1.2', '1', 'latest'].flatMap((t) => ['-t', `${REG}/bench/raw:${t}`]),
      '--push',
      ROOT,
    ],
    { cwd: ROOT },
  );

// Raw buildx has no retry: against this registry it sometimes fails (500 on a manifest HEAD). Such a run is
// counted and run again; only successful runs are timed.
function raw() {
  for (;;) {
    try {
      return rawOnce();
    } catch (err) {
      rawFailures++;
      if (rawFailures > 40) throw err;
    }
  }
}

const repository = {
  name: 'bench',
  full_name: 'crossbuild/bench',
  html_url: 'https://github.com/crossbuild/bench',
  default_branch: 'main',
};
async function action(inputs = {}) {
  const spec = {
    inputs: {
      images: `${REG}/bench/action`,
      platforms,
      tags: 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}',
      'floating-tags': 'always',
      'build-args': buildArgs.join('\n'),
      // raw buildx exports no cache; the comparison is the same work
      cache: 'off',
      ...inputs,
    },
    github: {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/tags/v1.2.3',
      GITHUB_SHA: sha,
      GITHUB_REPOSITORY: repository.full_name,
    },
    event: {
      ref: 'refs/tags/v1.2.3',
      repository,
      head_commit: { id: sha, timestamp: '2025-04-30T12:00:00Z' },
    },
    cwd: ROOT,
  };
  const r = await runMain(spec);
  if (r.code !== 0) throw new Error(`action failed:\n${r.stdout.slice(-3000)}`);
  const p = await runPost(spec, r);
  if (p.code !== 0) throw new Error(`post failed:\n${p.stdout.slice(-3000)}`);
  return r.ms + p.ms;
}

// warm both (first builds fill the cache and the registry)
raw();
await action();
const variants = {
  full: {},
  'no-arch-proof': { 'verify-arch': 'false' },
  'no-verification': { 'verify-arch': 'false', verify: 'false' },
};
const rawMs = [];
const actionMs = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  rawMs.push(raw());
  for (const [name, inputs] of Object.entries(variants)) actionMs[name].push(await action(inputs));
}
const r = median(rawMs);
const result = {
  runs,
  rawMedianMs: Math.round(r),
  rawFailures,
  rawMs: rawMs.map(Math.round),
  node: process.version,
};
for (const [name, ms] of Object.entries(actionMs)) {
  const a = median(ms);
  result[name] = {
    medianMs: Math.round(a),
    ratio: Number((a / r).toFixed(3)),
    overheadMs: Math.round(a - r),
    ms: ms.map(Math.round),
  };
}
save('action-vs-raw', result);
