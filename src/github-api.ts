/**
 * What comes from GitHub itself: the run's context, and through the API what git or the event cannot give (the tag
 * list without a remote, a commit's date, a schedule's repository facts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { toRunContext, type RunContext } from './context.js';
import type { RepoApi } from './git.js';
import { objectOf, stringOf, type Json } from './json.js';

/**
 * The run's context from the runner's environment, read as @actions/github's `context` reads it (the event payload
 * from GITHUB_EVENT_PATH, the repository from GITHUB_REPOSITORY, else from the payload); __tests__/github-api.test.ts
 * compares the two. Not imported from @actions/github: its entry loads octokit and an HTTP client (~150 ms unbundled)
 * that only the API calls below need.
 */
export function githubContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const path = env.GITHUB_EVENT_PATH ?? '';
  let payload: Json = {};
  if (path !== '' && existsSync(path)) payload = objectOf(JSON.parse(readFileSync(path, 'utf8')) as unknown);
  else if (path !== '') process.stdout.write(`GITHUB_EVENT_PATH ${path} does not exist\n`);
  const repository = objectOf(payload.repository);
  const slug = env.GITHUB_REPOSITORY ?? '';
  if (slug === '' && Object.keys(repository).length === 0)
    throw new Error("GITHUB_REPOSITORY is not set: give the repository as 'owner/repo'");
  const [owner = '', repo = ''] = slug !== '' ? slug.split('/') : [];
  return toRunContext({
    payload,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    runNumber: parseInt(env.GITHUB_RUN_NUMBER ?? '', 10),
    runId: parseInt(env.GITHUB_RUN_ID ?? '', 10),
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    repo:
      slug !== ''
        ? { owner, repo }
        : { owner: stringOf(objectOf(repository.owner).login), repo: stringOf(repository.name) },
  });
}

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
