/**
 * docker's configuration, as the CLI finds it: the directory is DOCKER_CONFIG, else ~/.docker (config.json,
 * cli-plugins/); config.json read by one reader for the credentials (registry/auth.ts) and the engine's endpoint and
 * plugins (engine-api.ts).
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isObject, parseJsonQuiet, type Json } from '../json.js';

export function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || join(homedir(), '.docker');
}

/** config.json as an object: {} when there is none, it cannot be read, or it is not a JSON object. */
export function readDockerConfig(env: NodeJS.ProcessEnv): Json {
  let text: string;
  try {
    text = readFileSync(join(dockerConfigDir(env), 'config.json'), 'utf8');
  } catch {
    return {};
  }
  const doc = parseJsonQuiet(text);
  return isObject(doc) ? doc : {};
}
