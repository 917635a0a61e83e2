/** Registry logins run: `docker login … --password-stdin` (the password on stdin only) and, in the post step, logout. */
import { StepError } from '../errors.js';
import type { Runner } from '../exec.js';
import { loginArgs, type Login } from '../logins.js';
import { errorText, type RetryPolicy } from '../retry.js';
import { CommandError, dockerWithRetry } from './command.js';

export async function login(runner: Runner, l: Login, policy: RetryPolicy): Promise<void> {
  try {
    await dockerWithRetry(runner, 'login', loginArgs(l), policy, { input: l.password });
  } catch (err) {
    if (!(err instanceof CommandError)) throw err;
    const why = errorText(err.output).split(l.password).join('***');
    throw new StepError(
      'login',
      `${l.registry || 'Docker Hub'} as ${l.username}: ${why}; check the username and token`,
      'registry',
    );
  }
}

/** Post step; failure is only a warning there. */
export async function logout(runner: Runner, registry: string): Promise<string | undefined> {
  const res = await runner.run('docker', ['logout', ...(registry ? [registry] : [])]);
  return res.code === 0
    ? undefined
    : `docker logout ${registry || 'Docker Hub'} failed: ${res.stderr.trim()}`;
}
