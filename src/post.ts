/** Post step: undo what main set up (registry logins, a builder it created, its temporary files). Only ever warns. */
import type { ActionIO } from './action-io.js';
import { messageOf } from './errors.js';
import type { Runner } from './exec.js';
import { cleanup } from './steps/cleanup.js';

export async function post(io: ActionIO, runner: Runner): Promise<void> {
  try {
    await cleanup(runner, io, (n) => io.state(n));
  } catch (err) {
    io.warning(`post: ${messageOf(err)}`);
  }
}
