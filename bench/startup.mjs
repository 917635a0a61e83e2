// Benchmark: from spawning the bundled action to its first docker call (node start + bundle load + settings, tags,
// intent), and how many docker/buildx calls come before the build. A wrapper `docker` first on PATH logs each call
// with a nanosecond timestamp and then runs the real one. Medians over alternating runs.
// Usage: node bench/startup.mjs [runs=15]
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runMain } from '../scripts/local-runner.mjs';
import { median, REG, ROOT, save, useStack } from './lib.mjs';
import { tempDir } from '../scripts/temp.mjs';

useStack();
const runs = Number(process.argv[2] ?? 15);
const real = execFileSync('bash', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
const bin = tempDir('crossbuild-startup-');
const log = join(bin, 'calls.log');
writeFileSync(join(bin, 'docker'), `#!/bin/sh\necho "$(date +%s%N) $*" >> ${log}\nexec ${real} "$@"\n`);
chmodSync(join(bin, 'docker'), 0o755);
const sha = '6a6a912b4d1c0e3f5a7b9c2d4e6f8a0b1c3d5e7f';

async function once() {
  writeFileSync(log, '');
  const started = BigInt(Date.now()) * 1000000n;
  const r = await runMain({
    inputs: {
      images: `${REG}/bench/startup`,
      platforms: 'linux/amd64,linux/arm64,linux/s390x',
      tags: 'type=semver,pattern={{version}}',
      'floating-tags': 'always',
      'build-args': `GO_IMAGE=${REG}/fixtures/golang:1.19\nBASE_IMAGE=${REG}/fixtures/base:1`,
      cache: 'off',
    },
    github: {
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/tags/v1.2.3',
      GITHUB_SHA: sha,
      GITHUB_REPOSITORY: 'crossbuild/bench',
    },
    event: {
      ref: 'refs/tags/v1.2.3',
      repository: { name: 'bench', full_name: 'crossbuild/bench' },
      head_commit: { id: sha, timestamp: '2025-04-30T12:00:00Z' },
    },
    cwd: ROOT,
    extraEnv: { PATH: `${bin}:${process.env.PATH}` },
  });
  if (r.code !== 0) throw new Error(r.stdout.slice(-2000));
  const calls = readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => ({ ns: BigInt(l.slice(0, l.indexOf(' '))), args: l.slice(l.indexOf(' ') + 1) }));
  const firstMs = Number(calls[0].ns - started) / 1e6;
  const beforeBuild = calls.findIndex((c) => c.args.startsWith('buildx build'));
  return { firstMs, probes: beforeBuild, calls: calls.map((c) => c.args.split(' ').slice(0, 2).join(' ')) };
}

await once();
const rows = [];
for (let i = 0; i < runs; i++) rows.push(await once());
save('startup', {
  runs,
  node: process.version,
  firstDockerCallMedianMs: Math.round(median(rows.map((r) => r.firstMs))),
  dockerCallsBeforeBuild: Math.max(...rows.map((r) => r.probes)),
  calls: rows[0].calls,
  firstMs: rows.map((r) => Math.round(r.firstMs)),
});
