/**
 * What the post step says to the runner, without @actions/core: importing core loads its HTTP client (undici, ~400 kB)
 * for OIDC tokens, and the post step only reads saved state and prints lines. The runner's workflow-command syntax:
 * saved state arrives as `STATE_<name>`; `::warning::` data has `%`, CR and LF percent-encoded.
 */
import type { Log } from './action-io.js';

export type PostIO = Pick<Log, 'info' | 'warning'> & { state(name: string): string };

const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

export function postIO(env: NodeJS.ProcessEnv, write: (line: string) => void): PostIO {
  return {
    info: (m) => {
      write(`${m}\n`);
    },
    warning: (m) => {
      write(`::warning::${escapeData(m)}\n`);
    },
    state: (n) => env[`STATE_${n}`] ?? '',
  };
}
