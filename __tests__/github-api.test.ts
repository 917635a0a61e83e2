/**
 * The GitHub API calls (octokit over a recorded fetch): tags, a commit's date, the repository's facts; and the run's
 * context read from the environment as @actions/github reads it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { githubFromEnv, toRunContext } from '../src/context.js';
import { githubApi } from '../src/github-api.js';
import { readEventPayload } from '../src/github-event.js';
import { tempDir } from '../scripts/temp.mjs';

function fakeGitHub(routes: Record<string, unknown>) {
  const seen: string[] = [];
  const fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    seen.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    const body = routes[url.pathname];
    return Promise.resolve(
      body === undefined
        ? Response.json({ message: 'Not Found' }, { status: 404 })
        : Response.json(body, { headers: { 'content-type': 'application/json' } }),
    );
  };
  return { fetch, seen };
}

describe('githubApi', () => {
  test('no token, no API', () => {
    expect(githubApi('', 'acme', 'widget')).toBeUndefined();
  });

  test('tags, a commit date and the repository', async () => {
    const gh = fakeGitHub({
      '/repos/acme/widget/tags': [{ name: 'v1.0.0' }, { name: 'v1.1.0' }],
      '/repos/acme/widget/commits/abc123': { commit: { committer: { date: '2025-04-29T06:00:00Z' } } },
      '/repos/acme/widget': {
        description: 'A widget',
        license: { spdx_id: 'NOASSERTION' },
        html_url: 'https://github.com/acme/widget',
        default_branch: 'main',
      },
    });
    const api = githubApi('t0ken', 'acme', 'widget', gh.fetch);
    expect(await api?.listTags()).toEqual(['v1.0.0', 'v1.1.0']);
    expect((await api?.commitDate('abc123'))?.toISOString()).toBe('2025-04-29T06:00:00.000Z');
    expect(await api?.repository()).toEqual({
      description: 'A widget',
      license: '',
      htmlUrl: 'https://github.com/acme/widget',
      defaultBranch: 'main',
    });
    expect(gh.seen).toContain('GET /repos/acme/widget/commits/abc123');
  });

  test('a commit without a committer date', async () => {
    const gh = fakeGitHub({ '/repos/acme/widget/commits/abc': { commit: {} } });
    expect(await githubApi('t', 'acme', 'widget', gh.fetch)?.commitDate('abc')).toBeUndefined();
  });
});

describe('githubFromEnv reads the environment as @actions/github does', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });
  const tagPush = {
    ref: 'refs/tags/v1.2.3',
    head_commit: { id: 'abc', timestamp: '2026-11-30T10:00:00Z' },
    repository: {
      name: 'widget',
      owner: { login: 'acme' },
      default_branch: 'main',
      license: { spdx_id: 'MIT' },
    },
  };
  const pr = {
    number: 7,
    pull_request: {
      number: 7,
      head: { ref: 'fix', sha: 'def', repo: { full_name: 'fork/widget' } },
      base: { ref: 'main', repo: { full_name: 'acme/widget' } },
    },
    repository: { name: 'widget', owner: { login: 'acme' } },
  };
  const run = { GITHUB_SHA: 'abc', GITHUB_RUN_ID: '42', GITHUB_RUN_NUMBER: '7', GITHUB_ACTOR: 'me' };
  test.each([
    [
      'a tag push',
      { ...run, GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_REPOSITORY: 'acme/widget' },
      tagPush,
    ],
    [
      'a pull request from a fork',
      { ...run, GITHUB_EVENT_NAME: 'pull_request', GITHUB_REPOSITORY: 'acme/widget' },
      pr,
    ],
    [
      'the repository from the payload only',
      { ...run, GITHUB_EVENT_NAME: 'push', GITHUB_SERVER_URL: 'https://ghe.example' },
      tagPush,
    ],
    [
      'no event file, no run numbers',
      { GITHUB_EVENT_NAME: 'workflow_dispatch', GITHUB_REPOSITORY: 'acme/widget' },
      undefined,
    ],
  ])('%s', async (_, env: Record<string, string>, payload) => {
    const dir = tempDir('crossbuild-ctx-');
    for (const k of Object.keys(process.env))
      if (k.startsWith('GITHUB_')) Reflect.deleteProperty(process.env, k);
    Object.assign(process.env, env);
    if (payload) {
      writeFileSync(join(dir, 'event.json'), JSON.stringify(payload));
      process.env.GITHUB_EVENT_PATH = join(dir, 'event.json');
    }
    // a fresh Context: the package's own instance was made when it was first imported, from that environment
    const { context } = await import('@actions/github');
    const theirs = toRunContext(new (context.constructor as new () => typeof context)());
    const ours = githubFromEnv(process.env, readEventPayload(process.env));
    // where a variable is unset the library has undefined (typed string) and NaN; ours has '' and 0
    const fields = theirs as unknown as Record<string, unknown>;
    for (const k of ['eventName', 'ref', 'sha', 'actor', 'workflow']) fields[k] ??= '';
    for (const k of ['runId', 'runNumber']) if (Number.isNaN(fields[k])) fields[k] = 0;
    expect(ours).toEqual(theirs);
    expect(ours.repo.fullName).toBe('acme/widget');
  });
  test('an event file that is not JSON: one line naming the variable', () => {
    const dir = tempDir('crossbuild-ctx-');
    writeFileSync(join(dir, 'event.json'), '{"ref": ');
    expect(() => readEventPayload({ GITHUB_EVENT_PATH: join(dir, 'event.json') })).toThrow(
      /^GITHUB_EVENT_PATH: cannot read the event file .*event\.json/,
    );
    expect(readEventPayload({ GITHUB_EVENT_PATH: join(dir, 'none.json') })).toEqual({});
  });
  test('no repository anywhere: one line naming the variable', () => {
    expect(() => githubFromEnv({ GITHUB_EVENT_NAME: 'push' }, {})).toThrow(/^GITHUB_REPOSITORY is not set/);
  });
});
