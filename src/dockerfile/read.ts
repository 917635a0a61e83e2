/** Reads the Dockerfile the build will use (the one file read before any docker step). */
import { existsSync, readFileSync } from 'node:fs';
import type { Settings } from '../inputs.js';
import { dockerfilePath } from '../plan/plan.js';

export interface DockerfileInfo {
  path: string;
  /** '' when the file does not exist (a dry run may not have it; the build step will say so) */
  text: string;
  declaredArgs: string[];
}

export function readDockerfile(s: Settings): DockerfileInfo {
  const path = dockerfilePath(s);
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const declaredArgs = [...text.matchAll(/^\s*ARG\s+([A-Za-z_][A-Za-z0-9_]*)/gim)].map((m) => m[1] as string);
  return { path, text, declaredArgs };
}
