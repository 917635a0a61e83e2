import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  candidateRefs,
  choose,
  describeReuse,
  isNotFound,
  judge,
  parseInspect,
  revisionsOf,
  type InspectedImage,
  type Lookup,
} from '../../src/registry/revision.js';
import { tagSteps } from '../../src/docker/publish.js';
import { tagPlan } from '../../src/plan/plan.js';
import { intentFor } from '../fixtures/intent.js';
import { events, pullRequest, pushMain, schedule, workflowDispatch } from '../fixtures/events.js';
import { metaFixture } from '../fixtures/meta.js';

// Real `docker buildx imagetools inspect REF --format '{{json .}}'` output (buildx 0.13, registry 2.8):
// a 2-platform index with provenance attestations; a single arm64 manifest; an index assembled from the
// labelled amd64 image plus the unlabelled busybox fixture (amd64 twice, arm64, s390x).
const data = (f: string): string => readFileSync(new URL(`./data/${f}`, import.meta.url), 'utf8');
const INDEX = data('inspect-index-attestations.json');
const SINGLE = data('inspect-single.json');
const MIXED = data('inspect-index-mixed.json');
const SHA = '3f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39'; // the revision label of those images
const OTHER = '6a6a912b4d1c0e3f5a7b9c2d4e6f8a0b1c3d5e7f';
const TWO = ['linux/amd64', 'linux/arm64'];
const IMG = 'ghcr.io/acme/widget';

describe('parseInspect on real imagetools output', () => {
  test('index: digest, attestations left out, one revision per platform', () => {
    const img = parseInspect(INDEX);
    expect(img).toEqual({
      digest: 'sha256:1ad5725257a053206b648d2c394c11d9af691443a31cd3425af17cfd08cf1e98',
      mediaType: 'application/vnd.oci.image.index.v1+json',
      isIndex: true,
      listed: TWO,
      configs: [
        { platform: 'linux/amd64', revision: SHA },
        { platform: 'linux/arm64', revision: SHA },
      ],
    });
  });

  test('single manifest: .Image is the config itself, its platform from os/architecture', () => {
    const img = parseInspect(SINGLE);
    expect(img.isIndex).toBe(false);
    expect(img.digest).toBe('sha256:d61ec3811d075d9991369f85b9ed87ab3df4a7222c3ced5e2d922acc28be2afe');
    expect(img.listed).toEqual(['linux/arm64']);
    expect(img.configs).toEqual([{ platform: 'linux/arm64', revision: SHA }]);
  });

  test('index with a repeated platform: listed shows it twice, the per-platform map once', () => {
    const img = parseInspect(MIXED);
    expect(img.listed).toEqual(['linux/amd64', 'linux/amd64', 'linux/arm64', 'linux/s390x']);
    expect(img.configs.map((c) => c.platform)).toEqual(['linux/amd64', 'linux/arm64', 'linux/s390x']);
    expect(img.configs.filter((c) => c.revision === '').map((c) => c.platform)).toEqual([
      'linux/arm64',
      'linux/s390x',
    ]);
  });
});

describe('revisionsOf', () => {
  const cfg = (os: string, architecture: string, labels?: Record<string, string>, variant?: string) => ({
    os,
    architecture,
    ...(variant ? { variant } : {}),
    config: labels ? { Labels: labels } : {},
  });
  const rev = { 'org.opencontainers.image.revision': SHA };
  test.each([
    { name: 'one config', image: cfg('linux', 'amd64', rev), want: [['linux/amd64', SHA]] },
    { name: 'no Labels', image: cfg('linux', 'amd64'), want: [['linux/amd64', '']] },
    {
      name: 'other labels only',
      image: cfg('linux', 'amd64', { 'org.opencontainers.image.version': 'nightly' }),
      want: [['linux/amd64', '']],
    },
    {
      name: 'map; arm64/v8 key normalised through the config',
      image: {
        'linux/arm64/v8': cfg('linux', 'arm64', rev, 'v8'),
        'linux/arm/v7': cfg('linux', 'arm', {}, 'v7'),
      },
      want: [
        ['linux/arm64', SHA],
        ['linux/arm/v7', ''],
      ],
    },
    {
      name: 'map entry without os: platform from the key',
      image: { 'linux/s390x': {} },
      want: [['linux/s390x', '']],
    },
    { name: 'nothing', image: null, want: [] },
  ])('$name', ({ image, want }) => {
    expect(revisionsOf(image).map((r) => [r.platform, r.revision])).toEqual(want);
  });
});

describe('judge', () => {
  const index = parseInspect(INDEX);
  test.each<{ name: string; img: InspectedImage; sha: string; platforms: string[]; reason: RegExp | null }>([
    { name: 'same commit, same platforms', img: index, sha: SHA, platforms: TWO, reason: null },
    {
      name: 'sha compared case-insensitively',
      img: index,
      sha: SHA.toUpperCase(),
      platforms: TWO,
      reason: null,
    },
    {
      name: 'requested order does not matter',
      img: index,
      sha: SHA,
      platforms: ['linux/arm64', 'linux/amd64'],
      reason: null,
    },
    {
      name: 'another commit',
      img: index,
      sha: OTHER,
      platforms: TWO,
      reason: /revision of linux\/amd64 3f2c1a9e8b7d, linux\/arm64 3f2c1a9e8b7d is not 6a6a912b4d1c/,
    },
    {
      name: 'a requested platform missing',
      img: index,
      sha: SHA,
      platforms: [...TWO, 'linux/s390x'],
      reason: /platforms linux\/amd64, linux\/arm64; requested linux\/amd64, linux\/arm64, linux\/s390x/,
    },
    {
      name: 'an extra platform',
      img: index,
      sha: SHA,
      platforms: ['linux/amd64'],
      reason: /platforms linux\/amd64, linux\/arm64; requested linux\/amd64$/,
    },
    {
      name: 'single manifest',
      img: parseInspect(SINGLE),
      sha: SHA,
      platforms: ['linux/arm64'],
      reason: /single manifest \(application\/vnd\.docker\.distribution\.manifest\.v2\+json\)/,
    },
    {
      name: 'repeated platform',
      img: parseInspect(MIXED),
      sha: SHA,
      platforms: ['linux/amd64', 'linux/arm64', 'linux/s390x'],
      reason: /listed twice: linux\/amd64/,
    },
    {
      name: 'one platform unlabelled',
      img: { ...index, configs: [{ platform: 'linux/amd64', revision: SHA }] },
      sha: SHA,
      platforms: TWO,
      reason: /revision of linux\/arm64 unlabelled is not/,
    },
    {
      name: 'empty index',
      img: { ...index, listed: [], configs: [] },
      sha: SHA,
      platforms: TWO,
      reason: /no platform image/,
    },
    { name: 'no digest', img: { ...index, digest: '' }, sha: SHA, platforms: TWO, reason: /no digest/ },
  ])('$name', ({ img, sha, platforms, reason }) => {
    const d = judge(img, sha, platforms);
    if (reason === null) expect(d).toEqual({ reuse: true });
    else expect(d.reuse ? '' : d.reason).toMatch(reason);
  });
});

describe('candidateRefs', () => {
  test.each([
    {
      name: 'sha tags first, then the rules’ tags, deduplicated',
      meta: metaFixture(
        [IMG, 'docker.io/acme/widget'],
        ['nightly', 'nightly-20261124', `sha-${SHA.slice(0, 7)}`],
      ),
      want: [`sha-3f2c1a9`, `sha-${SHA}`, 'nightly', 'nightly-20261124'].map((t) => `${IMG}:${t}`),
    },
    { name: 'no image', meta: metaFixture([], ['nightly']), want: [] },
  ])('$name', ({ meta, want }) => {
    expect(candidateRefs(meta, SHA)).toEqual(want);
  });

  test('no sha, no candidates', () => {
    expect(candidateRefs(metaFixture([IMG], ['nightly']), '')).toEqual([]);
  });
});

describe('choose', () => {
  const found = (ref: string, image = parseInspect(INDEX)): Lookup => ({ ref, kind: 'image', image });
  const absent = (ref: string): Lookup => ({ ref, kind: 'absent' });
  const error = (ref: string): Lookup => ({ ref, kind: 'error', message: 'connection refused' });
  test.each([
    {
      name: 'first match wins',
      lookups: [absent('a'), found('b'), found('c')],
      ref: 'b',
      notes: 1,
      errors: 0,
    },
    { name: 'a match wins over an error', lookups: [error('a'), found('b')], ref: 'b', notes: 0, errors: 1 },
    { name: 'only misses', lookups: [absent('a'), absent('b')], ref: undefined, notes: 2, errors: 0 },
    { name: 'misses and an error', lookups: [absent('a'), error('b')], ref: undefined, notes: 1, errors: 1 },
    {
      name: 'another commit’s image',
      lookups: [found('a', parseInspect(MIXED))],
      ref: undefined,
      notes: 1,
      errors: 0,
    },
    { name: 'nothing looked up', lookups: [], ref: undefined, notes: 0, errors: 0 },
  ])('$name', ({ lookups, ref, notes, errors }) => {
    const c = choose(lookups, SHA, TWO);
    expect(c.found?.ref).toBe(ref);
    if (ref) expect(c.found?.digest).toBe(parseInspect(INDEX).digest);
    expect([c.notes.length, c.errors.length]).toEqual([notes, errors]);
  });
});

describe('isNotFound', () => {
  test.each([
    ['ERROR: 127.0.0.1:5000/crossbuild-test/probe:nope: not found\n', true],
    ['ERROR: 127.0.0.1:5000/crossbuild-test/nonexistent-repo:x: not found', true],
    [
      'ERROR: unexpected status code [manifests nightly]: 404 Not Found — MANIFEST_UNKNOWN: manifest unknown',
      true,
    ],
    [
      'ERROR: failed to do request: Head "http://127.0.0.1:5999/v2/a/b/manifests/c": dial tcp 127.0.0.1:5999: connect: connection refused',
      false,
    ],
    [
      'ERROR: unexpected status from HEAD request to https://ghcr.io/v2/acme/widget/manifests/nightly: 401 Unauthorized',
      false,
    ],
    ['ERROR: unexpected status from HEAD request: 503 Service Unavailable', false],
  ])('%s → %s', (output, want) => {
    expect(isNotFound(output)).toBe(want);
  });
});

describe('the retag steps (tagSteps over tagPlan)', () => {
  test('every image × tag from the first image’s digest; floating tags in a later group', () => {
    const meta = metaFixture(
      [IMG, 'docker.io/acme/widget'],
      ['nightly-20261124', 'nightly', 'sha-3f2c1a9'],
      ['nightly'],
    );
    const d = 'sha256:' + 'a'.repeat(64);
    const steps = tagSteps(tagPlan(meta), `${IMG}@${d}`);
    expect(steps.map((s) => [s.floating, s.args.join(' ')])).toEqual([
      [false, `buildx imagetools create --tag ${IMG}:nightly-20261124 --tag ${IMG}:sha-3f2c1a9 ${IMG}@${d}`],
      [
        false,
        `buildx imagetools create --tag docker.io/acme/widget:nightly-20261124 --tag docker.io/acme/widget:sha-3f2c1a9 ${IMG}@${d}`,
      ],
      [true, `buildx imagetools create --tag ${IMG}:nightly ${IMG}@${d}`],
      [true, `buildx imagetools create --tag docker.io/acme/widget:nightly ${IMG}@${d}`],
    ]);
    expect(steps.flatMap((s) => s.refs)).toHaveLength(6);
  });
});

describe('the intent to reuse (skip-unchanged)', () => {
  const on = { 'skip-unchanged': 'true' };
  const meta = metaFixture([IMG], ['nightly']);
  test.each([
    { name: 'schedule', inputs: on, ev: schedule, meta, want: true },
    { name: 'workflow_dispatch', inputs: on, ev: workflowDispatch, meta, want: true },
    { name: 'input off', inputs: {}, ev: schedule, meta, want: false },
    { name: 'branch push', inputs: on, ev: pushMain, meta, want: false },
    { name: 'pull request', inputs: on, ev: pullRequest, meta, want: false },
    { name: 'push: false', inputs: { ...on, push: 'false' }, ev: schedule, meta, want: false },
    {
      name: 'custom outputs',
      inputs: { ...on, outputs: 'type=local,dest=out' },
      ev: schedule,
      meta,
      want: false,
    },
  ])('$name → $want', ({ inputs, ev, meta, want }) => {
    expect(intentFor(inputs as Record<string, string>, ev.ctx, meta).reuse).toBe(want);
  });

  test('a sha that is not a full commit id is never compared', () => {
    expect(
      intentFor({ 'skip-unchanged': 'true' }, { ...events.schedule.ctx, sha: 'abc1234' }, meta).reuse,
    ).toBe(false);
  });
});

test('describeReuse', () => {
  const d = 'sha256:' + '0123456789abcdef'.repeat(4);
  expect(describeReuse({ ref: `${IMG}:sha-3f2c1a9`, digest: d }, ['a', 'b'])).toBe(
    `unchanged, retagged: ${IMG}:sha-3f2c1a9 (sha256:0123456789ab) → 2 tags`,
  );
});
