/**
 * Version schemes for the semver and pep440 rules: parse to the pattern variables and order versions
 * (for forward-only floating tags).
 */
import semver from 'semver';
import { parsePep440, comparePep440, type Pep440 } from './pep440.js';

export interface Version {
  /** the string that was parsed */
  raw: string;
  /** normalised: semver without leading v/build, pep440 as metadata-action's tags have it (pep440.ts) */
  version: string;
  major: number;
  minor: number;
  patch: number;
  /** only its exact version is tagged, it never floats (semver prereleases; PEP 440 pre-, dev- and post-releases) */
  prerelease: boolean;
  /** counts among released versions when judging floating tags (a PEP 440 post-release does: it follows its base) */
  released: boolean;
  /** the scheme's further pattern variables (semver: {{prerelease}}, {{build}}, lists joined by commas as metadata-action renders them) */
  vars?: Record<string, string>;
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
    // valid semver only (a leading v allowed), as docker/metadata-action checks before it parses: `v2024.01.05`
    // (leading zeros), `2.0.0rc1` (no hyphen) and `1.2.3-rc.01` are not versions; then read loosely, as it does
    if (!semver.valid(raw)) return undefined;
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
      vars: { prerelease: v.prerelease.join(','), build: v.build.join(',') },
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
      version: p.cleaned,
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
