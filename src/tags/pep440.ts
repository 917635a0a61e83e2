/**
 * A small PEP 440 parser: accepts the spellings the spec allows (v prefix, alpha/beta/c/pre/preview,
 * post/rev/r, implicit numbers, -/_/. separators) and prints the canonical form.
 * https://peps.python.org/pep-0440/
 */

export interface Pep440 {
  epoch: number;
  release: number[];
  pre?: { label: 'a' | 'b' | 'rc'; n: number };
  post?: number;
  dev?: number;
  local?: string;
  normalized: string;
}

const RE = new RegExp(
  '^v?' +
    '(?:(\\d+)!)?' + // epoch
    '(\\d+(?:\\.\\d+)*)' + // release
    '(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d+)?)?' + // pre
    '(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?' + // post
    '(?:[-_.]?(dev)[-_.]?(\\d+)?)?' + // dev
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$', // local
  'i',
);

const PRE: Record<string, 'a' | 'b' | 'rc'> = {
  a: 'a',
  alpha: 'a',
  b: 'b',
  beta: 'b',
  c: 'rc',
  rc: 'rc',
  pre: 'rc',
  preview: 'rc',
};

export function parsePep440(raw: string): Pep440 | undefined {
  const m = RE.exec(raw.trim());
  if (!m) return undefined;
  const num = (s: string | undefined): number => (s ? Number(s) : 0);
  const v: Pep440 = { epoch: num(m[1]), release: (m[2] ?? '0').split('.').map(Number), normalized: '' };
  if (m[3]) v.pre = { label: PRE[m[3].toLowerCase()] ?? 'rc', n: num(m[4]) };
  if (m[5] !== undefined) v.post = Number(m[5]);
  else if (m[6]) v.post = num(m[7]);
  if (m[8]) v.dev = num(m[9]);
  if (m[10]) v.local = m[10].toLowerCase().replace(/[-_]/g, '.');
  v.normalized =
    (v.epoch ? `${v.epoch}!` : '') +
    v.release.join('.') +
    (v.pre ? `${v.pre.label}${v.pre.n}` : '') +
    (v.post !== undefined ? `.post${v.post}` : '') +
    (v.dev !== undefined ? `.dev${v.dev}` : '') +
    (v.local ? `+${v.local}` : '');
  return v;
}

const PRE_RANK = { a: 0, b: 1, rc: 2 };

/** Sort key pieces per PEP 440: 1.0.dev1 < 1.0a1.dev1 < 1.0a1 < 1.0a1.post1 < 1.0 < 1.0.post1.dev1 < 1.0.post1 */
function key(v: Pep440): number[] {
  // pre slot: dev-only releases sort before any pre-release; a final release after all of them
  const pre =
    v.pre !== undefined
      ? [PRE_RANK[v.pre.label], v.pre.n]
      : v.dev !== undefined && v.post === undefined
        ? [-1, 0]
        : [3, 0];
  const post = v.post !== undefined ? [1, v.post] : [0, 0];
  const dev = v.dev !== undefined ? [0, v.dev] : [1, 0];
  return [...pre, ...post, ...dev];
}

export function comparePep440(a: Pep440, b: Pep440): number {
  if (a.epoch !== b.epoch) return a.epoch - b.epoch;
  const len = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < len; i++) {
    const d = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (d !== 0) return d;
  }
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) {
    const d = (ka[i] ?? 0) - (kb[i] ?? 0);
    if (d !== 0) return d;
  }
  return (a.local ?? '').localeCompare(b.local ?? '');
}
