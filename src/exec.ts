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

/**
 * What a process printed, kept up to `limit` bytes: the last ones (a failure's reason is at the end). Whatever a
 * build or a registry makes a command print, it cannot fill memory (#19).
 */
export class OutputTail {
  private chunks: Buffer[] = [];
  private size = 0;
  /** bytes dropped from the front */
  dropped = 0;

  constructor(private readonly limit: number) {}

  push(b: Buffer): void {
    this.chunks.push(b);
    this.size += b.length;
    while (this.size > this.limit) {
      const first = this.chunks[0];
      if (!first) break;
      const over = this.size - this.limit;
      if (first.length <= over) {
        this.chunks.shift();
        this.size -= first.length;
        this.dropped += first.length;
      } else {
        this.chunks[0] = first.subarray(over);
        this.size -= over;
        this.dropped += over;
      }
    }
  }

  text(): string {
    return Buffer.concat(this.chunks, this.size).toString('utf8');
  }
}

/** Captured per stream; a build's whole log is far below it, and it is streamed to the job log besides. */
const OUTPUT_LIMIT = 32 * 1024 * 1024;

/** `echoTo`: where streamed output goes (the command line keeps stdout for --json: it passes stderr). */
export function createRunner(echoTo?: Writable, limit = OUTPUT_LIMIT): Runner {
  return {
    async run(cmd, args, opts = {}) {
      const started = Date.now();
      const env = opts.env ? { ...(process.env as Record<string, string>), ...opts.env } : undefined;
      const out = new OutputTail(limit);
      const err = new OutputTail(limit);
      const code = await exec.exec(cmd, [...args], {
        ignoreReturnCode: true,
        silent: !opts.stream,
        listeners: {
          stdout: (b) => {
            out.push(b);
          },
          stderr: (b) => {
            err.push(b);
          },
        },
        ...(echoTo ? { outStream: echoTo, errStream: echoTo } : {}),
        ...(opts.input !== undefined ? { input: Buffer.from(opts.input) } : {}),
        ...(opts.cwd ? { cwd: opts.cwd } : {}),
        ...(env ? { env } : {}),
      });
      return { code, stdout: out.text(), stderr: err.text(), ms: Date.now() - started };
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
