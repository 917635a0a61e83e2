/**
 * verifyArch against the real engine: 3-platform images built locally (containerd image store) from the busybox
 * fixture, one with an amd64 busybox in its s390x manifest (what an arch-blind cross build ships), one correct.
 * No RUN steps, so nothing runs under QEMU and the builds take seconds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ArchProofError, proveArch, verifyArch } from '../../src/registry/arch-proof.js';
import { realRunner, skipReal, skipReason } from '../docker/real-engine.js';

const BASE = '127.0.0.1:5000/fixtures/base:1';
const THREE = ['linux/amd64', 'linux/arm64', 'linux/s390x'];
const run = `${process.pid}-${Date.now()}`;
const WRONG = `crossbuild-test/arch-proof:wrong-${run}`;
const RIGHT = `crossbuild-test/arch-proof:right-${run}`;

// s390x takes its busybox from the amd64 variant of the base; the other platforms keep their own
const wrongDockerfile = `
FROM --platform=linux/amd64 ${BASE} AS amd64-busybox
FROM ${BASE} AS src-amd64
FROM ${BASE} AS src-arm64
FROM amd64-busybox AS src-s390x
FROM src-\${TARGETARCH} AS src
FROM ${BASE}
COPY --from=src /bin/busybox /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
`;

// a #! script found through the config PATH, whose interpreter is the platform's own busybox sh
const rightDockerfile = `
FROM ${BASE}
COPY --chmod=755 <<EOF /usr/local/bin/start
#!/bin/sh
exec echo started
EOF
ENV PATH=/usr/local/bin:/bin
ENTRYPOINT ["start"]
`;

async function build(tag: string, dockerfile: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'crossbuild-arch-proof-'));
  try {
    writeFileSync(join(dir, 'Dockerfile'), dockerfile);
    const res = await realRunner.run('docker', [
      'buildx',
      'build',
      '--platform',
      THREE.join(','),
      '-t',
      tag,
      dir,
    ]);
    if (res.code !== 0) throw new Error(`build of ${tag} failed:\n${res.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(skipReal)(
  `verifyArch on the real engine${skipReal ? ` — skipped: ${skipReason}` : ''}`,
  () => {
    beforeAll(async () => {
      await build(WRONG, wrongDockerfile);
      await build(RIGHT, rightDockerfile);
    });

    afterAll(async () => {
      await realRunner.run('docker', ['image', 'rm', WRONG, RIGHT]);
    });

    test('an amd64 binary in the s390x image is caught; the other platforms pass', async () => {
      const err = await verifyArch(realRunner, WRONG, THREE).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ArchProofError);
      const rows = (err as ArchProofError).rows;
      expect(rows.map((r) => [r.platform, r.path, r.found, r.expected, r.status])).toEqual([
        ['linux/amd64', '/usr/local/bin/app', 'x86-64 64-bit LE', 'x86-64 64-bit LE', 'ok'],
        ['linux/arm64', '/usr/local/bin/app', 'AArch64 64-bit LE', 'AArch64 64-bit LE', 'ok'],
        ['linux/s390x', '/usr/local/bin/app', 'x86-64 64-bit LE', 'S390 64-bit BE', 'mismatch'],
      ]);
      expect((err as Error).message).toContain(
        'linux/s390x /usr/local/bin/app is x86-64 64-bit LE, expected S390 64-bit BE',
      );
    });

    test('a correct image passes, through PATH lookup and the #! interpreter', async () => {
      const rows = await verifyArch(realRunner, RIGHT, THREE);
      expect(rows.map((r) => [r.platform, r.path, r.found, r.ok, r.note])).toEqual([
        [
          'linux/amd64',
          '/bin/sh',
          'x86-64 64-bit LE',
          true,
          '/usr/local/bin/start is a script run by /bin/sh',
        ],
        [
          'linux/arm64',
          '/bin/sh',
          'AArch64 64-bit LE',
          true,
          '/usr/local/bin/start is a script run by /bin/sh',
        ],
        ['linux/s390x', '/bin/sh', 'S390 64-bit BE', true, '/usr/local/bin/start is a script run by /bin/sh'],
      ]);
    });

    test('no container is left behind (and the filter used to check does see one)', async () => {
      const ours = async (): Promise<string> =>
        (await realRunner.run('docker', ['ps', '-aq', '--filter', `ancestor=${WRONG}`])).stdout.trim();
      const probe = await realRunner.run('docker', ['create', '--platform', 'linux/arm64', WRONG]);
      expect(await ours()).toBe(probe.stdout.trim().slice(0, 12));
      await realRunner.run('docker', ['rm', '-f', probe.stdout.trim()]);
      await verifyArch(realRunner, WRONG, THREE).catch(() => undefined);
      expect(await ours()).toBe('');
    });

    test('a registry ref is pulled per platform; a platform it lacks is an error', async () => {
      const rows = await proveArch(realRunner, BASE, [...THREE, 'linux/ppc64le']);
      expect(rows.map((r) => [r.platform, r.path, r.status])).toEqual([
        ['linux/amd64', '/bin/sh', 'ok'],
        ['linux/arm64', '/bin/sh', 'ok'],
        ['linux/s390x', '/bin/sh', 'ok'],
        ['linux/ppc64le', '', 'error'],
      ]);
    });
  },
);
