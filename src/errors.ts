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

/**
 * What kind of thing failed, which decides everything said about it (exit code, `input-error`, the summary's
 * wording), never the message's text: `input` the workflow's inputs or repository set-up; `engine` docker, buildx,
 * BuildKit or QEMU; `registry` a registry's answer; `proof` what was built or pushed is not what it must be (read-back,
 * architecture proof); `test` a test command failed in a platform's image; `internal` a bug in Crossbuild.
 */
export type FailureKind = 'input' | 'engine' | 'registry' | 'proof' | 'test' | 'attest' | 'internal';

/** A failure as it travels from where it happened to the Result: the phase, its kind, one line and any detail. */
export interface Failure {
  phase: string;
  kind: FailureKind;
  message: string;
  detail: string[];
}

/** A step that failed; the message names the step and what to do. */
export class StepError extends Error {
  constructor(
    readonly step: string,
    detail: string,
    readonly kind: FailureKind,
  ) {
    super(`${step}: ${detail}`);
    this.name = 'StepError';
  }
}

/** The typed failure of anything thrown: its kind from its class, never from its text. */
export function failureOf(err: unknown, phase = ''): Failure {
  const [message = '', ...detail] = messageOf(err).split('\n');
  if (err instanceof InputError) return { phase: phase || err.input, kind: 'input', message, detail };
  if (err instanceof StepError) return { phase: phase || err.step, kind: err.kind, message, detail };
  return { phase, kind: 'internal', message, detail };
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
