/**
 * The one way this action starts a process: argument arrays (never a shell), output captured,
 * optional streaming to the log, stdin for secrets. Everything docker/buildx/git goes through a Runner,
 * so higher layers are tested with a fake Runner and this wrapper against the real engine.
 */
import * as exec from '@actions/exec';
import type { Writable } from 'node:stream';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
  /** wall time in milliseconds */
  ms: number;
}

export interface ExecOptions {
  /** written to the process's stdin (how credentials reach docker) */
  input?: string;
  cwd?: string;
  env?: Record<string, string>;
  /** echo output live to the job log (long builds); otherwise captured silently */
  stream?: boolean;
}

export interface Runner {
  /** Runs cmd with args; resolves with the exit code (never throws on a non-zero exit). */
  run(cmd: string, args: readonly string[], opts?: ExecOptions): Promise<ExecResult>;
}

/** Command line as shown in logs and dry-run plans, quoted so it can be pasted into a shell. */
export function shellQuote(args: readonly string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** `echoTo`: where streamed output goes (the command line keeps stdout for --json: it passes stderr). */
export function createRunner(echoTo?: Writable): Runner {
  return {
    async run(cmd, args, opts = {}) {
      const started = Date.now();
      const env = opts.env ? { ...(process.env as Record<string, string>), ...opts.env } : undefined;
      const res = await exec.getExecOutput(cmd, [...args], {
        ignoreReturnCode: true,
        silent: !opts.stream,
        ...(echoTo ? { outStream: echoTo, errStream: echoTo } : {}),
        ...(opts.input !== undefined ? { input: Buffer.from(opts.input) } : {}),
        ...(opts.cwd ? { cwd: opts.cwd } : {}),
        ...(env ? { env } : {}),
      });
      return { code: res.exitCode, stdout: res.stdout, stderr: res.stderr, ms: Date.now() - started };
    },
  };
}

/** A failed command's last meaningful stderr line, for one-line error messages. */
export function lastLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return lines[lines.length - 1] ?? '';
}
