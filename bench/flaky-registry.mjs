// Benchmark: releases of a 3-platform image through a seeded fault-injecting proxy in front of the local registry
// (rate of requests answered 503, 429 or dropped), for the bundled action and for raw `docker buildx build --push`.
// Each release builds a fresh layer into a fresh repository, so every blob really crosses the proxy. What the
// registry holds is read directly (not through the proxy): is the version tag a complete 3-platform index, does any
// tag point at something partial. Also times a fault-free release of the action before each faulty one (alternating),
// for the "≤ 3× fault-free" target, and splits each release into BuildKit's push (its requests, told apart by their
// User-Agent) and the rest (the build, the action's work).
// Usage: node bench/flaky-registry.mjs [releases=20] [rate=0.1]
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFaultProxy } from '../scripts/fault-proxy.mjs';
import { runMain } from '../scripts/local-runner.mjs';
import { median, reclaim, REG, save, useStack } from './lib.mjs';
import { tempDir } from '../scripts/temp.mjs';

useStack();
const releases = Number(process.argv[2] ?? 20);
const rate = Number(process.argv[3] ?? 0.1);
const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/s390x'];
const TAGS = ['1.2.3', '1.2', '1', 'latest'];
const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

// every workspace under one directory, removed at the end (also on failure)
const root = tempDir('crossbuild-flaky-');
function workspace(id) {
  const dir = join(root, id);
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'Dockerfile'),
    `FROM ${REG}/fixtures/base:1\nRUN echo ${id} > /id && uname -m > /arch\nCMD ["cat", "/arch"]\n`,
  );
  return dir;
}

/** What each tag holds, read from the registry itself: 'complete', 'partial: …' or 'absent'. */
async function judge(repo) {
  const out = {};
  for (const t of TAGS) {
    const r = await fetch(`http://${REG}/v2/${repo}/manifests/${t}`, { headers: { Accept: ACCEPT } });
    if (r.status === 404) {
      out[t] = 'absent';
      continue;
    }
    const doc = await r.json();
    const platforms = (doc.manifests ?? [])
      .filter((m) => m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest')
      .map((m) => `${m.platform?.os}/${m.platform?.architecture}`)
      .sort();
    out[t] =
      platforms.join(',') === PLATFORMS.join(',')
        ? 'complete'
        : `partial: ${doc.manifests ? platforms.join(',') || 'empty index' : 'single manifest'}`;
  }
  // the staging tag BuildKit pushed under (docker driver: the shared one, or a loading run's own) must be gone,
  // also after a failure
  const list = await fetch(`http://${REG}/v2/${repo}/tags/list`).then((r) =>
    r.ok ? r.json() : { tags: [] },
  );
  out.staging = (list.tags ?? []).filter((t) => /^crossbuild-push($|-)/.test(t)).length;
  return out;
}

async function action(host, repo, id) {
  const e = { ref: 'refs/tags/v1.2.3', sha: '6a6a912b4d1c0e3f5a7b9c2d4e6f8a0b1c3d5e7f' };
  const r = await runMain({
    inputs: {
      images: `${host}/${repo}`,
      platforms: PLATFORMS.join(','),
      tags: 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}',
      'floating-tags': 'always',
      cache: 'off',
    },
    github: {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: e.ref,
      GITHUB_SHA: e.sha,
      GITHUB_REPOSITORY: 'crossbuild/bench',
    },
    event: {
      ref: e.ref,
      repository: { name: 'bench', full_name: 'crossbuild/bench' },
      head_commit: { id: e.sha, timestamp: '2025-04-30T12:00:00Z' },
    },
    cwd: workspace(id),
  });
  return { code: r.code, ms: r.ms, error: r.stdout.split('\n').find((l) => l.startsWith('::error::')) ?? '' };
}

// asynchronous: the proxy lives in this process and must keep answering while buildx pushes
function raw(host, repo, id) {
  const t0 = Date.now();
  const args = ['buildx', 'build', '--progress', 'quiet', '--platform', PLATFORMS.join(',')];
  args.push(...TAGS.flatMap((t) => ['-t', `${host}/${repo}:${t}`]), '--push', workspace(id));
  return new Promise((resolve) => {
    execFile('docker', args, { encoding: 'utf8' }, (err, _out, stderr) => {
      const error = stderr.trim().split('\n').pop() ?? '';
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, ms: Date.now() - t0, error });
    });
  });
}

/**
 * How long BuildKit's own push took (its first request to its last, told apart by its User-Agent): that part, with its
 * fixed 1/2/4 s backoff, is not the action's to speed up. The rest of a release is the build and the action's work.
 */
function buildkitPushMs(log) {
  const at = log.filter((l) => /buildkit|containerd|docker/i.test(l.ua)).map((l) => l.at);
  return at.length === 0 ? 0 : Math.max(...at) - Math.min(...at);
}

/** One fault-free release of the action through a proxy that injects nothing: its time and BuildKit's push's. */
async function cleanRelease(i) {
  const proxy = await startFaultProxy(5000, [], undefined, { rate: 0, seed: 1 });
  const r = await action(
    proxy.host,
    `bench/flaky-clean-${Date.now().toString(36)}-${i}`,
    `clean-${i}-${Date.now()}`,
  );
  await proxy.close();
  if (r.code !== 0) throw new Error(`fault-free release ${i} failed: ${r.error}`);
  return { ms: r.ms, pushMs: buildkitPushMs(proxy.log) };
}

/** `clean`: after each release through faults, one without (alternating, so both see the same machine). */
async function batch(name, run, faultRate, clean) {
  const rows = [];
  for (let seed = 1; seed <= releases; seed++) {
    if (clean) clean.push(await cleanRelease(seed));
    const proxy = await startFaultProxy(5000, [], undefined, { rate: faultRate, seed });
    const repo = `bench/flaky-${name}-${Date.now().toString(36)}-${seed}`;
    const r = await run(proxy.host, repo, `${name}-${seed}-${Date.now()}`);
    await proxy.close();
    const tags = await judge(repo);
    const pushMs = buildkitPushMs(proxy.log);
    rows.push({
      seed,
      ...r,
      buildkitPushMs: pushMs,
      faults: proxy.injected.length,
      requests: proxy.requests,
      tags,
    });
    console.log(
      name,
      seed,
      r.code,
      Math.round(r.ms),
      pushMs,
      proxy.injected.length,
      JSON.stringify(tags),
      r.error.slice(0, 160),
    );
  }
  const ms = rows.map((r) => r.ms);
  return {
    exit0: rows.filter((r) => r.code === 0).length,
    completeVersionTag: rows.filter((r) => r.tags['1.2.3'] === 'complete').length,
    partialTags: rows.filter((r) => TAGS.some((t) => r.tags[t].startsWith('partial'))).length,
    stagingTagsLeft: rows.reduce((n, r) => n + r.tags.staging, 0),
    medianMs: Math.round(median(ms)),
    medianBuildkitPushMs: Math.round(median(rows.map((r) => r.buildkitPushMs))),
    /** everything but BuildKit's push: the build, and the action's own requests with their retries */
    medianRestMs: Math.round(median(rows.map((r) => r.ms - r.buildkitPushMs))),
    maxMs: Math.round(Math.max(...ms)),
    faults: rows.reduce((n, r) => n + r.faults, 0),
    requests: rows.reduce((n, r) => n + r.requests, 0),
    rows,
  };
}

const result = { releases, rate, node: process.version };
try {
  const clean = [];
  result.crossbuild = await batch('crossbuild', action, rate, clean);
  result.faultFreeMedianMs = Math.round(median(clean.map((c) => c.ms)));
  result.faultFreeBuildkitPushMs = Math.round(median(clean.map((c) => c.pushMs)));
  result.faultFreeRestMs = Math.round(median(clean.map((c) => c.ms - c.pushMs)));
  result.raw = await batch('raw', raw, rate);
  result.crossbuild.medianVsFaultFree = Number(
    (result.crossbuild.medianMs / result.faultFreeMedianMs).toFixed(2),
  );
  // the same ratio for the part that is not BuildKit's push
  result.crossbuild.restVsFaultFree = Number(
    (result.crossbuild.medianRestMs / result.faultFreeRestMs).toFixed(2),
  );
} finally {
  rmSync(root, { recursive: true, force: true });
  reclaim('bench', { match: (name) => name.startsWith('flaky-') });
}
save('flaky-registry', result);
// idle keep-alive sockets (to the registry behind the proxies) would hold the process open for minutes
process.exit(0);
