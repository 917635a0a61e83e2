import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  candidateRefs,
  choose,
  describeReuse,
  inspectedOf,
  judge,
  type InspectedImage,
  type Lookup,
} from '../../src/registry/revision.js';
import type { ImageTree, ManifestNode } from '../../src/registry/layout.js';
import { intentFor } from '../fixtures/intent.js';
import { events, pullRequest, pushMain, schedule, workflowDispatch } from '../fixtures/events.js';
import { metaFixture } from '../fixtures/meta.js';

const SHA = '3f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39'; // the revision label of the images below
const OTHER = '6a6a912b4d1c0e3f5a7b9c2d4e6f8a0b1c3d5e7f';
const TWO = ['linux/amd64', 'linux/arm64'];
const IMG = 'ghcr.io/acme/widget';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const REVISION = 'org.opencontainers.image.revision';

/** A manifest node as src/registry/layout.ts readTree makes it: its config read (and hashed) with it. */
function node(platform: string, config: unknown, o: Partial<ManifestNode> = {}): ManifestNode {
  const bytes = Buffer.from(JSON.stringify({ platform, config, ...o }));
  return {
    digest: `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    size: bytes.length,
    bytes,
    isIndex: false,
    platform,
    attestation: false,
    ...(config === undefined ? {} : { config: Buffer.from(JSON.stringify(config)) }),
    ...o,
  };
}
const labelled = (labels?: Record<string, string>) => ({
  architecture: 'amd64',
  os: 'linux',
  config: labels ? { Labels: labels } : {},
});
const rev = (sha = SHA) => labelled({ [REVISION]: sha });
/** attestation manifests (BuildKit's provenance) have no platform and an in-toto config */
const attestation = () => node('', { mediaType: 'application/vnd.in-toto+json' }, { attestation: true });

function tree(root: ManifestNode, children: ManifestNode[] = []): ImageTree {
  return { root, children, blobs: [], path: () => '' };
}
const indexOf = (children: ManifestNode[]) =>
  tree(node('', undefined, { isIndex: true, mediaType: OCI_INDEX }), children);

// what BuildKit pushes: a 2-platform index with provenance attestations, every platform labelled with SHA
const INDEX = inspectedOf(
  indexOf([node('linux/amd64', rev()), node('linux/arm64', rev()), attestation(), attestation()]),
);
// a single arm64 manifest (docker's own media type)
const SINGLE = inspectedOf(tree(node('linux/arm64', rev(), { mediaType: DOCKER_MANIFEST })));
// an index joined from a labelled amd64 image and an unlabelled 3-platform fixture
const MIXED = inspectedOf(
  indexOf([
    node('linux/amd64', rev()),
    node('linux/amd64', labelled()),
    node('linux/arm64', labelled({ 'org.opencontainers.image.version': 'nightly' })),
    node('linux/s390x', undefined),
  ]),
);

describe('inspectedOf: what an index read back says', () => {
  test('index: its digest, attestations left out, one revision per image', () => {
    expect(INDEX).toEqual({
      digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) as string,
      mediaType: OCI_INDEX,
      isIndex: true,
      listed: TWO,
      configs: [
        { platform: 'linux/amd64', revision: SHA },
        { platform: 'linux/arm64', revision: SHA },
      ],
    });
  });

  test('single manifest: itself is the one image', () => {
    expect(SINGLE.isIndex).toBe(false);
    expect(SINGLE.mediaType).toBe(DOCKER_MANIFEST);
    expect(SINGLE.listed).toEqual(['linux/arm64']);
    expect(SINGLE.configs).toEqual([{ platform: 'linux/arm64', revision: SHA }]);
  });

  test('a repeated platform is listed twice; no Labels, other labels only and no config read are unlabelled', () => {
    expect(MIXED.listed).toEqual(['linux/amd64', 'linux/amd64', 'linux/arm64', 'linux/s390x']);
    expect(MIXED.configs.map((c) => c.revision)).toEqual([SHA, '', '', '']);
  });

  test('a config that is not JSON is unlabelled, not a crash', () => {
    const broken = node('linux/amd64', undefined, { config: Buffer.from('{not json') });
    expect(inspectedOf(indexOf([broken])).configs).toEqual([{ platform: 'linux/amd64', revision: '' }]);
  });
});

describe('judge', () => {
  const index = INDEX;
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
      img: SINGLE,
      sha: SHA,
      platforms: ['linux/arm64'],
      reason: /single manifest \(application\/vnd\.docker\.distribution\.manifest\.v2\+json\)/,
    },
    {
      name: 'repeated platform',
      img: MIXED,
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
  const found = (ref: string, image = INDEX): Lookup => ({ ref, kind: 'image', image });
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
      lookups: [found('a', MIXED)],
      ref: undefined,
      notes: 1,
      errors: 0,
    },
    { name: 'nothing looked up', lookups: [], ref: undefined, notes: 0, errors: 0 },
  ])('$name', ({ lookups, ref, notes, errors }) => {
    const c = choose(lookups, SHA, TWO);
    expect(c.found?.ref).toBe(ref);
    if (ref) expect(c.found?.digest).toBe(INDEX.digest);
    expect([c.notes.length, c.errors.length]).toEqual([notes, errors]);
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
