/** What comes from GitHub itself: the run's context, and the tag list through the API (when git cannot reach the remote). */
import * as github from '@actions/github';
import { toRunContext, type RunContext } from './context.js';
import type { TagLister } from './git.js';

export function githubContext(): RunContext {
  return toRunContext(github.context);
}

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
