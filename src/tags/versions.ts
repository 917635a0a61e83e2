/**
 * Version schemes for the semver and pep440 rules: parse to the pattern variables and order versions
 * (for forward-only floating tags).
 */
import semver from 'semver';
import { parsePep440, comparePep440, type Pep440 } from './pep440.js';

export interface Version {
  /** the string that was parsed */
  raw: string;
  /** normalised: semver without leading v/build, pep440 canonical form */
  version: string;
  major: number;
  minor: number;
  patch: number;
  /** only its exact version is tagged, it never floats (semver prereleases; PEP 440 pre-, dev- and post-releases) */
  prerelease: boolean;
  /** counts among released versions when judging floating tags (a PEP 440 post-release does: it follows its base) */
  released: boolean;
}

export interface Scheme {
  name: 'semver' | 'pep440';
  parse(raw: string): Version | undefined;
  /** <0, 0, >0 like Array.sort */
  compare(a: Version, b: Version): number;
}

export const semverScheme: Scheme = {
  name: 'semver',
  parse(raw) {
    // loose accepts a leading v (or =) and a few sloppy forms, as docker/metadata-action does
    const v = semver.parse(raw, { loose: true });
    if (!v) return undefined;
    return {
      raw,
      version: v.version,
      major: v.major,
      minor: v.minor,
      patch: v.patch,
      prerelease: v.prerelease.length > 0,
      released: v.prerelease.length === 0,
    };
  },
  compare: (a, b) => semver.compare(a.version, b.version),
};

interface PepVersion extends Version {
  pep: Pep440;
}

export const pep440Scheme: Scheme = {
  name: 'pep440',
  parse(raw) {
    const p = parsePep440(raw);
    if (!p) return undefined;
    const v: PepVersion = {
      raw,
      version: p.normalized,
      major: p.release[0] ?? 0,
      minor: p.release[1] ?? 0,
      patch: p.release[2] ?? 0,
      prerelease: p.unstable,
      released: !p.prerelease,
      pep: p,
    };
    return v;
  },
  compare: (a, b) => comparePep440((a as PepVersion).pep, (b as PepVersion).pep),
};
