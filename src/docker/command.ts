/**
 * Running docker through the Runner and turning a non-zero exit into one error line that says whether a
 * retry may help. The full output stays on the error for a debug group.
 */
import { StepError } from '../errors.js';
import type { ExecOptions, ExecResult, Runner } from '../exec.js';
import { errorText, isTransientRegistryError, withRetry, type RetryPolicy } from '../retry.js';

export class CommandError extends StepError {
  constructor(
    step: string,
    detail: string,
    /** stderr + stdout of the failed command, for a debug group (never contains a secret: none goes into argv) */
    readonly output: string,
    readonly code: number,
  ) {
    super(step, detail, 'engine');
    this.name = 'CommandError';
  }
}

/** docker ARGS; throws CommandError(step, "`docker …` failed: <error line>") on a non-zero exit. */
export async function docker(
  runner: Runner,
  step: string,
  args: readonly string[],
  opts: ExecOptions = {},
): Promise<ExecResult> {
  const res = await runner.run('docker', args, opts);
  if (res.code !== 0) {
    // stderr last: the error is at the end, after any progress on stdout (docker push prints layers there)
    const output = `${res.stdout}\n${res.stderr}`;
    const line = errorText(res.stderr) || errorText(res.stdout) || `exit code ${res.code}`;
    throw new CommandError(step, `\`${commandName(args)}\` failed: ${oneLine(line)}`, output, res.code);
  }
  return res;
}

/** `docker buildx create`, `docker push img:1`: the words before the first flag, for error lines. */
export function commandName(args: readonly string[]): string {
  const i = args.findIndex((a) => a.startsWith('-'));
  return ['docker', ...(i < 0 ? args : args.slice(0, i))].join(' ');
}

function oneLine(text: string): string {
  return text.split('\n').join(' | ');
}

/** For withRetry: a CommandError whose output looks like a passing registry fault. */
function isTransientCommand(err: unknown, attempt: number): boolean {
  return err instanceof CommandError && isTransientRegistryError(err.output, attempt);
}

/** A registry-facing docker command, retried on transient failures under the action's retry policy. */
export function dockerWithRetry(
  runner: Runner,
  step: string,
  args: readonly string[],
  policy: RetryPolicy,
  opts: ExecOptions = {},
): Promise<ExecResult> {
  return withRetry(() => docker(runner, step, args, opts), { ...policy, isTransient: isTransientCommand });
}
