/** Each phase in its own log group, timed for the summary — the one that failed too. */
import * as core from '@actions/core';
import type { StepTiming } from '../summary.js';

export class Phases {
  readonly timings: StepTiming[] = [];

  async run<T>(name: string, fn: () => Promise<T>, note?: (r: T) => string | undefined): Promise<T> {
    return core.group(name, async () => {
      const started = Date.now();
      let text: string | undefined = 'failed';
      try {
        const r = await fn();
        text = note?.(r);
        return r;
      } finally {
        this.timings.push({ step: name, ms: Date.now() - started, ...(text ? { note: text } : {}) });
      }
    });
  }
}

/** The job summary is a report, never a reason to fail the run (or to hide the real error). */
export async function writeSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown).write();
  } catch (err) {
    core.warning(`job summary not written: ${err instanceof Error ? err.message : String(err)}`);
  }
}
