/**
 * Issue 3: the post step removes a builder the action created, even when main failed after creating it.
 * (No buildkit image can be pulled here, so the created builder is a remote-driver one whose bootstrap fails.)
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { runMain, runPost, type RunSpec } from '../../scripts/local-runner.mjs';
import { events } from '../fixtures/events.js';
import { REGISTRY, uniqueRepo, workspace } from './registry.js';
import { skipReal } from '../docker/real-engine.js';

const builders = (): string[] =>
  execFileSync('docker', ['buildx', 'ls', '--format', '{{.Name}}'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

describe.skipIf(skipReal)('post step', () => {
  test('removes the builder main created, after main failed to bootstrap it', async () => {
    const e = events.pushMain;
    const spec: RunSpec = {
      inputs: {
        images: `${REGISTRY}/${uniqueRepo('post')}`,
        driver: 'remote',
        endpoint: 'tcp://127.0.0.1:1',
        platforms: 'linux/amd64',
      },
      github: e.env,
      event: e.payload,
      cwd: workspace({ Dockerfile: `FROM ${REGISTRY}/fixtures/base:1\n` }),
    };
    const main = await runMain(spec);
    expect(main.code).toBe(1);
    const name = main.state.builder ?? '';
    expect(name).toMatch(/^crossbuild-[0-9a-f]{8}$/);
    expect(builders()).toContain(name);
    const errors = main.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error::builder: `docker buildx create` failed/);

    const post = await runPost(spec, main);
    expect(post.code).toBe(0);
    expect(post.stdout).toContain(`removed builder ${name}`);
    expect(builders()).not.toContain(name);
  });
});
