/**
 * Forward-only floating tags: `latest`, `{{major}}` and `{{major}}.{{minor}}` move only forward.
 * Building a backport (v1.31.9 after v1.32.0) must not drag `latest` or `1` back to the old line.
 * The version being built counts as released; prereleases never count and never float.
 */
import type { Comparable, Scope } from './produce.js';
import type { Version } from './versions.js';

export type FloatingMode = 'forward-only' | 'always';

export interface Verdict {
  applied: boolean;
  reason: string;
}

function inScope(scope: Scope, v: Version, other: Version): boolean {
  if (scope === 'latest') return true;
  if (other.major !== v.major) return false;
  return scope === 'major' || other.minor === v.minor;
}

function rangeName(scope: Scope, v: Version): string {
  if (scope === 'latest') return 'release';
  return scope === 'major' ? `${v.major}.x release` : `${v.major}.${v.minor}.x release`;
}

/** Judge one floating tag against the released tag names. Pure. */
export function judge(scope: Scope, c: Comparable, released: string[]): Verdict {
  if (c.version.prerelease) return { applied: false, reason: `withheld: ${c.name} is a prerelease` };
  let greatest: { name: string; v: Version } = { name: c.name, v: c.version };
  for (const tag of released) {
    const s = c.extract(tag);
    const v = s === undefined ? undefined : c.scheme.parse(s);
    if (!v || !v.released || !inScope(scope, c.version, v)) continue;
    if (c.scheme.compare(v, greatest.v) > 0) greatest = { name: tag, v };
  }
  if (c.scheme.compare(greatest.v, c.version) > 0) {
    return { applied: false, reason: `withheld: ${greatest.name} is greater` };
  }
  return { applied: true, reason: `applied: ${c.name} is the greatest ${rangeName(scope, c.version)}` };
}

/**
 * Lazily lists released tags once. If listing fails, floating tags are withheld (never risk moving `latest`
 * backwards, the promise of forward-only) and one warning says why and how to fix it; the release itself
 * still publishes its fixed tags.
 */
export function makeJudge(mode: FloatingMode, list: () => Promise<string[]>, warnings: string[]) {
  let cached: Promise<string[] | Error> | undefined;
  return async (scope: Scope, c: Comparable): Promise<Verdict> => {
    if (mode === 'always') return { applied: true, reason: 'applied: floating-tags is always' };
    if (c.version.prerelease) return judge(scope, c, []);
    cached ??= list().catch((e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      warnings.push(
        `floating-tags: could not list released tags (${err.message}); floating tags withheld — give the job a git remote (actions/checkout) or github-token, or set floating-tags: always`,
      );
      return err;
    });
    const released = await cached;
    if (released instanceof Error)
      return { applied: false, reason: 'withheld: released tags unavailable (see warnings)' };
    return judge(scope, c, released);
  };
}
