/** Version build-args the action passes when the Dockerfile declares them (reproducible: commit time, not now). */
import { keyValue } from '../lines.js';
export interface VersionFacts {
  version: string;
  sha: string;
  /** commit time; undefined when unknown */
  commitDate?: Date;
}

const AUTO_ARGS = ['VERSION', 'GIT_COMMIT', 'BUILD_DATE', 'SOURCE_DATE_EPOCH'] as const;

/**
 * KEY=value lines for the automatic args the Dockerfile declares and the user did not set.
 * SOURCE_DATE_EPOCH is also honoured by BuildKit itself for reproducible timestamps.
 */
export function autoBuildArgs(
  declared: readonly string[],
  userArgs: readonly string[],
  f: VersionFacts,
): string[] {
  const userKeys = new Set(userArgs.map((l) => keyValue(l)[0]));
  const values: Record<(typeof AUTO_ARGS)[number], string | undefined> = {
    VERSION: f.version || undefined,
    GIT_COMMIT: f.sha || undefined,
    BUILD_DATE: f.commitDate?.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    SOURCE_DATE_EPOCH: f.commitDate ? String(Math.floor(f.commitDate.getTime() / 1000)) : undefined,
  };
  const out: string[] = [];
  for (const key of AUTO_ARGS) {
    const v = values[key];
    if (v !== undefined && declared.includes(key) && !userKeys.has(key)) out.push(`${key}=${v}`);
  }
  return out;
}
