import { describe, expect, test } from 'vitest';
import { runTagSteps, tagSteps } from '../../src/docker/publish.js';
import { FakeRunner, fail, instantRetry } from '../fixtures/runner.js';

const D = 'sha256:6d9b54892f4a818ba87ef70476c26e7256f06d7d5a050ec57000243cd2be16e7';
const A = '127.0.0.1:5000/crossbuild-test/app';
const B = '127.0.0.1:5000/crossbuild-test/mirror';
const tags = (image: string) => ({
  image,
  order: ['1.2.3', 'sha-abc1234', '1.2', '1', 'latest'],
  floating: ['1.2', '1', 'latest'],
});

const lines = (t: Parameters<typeof tagSteps>[0], source: string): string[] =>
  tagSteps(t, source).map((s) => `${s.floating ? 'late ' : ''}docker ${s.args.join(' ')}`);

describe('tagSteps', () => {
  test('every tag is a registry-side copy, floating last, per image', () => {
    expect(lines([tags(A), tags(B)], `${A}@${D}`)).toEqual([
      `docker buildx imagetools create --tag ${A}:1.2.3 --tag ${A}:sha-abc1234 ${A}@${D}`,
      `docker buildx imagetools create --tag ${B}:1.2.3 --tag ${B}:sha-abc1234 ${A}@${D}`,
      `late docker buildx imagetools create --tag ${A}:1.2 --tag ${A}:1 --tag ${A}:latest ${A}@${D}`,
      `late docker buildx imagetools create --tag ${B}:1.2 --tag ${B}:1 --tag ${B}:latest ${A}@${D}`,
    ]);
  });

  test.each([
    [
      [{ image: A, order: ['latest', '1'], floating: ['latest', '1'] }],
      [`late docker buildx imagetools create --tag ${A}:latest --tag ${A}:1 ${A}@${D}`],
    ],
    [[{ image: A, order: [], floating: [] }], []],
  ])('%#', (input, want) => {
    expect(lines(input, `${A}@${D}`)).toEqual(want);
  });

  test('refs name what each step makes point at the source', () => {
    const steps = tagSteps([tags(A)], `${A}@${D}`);
    expect(steps.flatMap((s) => s.refs).sort()).toEqual(
      tags(A)
        .order.map((t) => `${A}:${t}`)
        .sort(),
    );
  });
});

describe('runTagSteps', () => {
  const steps = tagSteps([tags(A), tags(B)], `${A}@${D}`).filter((s) => !s.floating);

  test('the flaky-registry 500 on a manifest HEAD is retried, then the sequence continues in order', async () => {
    const r = new FakeRunner().on(
      ['docker', 'buildx', 'imagetools', 'create'],
      fail('received unexpected HTTP status: 500 Internal Server Error'),
      {},
    );
    const policy = instantRetry(4, 2000);
    await runTagSteps(r, steps, policy);
    expect(r.lines()).toEqual([
      `docker buildx imagetools create --tag ${A}:1.2.3 --tag ${A}:sha-abc1234 ${A}@${D}`,
      `docker buildx imagetools create --tag ${A}:1.2.3 --tag ${A}:sha-abc1234 ${A}@${D}`,
      `docker buildx imagetools create --tag ${B}:1.2.3 --tag ${B}:sha-abc1234 ${A}@${D}`,
    ]);
    expect(policy.waits).toEqual([2000]);
  });

  test('denied stops at once, before any tag is created', async () => {
    const r = new FakeRunner().on(
      ['docker', 'buildx'],
      fail('denied: requested access to the resource is denied'),
    );
    await expect(runTagSteps(r, steps, instantRetry())).rejects.toThrow(
      'tag: `docker buildx imagetools create` failed: denied: requested access to the resource is denied',
    );
    expect(r.lines()).toHaveLength(1);
  });

  test('a transient failure that outlasts the attempts fails with its last error', async () => {
    const r = new FakeRunner().on(
      ['docker', 'buildx', 'imagetools', 'create'],
      fail('ERROR: unexpected status: 502 Bad Gateway'),
    );
    const policy = instantRetry(3, 1000);
    await expect(runTagSteps(r, steps, policy)).rejects.toThrow(
      /^tag: .*502 Bad Gateway.*gave up after 3 attempts/,
    );
    expect(r.callsTo('docker', 'buildx')).toHaveLength(3);
    expect(policy.waits).toEqual([1000, 2000]);
  });
});
