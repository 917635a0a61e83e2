/**
 * Issue 3 acceptance, end to end: the bundled action, run as the runner runs it, builds with an emulated RUN step,
 * pushes one index under every computed tag, and the registry holds exactly that.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runMain, runPost, type RunSpec } from '../../scripts/local-runner.mjs';
import { events, tagPush, type EventFixture } from '../fixtures/events.js';
import {
  dockerRun,
  isolatedDockerConfig,
  manifest,
  platformsOf,
  REGISTRY,
  tagList,
  uniqueRepo,
  workspace,
} from './registry.js';
import { skipReal } from '../docker/real-engine.js';

/** An emulated RUN step: each platform records the machine it ran on. */
const DOCKERFILE = `FROM ${REGISTRY}/fixtures/base:1
RUN uname -m > /arch
CMD ["cat", "/arch"]
`;

const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/s390x'];
const MACHINE: Record<string, string> = {
  'linux/amd64': 'x86_64',
  'linux/arm64': 'aarch64',
  'linux/s390x': 's390x',
};

function spec(e: EventFixture, repo: string, inputs: Record<string, string> = {}, cwd?: string): RunSpec {
  return {
    inputs: {
      images: `${REGISTRY}/${repo}`,
      platforms: PLATFORMS.join(','),
      'floating-tags': 'always',
      'retry-wait': '1',
      // a registry cache would add an IMAGE:buildcache tag; the cache has its own test
      cache: 'off',
      ...inputs,
    },
    github: e.env,
    event: e.payload,
    cwd: cwd ?? workspace({ Dockerfile: DOCKERFILE }),
  };
}

describe.skipIf(skipReal)('pipeline through dist/index.js against the real engine and registry', () => {
  test('tag push v1.2.3: one index of exactly three platforms under 1.2.3, 1.2, 1, latest', async () => {
    const repo = uniqueRepo('release');
    const s = spec(tagPush('v1.2.3'), repo, {
      tags: 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}',
    });
    const r = await runMain(s);
    expect(r.code, r.stdout.slice(-3000)).toBe(0);

    expect(await tagList(repo)).toEqual(['1', '1.2', '1.2.3', 'latest']);
    const index = await manifest(repo, '1.2.3');
    expect(index?.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(platformsOf(index)).toEqual([...PLATFORMS].sort());
    for (const t of ['1', '1.2', 'latest']) expect((await manifest(repo, t))?.digest).toBe(index?.digest);

    // outputs match the registry
    expect(r.outputs.digest).toBe(index?.digest);
    expect(r.outputs.version).toBe('1.2.3');
    expect(r.outputs.tags?.split('\n').sort()).toEqual(
      ['1', '1.2', '1.2.3', 'latest'].map((t) => `${REGISTRY}/${repo}:${t}`),
    );
    expect((JSON.parse(r.outputs.metadata ?? '{}') as Record<string, unknown>)['containerimage.digest']).toBe(
      index?.digest,
    );
    expect(r.outputs.platforms).toBe(PLATFORMS.join(','));
    // the summary lists them
    expect(r.summary).toContain(`Index digest: \`${index?.digest}\``);
    for (const p of PLATFORMS) expect(r.summary).toContain(`\`${p}\``);
    for (const step of ['Docker and buildx', 'QEMU', 'Builder', 'Build', 'Publish and verify'])
      expect(r.summary).toContain(`| ${step} |`);

    // each platform really is its own architecture
    for (const p of PLATFORMS) expect(dockerRun(p, `${REGISTRY}/${repo}:1.2.3`)).toBe(MACHINE[p]);

    const post = await runPost(s, r);
    expect(post.code).toBe(0);
  });

  test('branch push: tagged with the branch; pull request: built, not pushed', async () => {
    const repo = uniqueRepo('branch');
    const r = await runMain(spec(events.pushFeature, repo));
    expect(r.code, r.stdout.slice(-3000)).toBe(0);
    expect(await tagList(repo)).toEqual(['feature-foo-bar']);
    expect(platformsOf(await manifest(repo, 'feature-foo-bar'))).toEqual([...PLATFORMS].sort());

    const prRepo = uniqueRepo('pr');
    const pr = await runMain(spec(events.pullRequest, prRepo));
    expect(pr.code, pr.stdout.slice(-3000)).toBe(0);
    expect(pr.stdout).toContain('buildx build');
    expect(await tagList(prRepo)).toEqual([]);
    expect(pr.outputs.version).toBe('pr-42');
    expect(pr.summary).toContain('not pushed on pull_request');
  });

  test('a password never appears in logs, outputs, summary or saved state; post logs out', async () => {
    const repo = uniqueRepo('login');
    const password = 'pw-9f8e7d6c5b4a-secret';
    const dockerConfig = isolatedDockerConfig();
    const s = spec(events.pushMain, repo, { registry: REGISTRY, username: 'ci-bot', password });
    s.extraEnv = { DOCKER_CONFIG: dockerConfig };
    const r = await runMain(s);
    expect(r.code, r.stdout.slice(-3000)).toBe(0);
    const post = await runPost(s, r);
    // the runner consumes ::add-mask:: commands (that is how it learns what to mask); nothing else may carry it
    expect(r.stdout.split('\n')[0]).toBe(`::add-mask::${password}`);
    const shown = r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    for (const text of [
      shown,
      r.stderr,
      r.summary,
      JSON.stringify(r.outputs),
      JSON.stringify(r.state),
      post.stdout,
      post.stderr,
    ]) {
      expect(text).not.toContain(password);
    }
    expect(readFileSync(join(dockerConfig, 'config.json'), 'utf8')).not.toContain(REGISTRY);
    expect(r.state.logins).toBe(JSON.stringify([REGISTRY]));
    expect(post.stdout).toContain(`logged out of ${REGISTRY}`);
  });
});
