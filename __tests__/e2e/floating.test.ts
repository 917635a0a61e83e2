/**
 * Issue 5: floating tags never move backwards. A local bare git remote holds the released tags; the action reads
 * them with `git ls-remote --tags origin`. Releasing v1.31.9 after v1.32.0 must leave `latest` and `1` on 1.32.0.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runMain, type RunSpec } from '../../scripts/local-runner.mjs';
import { tagPush } from '../fixtures/events.js';
import { manifest, REGISTRY, tagList, uniqueRepo } from './registry.js';
import { skipReal } from '../docker/real-engine.js';
import { tempDir } from '../../scripts/temp.mjs';

const SEMVER =
  'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

/** A bare "origin" and a checkout of it; each release is a commit with its tag pushed to origin. */
function repoWithOrigin(): { checkout: string; release(tag: string): string } {
  const root = tempDir('crossbuild-git-');
  const origin = join(root, 'origin.git');
  const checkout = join(root, 'work');
  execFileSync('git', ['init', '-q', '--bare', origin]);
  execFileSync('git', ['init', '-q', checkout]);
  git(checkout, 'remote', 'add', 'origin', origin);
  return {
    checkout,
    release(tag) {
      writeFileSync(
        join(checkout, 'Dockerfile'),
        `FROM ${REGISTRY}/fixtures/base:1\nRUN echo ${tag} > /version\nCMD ["cat", "/version"]\n`,
      );
      git(checkout, 'add', '-A');
      git(checkout, 'commit', '-q', '-m', `release ${tag}`);
      git(checkout, 'tag', tag);
      git(checkout, 'push', '-q', 'origin', 'HEAD:refs/heads/main', tag);
      return git(checkout, 'rev-parse', 'HEAD');
    },
  };
}

describe.skipIf(skipReal)('forward-only floating tags', () => {
  test('v1.32.0 then backport v1.31.9: latest and 1 stay on 1.32.0, 1.31 moves to 1.31.9', async () => {
    const repo = uniqueRepo('floating');
    const r = repoWithOrigin();
    r.release('v1.31.8');
    const build = async (tag: string) => {
      const sha = r.release(tag);
      const e = tagPush(tag, sha);
      const spec: RunSpec = {
        inputs: {
          images: `${REGISTRY}/${repo}`,
          platforms: 'linux/amd64,linux/arm64',
          tags: SEMVER,
          cache: 'off',
        },
        github: e.env,
        event: e.payload,
        cwd: r.checkout,
      };
      const res = await runMain(spec);
      expect(res.code, res.stdout.slice(-3000)).toBe(0);
      return res;
    };
    const digestOf = async (t: string) => (await manifest(repo, t))?.digest;

    await build('v1.32.0');
    const v132 = await digestOf('1.32.0');
    expect(await tagList(repo)).toEqual(['1', '1.32', '1.32.0', 'latest']);

    const backport = await build('v1.31.9');
    const v1319 = await digestOf('1.31.9');
    expect(v1319).not.toBe(v132);
    expect(await tagList(repo)).toEqual(['1', '1.31', '1.31.9', '1.32', '1.32.0', 'latest']);
    expect(await digestOf('latest')).toBe(v132);
    expect(await digestOf('1')).toBe(v132);
    expect(await digestOf('1.31')).toBe(v1319);
    expect(backport.outputs['tag-names']?.split('\n')).toEqual(['1.31.9', '1.31']);
    // the summary says what was withheld and why
    expect(backport.summary).toMatch(/\| `latest` \| withheld \| .*v1\.32\.0/);
    expect(backport.summary).toMatch(/\| `1` \| withheld \| .*v1\.32\.0/);
    expect(backport.summary).toMatch(/\| `1\.31` \| applied \|/);

    // the next release on the newest line moves them forward again
    await build('v1.32.1');
    const v1321 = await digestOf('1.32.1');
    expect(await digestOf('latest')).toBe(v1321);
    expect(await digestOf('1')).toBe(v1321);
    expect(await digestOf('1.32')).toBe(v1321);
    expect(await digestOf('1.31')).toBe(v1319);
  });
});
