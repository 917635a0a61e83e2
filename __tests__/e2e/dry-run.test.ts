/**
 * Issue 2 acceptance: the bundled dist/index.js, run as the runner runs it with dry-run: true, writes the expected
 * outputs and summary for a tag push, a branch push, a pull request and a schedule — and touches no docker.
 */
import { describe, expect, test } from 'vitest';
import { runMain, runPost, type RunSpec } from '../../scripts/local-runner.mjs';
import { events, type EventFixture } from '../fixtures/events.js';

const IMAGE = 'ghcr.io/acme/widget';

function spec(e: EventFixture, inputs: Record<string, string>): RunSpec {
  return {
    inputs: { images: IMAGE, 'dry-run': 'true', 'floating-tags': 'always', ...inputs },
    github: e.env,
    event: e.payload,
    // PATH without docker: a dry run must not need it
    extraEnv: { PATH: '/usr/bin:/bin', DOCKER_HOST: 'unix:///nonexistent.sock' },
  };
}

describe('dry run through dist/index.js', () => {
  test.each([
    {
      name: 'tag push v1.2.3 with semver rules',
      e: events.tagStable,
      tags: 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}',
      version: '1.2.3',
      names: () => ['1.2.3', '1.2', '1', 'latest'],
    },
    {
      name: 'push to main, default rules',
      e: events.pushMain,
      tags: '',
      version: 'main',
      names: () => ['main'],
    },
    {
      name: 'push to feature/foo-bar, default rules',
      e: events.pushFeature,
      tags: '',
      version: 'feature-foo-bar',
      names: () => ['feature-foo-bar'],
    },
    {
      name: 'pull request #42, default rules',
      e: events.pullRequest,
      tags: '',
      version: 'pr-42',
      names: () => ['pr-42'],
    },
    {
      name: "schedule, default rules (metadata-action's: nightly and the branch)",
      e: events.schedule,
      tags: '',
      version: 'nightly',
      names: () => ['nightly', 'main'],
    },
  ])('$name', async ({ e, tags, version, names }) => {
    const r = await runMain(spec(e, { tags }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs.version).toBe(version);
    expect(r.outputs['tag-names']?.split('\n')).toEqual(names());
    expect(r.outputs.tags?.split('\n')).toEqual(names().map((t) => `${IMAGE}:${t}`));
    const json = JSON.parse(r.outputs.json ?? '{}') as { tags: string[]; labels: Record<string, string> };
    expect(json.tags).toEqual(names().map((t) => `${IMAGE}:${t}`));
    expect(json.labels['org.opencontainers.image.revision']).toBe(e.env.GITHUB_SHA);
    expect(r.outputs.labels).toContain(`org.opencontainers.image.version=${version}`);
    expect(r.outputs.annotations).toContain(`manifest:org.opencontainers.image.version=${version}`);
    // summary: the plan and the exact buildx command
    expect(r.summary).toContain('Crossbuild plan (dry run)');
    expect(r.summary).toContain(`version **${version}**`);
    expect(r.summary).toMatch(
      /docker buildx build --progress plain --builder default --platform linux\/amd64,linux\/arm64 /,
    );
    for (const t of names()) expect(r.summary).toContain(`\`${t}\``);
    // a dry run starts no process and saves nothing for the post step
    expect(r.state).toEqual({});
    const post = await runPost(spec(e, { tags }), r);
    expect(post.code).toBe(0);
    expect(post.stdout).not.toMatch(/logged out|removed builder/);
  });

  test('the tag-push plan lists everything in order: login, build, push by digest, fixed tags, floating tags', async () => {
    const r = await runMain(
      spec(events.tagStable, {
        tags: 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}',
        registry: 'ghcr.io',
        username: 'octocat',
        password: 'not-a-real-token',
      }),
    );
    expect(r.code).toBe(0);
    const commands = r.summary.split('```sh\n')[1]?.split('```')[0]?.trim().split('\n') ?? [];
    expect(commands.map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual([
      'docker login ghcr.io',
      'docker buildx build',
      '# registry: read',
      '# registry: tag',
      '# registry: tag',
      '# registry: remove',
    ]);
    expect(commands[0]).toBe('docker login ghcr.io --username octocat --password-stdin');
    // BuildKit pushes under a staging tag (the docker driver), dockerd keeping no copy; the action reads it back, tags
    // it, removes the staging tag
    expect(commands[1]).toMatch(
      /--output type=image,name=ghcr\.io\/acme\/widget:crossbuild-push-[0-9a-f]{12},push=true,store=false /,
    );
    expect(commands.slice(3, 5)).toEqual([
      '# registry: tag ghcr.io/acme/widget:1.2.3 → sha256:<index digest>',
      '# registry: tag ghcr.io/acme/widget:1.2 ghcr.io/acme/widget:latest → sha256:<index digest>',
    ]);
    expect(r.stdout).not.toMatch(/^(?!::add-mask::).*not-a-real-token/m);
  });

  test('the pull request plan says it will not push', async () => {
    const r = await runMain(spec(events.pullRequest, {}));
    expect(r.summary).toContain('push: auto — not pushed on pull_request');
    // the only command is the build: no push, no tag copy, no push-by-digest output
    const commands = r.summary.split('```sh\n')[1]?.split('```')[0]?.trim().split('\n') ?? [];
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatch(/^docker buildx build /);
    expect(commands[0]).not.toMatch(/push=true|--push/);
  });

  test('a bad input fails with one line naming it', async () => {
    const r = await runMain(spec(events.tagStable, { platforms: 'linux/amd64,arm' }));
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(errors).toEqual([
      '::error::platforms: "linux/amd64,arm" — "arm" is not os/arch[/variant]; did you mean linux/arm/v7?',
    ]);
  });
});
