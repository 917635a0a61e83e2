import { describe, expect, test } from 'vitest';
import { inspectRaw, verifyPublished } from '../../src/registry/verify.js';
import { runTagSteps, tagSteps } from '../../src/docker/publish.js';
import { realRunner, skipReal, skipReason } from '../docker/real-engine.js';

const FIXTURE = '127.0.0.1:5000/fixtures/base:1'; // busybox index for amd64, arm64, s390x (dockerenv.sh)
const IMG = '127.0.0.1:5000/crossbuild-test/verify';
const THREE = ['linux/amd64', 'linux/arm64', 'linux/s390x'];
const policy = { attempts: 4, waitMs: 200 };
const run = `${process.pid}-${Date.now()}`;

describe.skipIf(skipReal)(`registry on 127.0.0.1:5000${skipReal ? ` — skipped: ${skipReason}` : ''}`, () => {
  test('inspectRaw digest equals the registry’s, tags copied registry-side keep it, verify passes', async () => {
    const src = await inspectRaw(realRunner, FIXTURE, policy);
    expect(src.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // the same path publish takes for push-by-digest drivers: imagetools create from IMAGE@DIGEST
    const seed = await realRunner.run('docker', [
      'buildx',
      'imagetools',
      'create',
      '--tag',
      `${IMG}:seed-${run}`,
      FIXTURE,
    ]);
    expect(seed.stderr).not.toMatch(/^ERROR/m);
    const steps = tagSteps(
      [{ image: IMG, order: [`v-${run}`, `latest-${run}`], floating: [`latest-${run}`] }],
      `${IMG}@${src.digest}`,
    );
    await runTagSteps(realRunner, steps, policy);
    const refs = [`${IMG}:seed-${run}`, `${IMG}:v-${run}`, `${IMG}:latest-${run}`];
    const v = await verifyPublished(realRunner, refs, THREE, src.digest, policy);
    expect(v.analysis.platforms.map((p) => p.platform).sort()).toEqual(THREE);
    expect(Object.values(v.refs)).toEqual([src.digest, src.digest, src.digest]);
  });

  test('a platform the index lacks and an absent tag are reported', async () => {
    const src = await inspectRaw(realRunner, FIXTURE, policy);
    await expect(
      verifyPublished(realRunner, [FIXTURE], [...THREE, 'linux/riscv64'], src.digest, policy),
    ).rejects.toThrow(/missing platform linux\/riscv64/);
    await expect(inspectRaw(realRunner, `${IMG}:absent-${run}`, policy)).rejects.toThrow(
      /^verify: .*not found/,
    );
  });
});
