// Benchmark: image size scaling on the docker driver. Images of random data (3 platforms; the entrypoint is the
// base image's static busybox, proven per platform), first push to a new repository and re-release to the same one,
// Crossbuild (main + post, as a runner runs it) against raw `docker buildx build --push` on the same builder, runs
// alternating; medians and ratios; the action's peak RSS. Everything it makes lives under one temporary directory,
// removed at the end, also on failure.
// Usage: node bench/size.mjs [runs=3] [--only=450MB] [--large]   (--large adds ~1.5 GB; needs 40 GB free disk)
import { rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, rawFailures, rawPush, reclaim, REG, save, timed, useStack } from './lib.mjs';
import { tempDir } from '../scripts/temp.mjs';

useStack();
const args = process.argv.slice(2);
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 3);
const platforms = 'linux/amd64,linux/arm64,linux/s390x';
const sizes = [
  ['10MB', 10 / 3],
  ['450MB', 150],
];
// --only=450MB: one row (e.g. to run the same row against another build of the action)
const only = args.find((a) => a.startsWith('--only='))?.slice(7);
if (only) sizes.splice(0, sizes.length, ...sizes.filter(([n]) => n === only));
if (args.includes('--large')) {
  const free = statfsSync(tmpdir());
  if (free.bavail * free.bsize < 40e9) throw new Error('--large needs 40 GB free disk');
  sizes.push(['1.5GB', 500]);
}

const dir = tempDir('crossbuild-bench-size-');
const stamp = Date.now().toString(36);
const { runMain, runPost } = await import('../scripts/local-runner.mjs');

/** A context whose image holds `mb` MB of random data per platform, the data made on the build platform. */
function context(name, mb) {
  const ctx = join(dir, name);
  rmSync(ctx, { recursive: true, force: true });
  const bytes = Math.round(mb * 1e6);
  const dockerfile = [
    `FROM --platform=$BUILDPLATFORM ${REG}/fixtures/base:1 AS data`,
    'ARG TARGETARCH',
    // a new SALT is new data: blobs no repository of the registry holds (a true first push)
    'ARG SALT',
    `RUN echo "$SALT" > /salt && head -c ${bytes} /dev/urandom > /data.$TARGETARCH`,
    `FROM ${REG}/fixtures/base:1 AS target`,
    `FROM ${REG}/fixtures/base:1`,
    'ARG TARGETARCH',
    'COPY --from=data /data.$TARGETARCH /data',
    // the program on top of its data, as a real image has it (its own platform's static busybox)
    'COPY --from=target /bin/busybox /app',
    'ENTRYPOINT ["/app"]',
    '',
  ].join('\n');
  timed('mkdir', ['-p', ctx]);
  writeFileSync(join(ctx, 'Dockerfile'), dockerfile);
  return ctx;
}

const salted = (salt) => ['--platform', platforms, '--build-arg', `SALT=${salt}`];

/** Builds the data for `salt` into the build cache, untimed: the timed runs measure the push, not /dev/urandom. */
function prebuild(ctx, salt) {
  timed('docker', ['buildx', 'build', '--progress', 'quiet', ...salted(salt), ctx]);
}

function raw(ctx, repo, salt) {
  const tags = ['1.2.3', 'latest'].flatMap((t) => ['-t', `${REG}/${repo}:${t}`]);
  return rawPush(['buildx', 'build', '--progress', 'quiet', ...salted(salt), ...tags, '--push', ctx]);
}

async function action(ctx, repo, salt) {
  const spec = {
    inputs: {
      images: `${REG}/${repo}`,
      platforms,
      'build-args': `SALT=${salt}`,
      context: ctx,
      tags: 'type=semver,pattern={{version}}',
      'floating-tags': 'always',
      cache: 'off',
    },
    github: {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/tags/v1.2.3',
      GITHUB_SHA: 'b'.repeat(40),
      GITHUB_REPOSITORY: 'crossbuild/bench',
    },
    event: { ref: 'refs/tags/v1.2.3', repository: { full_name: 'crossbuild/bench', default_branch: 'main' } },
    cwd: ctx,
  };
  const r = await runMain(spec);
  if (r.code !== 0) throw new Error(`action failed:\n${r.stdout.slice(-3000)}`);
  const p = await runPost(spec, r);
  if (p.code !== 0) throw new Error(`post failed:\n${p.stdout.slice(-3000)}`);
  return { ms: r.ms + p.ms, rssMb: Math.round(r.peakRssKb / 1024) };
}

const rows = {};
try {
  for (const [name, mb] of sizes) {
    const ctx = context(name, mb);
    const first = { raw: [], action: [] };
    const again = { raw: [], action: [] };
    const rss = [];
    for (let i = 0; i < runs; i++) {
      const n = `${stamp}-${name.toLowerCase()}-${i}`;
      // alternate which goes first; each side pushes data of its own, built beforehand
      const order = i % 2 === 0 ? ['raw', 'action'] : ['action', 'raw'];
      for (const who of order) {
        const salt = `${n}-${who}`;
        prebuild(ctx, salt);
        if (who === 'raw') {
          first.raw.push(raw(ctx, `bench-size/raw-${n}`, salt));
          again.raw.push(raw(ctx, `bench-size/raw-${n}`, salt));
        } else {
          const a = await action(ctx, `bench-size/action-${n}`, salt);
          first.action.push(a.ms);
          rss.push(a.rssMb);
          const b = await action(ctx, `bench-size/action-${n}`, salt);
          again.action.push(b.ms);
          rss.push(b.rssMb);
        }
      }
      // untimed: this run's salted data goes before the next (seven runs of 450 MB held ~25 GB of disk at once)
      reclaim('bench-size', { cache: true });
    }
    const row = (x) => ({
      rawMedianMs: Math.round(median(x.raw)),
      actionMedianMs: Math.round(median(x.action)),
      ratio: Number((median(x.action) / median(x.raw)).toFixed(3)),
      rawMs: x.raw.map(Math.round),
      actionMs: x.action.map(Math.round),
    });
    rows[name] = { firstPush: row(first), reRelease: row(again), actionPeakRssMb: Math.max(...rss) };
    console.log(name, JSON.stringify(rows[name]));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  // what the runs left in the registry, in docker's image store and in its build cache (GBs of salted data)
  reclaim('bench-size', { cache: true });
}
save('size', { runs, platforms, driver: 'docker', node: process.version, rawFailures: rawFailures(), rows });
