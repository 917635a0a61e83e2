/**
 * #23 on the real engine: commands run by a buildx builder itself (testBuild), the route of builders with no docker
 * engine beside them. Here the builder is dockerd's own (the docker driver), which takes the same build; the image is
 * the fixtures' base index (busybox for three platforms) in the local registry, foreign platforms under QEMU.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, test } from 'vitest';
import { parseTests, TestsFailed } from '../../src/plan/tests.js';
import { runTests, type TestSpec } from '../../src/steps/test.js';
import { RecordingIO } from '../fixtures/io.js';
import { realRunner, skipReal, skipReason } from '../docker/real-engine.js';

const BASE = '127.0.0.1:5000/fixtures/base';
const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/s390x'];

/** The base index's digest, read from the registry. */
async function baseRef(): Promise<string> {
  const r = await fetch(`http://${BASE.replace('/fixtures/base', '')}/v2/fixtures/base/manifests/1`, {
    method: 'HEAD',
    headers: {
      Accept:
        'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json',
    },
  });
  return `${BASE}@${r.headers.get('docker-content-digest') ?? ''}`;
}

const deps = () => ({
  runner: realRunner,
  log: new RecordingIO(),
  policy: { attempts: 1, waitMs: 0 },
  state: { save: () => undefined },
  tempDir: '/tmp',
});

const images = () =>
  execFileSync('docker', ['image', 'ls', '-q'], { encoding: 'utf8' }).trim().split('\n').sort();

describe.skipIf(skipReal)(`tests on the builder${skipReal ? ` — skipped: ${skipReason}` : ''}`, () => {
  test('each platform’s own machine answers; a failing command fails naming its platform; nothing pulled into docker', async () => {
    const before = images();
    const tmpBefore = new Set(readdirSync(tmpdir()));
    const spec: TestSpec = {
      ref: await baseRef(),
      platforms: PLATFORMS,
      tests: parseTests('/bin/busybox uname -m\n/bin/busybox sh -c "test $TARGETARCH != arm64"'),
      version: '1.2.3',
      network: false,
      timeoutS: 60,
      local: false,
      builder: 'default',
    };
    const err = await runTests(deps(), spec).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TestsFailed);
    const results = (err as TestsFailed).results;
    expect(results.map((r) => [r.platform, r.test, r.ok, r.exit ?? '', r.output.join('|')])).toEqual([
      ['linux/amd64', '/bin/busybox uname -m', true, '', 'x86_64'],
      ['linux/amd64', '/bin/busybox sh -c "test $TARGETARCH != arm64"', true, '', ''],
      ['linux/arm64', '/bin/busybox uname -m', true, '', 'aarch64'],
      ['linux/arm64', '/bin/busybox sh -c "test $TARGETARCH != arm64"', false, 'exited 1', ''],
      ['linux/s390x', '/bin/busybox uname -m', true, '', 's390x'],
      ['linux/s390x', '/bin/busybox sh -c "test $TARGETARCH != arm64"', true, '', ''],
    ]);
    // no image was pulled into docker to run them
    expect(images()).toEqual(before);
    // nothing left in the temporary directory: the run's own directory, nor buildx's (0.13 keeps a copy of a
    // Dockerfile given on stdin in $TMPDIR/dockerfileNNN); other test files run beside this one and make their own
    const left = readdirSync(tmpdir()).filter((e) => !tmpBefore.has(e));
    expect(left.filter((e) => /^(dockerfile|crossbuild-test-)/.test(e))).toEqual([]);
  });

  test('the same command twice runs twice (no cached result stands in for a run); past the timeout it is stopped', async () => {
    const ref = await baseRef();
    const spec = (tests: string, timeoutS: number): TestSpec => ({
      ref,
      platforms: ['linux/amd64'],
      tests: parseTests(tests),
      version: '',
      network: false,
      timeoutS,
      local: false,
      builder: 'default',
    });
    const once = await runTests(deps(), spec('/bin/busybox cat /proc/sys/kernel/random/uuid', 60));
    const twice = await runTests(deps(), spec('/bin/busybox cat /proc/sys/kernel/random/uuid', 60));
    expect(once[0]?.output[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(twice[0]?.output[0]).not.toBe(once[0]?.output[0]);
    const t0 = Date.now();
    const err = await runTests(deps(), spec('/bin/busybox sleep 60', 2)).catch((e: unknown) => e);
    expect((err as TestsFailed).results[0]?.exit).toBe('did not end within 2 s');
    expect(Date.now() - t0).toBeLessThan(15_000);
  });
});
