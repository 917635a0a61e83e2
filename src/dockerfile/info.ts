/** What a run knows of its Dockerfile, from the text main.ts read (the one read of it in a run): parsed once. */
import { parseDockerfile, type ParsedDockerfile } from './parse.js';

export interface DockerfileInfo {
  path: string;
  /** '' when the file does not exist */
  text: string;
  /** undefined when the file does not exist (the intent says so, unless the context is remote) */
  parsed: ParsedDockerfile | undefined;
  declaredArgs: string[];
  /** the build context's scripts its RUNs name, by context path (for the advisor) */
  scripts: Record<string, string>;
  /** the ELF executables its COPY and ADD take from the context, by context path → Go arch (for the advisor) */
  binaries?: Record<string, string>;
}

export function dockerfileInfo(path: string, text: string | undefined): DockerfileInfo {
  const parsed = text === undefined ? undefined : parseDockerfile(text);
  return {
    path,
    text: text ?? '',
    parsed,
    declaredArgs: parsed?.declaredArgs ?? [],
    // the caller reads them from the build context (src/context-scripts.ts)
    scripts: {},
  };
}
