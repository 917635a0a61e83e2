/**
 * Entry for both `main` and `post` (action.yml points both here); a saved state flag tells them apart.
 * Each is loaded only when it runs: the post step never pays for the tag engine, octokit or the pipeline.
 */
import * as core from '@actions/core';

if (core.getState('isPost') === 'true') void import('./post.js').then((m) => m.post());
else void import('./main.js').then((m) => m.main());
