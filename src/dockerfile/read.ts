/** Reads and parses the Dockerfile the build will use (the one file read before any docker step). */
import { existsSync, readFileSync } from 'node:fs';
import type { Settings } from '../inputs.js';
import { dockerfilePath } from '../plan/plan.js';
import { parseDockerfile, type ParsedDockerfile } from './parse.js';

export interface DockerfileInfo {
  path: string;
  /** undefined when the file does not exist (a dry run may not have it; the build step will say so) */
  parsed: ParsedDockerfile | undefined;
  declaredArgs: string[];
}

export function readDockerfile(s: Settings): DockerfileInfo {
  const path = dockerfilePath(s);
  const parsed = existsSync(path) ? parseDockerfile(readFileSync(path, 'utf8')) : undefined;
  return { path, parsed, declaredArgs: parsed?.declaredArgs ?? [] };
}
