/**
 * verifyArch against real builds: 3-platform OCI layouts written by buildx from the busybox
 * fixture, one with an amd64 busybox in its s390x manifest (what an arch-blind cross build ships), one correct.
 * No RUN steps, so nothing runs under QEMU and the builds take seconds.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ArchProofError, verifyArch, type PlatformImage } from '../../src/proof/arch.js';
import { layoutImages } from '../../src/proof/layout-images.js';
import { readImageTree } from '../../src/registry/layout.js';
import { realRunner, skipReal, skipReason } from '../docker/real-engine.js';
import { tempDir } from '../../scripts/temp.mjs';

const BASE = '127.0.0.1:5000/fixtures/base:1';
const THREE = ['linux/amd64', 'linux/arm64', 'linux/s390x'];
const dirs: string[] = [];
let WRONG: PlatformImage[] = [];
let RIGHT: PlatformImage[] = [];

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

async function build(dockerfile: string): Promise<PlatformImage[]> {
  const dir = tempDir('crossbuild-arch-proof-');
  dirs.push(dir);
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  const res = await realRunner.run('docker', [
    'buildx',
    'build',
    '--platform',
    THREE.join(','),
    '--output',
    `type=oci,dest=${dir}/oci,tar=false`,
    dir,
  ]);
  if (res.code !== 0) throw new Error(`build failed:\n${res.stderr}`);
  const images = await layoutImages(await readImageTree(`${dir}/oci`, (p) => readFile(p)));
  return images.sort((a, b) => a.platform.localeCompare(b.platform));
}

describe.skipIf(skipReal)(
  `verifyArch on the real engine${skipReal ? ` — skipped: ${skipReason}` : ''}`,
  () => {
    beforeAll(async () => {
      WRONG = await build(wrongDockerfile);
      RIGHT = await build(rightDockerfile);
    });

    afterAll(() => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    test('an amd64 binary in the s390x image is caught; the other platforms pass', async () => {
      const err = await verifyArch(WRONG, 'wrong').catch((e: unknown) => e);
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
      const rows = await verifyArch(RIGHT, 'right');
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

    test('the layers are read from the layout in a few milliseconds', async () => {
      const t0 = performance.now();
      await verifyArch(RIGHT, 'right');
      expect(performance.now() - t0).toBeLessThan(500);
    });
  },
);
