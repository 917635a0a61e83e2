/**
 * Entry of the `main` step (the post step has its own small one, post-entry.ts). The only place that wires the
 * runner's real pieces: @actions/core behind ActionIO, @actions/github for the context.
 */
import { coreIO } from './action-io.js';
import { createRunner } from './exec.js';
import { githubApi, githubContext } from './github-api.js';
import { hostPlatform, run } from './main.js';

// Static imports on purpose: ncc minifies only the entry file, and lazily loaded chunks measured no faster.
void run({
  io: coreIO(),
  runner: createRunner(),
  context: githubContext,
  repoApi: (s, ctx) => githubApi(s['github-token'], ctx.repo.owner, ctx.repo.name),
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
  hostPlatform: hostPlatform(process.arch),
});
