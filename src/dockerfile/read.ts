/** Reads and parses the Dockerfile the build will use: the one read of it in a run. */
import { existsSync, readFileSync } from 'node:fs';
import type { Settings } from '../inputs.js';
import { dockerfilePath } from '../plan/plan.js';
import { parseDockerfile, type ParsedDockerfile } from './parse.js';

export interface DockerfileInfo {
  path: string;
  /** '' when the file does not exist */
  text: string;
  /** undefined when the file does not exist (the intent says so, unless the context is remote) */
  parsed: ParsedDockerfile | undefined;
  declaredArgs: string[];
}

export function dockerfileInfo(path: string, text: string | undefined): DockerfileInfo {
  const parsed = text === undefined ? undefined : parseDockerfile(text);
  return { path, text: text ?? '', parsed, declaredArgs: parsed?.declaredArgs ?? [] };
}

export function readDockerfile(s: Pick<Settings, 'file' | 'context'>): DockerfileInfo {
  const path = dockerfilePath(s);
  return dockerfileInfo(path, existsSync(path) ? readFileSync(path, 'utf8') : undefined);
}
