/**
 * Issue 13: the packed npm package, installed into an empty directory, releases from a local git repository with a
 * tag against the real registry (context from git, no CI variables), and `crossbuild lint` exits 1 on a wrong-arch
 * Dockerfile with the finding at its line.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../../scripts/local-runner.mjs';
import { expectLocalCopy, manifest, platformsOf, REGISTRY, tagList, uniqueRepo } from './registry.js';
import { skipReal } from '../docker/real-engine.js';
import { tempDir } from '../../scripts/temp.mjs';

let bin = '';

function git(cwd: string, ...args: string[]) {
  execFileSync('git', ['-c', 'user.email=dev@example.invalid', '-c', 'user.name=dev', ...args], {
    cwd,
    stdio: 'pipe',
  });
}

describe.skipIf(skipReal)('crossbuild from the packed npm package', () => {
  beforeAll(() => {
    const pack = tempDir('crossbuild-pack-');
    const out =
      execFileSync('npm', ['pack', '--pack-destination', pack, '--silent'], { cwd: ROOT, encoding: 'utf8' })
        .trim()
        .split('\n')
        .pop() ?? '';
    const prefix = tempDir('crossbuild-install-');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', prefix, join(pack, out)], {
      stdio: 'pipe',
    });
    bin = join(prefix, 'node_modules/.bin/crossbuild');
  }, 120_000);

  test('a local release: tag v3.1.4 → one verified index under 3.1.4, 3.1, 3, latest', () => {
    const repo = uniqueRepo('cli');
    const ws = tempDir('crossbuild-cli-ws-');
    cpSync(join(ROOT, 'example'), join(ws, 'example'), { recursive: true });
    cpSync(join(ROOT, 'Dockerfile'), join(ws, 'Dockerfile'));
    git(ws, 'init', '-q');
    git(ws, 'add', '.');
    git(ws, 'commit', '-q', '-m', 'release');
    git(ws, 'tag', 'v3.1.4');
    const r = spawnSync(
      bin,
      [
        '--images',
        `${REGISTRY}/${repo}`,
        '--platforms',
        'linux/amd64,linux/arm64,linux/s390x',
        '--tags',
        'type=semver,pattern={{version}}',
        '--tags',
        'type=semver,pattern={{major}}.{{minor}}',
        '--tags',
        'type=semver,pattern={{major}}',
        '--floating-tags',
        'always',
        '--build-args',
        `GO_IMAGE=${REGISTRY}/fixtures/golang:1.19`,
        '--build-args',
        `BASE_IMAGE=${REGISTRY}/fixtures/base:1`,
        '--cache',
        'off',
        '--json',
      ],
      { cwd: ws, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '', CI: '' } },
    );
    expect(r.status, r.stderr.slice(-3000)).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; outputs: Record<string, string> };
    expect(out.ok).toBe(true);
    expect(out.outputs.version).toBe('3.1.4');
    return Promise.all([tagList(repo), manifest(repo, '3.1.4')]).then(async ([tags, index]) => {
      expect(tags).toEqual(['3', '3.1', '3.1.4', 'latest']);
      expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm64', 'linux/s390x']);
      expect(index?.digest).toBe(out.outputs.digest);
      expect((await manifest(repo, 'latest'))?.digest).toBe(index?.digest);
      // the phases were shown as they ran
      expect(r.stderr).toMatch(/▸ Build[\s\S]*▸ Publish and verify/);
      // crossbuild test on the release just pushed: each platform's binary says its version (two under QEMU)
      const ref = `${REGISTRY}/${repo}:3.1.4`;
      const t = spawnSync(
        bin,
        ['test', ref, '--test', '/usr/local/bin/crossbuild-example --version', '--json'],
        {
          encoding: 'utf8',
        },
      );
      expect(t.status, t.stderr.slice(-2000)).toBe(0);
      const tested = JSON.parse(t.stdout) as {
        digest: string;
        tests: { platform: string; output: string[] }[];
      };
      expect(tested.digest).toBe(out.outputs.digest);
      expect(tested.tests.map((x) => `${x.platform} ${x.output.join(' ')}`)).toEqual([
        'linux/amd64 3.1.4',
        'linux/arm64 3.1.4',
        'linux/s390x 3.1.4',
      ]);
      const failing = spawnSync(bin, ['test', ref, '--test', '/bin/false', '--platforms', 'linux/arm64'], {
        encoding: 'utf8',
      });
      expect(failing.status).toBe(4);
      expect(failing.stderr).toMatch(/crossbuild: test: linux\/arm64: \/bin\/false exited 1$/m);
      // what docker pulled to run them is gone again (the release kept no copy in dockerd)
      expectLocalCopy(repo, false);
    });
  });

  test('lint: a wrong-arch Dockerfile exits 1 with the finding at its line; --help lists every input', () => {
    const ws = tempDir('crossbuild-cli-lint-');
    writeFileSync(
      join(ws, 'Dockerfile'),
      'FROM --platform=$BUILDPLATFORM golang AS b\nARG GOARCH\nRUN go build -o /app-$GOARCH .\nFROM scratch\nARG GOARCH\nCOPY --from=b /app-$GOARCH /app\n',
    );
    const r = spawnSync(bin, ['lint', '--platforms', 'linux/amd64,linux/arm64'], {
      cwd: ws,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^Dockerfile:3: error: \[build-arch-binary\]/m);
    const ok = spawnSync(
      bin,
      ['lint', '--platforms', 'linux/amd64,linux/arm64', '--fail-on', 'none', '--format', 'sarif'],
      { cwd: ws, encoding: 'utf8' },
    );
    expect(ok.status).toBe(0);
    expect((JSON.parse(ok.stdout) as { version: string }).version).toBe('2.1.0');
    const help = spawnSync(bin, ['--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--skip-unchanged');
  });
});
