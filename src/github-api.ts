/** GitHub API facts (fallback when git cannot reach the remote). */
import * as github from '@actions/github';
import type { TagLister } from './git.js';

export function apiTagLister(token: string, owner: string, repo: string): TagLister | undefined {
  if (token === '' || owner === '' || repo === '') return undefined;
  return {
    async listTags() {
      const octokit = github.getOctokit(token);
      const tags = await octokit.paginate(octokit.rest.repos.listTags, { owner, repo, per_page: 100 });
      return tags.map((t) => t.name);
    },
  };
}
