/** Post step: undo what main set up (registry logins, a builder it created). Only ever warns. */
import * as core from '@actions/core';
import { messageOf } from './errors.js';
import { createRunner } from './exec.js';
import { cleanup } from './steps/cleanup.js';

export async function post(): Promise<void> {
  try {
    await cleanup(createRunner());
  } catch (err) {
    core.warning(`post: ${messageOf(err)}`);
  }
}
