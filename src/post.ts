/** Post step: undo what main set up (registry logins, a builder it created, its temporary files). Only ever warns. */
import { messageOf } from './errors.js';
import type { Runner } from './exec.js';
import type { PostIO } from './runner-io.js';
import { cleanup } from './steps/cleanup.js';

export async function post(io: PostIO, runner: Runner): Promise<void> {
  try {
    await cleanup(runner, io, (n) => io.state(n));
  } catch (err) {
    io.warning(`post: ${messageOf(err)}`);
  }
}
