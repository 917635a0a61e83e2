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

/**
 * Text from outside (a registry's error body, a platform string from its JSON) made safe for one log line: the first
 * line only, control characters as spaces, at most `max` characters. A registry cannot start a new line, so it
 * cannot issue a runner command (`::warning::…`) through an error message.
 */
export function foreignText(text: string, max = 200): string {
  const line = firstLine(text.replace(/\r\n?/g, '\n').trim())
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** The first line of a message: what an annotation or a one-line log shows. */
export function firstLine(message: string): string {
  return message.split('\n')[0] ?? '';
}
