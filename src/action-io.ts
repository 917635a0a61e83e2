/**
 * Everything the action says to the runner, behind one small interface: logs and annotations, inputs,
 * outputs, saved state, the job summary, the failure. `runnerIO` (runner-io.ts) is the real one; tests
 * pass a recorder (__tests__/fixtures/io.ts), so main and the job run without a runner.
 */
export interface Annotation {
  title?: string;
  file?: string;
  startLine?: number;
}

/** What steps may print. */
export interface Log {
  info(message: string): void;
  warning(message: string, where?: Annotation): void;
  notice(message: string): void;
  /** a collapsible log group around `fn` */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

export interface ActionIO extends Log {
  input(name: string): string;
  /** registers a value with the runner's masker before anything could print it */
  setSecret(value: string): void;
  setOutput(name: string, value: string): void;
  /** an environment variable for the job's later steps */
  exportVariable(name: string, value: string): void;
  saveState(name: string, value: string): void;
  state(name: string): string;
  /** appends markdown to the job summary */
  summary(markdown: string): Promise<void>;
  setFailed(message: string): void;
}
