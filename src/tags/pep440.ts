/**
 * PEP 440 versions (https://peps.python.org/pep-0440/) through @renovatebot/pep440, a maintained port of Python's
 * `packaging`: every spelling the spec allows, its canonical form and its ordering.
 */
import { clean, compare, explain } from '@renovatebot/pep440';

export interface Pep440 {
  release: number[];
  /** canonical form, e.g. `1.2.post1`, `1.0rc1`, `1!2.0+ubuntu.1`: what versions are compared by */
  normalized: string;
  /**
   * `{{version}}`: the library's clean() form, which joins a local part with commas (`1.2.3+build,4`, so the tag is
   * `1.2.3-build-4`), as docker/metadata-action's tags have it: users moving over keep their tag names
   */
  cleaned: string;
  /** a pre- or dev-release */
  prerelease: boolean;
  /** a pre-, post- or dev-release: metadata-action gives it only its exact version (no major/minor, no latest) */
  unstable: boolean;
}

export function parsePep440(raw: string): Pep440 | undefined {
  const e = explain(raw.trim());
  if (!e) return undefined;
  // public + local from explain(): the library's clean() mangles a local part with separators (`+ubuntu,1`)
  const normalized = `${e.public}${e.local ? `+${e.local}` : ''}`;
  return {
    release: e.release,
    normalized,
    cleaned: clean(raw.trim()) ?? normalized,
    prerelease: e.is_prerelease,
    unstable: e.is_prerelease || e.is_postrelease || e.is_devrelease,
  };
}

export function comparePep440(a: Pep440, b: Pep440): number {
  return compare(a.normalized, b.normalized);
}
