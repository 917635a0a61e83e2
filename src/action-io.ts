/**
 * Everything the action says to the runner, behind one small interface: logs and annotations, inputs,
 * outputs, saved state, the job summary, the failure. `coreIO` is the real one (@actions/core); tests
 * pass a recorder (__tests__/fixtures/io.ts), so main and the job run without a runner.
 */
import * as core from '@actions/core';

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

/** Inputs taken as written: metadata-action's separators may be a space or a newline. */
const UNTRIMMED = new Set(['sep-tags', 'sep-labels', 'sep-annotations']);

export function coreIO(): ActionIO {
  return {
    info: (m) => {
      core.info(m);
    },
    warning: (m, where) => {
      core.warning(m, where);
    },
    notice: (m) => {
      core.notice(m);
    },
    group: (name, fn) => core.group(name, fn),
    input: (n) => core.getInput(n, { trimWhitespace: !UNTRIMMED.has(n) }),
    setSecret: (v) => {
      core.setSecret(v);
    },
    setOutput: (n, v) => {
      core.setOutput(n, v);
    },
    exportVariable: (n, v) => {
      core.exportVariable(n, v);
    },
    saveState: (n, v) => {
      core.saveState(n, v);
    },
    state: (n) => core.getState(n),
    summary: async (md) => {
      await core.summary.addRaw(md).write();
    },
    setFailed: (m) => {
      core.setFailed(m);
    },
  };
}
