import { describe, expect, test } from 'vitest';
import { CommandError, commandName, docker, dockerWithRetry } from '../../src/docker/command.js';
import { FakeRunner, fail, instantRetry } from '../fixtures/runner.js';

describe('commandName', () => {
  test.each([
    [['buildx', 'create', '--name', 'x'], 'docker buildx create'],
    [['push', 'r/app:1'], 'docker push r/app:1'],
    [['login', 'ghcr.io', '--username', 'u', '--password-stdin'], 'docker login ghcr.io'],
    [['buildx', 'imagetools', 'inspect', '--raw', 'r/app:1'], 'docker buildx imagetools inspect'],
  ])('%j → %s', (args, want) => {
    expect(commandName(args)).toBe(want);
  });
});

describe('docker', () => {
  test('a non-zero exit is a CommandError with the ERROR line and the full output', async () => {
    const r = new FakeRunner().on(['docker'], fail('#1 resolving\nERROR: boom\n'));
    const err = await docker(r, 'tag', [
      'buildx',
      'imagetools',
      'create',
      '--tag',
      'a:1',
      'a@sha256:x',
    ]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).message).toBe('tag: `docker buildx imagetools create` failed: ERROR: boom');
    expect((err as CommandError).output).toContain('#1 resolving');
  });

  test('dockerWithRetry retries only what looks transient', async () => {
    const r = new FakeRunner().on(['docker'], fail('EOF'), fail('unexpected EOF'), { stdout: 'ok' });
    const policy = instantRetry(5, 10);
    await expect(dockerWithRetry(r, 'push', ['push', 'a:1'], policy)).resolves.toMatchObject({
      stdout: 'ok',
    });
    expect(policy.waits).toEqual([10, 20]);
  });
});
