/** What a run knows of its Dockerfile, from the text main.ts read (the one read of it in a run): parsed once. */
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
