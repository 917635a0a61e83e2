/** Staging references and indexes (src/stage/stage.ts): names, records, entries, annotation levels. */
import { describe, expect, test } from 'vitest';
import { InputError } from '../src/errors.js';
import { indexNode } from '../src/registry/layout.js';
import {
  indexAnnotations,
  jobLabel,
  manifestAnnotations,
  platformDescriptors,
  readStage,
  stageIndex,
  stageSpec,
  stageTag,
  stagedElsewhere,
} from '../src/stage/stage.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('names', () => {
  test.each([
    ['123', 'linux/amd64', 'crossbuild-stage-123-0123456789ab-linux-amd64'],
    ['cb-42', 'linux/arm/v7', 'crossbuild-stage-cb-42-0123456789ab-linux-arm-v7'],
  ])('run %s, %s → %s', (run, platform, tag) => {
    expect(stageTag(run, SHA, platform)).toBe(tag);
    expect(tag.length).toBeLessThanOrEqual(128);
  });

  test('the longest run id and platform still make a valid tag', () => {
    expect(stageTag('r'.repeat(40), SHA, 'linux/ppc64le')).toMatch(/^[\w][\w.-]{0,127}$/);
  });

  test('staged from other commits: this run and platform only', () => {
    const tags = [
      stageTag('7', SHA, 'linux/arm64'),
      stageTag('7', 'f'.repeat(40), 'linux/arm64'),
      stageTag('8', 'e'.repeat(40), 'linux/arm64'),
      stageTag('7', 'd'.repeat(40), 'linux/amd64'),
      '1.2.3',
    ];
    expect(stagedElsewhere(tags, '7', 'linux/arm64').map(([, c]) => c)).toEqual([
      '0123456789ab',
      'ffffffffffff',
    ]);
  });
});

describe('stageSpec', () => {
  const images = ['ghcr.io/acme/app', 'docker.io/acme/app'];
  test.each([
    ['', 99, '99'],
    ['cb-1', 99, 'cb-1'],
    ['cb-1', 0, 'cb-1'],
  ])('run-id "%s", CI run %d → %s', (input, ci, run) => {
    const s = stageSpec(images, input, ci, SHA, ['linux/amd64', 'linux/arm64'], 'build');
    expect(s.run).toBe(run);
    expect(s.image).toBe('ghcr.io/acme/app');
    expect(s.refs.map((r) => r.platform)).toEqual(['linux/amd64', 'linux/arm64']);
  });

  test.each([
    ['', 0, SHA, /^run-id: /],
    ['1', 0, 'HEAD', /^mode: mode: merge needs the commit id/],
  ])('run-id "%s", CI run %d, sha %s: an input error', (input, ci, sha, msg) => {
    const f = () => stageSpec(images, input, ci, sha, ['linux/amd64'], 'merge');
    expect(f).toThrow(InputError);
    expect(f).toThrow(msg);
  });
});

describe('jobLabel', () => {
  test.each([
    [
      { GITHUB_JOB: 'build', RUNNER_NAME: 'GitHub Actions 12', GITHUB_RUN_ATTEMPT: '1' },
      'build on GitHub Actions 12',
    ],
    [{ GITHUB_JOB: 'build', GITHUB_RUN_ATTEMPT: '3' }, 'build (attempt 3)'],
    [{ CI_JOB_NAME: 'image: [arm64]', CI_JOB_ID: '881' }, 'image: [arm64] #881'],
    [{ HOSTNAME: 'laptop' }, 'laptop'],
    [{}, 'local'],
  ])('%j → %s', (env, label) => {
    expect(jobLabel(env)).toBe(label);
  });
});

describe('staging index', () => {
  const amd = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: 'sha256:aa', size: 10 };
  const arm = { ...amd, digest: 'sha256:bb' };
  const att = (d: string) => ({
    ...amd,
    digest: `sha256:a${d.slice(7)}`,
    platform: { architecture: 'unknown', os: 'unknown' },
    annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': d },
  });
  const root = indexNode([
    { ...amd, platform: { architecture: 'amd64', os: 'linux' } },
    att(amd.digest),
    { ...arm, platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } },
    att(arm.digest),
  ]);

  test('a platform of an index: its manifest and its attestation, as buildx wrote them', () => {
    expect(platformDescriptors(root, 'linux/arm64').map((d) => d.digest)).toEqual([
      'sha256:bb',
      'sha256:abb',
    ]);
    expect(platformDescriptors(root, 'linux/s390x')).toEqual([]);
  });

  test('a single manifest gets a descriptor with its platform', () => {
    const single = { ...amd, bytes: Buffer.from('{}'), isIndex: false };
    expect(platformDescriptors(single, 'linux/arm/v7')).toEqual([
      { ...amd, platform: { architecture: 'arm', os: 'linux', variant: 'v7' } },
    ]);
  });

  test('record round trip', () => {
    const record = { platform: 'linux/arm64', sha: SHA, run: '7', job: 'build on r1', ms: 61234.4 };
    const node = stageIndex(platformDescriptors(root, 'linux/arm64'), record);
    const back = readStage(node.bytes.toString());
    expect(back.record).toEqual({ ...record, ms: 61234 });
    expect(back.descriptors).toHaveLength(2);
  });
});

describe('annotation levels', () => {
  const lines = [
    'manifest:org.opencontainers.image.title=app',
    'index:org.opencontainers.image.description=an app, with commas',
    'index,manifest:org.example.both=1',
    'manifest[linux/amd64],index:org.example.amd=2',
    'index-descriptor:org.example.desc=3',
  ];
  test('the merged index gets index-level ones', () => {
    expect(indexAnnotations(lines)).toEqual({
      'org.opencontainers.image.description': 'an app, with commas',
      'org.example.both': '1',
      'org.example.amd': '2',
    });
  });
  test('a build job keeps manifest-level ones', () => {
    expect(manifestAnnotations(lines)).toEqual([
      'manifest:org.opencontainers.image.title=app',
      'manifest:org.example.both=1',
      'manifest[linux/amd64]:org.example.amd=2',
    ]);
  });
});
