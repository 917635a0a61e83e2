/**
 * Entry of the post step (action.yml `post:`), bundled on its own into dist/post/: logging out and removing a few
 * files does not load the whole action (measured on this machine: ~110 → ~70 ms for the step, see bench/fan-out.mjs).
 */
import { createRunner } from './exec.js';
import { post } from './post.js';
import { runnerIO } from './runner-io.js';

void post(
  runnerIO(process.env, (text) => process.stdout.write(text)),
  createRunner(),
);
