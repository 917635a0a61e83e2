/** A problem the user fixes in the workflow file: one line naming the input and the fix. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    detail: string,
  ) {
    super(`${input}: ${detail}`);
    this.name = 'InputError';
  }
}

/** A step that failed; the message names the step and what to do. */
export class StepError extends Error {
  constructor(
    readonly step: string,
    detail: string,
  ) {
    super(`${step}: ${detail}`);
    this.name = 'StepError';
  }
}

export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The first line of a message: what an annotation or a one-line log shows. */
export function firstLine(message: string): string {
  return message.split('\n')[0] ?? '';
}
