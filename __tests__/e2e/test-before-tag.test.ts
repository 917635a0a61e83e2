/**
 * #23 on the real engine (docker driver, QEMU for the foreign platforms): the `test` commands run in every platform's
 * image of the pushed index before any tag; a platform whose binary fails its test stops the release with no tag
 * moved; an image without a shell runs its test as written; nothing is left in docker or the registry but the release.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runMain, runPost } from '../../scripts/local-runner.mjs';
import { events } from '../fixtures/events.js';
import { tagPushSpec } from './release.js';
import {
  expectLocalCopy,
  manifest,
  platformsOf,
  REGISTRY,
  tagList,
  uniqueRepo,
  workspace,
} from './registry.js';
import { skipReal } from '../docker/real-engine.js';

const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/s390x'];

/** A distroless-style image: FROM scratch, the platform's static busybox alone, no shell. */
const SCRATCH = `FROM ${REGISTRY}/fixtures/base:1 AS base
FROM scratch
COPY --from=base /bin/busybox /busybox
ENTRYPOINT ["/busybox"]
`;

/** `selftest` passes everywhere but on arm64, where it exits 1: the arm64 program that fails its test. */
const BROKEN_ARM64 = `FROM ${REGISTRY}/fixtures/base:1
RUN if [ "$(uname -m)" = aarch64 ]; then c=1; else c=0; fi; printf '#!/bin/sh\\nexit %s\\n' $c > /bin/selftest && chmod +x /bin/selftest
`;

const containers = () =>
  execFileSync('docker', ['ps', '-a', '--filter', 'name=crossbuild-test-', '--format', '{{.Names}}'], {
    encoding: 'utf8',
  }).trim();

describe.skipIf(skipReal)('test before tagging (docker driver)', () => {
  test('a 3-platform image without a shell: its exec-form tests pass on every platform, then the tags move', async () => {
    const repo = uniqueRepo('tested');
    const cwd = workspace({ Dockerfile: SCRATCH });
    // `uname -m` through busybox: each platform's image answers with its own machine (QEMU for arm64 and s390x)
    const s = tagPushSpec(repo, cwd, PLATFORMS, {
      tags: 'type=semver,pattern={{version}}',
      test: '/busybox uname -m\n/busybox true',
    });
    const r = await runMain(s);
    expect(r.code, r.stdout.slice(-3000)).toBe(0);
    expect(await tagList(repo)).toEqual(['1.2.3', 'latest']);
    const index = await manifest(repo, '1.2.3');
    expect(platformsOf(index)).toEqual([...PLATFORMS].sort());
    const tests = JSON.parse(r.outputs.tests ?? '[]') as { platform: string; test: string; ok: boolean }[];
    expect(tests.map((t) => `${t.platform} ${t.test} ${String(t.ok)}`)).toEqual(
      PLATFORMS.flatMap((p) => [`${p} /busybox uname -m true`, `${p} /busybox true true`]),
    );
    // what each platform's image printed is its own machine
    expect(r.summary).toMatch(/\| `linux\/arm64` \| `\/busybox uname -m` \| ✅ \| [\d.]+ s \| aarch64 \|/);
    expect(r.summary).toMatch(/\| `linux\/s390x` \| `\/busybox uname -m` \| ✅ \| [\d.]+ s \| s390x \|/);
    expect(containers()).toBe('');
    expectLocalCopy(repo, true);
    expect((await runPost(s, r)).code).toBe(0);
  });

  test('the arm64 binary fails its test: the release fails naming linux/arm64, no tag moves, no container left', async () => {
    const repo = uniqueRepo('broken');
    const cwd = workspace({ Dockerfile: BROKEN_ARM64 });
    const s = tagPushSpec(repo, cwd, PLATFORMS, {
      tags: 'type=semver,pattern={{version}}',
      test: 'selftest',
    });
    const r = await runMain(s);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error::test: linux\/arm64: selftest exited 1$/m);
    expect(r.summary).toContain('failed (a test of the built image; no tag moved)');
    expect(r.summary).toMatch(/\| `linux\/amd64` \| `selftest` \| ✅ \|/);
    expect(r.summary).toMatch(/\| `linux\/arm64` \| `selftest` \| ❌ exited 1 \|/);
    // nothing but the (removed) staging tag ever reached the repository
    expect(await tagList(repo)).toEqual([]);
    expect(containers()).toBe('');
    expectLocalCopy(repo, true);
  });

  test('a structure-test file: its command and metadata tests pass; one broken expectation of each fails naming it', async () => {
    const structure = (exit: number, entrypoint: string) => `schemaVersion: '2.0.0'
commandTests:
  - name: machine
    command: /busybox
    args: ['uname', '-m']
    expectedOutput: ["^(x86_64|aarch64|s390x)\\n$"]
  - name: true exits ${exit}
    command: /busybox
    args: ['true']
    exitCode: ${exit}
metadataTest:
  entrypoint: ['${entrypoint}']
  user: ''
`;
    const repo = uniqueRepo('structure');
    const cwd = workspace({ Dockerfile: SCRATCH });
    mkdirSync(join(cwd, 'tests'), { recursive: true });
    writeFileSync(join(cwd, 'tests/good.yaml'), structure(0, '/busybox'));
    writeFileSync(join(cwd, 'tests/bad.yaml'), structure(3, '/bin/sh'));
    const spec = (file: string) =>
      tagPushSpec(repo, cwd, PLATFORMS, { tags: 'type=semver,pattern={{version}}', 'structure-tests': file });
    const bad = await runMain(spec('tests/bad.yaml'));
    expect(bad.code).toBe(1);
    expect(await tagList(repo)).toEqual([]);
    for (const p of PLATFORMS) {
      expect(bad.summary).toContain(
        `| \`${p}\` | \`tests/bad.yaml: metadataTest\` | ❌ entrypoint is ["/busybox"] |`,
      );
      expect(bad.summary).toContain(
        `| \`${p}\` | \`tests/bad.yaml: true exits 3\` | ❌ exit code 0, expected 3 |`,
      );
      expect(bad.summary).toMatch(new RegExp(`\\| \`${p}\` \\| \`tests/bad.yaml: machine\` \\| ✅`));
    }
    const good = await runMain(spec('tests/good.yaml'));
    expect(good.code, good.stdout.slice(-3000)).toBe(0);
    expect(await tagList(repo)).toEqual(['1.2.3', 'latest']);
    expect(JSON.parse(good.outputs.tests ?? '[]')).toHaveLength(9);
    expect(containers()).toBe('');
    // two runs of one repository: still one local name
    expectLocalCopy(repo, true);
  });

  test('file tests: modes, owners, links and contents read from each platform’s layers in the registry; a wrong owner fails', async () => {
    const structure = (configUid: number, port: number) => `schemaVersion: '2.0.0'
fileExistenceTests:
  - { name: busybox, path: /busybox, permissions: '-rwxr-xr-x', uid: 0, isExecutableBy: any }
  - { name: config, path: /etc/app/app.conf, permissions: '-rw-r--r--', uid: ${configUid}, gid: 65532 }
  - { name: link, path: /etc/app/current.conf, permissions: 'Lrwxrwxrwx' }
  - { name: no shell, path: /bin/sh, shouldExist: false }
fileContentTests:
  - { name: contents, path: /etc/app/current.conf, expectedContents: ['listen = :${port}'], excludedContents: ['debug'] }
`;
    const repo = uniqueRepo('files');
    const cwd = workspace({
      Dockerfile: `${SCRATCH}COPY --chown=65532:65532 etc/ /etc/app/\n`,
      'good.yaml': structure(65532, 8080),
      'bad.yaml': structure(0, 9090),
    });
    mkdirSync(join(cwd, 'etc'));
    // the line the test looks for sits past the first 64 bytes (the proof's head): the file is read whole
    writeFileSync(join(cwd, 'etc/app.conf'), `# ${'-'.repeat(80)}\nlisten = :8080\n`, { mode: 0o644 });
    symlinkSync('app.conf', join(cwd, 'etc/current.conf'));
    const spec = (file: string) =>
      tagPushSpec(repo, cwd, PLATFORMS, { tags: 'type=semver,pattern={{version}}', 'structure-tests': file });
    const bad = await runMain(spec('bad.yaml'));
    expect(bad.code).toBe(1);
    expect(await tagList(repo)).toEqual([]);
    for (const p of PLATFORMS) {
      expect(bad.summary).toContain(
        `| \`${p}\` | \`bad.yaml: config\` | ❌ /etc/app/app.conf is owned by uid 65532, expected 0 |`,
      );
      expect(bad.summary).toContain(
        `| \`${p}\` | \`bad.yaml: contents\` | ❌ contents do not match /listen = :9090/ |`,
      );
    }
    // a pull request pushes nothing: the same tests read the build's layout, and fail it the same way
    const pr = await runMain({
      ...spec('bad.yaml'),
      github: events.pullRequest.env,
      event: events.pullRequest.payload,
    });
    expect(pr.code).toBe(1);
    expect(pr.stdout).toContain('--output type=oci,dest=');
    expect(pr.summary).toContain(
      '| `linux/arm64` | `bad.yaml: config` | ❌ /etc/app/app.conf is owned by uid 65532, expected 0 |',
    );
    expect(await tagList(repo)).toEqual([]);
    const good = await runMain(spec('good.yaml'));
    expect(good.code, good.stdout.slice(-3000)).toBe(0);
    expect(await tagList(repo)).toEqual(['1.2.3', 'latest']);
    const tests = JSON.parse(good.outputs.tests ?? '[]') as { platform: string; test: string; ok: boolean }[];
    expect(tests).toHaveLength(15);
    expect(tests.every((t) => t.ok)).toBe(true);
    // nothing was run to answer them
    expect(containers()).toBe('');
    expectLocalCopy(repo, false);
  });
});
