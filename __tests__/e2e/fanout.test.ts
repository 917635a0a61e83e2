/**
 * Issue 12 acceptance, end to end: two Docker engines on this machine (separate sockets, data roots, exec roots
 * and containerd; scripts/second-engine.sh) play two runners, each running the bundled action in `mode: build`
 * for its platform against one registry; a third run merges. Assertions are on what the registry holds.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, runMain, type RunResult } from '../../scripts/local-runner.mjs';
import { SHA, tagPush } from '../fixtures/events.js';
import { dockerRun, manifest, platformsOf, REGISTRY, tagList, uniqueRepo, workspace } from './registry.js';
import { skipReal } from '../docker/real-engine.js';

const DOCKERFILE = `FROM ${REGISTRY}/fixtures/base:1
RUN uname -m > /arch
CMD ["cat", "/arch"]
`;

let engine2 = '';
const cwd = workspace({ Dockerfile: DOCKERFILE });

interface Job {
  mode: 'build' | 'merge';
  platforms: string;
  /** the second engine plays the arm64 runner */
  engine?: 1 | 2;
  sha?: string;
  runId: string;
  attempt?: number;
}

function runJob(repo: string, j: Job): Promise<RunResult> {
  const e = tagPush('v2.4.1', j.sha ?? SHA.tagStable);
  return runMain({
    inputs: {
      images: `${REGISTRY}/${repo}`,
      platforms: j.platforms,
      mode: j.mode,
      tags: 'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}',
      'floating-tags': 'always',
      'retry-wait': '1',
      cache: 'off',
    },
    github: {
      ...e.env,
      GITHUB_RUN_ID: j.runId,
      GITHUB_RUN_ATTEMPT: String(j.attempt ?? 1),
      GITHUB_JOB: j.mode,
      RUNNER_NAME: `engine-${j.engine ?? 1}`,
    },
    event: e.payload,
    cwd,
    extraEnv: j.engine === 2 ? { DOCKER_HOST: engine2 } : {},
  });
}

const failed = (r: RunResult) => /::error::(.*)/.exec(r.stdout)?.[1] ?? '';
const imageTags = async (repo: string) =>
  (await tagList(repo)).filter((t) => !t.startsWith('crossbuild-stage-'));
const runId = () => String(Date.now() % 1e9);

describe.skipIf(skipReal)('fan-out across two engines, merged through the registry', () => {
  beforeAll(() => {
    engine2 = execFileSync('bash', [join(ROOT, 'scripts/second-engine.sh')], { encoding: 'utf8' }).trim();
  });
  // the second engine is this file's own: it stops with it, also when a test failed
  afterAll(() => {
    execFileSync('bash', [join(ROOT, 'scripts/second-engine.sh'), 'stop'], { stdio: 'inherit' });
  });

  test('amd64 on engine 1, arm64 on engine 2, merge: one index, both platforms, every tag, each binary its arch', async () => {
    const repo = uniqueRepo('fanout');
    const run = runId();
    const [a, b] = await Promise.all([
      runJob(repo, { mode: 'build', platforms: 'linux/amd64', runId: run }),
      runJob(repo, { mode: 'build', platforms: 'linux/arm64', engine: 2, runId: run }),
    ]);
    expect(failed(a), a.stdout).toBe('');
    expect(failed(b), b.stdout).toBe('');
    // the build jobs tagged nothing but their staging references
    expect(await imageTags(repo)).toEqual([]);
    expect((await tagList(repo)).length).toBe(2);
    expect(b.stdout).toContain('staged linux/arm64');

    const m = await runJob(repo, { mode: 'merge', platforms: 'linux/amd64,linux/arm64', runId: run });
    expect(failed(m), m.stdout).toBe('');
    expect(await imageTags(repo)).toEqual(['2', '2.4', '2.4.1', 'latest']);
    // the staging references are gone (the local registry deletes by digest)
    expect(await tagList(repo)).toEqual(['2', '2.4', '2.4.1', 'latest']);
    const index = await manifest(repo, '2.4.1');
    expect(index?.digest).toBe(m.outputs.digest);
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm64']);
    for (const t of ['2', '2.4', 'latest']) expect((await manifest(repo, t))?.digest).toBe(index?.digest);
    expect(dockerRun('linux/amd64', `${REGISTRY}/${repo}:2.4.1`)).toBe('x86_64');
    expect(dockerRun('linux/arm64', `${REGISTRY}/${repo}:2.4.1`)).toBe('aarch64');
    expect(m.summary).toContain('| build on engine-2 |');
    console.log(`fan-out e2e: build jobs ${a.ms} ms / ${b.ms} ms in parallel, merge ${m.ms} ms`);
  });

  test('a platform whose build job never ran: the merge fails naming it, no tag', async () => {
    const repo = uniqueRepo('fanout-missing');
    const run = runId();
    const a = await runJob(repo, { mode: 'build', platforms: 'linux/amd64', runId: run });
    expect(failed(a)).toBe('');
    const m = await runJob(repo, { mode: 'merge', platforms: 'linux/amd64,linux/arm64', runId: run });
    expect(m.code).not.toBe(0);
    expect(failed(m)).toMatch(/^merge: cannot merge linux\/arm64; no tag moved/);
    expect(m.summary).toContain('linux/arm64: no build job of run');
    expect(await imageTags(repo)).toEqual([]);
  });

  test('a platform built from another commit fails; after a re-run of that job the merge succeeds', async () => {
    const repo = uniqueRepo('fanout-rerun');
    const run = runId();
    await runJob(repo, { mode: 'build', platforms: 'linux/amd64', runId: run });
    const other = await runJob(repo, {
      mode: 'build',
      platforms: 'linux/arm64',
      engine: 2,
      sha: SHA.main,
      runId: run,
    });
    expect(failed(other)).toBe('');
    const m1 = await runJob(repo, { mode: 'merge', platforms: 'linux/amd64,linux/arm64', runId: run });
    expect(failed(m1)).toMatch(/^merge: cannot merge linux\/arm64/);
    expect(m1.summary).toContain(`linux/arm64: staged from commit ${SHA.main.slice(0, 12)}`);
    expect(await imageTags(repo)).toEqual([]);

    // "re-run failed jobs": the arm64 job again, same run, next attempt, right commit
    const again = await runJob(repo, {
      mode: 'build',
      platforms: 'linux/arm64',
      engine: 2,
      runId: run,
      attempt: 2,
    });
    expect(failed(again)).toBe('');
    const m2 = await runJob(repo, { mode: 'merge', platforms: 'linux/amd64,linux/arm64', runId: run });
    expect(failed(m2), m2.stdout).toBe('');
    expect(platformsOf(await manifest(repo, '2.4.1'))).toEqual(['linux/amd64', 'linux/arm64']);
    expect(m2.summary).toContain('build on engine-2 (attempt 2)');
  });
});
