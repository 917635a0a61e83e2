/** `crossbuild test IMAGE`: an image already in a registry, tested as the release tests it (#23). */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, onTestFinished, test } from 'vitest';
import { cli, type CliDeps } from '../src/cli/main.js';
import { pushLayout } from './fixtures/harness.js';
import { writeLayout } from './fixtures/layout.js';
import { FakeRegistry } from './fixtures/registry.js';
import { FakeRunner, fail } from './fixtures/runner.js';
import { tempDir } from '../scripts/temp.mjs';

const IMAGE = '127.0.0.1:5000/acme/widget';

function setup(code: (platform: string) => number = () => 0, local = false) {
  const registry = new FakeRegistry();
  const layout = writeLayout(['linux/amd64', 'linux/arm64'], { attestations: true });
  pushLayout(registry, layout.dir, layout.digest, [`${IMAGE}:1.2.3`]);
  const runner = new FakeRunner()
    .on(['docker', 'image', 'inspect'], local ? { stdout: 'sha256:x\n' } : fail('Error: No such image'))
    .on(['docker', 'image', 'rm'], {})
    .on(['docker', 'run'], (c) => {
      const platform = c.args[c.args.indexOf('--platform') + 1] ?? '';
      return { code: code(platform), stdout: `v1.2.3 ${platform}\n` };
    });
  const out: string[] = [];
  const err: string[] = [];
  const d: CliDeps = {
    env: {},
    cwd: '/tmp',
    runner,
    stdout: (t) => out.push(t),
    stderr: (l) => err.push(l),
    version: '0.2.0',
    fetch: registry.fetch,
  };
  return { d, out, err, runner, digest: layout.digest };
}

describe('crossbuild test', () => {
  test('IMAGE:TAG: every platform of its index runs each --test, by digest; exit 0; pulled image removed', async () => {
    const a = setup();
    const code = await cli(
      ['test', `${IMAGE}:1.2.3`, '--test', '/app --version', '--test', '/app selftest'],
      a.d,
    );
    expect(code).toBe(0);
    const runs = a.runner.lines().filter((l) => l.startsWith('docker run'));
    expect(runs).toHaveLength(4);
    for (const r of runs) expect(r).toContain(`--pull missing --quiet --network none`);
    expect(runs[0]).toContain(`${IMAGE}@${a.digest} --version`);
    expect(a.runner.lines().at(-1)).toBe(`docker image rm ${IMAGE}@${a.digest}`);
    expect(a.out.join('\n')).toMatch(
      /^✅ linux\/arm64 {2}\/app selftest {2}[\d.]+ s\n {5}v1\.2\.3 linux\/arm64$/m,
    );
  });

  test('a failing platform: every result printed, exit 4; --json gives the results and the digest', async () => {
    const a = setup((p) => (p === 'linux/arm64' ? 139 : 0), true);
    const code = await cli(['test', `${IMAGE}:1.2.3`, '--test', '/app --version', '--json'], a.d);
    expect(code).toBe(4);
    const doc = JSON.parse(a.out.join('\n')) as {
      ok: boolean;
      digest: string;
      tests: { platform: string; ok: boolean; exit?: string }[];
    };
    expect(doc.ok).toBe(false);
    expect(doc.digest).toBe(a.digest);
    expect(doc.tests.map((t) => [t.platform, t.ok, t.exit])).toEqual([
      ['linux/amd64', true, undefined],
      ['linux/arm64', false, 'exited 139 (segmentation fault)'],
    ]);
    expect(a.err.at(-1)).toBe(
      'crossbuild: test: linux/arm64: /app --version exited 139 (segmentation fault)',
    );
    // the engine held the image: it is the user's, left where it was
    expect(a.runner.lines().some((l) => l.startsWith('docker image rm'))).toBe(false);
  });

  test('--platforms picks some of the index’s platforms', async () => {
    const a = setup();
    expect(await cli(['test', `${IMAGE}:1.2.3`, '--test', '/app', '--platforms', 'linux/arm64'], a.d)).toBe(
      0,
    );
    expect(a.runner.lines().filter((l) => l.startsWith('docker run'))).toEqual([
      expect.stringContaining('--platform linux/arm64'),
    ]);
  });

  test('--structure-tests with file tests: answered from the layers in the registry, no container run', async () => {
    const a = setup();
    const dir = tempDir('crossbuild-cli-files-');
    onTestFinished(() => {
      rmSync(dir, { recursive: true, force: true });
    });
    writeFileSync(
      join(dir, 'files.yaml'),
      "schemaVersion: '2.0.0'\nfileExistenceTests:\n  - { name: app, path: /app, permissions: '-rwxr-xr-x' }\n",
    );
    const code = await cli(['test', `${IMAGE}:1.2.3`, '--structure-tests', 'files.yaml', '--json'], {
      ...a.d,
      cwd: dir,
    });
    expect(code).toBe(0);
    const doc = JSON.parse(a.out.join('\n')) as { tests: { platform: string; test: string; ok: boolean }[] };
    expect(doc.tests.map((t) => `${t.platform} ${t.test} ${String(t.ok)}`)).toEqual([
      'linux/amd64 files.yaml: app true',
      'linux/arm64 files.yaml: app true',
    ]);
    expect(a.runner.lines().filter((l) => l.startsWith('docker run'))).toEqual([]);
  });

  test.each([
    [['test', '--test', '/app'], /name one image/],
    [['test', IMAGE, '--test', '/app'], /names no tag or digest/],
    [['test', `${IMAGE}:1.2.3`], /give the commands with --test/],
    [['test', `${IMAGE}:nope`, '--test', '/app'], /is not in the registry/],
    [['test', `${IMAGE}:1.2.3`, '--test', '/app | grep x'], /line 1: "\|" needs a shell/],
  ])('%j: exit 2 with one line', async (argv, want) => {
    const a = setup();
    expect(await cli(argv, a.d)).toBe(2);
    expect(a.err).toEqual([expect.stringMatching(want)]);
  });
});
