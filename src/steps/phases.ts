/** Each phase in its own log group, timed for the summary — the one that failed too. */
import type { Log } from '../action-io.js';
import type { StepTiming } from '../result.js';

export class Phases {
  readonly timings: StepTiming[] = [];
  private failed: { err: unknown; phase: string } | undefined;
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

  /** The phase `err` came out of; undefined for an error thrown outside every phase. */
  phaseOf(err: unknown): string | undefined {
    const f = this.failed;
    return f && f.err === err ? f.phase : undefined;
  }

  async run<T>(name: string, fn: () => Promise<T>, note?: (r: T) => string | undefined): Promise<T> {
    return this.log.group(name, async () => {
      const started = this.clock();
      let text: string | undefined = 'failed';
      try {
        const r = await fn();
        text = note?.(r);
        // the outcome closes the group: a phase that printed nothing (the engine probe) is never an empty group
        if (text) this.log.info(text);
        return r;
      } catch (err) {
        // the innermost phase sees an error first; an outer phase passing it on keeps that name
        if (this.failed?.err !== err) this.failed = { err, phase: name };
        throw err;
      } finally {
        this.timings.push({
          step: name,
          at: started - this.started,
          ms: this.clock() - started,
          ...(text ? { note: text } : {}),
        });
      }
    });
  }
}
