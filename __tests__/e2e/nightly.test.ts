/**
 * Issue 5: nightly builds without waste. The second scheduled run on the same commit finds the image whose
 * org.opencontainers.image.revision is this commit, builds nothing, and only adds its tags to that index.
 */
import { describe, expect, test } from 'vitest';
import { runMain, type RunSpec } from '../../scripts/local-runner.mjs';
import { events, SHA } from '../fixtures/events.js';
import { manifest, platformsOf, REGISTRY, tagList, uniqueRepo, workspace } from './registry.js';
import { skipReal } from '../docker/real-engine.js';

const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/s390x'];
const NIGHTLY = "type=schedule\ntype=schedule,pattern=nightly-{{date 'YYYYMMDD'}}\ntype=sha";

describe.skipIf(skipReal)('nightly with skip-unchanged', () => {
  test('second nightly on the same commit is a retag only; a new commit builds', async () => {
    const repo = uniqueRepo('nightly');
    const cwd = workspace({
      Dockerfile: `FROM ${REGISTRY}/fixtures/base:1\nRUN echo ${repo} > /id && uname -m > /arch\nCMD ["cat", "/arch"]\n`,
    });
    const run = (tags: string, e = events.schedule) => {
      const spec: RunSpec = {
        inputs: {
          images: `${REGISTRY}/${repo}`,
          platforms: PLATFORMS.join(','),
          tags,
          'skip-unchanged': 'true',
          cache: 'off',
        },
        github: e.env,
        event: e.payload,
        cwd,
      };
      return runMain(spec);
    };
    const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
    const short = `sha-${SHA.main.slice(0, 7)}`;

    const first = await run(NIGHTLY);
    expect(first.code, first.stdout.slice(-3000)).toBe(0);
    expect(first.outputs.retagged).toBe('false');
    expect(first.stdout).toContain('buildx build');
    expect(await tagList(repo)).toEqual([`nightly`, `nightly-${day}`, short].sort());
    const built = await manifest(repo, 'nightly');

    const second = await run(`${NIGHTLY}\ntype=raw,value=second-run`);
    expect(second.code, second.stdout.slice(-3000)).toBe(0);
    expect(second.outputs.retagged).toBe('true');
    expect(second.stdout).not.toContain('buildx build');
    expect(second.outputs.digest).toBe(built?.digest);
    expect(await tagList(repo)).toEqual([`nightly`, `nightly-${day}`, 'second-run', short].sort());
    expect((await manifest(repo, 'second-run'))?.digest).toBe(built?.digest);
    expect(platformsOf(await manifest(repo, 'second-run'))).toEqual([...PLATFORMS].sort());
    expect(second.summary).toContain('Crossbuild: unchanged, retagged');
    expect(second.summary).toMatch(/\| Retag \| [\d.]+ s \| unchanged, retagged: /);
    expect(second.ms).toBeLessThan(first.ms);
    console.log(`nightly: first run ${first.ms} ms (build), second run ${second.ms} ms (retag only)`);

    // another commit: its revision does not match, so it builds and moves nightly
    const next = { ...events.schedule, env: { ...events.schedule.env, GITHUB_SHA: SHA.feature } };
    const third = await run(NIGHTLY, next);
    expect(third.code, third.stdout.slice(-3000)).toBe(0);
    expect(third.outputs.retagged).toBe('false');
    expect(third.stdout).toContain('buildx build');
    expect((await manifest(repo, 'nightly'))?.digest).not.toBe(built?.digest);
  });
});
