/**
 * Brings up the real container stack once for all e2e tests (scripts/e2e-env.sh: dockerd + containerd image store,
 * buildx, QEMU binfmt, registry on 127.0.0.1:5000, fixture images). Under CI=true a missing toolchain fails the run;
 * elsewhere (not root, not Debian) the e2e tests are skipped with the reason.
 */
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * What the suites left in docker's image store under the test registry's e2e repositories (each release keeps its
 * copy under REPO:crossbuild-push, tests tag and load): removed at the end, so runs do not pile up images (each one
 * makes every later image delete slower: containerd collects garbage over all of them). Only those names: the
 * engine may be a developer's own.
 */
function removeSuiteImages(): void {
  const ls = spawnSync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'], {
    encoding: 'utf8',
  });
  const names = ls.stdout.split('\n').filter((n) => /^127\.0\.0\.\d+:\d+\/e2e\//.test(n));
  if (names.length > 0) spawnSync('docker', ['image', 'rm', '-f', ...names], { stdio: 'ignore' });
}

export default function setup(): (() => void) | undefined {
  const r = spawnSync('bash', [join(ROOT, 'scripts/e2e-env.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  const m = /^export PATH="(.+?)" DOCKER_HOST="(.+?)"$/.exec(line);
  if (r.status !== 0 || !m) {
    const reason = `container stack unavailable: scripts/e2e-env.sh exited ${r.status}`;
    if (process.env.CI === 'true') throw new Error(`${reason} (CI=true: e2e tests must run, not skip)`);
    process.env.CROSSBUILD_E2E_UNAVAILABLE = reason;
    return undefined;
  }
  process.env.PATH = (m[1] as string).replace('$PATH', process.env.PATH ?? '');
  process.env.DOCKER_HOST = m[2];
  return removeSuiteImages;
}
