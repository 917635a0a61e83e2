/**
 * The reference Dockerfile, built for three platforms from the repository root against the local fixtures:
 * every platform runs and reports its own arch and the version facts, and its binary passes the ELF proof.
 */
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { verifyArch } from '../../src/proof/arch.js';
import { layoutImages } from '../../src/proof/layout-images.js';
import { readImageTree } from '../../src/registry/layout.js';
import { realRunner, skipReal, skipReason } from '../docker/real-engine.js';
import { tempDir } from '../../scripts/temp.mjs';

const ROOT = join(import.meta.dirname, '../..');
const THREE = ['linux/amd64', 'linux/arm64', 'linux/s390x'];
const TAG = `crossbuild-test/example:ref-${process.pid}-${Date.now()}`;
// the fixtures instead of Docker Hub's images, for both builds below
const BASE_ARGS = [
  'buildx',
  'build',
  '--platform',
  THREE.join(','),
  '--build-arg',
  'GO_IMAGE=127.0.0.1:5000/fixtures/golang:1.19',
  '--build-arg',
  'BASE_IMAGE=127.0.0.1:5000/fixtures/base:1',
];

describe.skipIf(skipReal)(`reference Dockerfile${skipReal ? ` — skipped: ${skipReason}` : ''}`, () => {
  beforeAll(async () => {
    const res = await realRunner.run(
      'docker',
      [
        ...BASE_ARGS,
        '--build-arg',
        'VERSION=1.2.3',
        '--build-arg',
        'GIT_COMMIT=abc1234',
        '--build-arg',
        'BUILD_DATE=2025-04-30T12:00:00Z',
        '-t',
        TAG,
        '.',
      ],
      { cwd: ROOT },
    );
    if (res.code !== 0) throw new Error(`docker buildx build failed:\n${res.stderr}`);
  });

  afterAll(async () => {
    await realRunner.run('docker', ['image', 'rm', TAG]);
  });

  test.each(THREE)('%s prints its own arch and the version facts, as nobody', async (platform) => {
    const res = await realRunner.run('docker', ['run', '--rm', '--platform', platform, TAG]);
    expect(res.stderr).toBe('');
    expect(res.stdout.trim()).toBe(
      `crossbuild-example version=1.2.3 commit=abc1234 built=2025-04-30T12:00:00Z os=linux arch=${platform.split('/')[1] ?? ''}`,
    );
    const user = await realRunner.run('docker', ['image', 'inspect', '--format', '{{.Config.User}}', TAG]);
    expect(user.stdout.trim()).toBe('65534:65534');
  });

  test('each platform holds a binary for that platform (proven from the OCI layout the action builds)', async () => {
    const dir = tempDir('crossbuild-ref-');
    const args = [...BASE_ARGS, '--output', `type=oci,dest=${dir}/oci,tar=false`, '.'];
    const res = await realRunner.run('docker', args, { cwd: ROOT });
    expect(res.code, res.stderr).toBe(0);
    const images = await layoutImages(await readImageTree(`${dir}/oci`, (p) => readFile(p)));
    const rows = (await verifyArch(images, 'example')).sort((a, b) => a.platform.localeCompare(b.platform));
    rmSync(dir, { recursive: true, force: true });
    expect(rows.map((r) => [r.platform, r.path, r.ok])).toEqual(
      THREE.map((p) => [p, '/usr/local/bin/crossbuild-example', true]),
    );
  });
});
