/** Entry for both `main` and `post` (action.yml points both here); a saved state flag tells them apart. */
import * as core from '@actions/core';
import { run } from './main.js';
import { post } from './post.js';
import { STATE } from './state.js';

// Static imports on purpose: ncc minifies only the entry file, and lazily loaded chunks measured no faster.
if (core.getState(STATE.isPost) === 'true') void post();
else void run();
