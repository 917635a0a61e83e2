/** Each phase in its own log group, timed for the summary. */
import * as core from '@actions/core';
import type { StepTiming } from '../summary.js';

export class Phases {
  readonly timings: StepTiming[] = [];

  async run<T>(name: string, fn: () => Promise<T>, note?: (r: T) => string | undefined): Promise<T> {
    return core.group(name, async () => {
      const started = Date.now();
      const r = await fn();
      const text = note?.(r);
      this.timings.push({ step: name, ms: Date.now() - started, ...(text ? { note: text } : {}) });
      return r;
    });
  }
}
