/**
 * Entry of the `main` step (the post step has its own small one, post-entry.ts). The only place that wires the
 * runner's real pieces: the runner's protocol behind ActionIO (runner-io.ts), the context from the runner's
 * environment, the GitHub API.
 */
import { engineApi } from './docker/engine-api.js';
import { createRunner } from './exec.js';
import { githubFromEnv } from './context.js';
import { githubApi } from './github-api.js';
import { readEventPayload } from './github-event.js';
import { hostPlatform, run } from './main.js';
import { runnerIO } from './runner-io.js';

// Static imports on purpose: ncc minifies only the entry file, and lazily loaded chunks measured no faster.
void run({
  io: runnerIO(process.env, (text) => process.stdout.write(text)),
  runner: createRunner(),
  context: () => githubFromEnv(process.env, readEventPayload(process.env)),
  repoApi: (s, ctx) => githubApi(s['github-token'], ctx.repo.owner, ctx.repo.name),
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
  hostPlatform: hostPlatform(process.arch),
  engine: () => engineApi(process.env),
});
