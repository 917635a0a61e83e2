/**
 * What comes from GitHub itself: the run's context, and through the API what git or the event cannot give (the tag
 * list without a remote, a commit's date, a schedule's repository facts).
 */
import type { RepoApi } from './git.js';

export function githubApi(
  token: string,
  owner: string,
  repo: string,
  fetch?: typeof globalThis.fetch,
): RepoApi | undefined {
  if (token === '' || owner === '' || repo === '') return undefined;
  const octokit = async () =>
    (await import('@actions/github')).getOctokit(token, fetch ? { request: { fetch } } : {});
  return {
    async listTags() {
      const o = await octokit();
      const tags = await o.paginate(o.rest.repos.listTags, { owner, repo, per_page: 100 });
      return tags.map((t) => t.name);
    },
    async commitDate(sha) {
      const c = await (await octokit()).rest.repos.getCommit({ owner, repo, ref: sha });
      const d = c.data.commit.committer?.date;
      return d ? new Date(d) : undefined;
    },
    async repository() {
      const r = (await (await octokit()).rest.repos.get({ owner, repo })).data;
      return {
        description: r.description ?? '',
        license: r.license?.spdx_id && r.license.spdx_id !== 'NOASSERTION' ? r.license.spdx_id : '',
        htmlUrl: r.html_url,
        defaultBranch: r.default_branch,
      };
    },
  };
}
