// Benchmark: fan-out (mode: build per platform + mode: merge) against one job building every platform, on the
// reference Dockerfile (Go, cross-compiled), tag push v1.2.3 → 4 tags.
//  1. cold (no-cache): one job for linux/amd64,arm64,s390x vs each platform's build job run alone (as on its own
//     runner; this machine runs them one after another) — fan-out wall time = slowest build job + merge;
//  2. the merge job's own time (main step, no docker: registry round-trips only);
//  3. a mode: build job for one platform (main + post, as a runner runs it) vs raw `docker buildx build --push` of
//     that platform, cold (no-cache: a real compile) and warm (everything cached: the fixed cost shows).
// Usage: node bench/fan-out.mjs [runs=3] [warm-runs=7]
import {
  median,
  rawFailures,
  rawReferencePush,
  REG,
  referenceSpec,
  save,
  timedAction,
  useStack,
} from './lib.mjs';

useStack();
const runs = Number(process.argv[2] ?? 3);
const warmRuns = Number(process.argv[3] ?? 7);
const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/s390x'];

const action = (inputs, runId, withPost = false) =>
  timedAction(
    referenceSpec(inputs, { GITHUB_RUN_ID: String(runId), GITHUB_JOB: inputs.mode ?? 'all' }),
    withPost,
  );
// raw buildx --push of one platform
const raw = (noCache = false) =>
  rawReferencePush({ platforms: 'linux/arm64', refs: [`${REG}/bench/fan-raw:1.2.3`], noCache });

let runId = Date.now() % 1e9;
const single = [];
const slowest = [];
const merges = [];
const rawCold = [];
const buildCold = [];
const perPlatform = Object.fromEntries(PLATFORMS.map((p) => [p, []]));
for (let i = 0; i < runs; i++) {
  single.push(
    await action(
      { images: `${REG}/bench/fan-single`, platforms: PLATFORMS.join(','), 'no-cache': 'true' },
      ++runId,
    ),
  );
  const id = ++runId;
  const jobs = [];
  for (const p of PLATFORMS) {
    const ms = await action(
      { images: `${REG}/bench/fan-out`, platforms: p, mode: 'build', 'no-cache': 'true' },
      id,
    );
    perPlatform[p].push(ms);
    jobs.push(ms);
  }
  rawCold.push(raw(true));
  buildCold.push(
    await action(
      { images: `${REG}/bench/fan-cold`, platforms: 'linux/arm64', mode: 'build', 'no-cache': 'true' },
      ++runId,
      true,
    ),
  );
  slowest.push(Math.max(...jobs));
  merges.push(
    await action({ images: `${REG}/bench/fan-out`, platforms: PLATFORMS.join(','), mode: 'merge' }, id),
  );
}

const buildJob = () =>
  action({ images: `${REG}/bench/fan-warm`, platforms: 'linux/arm64', mode: 'build' }, ++runId, true);
raw();
await buildJob();
const rawMs = [];
const buildMs = [];
for (let i = 0; i < warmRuns; i++) {
  rawMs.push(raw());
  buildMs.push(await buildJob());
}

const m = (xs) => Math.round(median(xs));
const fanOut = median(slowest) + median(merges);
save('fan-out', {
  runs,
  cold: {
    singleJobMs: m(single),
    perPlatformMs: Object.fromEntries(Object.entries(perPlatform).map(([p, xs]) => [p, m(xs)])),
    slowestBuildJobMs: m(slowest),
    mergeMs: m(merges),
    fanOutWallMs: Math.round(fanOut),
    fanOutVsSingle: Number((fanOut / median(single)).toFixed(3)),
    single: single.map(Math.round),
    merges: merges.map(Math.round),
    rawOnePlatformMs: m(rawCold),
    buildJobOnePlatformMs: m(buildCold),
    buildJobVsRaw: Number((median(buildCold) / median(rawCold)).toFixed(3)),
  },
  warm: {
    runs: warmRuns,
    rawMedianMs: m(rawMs),
    buildJobMedianMs: m(buildMs),
    ratio: Number((median(buildMs) / median(rawMs)).toFixed(3)),
    rawFailures: rawFailures(),
    rawMs: rawMs.map(Math.round),
    buildMs: buildMs.map(Math.round),
  },
  node: process.version,
});
