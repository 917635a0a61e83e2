/** How `secrets` values reach buildx: through environment variables named here, never through argv. */
import { keyValue } from './lines.js';

/** Env var that carries secret `id` to buildx. */
export function secretEnvName(id: string): string {
  return `CROSSBUILD_SECRET_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** Secret values for the build's environment, by env var name (never logged, never in argv). */
export function secretEnv(lines: readonly string[]): Record<string, string> {
  return Object.fromEntries(lines.map((l) => keyValue(l)).map(([id, v]) => [secretEnvName(id), v]));
}
