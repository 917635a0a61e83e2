import { describe, expect, test } from 'vitest';
import { publishSteps, runPublish, type PublishInput } from '../../src/docker/publish.js';
import { FakeRunner, fail, instantRetry } from '../fixtures/runner.js';

const D = 'sha256:6d9b54892f4a818ba87ef70476c26e7256f06d7d5a050ec57000243cd2be16e7';
const A = '127.0.0.1:5000/crossbuild-test/app';
const B = '127.0.0.1:5000/crossbuild-test/mirror';
const tags = (image: string) => ({
  image,
  order: ['1.2.3', 'sha-abc1234', '1.2', '1', 'latest'],
  floating: ['1.2', '1', 'latest'],
});

const lines = (input: PublishInput): string[] =>
  publishSteps(input).map((s) => `${s.floating ? 'late ' : ''}docker ${s.args.join(' ')}`);

describe('publishSteps', () => {
  test('docker driver: push the first tag per image, copy the rest registry-side, floating last', () => {
    expect(lines({ driver: 'docker', digest: D, tags: [tags(A), tags(B)] })).toEqual([
      `docker push ${A}:1.2.3`,
      `docker buildx imagetools create --tag ${A}:sha-abc1234 ${A}@${D}`,
      `docker push ${B}:1.2.3`,
      `docker buildx imagetools create --tag ${B}:sha-abc1234 ${B}@${D}`,
      `late docker buildx imagetools create --tag ${A}:1.2 --tag ${A}:1 --tag ${A}:latest ${A}@${D}`,
      `late docker buildx imagetools create --tag ${B}:1.2 --tag ${B}:1 --tag ${B}:latest ${B}@${D}`,
    ]);
  });

  test('push-by-digest drivers: the build pushed already; every tag is a registry-side copy', () => {
    expect(lines({ driver: 'other', digest: D, tags: [tags(A)] })).toEqual([
      `docker buildx imagetools create --tag ${A}:1.2.3 --tag ${A}:sha-abc1234 ${A}@${D}`,
      `late docker buildx imagetools create --tag ${A}:1.2 --tag ${A}:1 --tag ${A}:latest ${A}@${D}`,
    ]);
  });

  test.each([
    [
      { driver: 'docker' as const, digest: D, tags: [{ image: A, order: ['edge'], floating: [] }] },
      [`docker push ${A}:edge`],
    ],
    // only floating tags: the first must still carry the digest to the registry before verification
    [
      {
        driver: 'docker' as const,
        digest: D,
        tags: [{ image: A, order: ['latest', '1'], floating: ['latest', '1'] }],
      },
      [`docker push ${A}:latest`, `late docker buildx imagetools create --tag ${A}:1 ${A}@${D}`],
    ],
    [{ driver: 'other' as const, digest: D, tags: [{ image: A, order: [], floating: [] }] }, []],
  ])('%#', (input, want) => {
    expect(lines(input)).toEqual(want);
  });

  test('refs name what each step makes point at the digest', () => {
    const steps = publishSteps({ driver: 'docker', digest: D, tags: [tags(A)] });
    expect(steps.flatMap((s) => s.refs)).toEqual(tags(A).order.map((t) => `${A}:${t}`));
  });
});

describe('runPublish', () => {
  const steps = publishSteps({ driver: 'docker', digest: D, tags: [tags(A)] }).filter((s) => !s.floating);

  test('the flaky-registry 500 on a manifest HEAD is retried, then the sequence continues in order', async () => {
    const r = new FakeRunner()
      .on(['docker', 'push'], fail('received unexpected HTTP status: 500 Internal Server Error'), {
        stdout: `1.2.3: digest: ${D} size: 1607`,
      })
      .on(['docker', 'buildx', 'imagetools', 'create'], {});
    const policy = instantRetry(4, 2000);
    const done = await runPublish(r, steps, policy);
    expect(r.lines()).toEqual([
      `docker push ${A}:1.2.3`,
      `docker push ${A}:1.2.3`,
      `docker buildx imagetools create --tag ${A}:sha-abc1234 ${A}@${D}`,
    ]);
    expect(policy.waits).toEqual([2000]);
    expect(done.map((d) => d.step.kind)).toEqual(['push', 'tag']);
  });

  test('denied stops at once, before any tag is created', async () => {
    const r = new FakeRunner()
      .on(['docker', 'push'], fail('denied: requested access to the resource is denied'))
      .on(['docker', 'buildx'], {});
    await expect(runPublish(r, steps, instantRetry())).rejects.toThrow(
      `push: \`docker push ${A}:1.2.3\` failed: denied: requested access to the resource is denied`,
    );
    expect(r.lines()).toEqual([`docker push ${A}:1.2.3`]);
  });

  test('a transient failure that outlasts the attempts fails with its last error', async () => {
    const r = new FakeRunner()
      .on(['docker', 'push'], {})
      .on(['docker', 'buildx', 'imagetools', 'create'], fail('ERROR: unexpected status: 502 Bad Gateway'));
    const policy = instantRetry(3, 1000);
    await expect(runPublish(r, steps, policy)).rejects.toThrow(/^tag: .*502 Bad Gateway/);
    expect(r.callsTo('docker', 'buildx')).toHaveLength(3);
    expect(policy.waits).toEqual([1000, 2000]);
  });
});
