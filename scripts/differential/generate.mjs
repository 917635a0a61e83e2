// Seeded random cases for comparing the tag engine (src/tags/) with docker/metadata-action: a workflow context
// (event, ref, sha, pull request, default branch, head commit time, base_ref), the action's inputs (images, tags,
// flavor, labels, annotations, sep-tags) and the DOCKER_METADATA_* switches. The same seed gives the same file.
// A first block walks every tag name and branch name of the lists below through fixed rule sets; the rest is
// drawn at random, a few cases on purpose invalid (metadata-action fails them: the recording says how).
//
//   node scripts/differential/generate.mjs [seed] [count] [out]
//
// Defaults: the seed below, 560 cases, __tests__/tags/differential/cases.json. record.mjs (same directory)
// runs metadata-action on each case.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { formatJson } from './format-json.mjs';

export const DEFAULT_SEED = 20200110;
const DEFAULT_COUNT = 560;
const MIN_COUNT = 520;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const DEFAULT_CASES = resolve(ROOT, '__tests__/tags/differential/cases.json');

/** mulberry32: a small 32-bit generator; numbers in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomTools(seed) {
  const next = mulberry32(seed);
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  const chance = (p) => next() < p;
  /** pairs [weight, value] */
  const weighted = (pairs) => {
    let roll = next() * pairs.reduce((sum, [w]) => sum + w, 0);
    for (const [w, value] of pairs) {
      roll -= w;
      if (roll < 0) return value;
    }
    return pairs[pairs.length - 1][1];
  };
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');
  const sample = (list, k) => {
    const copy = [...list];
    const out = [];
    while (out.length < k && copy.length > 0) out.push(copy.splice(int(copy.length), 1)[0]);
    return out;
  };
  return { next, int, pick, chance, weighted, hex, sample };
}

// ---- names -------------------------------------------------------------------------------------------------

const BRANCHES = [
  'develop',
  'feature/x',
  'feature/login-page',
  'release/1.2',
  'release/v2.0.0',
  'fix/a&b',
  'feat/key=value',
  'Feature/UPPER-Case',
  'dependabot/npm_and_yarn/lodash-4.17.21',
  'renovate/major-node',
  'hotfix_1',
  'wip+plus',
  'a/b/c/d',
  'v1-maintenance',
  'user@work',
  "it's-quoted",
  `long/${'x'.repeat(130)}`,
];

const TAGS = [
  'v1.2.3',
  '1.2.3',
  'v0.4.0-rc.1',
  'v2024.01.05',
  'v1.2.3-rc.01',
  '2.0.0rc1',
  '1.0.0.post1',
  'v1.2.3+build.4',
  'v1',
  'release-1.2.3',
  'v1.0',
  'v10.20.30',
  '0.0.1',
  'v2.0.0-alpha',
  '1.2.3-beta.2',
  '1.0.0.dev3',
  '1!2.0.0',
  'v1.2.3-rc.1+meta.5',
  '1.2.3a1',
  '2.0.0b2',
  '1.2.3.4',
  'v01.2.3',
  'V1.2.3',
  'v1.2.3-SNAPSHOT',
  'nightly',
  'foo/bar-1.0.0',
  '20200110-010000',
  '1.0.0-0.3.7',
  'v3.0.0-beta.1.dev2',
  '1.0.0rc1.post2',
];

const IMAGES = [
  'name/app',
  'user/app',
  'ghcr.io/Octocat/Hello-World',
  'docker.io/user/app',
  'localhost:5000/app',
  'registry.example.com:443/team/sub/app',
  'ghcr.io/user/app',
];

const DATE_FORMATS = [
  "'YYYYMMDD'",
  "'YYYYMMDD-HHmmss'",
  "'YYYY.MM.DD'",
  "'YYYYMMDD' tz='Asia/Tokyo'",
  "'YYYYMMDD-hhmm' tz='America/New_York'",
  "'x'",
  "'[nightly-]YYYY-MM-DD'",
];

const PREFIXES = ['', 'v', 'app-', '{{branch}}-', 'nightly-', 'x_', 'Up/'];
const SUFFIXES = ['', '-alpine', '-{{sha}}', '.1', '-debug', `-{{date 'YYYYMMDD'}}`, '+meta'];
const ENABLES = ['true', 'false', '{{is_default_branch}}', '{{is_not_default_branch}}'];
const PRIORITIES = ['1', '50', '150', '250', '650', '850', '950', '1100', '2000'];

// ---- context -----------------------------------------------------------------------------------------------

function isoTime(r) {
  const ms = Date.UTC(2019, 0, 1) + r.int(400 * 86400) * 1000 + r.int(86400) * 1000;
  const d = new Date(ms);
  if (r.chance(0.7)) return d.toISOString().replace('.000Z', 'Z');
  // the form of push payloads: a local time with its offset
  const offsetHours = r.pick([-7, -5, 1, 2, 9]);
  const local = new Date(ms + offsetHours * 3600 * 1000).toISOString().slice(0, 19);
  const sign = offsetHours < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
}

function makeCtx(r, { event, ref, pr } = {}) {
  event ??= r.weighted([
    [50, 'push'],
    [20, 'pull_request'],
    [12, 'schedule'],
    [18, 'workflow_dispatch'],
  ]);
  const defaultBranch = r.weighted([
    [6, 'main'],
    [4, 'master'],
  ]);
  const sha = r.hex(40);
  let ctxRef = ref;
  if (!ctxRef && event === 'pull_request') ctxRef = `refs/pull/${1 + r.int(2000)}/merge`;
  else if (!ctxRef && event === 'schedule')
    ctxRef = `refs/heads/${r.chance(0.85) ? defaultBranch : r.pick(['develop', 'release/1.2'])}`;
  else if (!ctxRef) {
    const tagShare = event === 'push' ? 0.5 : 0.2;
    ctxRef = r.chance(tagShare)
      ? `refs/tags/${r.pick(TAGS)}`
      : `refs/heads/${r.chance(0.4) ? defaultBranch : r.pick(BRANCHES)}`;
  }
  const ctx = { event, ref: ctxRef, sha };
  if (event === 'pull_request') {
    ctx.pr = {
      number: Number(/^refs\/pull\/(\d+)\/merge$/.exec(ctxRef)[1]),
      headRef: pr?.headRef ?? r.pick(BRANCHES),
      headSha: r.hex(40),
      baseRef: r.chance(0.75) ? defaultBranch : r.pick(['develop', 'release/1.2']),
    };
  }
  ctx.defaultBranch = defaultBranch;
  if (r.chance(0.85)) ctx.commitDate = isoTime(r);
  if (ctxRef.startsWith('refs/tags/') ? r.chance(0.5) : r.chance(0.05)) {
    ctx.baseRef = r.chance(0.8) ? `refs/heads/${r.pick([defaultBranch, 'develop'])}` : defaultBranch;
  }
  return ctx;
}

// ---- rules -------------------------------------------------------------------------------------------------

function withAttrs(r, line, { prefix = 0.15, suffix = 0.12, enable = 0.12, priority = 0.08 } = {}) {
  const attrs = [];
  if (r.chance(prefix)) attrs.push(`prefix=${r.pick(PREFIXES)}`);
  if (r.chance(suffix)) attrs.push(`suffix=${r.pick(SUFFIXES)}`);
  if (r.chance(enable)) attrs.push(`enable=${r.pick(ENABLES)}`);
  if (r.chance(priority)) attrs.push(`priority=${r.pick(PRIORITIES)}`);
  return [line, ...attrs].join(',');
}

const VERSION_PATTERNS = [
  '{{version}}',
  '{{major}}.{{minor}}',
  '{{major}}',
  '{{major}}.{{minor}}.{{patch}}',
  '{{raw}}',
  '{{ raw }}',
  'v{{major}}',
  '{{version}}-{{prerelease}}',
  '{{major}}-{{minor}}-custom',
];
const VERSION_VALUES = [
  '{{tag}}',
  'v1.2.3',
  '{{branch}}',
  '1.2.3-rc.1',
  'v3.4.5',
  '2.0.0rc1',
  'release-4.5.6',
];
const VERSION_MATCHES = [
  'v(.*)',
  'release-(.*)',
  '^v?(\\d+\\.\\d+\\.\\d+)',
  '(\\d.\\d)',
  'nomatch-(.*)',
  'v(\\d+)',
];

function versionRule(r, type) {
  let line = `type=${type},pattern=${r.pick(VERSION_PATTERNS)}`;
  if (r.chance(0.15)) line += `,value=${r.pick(VERSION_VALUES)}`;
  if (r.chance(0.15)) line += `,match=${r.pick(VERSION_MATCHES)}`;
  return withAttrs(r, line);
}

const MATCH_RULES = [
  'type=match,pattern=\\d.\\d.\\d',
  'type=match,pattern=v(.*),group=1',
  'type=match,pattern=v(\\d+),group=1',
  'type=match,pattern=/^V(\\d+)\\.(\\d+)/i,group=2',
  'type=match,pattern=/(rc|beta|alpha)\\.?\\d+/,group=1',
  'type=match,pattern=/release-(.*)/,group=1',
  'type=match,pattern=\\d+,group=5',
  'type=match,pattern=^(\\d+)\\.(\\d+),group=2',
  'type=match,pattern=feature/(.*),group=1,value={{branch}}',
  'type=match,pattern=(\\d+)$,group=1,value=build-{{sha}}',
  'type=match,"pattern=\\d{1,3}",group=0',
];

function scheduleRule(r) {
  const pattern = r.weighted([
    [3, null],
    [4, `{{date ${r.pick(DATE_FORMATS)}}}`],
    [2, `nightly-{{date ${r.pick(DATE_FORMATS)}}}`],
    [1, '{{sha}}'],
    [1, 'nightly-{{sha}}'],
    [1, `{{commit_date 'YYYYMMDD-HHmm'}}`],
    [1, 'weekly'],
  ]);
  return withAttrs(r, pattern === null ? 'type=schedule' : `type=schedule,pattern=${pattern}`);
}

const RAW_VALUES = [
  'latest',
  'stable',
  '{{branch}}',
  '{{tag}}',
  '{{sha}}',
  '{{base_ref}}',
  '{{is_default_branch}}',
  'stable-{{is_not_default_branch}}',
  `{{date 'YYYYMMDD'}}`,
  `{{date 'YYYYMMDD-HHmmss' tz='Asia/Tokyo'}}`,
  `{{commit_date 'YYYYMMDDTHHmmss'}}`,
  '{{branch}}-{{sha}}',
  'a=b',
  'with space',
  'UPPER',
  '',
];

function rawRule(r) {
  const value = r.pick(RAW_VALUES);
  if (value === 'latest' && r.chance(0.5)) return 'type=raw,value=latest,enable={{is_default_branch}}';
  if (r.chance(0.1) && value !== '' && !value.includes('=')) return withAttrs(r, value); // no type: raw
  return withAttrs(r, `type=raw,value=${value}`);
}

function refRule(r) {
  const event = r.pick(['branch', 'tag', 'pr']);
  if (event === 'pr' && r.chance(0.2)) return `type=ref,event=pr,prefix=${r.pick(['', 'pull-', 'PR#'])}`;
  return withAttrs(r, `type=ref,event=${event}`);
}

function shaRule(r) {
  const line = r.weighted([
    [4, 'type=sha'],
    [2, 'type=sha,format=long'],
    [1, 'type=sha,format=short'],
    [1, 'type=sha,prefix='],
    [1, 'type=sha,prefix={{branch}}-'],
    [1, 'type=sha,format=long,prefix=,suffix=-full'],
  ]);
  return withAttrs(r, line, { prefix: 0, suffix: 0.05 });
}

function edgeRule(r) {
  return withAttrs(
    r,
    r.pick(['type=edge', 'type=edge', 'type=edge,branch=develop', 'type=edge,branch=master']),
  );
}

function randomRule(r, ctx) {
  const onTag = ctx.ref.startsWith('refs/tags/');
  const type = r.weighted([
    [ctx.event === 'schedule' ? 6 : 1, 'schedule'],
    [onTag ? 8 : 2, 'semver'],
    [onTag ? 4 : 1, 'pep440'],
    [onTag ? 4 : 1, 'match'],
    [onTag ? 1 : 3, 'edge'],
    [6, 'ref'],
    [5, 'raw'],
    [4, 'sha'],
  ]);
  switch (type) {
    case 'schedule':
      return scheduleRule(r);
    case 'semver':
    case 'pep440':
      return versionRule(r, type);
    case 'match':
      return withAttrs(r, r.pick(MATCH_RULES));
    case 'edge':
      return edgeRule(r);
    case 'ref':
      return refRule(r);
    case 'raw':
      return rawRule(r);
    default:
      return shaRule(r);
  }
}

// ---- other inputs ------------------------------------------------------------------------------------------

function imagesInput(r) {
  return r.weighted([
    [50, () => r.pick(IMAGES)],
    [25, () => r.sample(IMAGES, 2 + r.int(2)).join('\n')],
    [8, () => r.sample(IMAGES, 2).join(',')],
    [
      9,
      () =>
        r
          .sample(IMAGES, 2 + r.int(2))
          .map((name) =>
            r.chance(0.4) ? `name=${name},enable=${r.pick(['true', 'false'])}` : `name=${name}`,
          )
          .join('\n'),
    ],
    [3, () => `# the registries\n${r.pick(IMAGES)}\n${r.pick(IMAGES)}`],
    [5, () => ''],
  ])();
}

function flavorInput(r) {
  if (r.chance(0.4)) return '';
  const lines = [];
  if (r.chance(0.5)) lines.push(`latest=${r.pick(['auto', 'true', 'false'])}`);
  if (r.chance(0.3)) {
    const p = `prefix=${r.pick(['v', 'app-', '{{branch}}-', 'Pre/'])}`;
    lines.push(r.chance(0.4) ? `${p},onlatest=${r.pick(['true', 'true', 'false'])}` : p);
  }
  if (r.chance(0.3)) {
    const s = `suffix=${r.pick(['-alpine', '-slim', '-{{sha}}', '.Final'])}`;
    lines.push(r.chance(0.4) ? `${s},onlatest=true` : s);
  }
  if (lines.length === 0) lines.push('latest=auto');
  return r.chance(0.3) ? lines.join(',') : lines.join('\n');
}

const LABEL_LINES = [
  'org.opencontainers.image.title=MyCustomTitle',
  'org.opencontainers.image.description=Another description',
  'org.opencontainers.image.vendor=MyCompany',
  'maintainer=CrazyMax',
  'org.opencontainers.image.version={{branch}}',
  'com.example.ref={{tag}}',
  'com.example.sha={{sha}}',
  'com.example.base={{base_ref}}',
  'com.example.default={{is_default_branch}}',
  `com.example.built={{date 'YYYY-MM-DD'}}`,
  `com.example.committed={{commit_date 'YYYY-MM-DDTHH:mm:ssZ'}}`,
  'com.example.empty=',
  'com.example.eq=a=b=c',
  'no-equals-sign',
  'org.opencontainers.image.licenses=Apache-2.0',
  '# a comment line',
  'com.example.html=<b>&amp;</b>',
];

const ANNOTATION_EXTRA = [
  'manifest:org.opencontainers.image.vendor=Foo',
  'index:com.example.k=v',
  'manifest-descriptor:com.example.d=1',
  'index,manifest:com.example.both=yes',
];

function labelsInput(r, extra = []) {
  return r.sample([...LABEL_LINES, ...extra], 1 + r.int(4)).join('\n');
}

// ---- invalid cases -----------------------------------------------------------------------------------------

const INVALID = [
  (c) => (c.inputs.tags = 'type=foo,value=bar'),
  (c) => (c.inputs.tags = 'type=ref'),
  (c) => (c.inputs.tags = 'type=ref,event=commit'),
  (c) => (c.inputs.tags = 'type=semver'),
  (c) => (c.inputs.tags = 'type=sha,format=medium'),
  (c) => (c.inputs.tags = 'type=raw,value=x,enable=maybe'),
  (c) => (c.inputs.tags = 'type=match,pattern=v(.*),group=abc'),
  (c) => (c.inputs.tags = 'type=raw'),
  (c) => (c.inputs.tags = `type=raw,value={{date 'YYYY' zone='UTC'}}`),
  (c) => (c.inputs.flavor = 'latest=yes'),
  (c) => (c.inputs.flavor = 'unknown=1'),
  (c) => (c.inputs.flavor = 'prefix'),
  (c) => (c.inputs.flavor = 'suffix=-x,onlatest=yes'),
  (c) => (c.inputs.images = 'name=user/app,enable=maybe\nname=ghcr.io/user/app'),
  (c) => (c.inputs.images = 'name=user/app,registry=ghcr.io\nname=docker.io/user/app'),
  (c) => (c.inputs.images = 'enable=true\nname=user/app'),
  (c) => {
    c.inputs.tags = 'type=sha\ntype=ref,event=branch';
    c.env = { ...c.env, DOCKER_METADATA_SHORT_SHA_LENGTH: 'abc' };
  },
];

// ---- cases -------------------------------------------------------------------------------------------------

function randomEnv(r, ctx) {
  const env = {};
  if (ctx.event === 'pull_request' ? r.chance(0.35) : r.chance(0.04))
    env.DOCKER_METADATA_PR_HEAD_SHA = r.pick(['true', 'true', 'TRUE', 'false']);
  if (r.chance(0.12)) env.DOCKER_METADATA_SHORT_SHA_LENGTH = r.pick(['8', '12', '40', '41', '0', '10']);
  if (r.chance(0.15))
    env.DOCKER_METADATA_ANNOTATIONS_LEVELS = r.pick([
      'manifest,index',
      'index',
      'index-descriptor',
      'manifest,index,manifest-descriptor,index-descriptor',
    ]);
  if (r.chance(0.08)) env.DOCKER_METADATA_SET_OUTPUT_ENV = r.pick(['false', 'true']);
  return Object.keys(env).length > 0 ? env : undefined;
}

function randomInputs(r, ctx) {
  const inputs = { images: imagesInput(r) };
  const count = r.weighted([
    [10, 0],
    [15, 1],
    [25, 2],
    [25, 3],
    [15, 4],
    [10, 5 + r.int(3)],
  ]);
  const rules = Array.from({ length: count }, () => randomRule(r, ctx));
  if (rules.length > 1 && r.chance(0.05)) rules.splice(1, 0, '# a comment between rules');
  inputs.tags = rules.join('\n');
  inputs.flavor = flavorInput(r);
  if (r.chance(0.3)) inputs.labels = labelsInput(r);
  if (r.chance(0.25)) inputs.annotations = labelsInput(r, ANNOTATION_EXTRA);
  if (r.chance(0.1)) inputs['sep-tags'] = r.pick([',', ' ', ';', ' | ', '\n']);
  return inputs;
}

const SEMVER_SET = [
  'type=semver,pattern={{version}}',
  'type=semver,pattern={{major}}.{{minor}}',
  'type=semver,pattern={{major}}',
  'type=semver,pattern={{raw}}',
  'type=ref,event=tag',
  'type=sha',
].join('\n');
const PEP440_SET = [
  'type=pep440,pattern={{version}}',
  'type=pep440,pattern={{major}}.{{minor}}',
  'type=pep440,pattern={{major}}',
  'type=pep440,pattern={{ raw }}',
].join('\n');
const MATCH_SET = ['type=match,pattern=\\d.\\d.\\d', 'type=match,pattern=v(\\d+)\\.(\\d+),group=2'].join(
  '\n',
);
const BRANCH_SET = [
  'type=edge',
  'type=ref,event=branch',
  'type=raw,value=latest,enable={{is_default_branch}}',
  'type=raw,value={{branch}}-{{sha}}',
  'type=sha,format=long',
].join('\n');

/** The fixed part: each tag name through semver, pep440 and match; each branch name through branch rules. */
function systematicCases(r) {
  const out = [];
  const fixed = (ctx, tags, extra = {}) => ({
    ctx,
    inputs: { images: r.pick(IMAGES), tags, flavor: extra.flavor ?? '' },
  });
  for (const tag of TAGS) {
    const ref = `refs/tags/${tag}`;
    out.push(fixed(makeCtx(r, { event: 'push', ref }), SEMVER_SET));
    out.push(fixed(makeCtx(r, { event: 'push', ref }), PEP440_SET));
    out.push(fixed(makeCtx(r, { event: 'push', ref }), MATCH_SET, { flavor: r.pick(['', 'latest=false']) }));
  }
  for (const branch of ['main', 'master', ...BRANCHES]) {
    out.push(fixed(makeCtx(r, { event: 'push', ref: `refs/heads/${branch}` }), BRANCH_SET));
    out.push(fixed(makeCtx(r, { event: 'push', ref: `refs/heads/${branch}` }), ''));
  }
  for (const headRef of BRANCHES.slice(0, 6)) {
    const c = fixed(makeCtx(r, { event: 'pull_request', pr: { headRef } }), '');
    out.push(c);
  }
  for (const event of ['schedule', 'workflow_dispatch']) {
    out.push(fixed(makeCtx(r, { event }), ''));
    out.push(fixed(makeCtx(r, { event }), `type=schedule\ntype=schedule,pattern={{date 'YYYYMMDD'}}`));
  }
  return out;
}

export function generateCases(seed = DEFAULT_SEED, count = DEFAULT_COUNT) {
  const r = randomTools(seed);
  const cases = systematicCases(r);
  while (cases.length < count) {
    const ctx = makeCtx(r);
    const c = { ctx, inputs: randomInputs(r, ctx) };
    const env = randomEnv(r, ctx);
    if (env) c.env = env;
    if (r.chance(0.05)) r.pick(INVALID)(c);
    cases.push(c);
  }
  return cases.map((c, i) => {
    const inputs = Object.fromEntries(Object.entries(c.inputs).filter(([, v]) => v !== undefined));
    const out = { id: `c${String(i + 1).padStart(4, '0')}`, ctx: c.ctx, inputs };
    if (c.env) out.env = c.env;
    return out;
  });
}

function main() {
  const seed = process.argv[2] ? Number(process.argv[2]) : DEFAULT_SEED;
  const count = process.argv[3] ? Number(process.argv[3]) : DEFAULT_COUNT;
  const file = process.argv[4] ? resolve(process.argv[4]) : DEFAULT_CASES;
  if (!Number.isInteger(seed) || !Number.isInteger(count) || count < MIN_COUNT) {
    console.error(`usage: generate.mjs [seed (integer)] [count (>= ${MIN_COUNT})] [out]`);
    process.exit(2);
  }
  const cases = generateCases(seed, count);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, formatJson({ seed, count: cases.length, cases }));
  console.log(`${cases.length} cases (seed ${seed}) -> ${file}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
