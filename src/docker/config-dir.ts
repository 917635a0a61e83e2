/** docker's configuration directory, as the CLI finds it: DOCKER_CONFIG, else ~/.docker (config.json, cli-plugins/). */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || join(homedir(), '.docker');
}
