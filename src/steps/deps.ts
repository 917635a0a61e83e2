/** What every step is given: the process runner, the log, the retry policy, saved state. Nothing else. */
import type { Log } from '../action-io.js';
import type { Runner } from '../exec.js';
import type { RetryPolicy } from '../retry.js';
import type { StateStore } from '../state.js';

export interface StepDeps {
  runner: Runner;
  log: Log;
  policy: RetryPolicy;
  state: StateStore;
  /** RUNNER_TEMP: where the run's files go (listed in state; the post step removes them) */
  tempDir: string;
}
