/** The GitHub API calls (octokit over a recorded fetch): tags, a commit's date, the repository's facts. */
import { describe, expect, test } from 'vitest';
import { githubApi } from '../src/github-api.js';

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
