/**
 * Entry for both `main` and `post` (action.yml points both here); a saved state flag tells them apart. The only
 * place that wires the runner's real pieces: @actions/core behind ActionIO, @actions/github for the context.
 */
import * as core from '@actions/core';
import { coreIO } from './action-io.js';
import { createRunner } from './exec.js';
import { githubApi, githubContext } from './github-api.js';
import { hostPlatform, run } from './main.js';
import { post } from './post.js';
import { STATE } from './state.js';

// Static imports on purpose: ncc minifies only the entry file, and lazily loaded chunks measured no faster.
if (core.getState(STATE.isPost) === 'true') void post(coreIO(), createRunner());
else
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
