/** Each phase in its own log group, timed for the summary — the one that failed too. */
import type { Log } from '../action-io.js';
import type { StepTiming } from '../result.js';

export class Phases {
  readonly timings: StepTiming[] = [];
  private readonly started: number;

  constructor(
    private readonly log: Log,
    private readonly clock: () => number = Date.now,
  ) {
    this.started = clock();
  }

  /** Milliseconds since the run began (a build job's duration, for the merge job's summary). */
  elapsed(): number {
    return this.clock() - this.started;
  }

  async run<T>(name: string, fn: () => Promise<T>, note?: (r: T) => string | undefined): Promise<T> {
    return this.log.group(name, async () => {
      const started = this.clock();
      let text: string | undefined = 'failed';
      try {
        const r = await fn();
        text = note?.(r);
        return r;
      } finally {
        this.timings.push({ step: name, ms: this.clock() - started, ...(text ? { note: text } : {}) });
      }
    });
  }
}
