/**
 * The action's own release (issue 14): on a `vX.Y.Z` tag, which of `vX` and `vX.Y` move to it. The same
 * forward-only rule Crossbuild applies to image tags (src/tags/floating.ts): a backport release (v1.3.9 after
 * v1.4.0) moves `v1.3` and leaves `v1` on v1.4.0. Pure; scripts/release-tags.ts applies it with git.
 */
import { judge } from '../tags/floating.js';
import type { Comparable } from '../tags/produce.js';
import { semverScheme } from '../tags/versions.js';

export interface MajorTagMove {
  tag: string;
  move: boolean;
  reason: string;
}

const RELEASE = /^v\d+\.\d+\.\d+$/;

/** `v1.4.0` and every released tag → whether `v1` and `v1.4` move to it. */
export function majorTagMoves(release: string, released: readonly string[]): MajorTagMove[] {
  const version = RELEASE.test(release) ? semverScheme.parse(release) : undefined;
  if (!version) throw new Error(`${release} is not a release tag (vX.Y.Z)`);
  const c: Comparable = {
    version,
    name: release,
    scheme: semverScheme,
    extract: (t) => (RELEASE.test(t) ? t : undefined),
  };
  const tags = [
    { tag: `v${version.major}`, scope: 'major' as const },
    { tag: `v${version.major}.${version.minor}`, scope: 'minor' as const },
  ];
  return tags.map(({ tag, scope }) => {
    const v = judge(scope, c, [...released]);
    return { tag, move: v.applied, reason: v.reason };
  });
}
