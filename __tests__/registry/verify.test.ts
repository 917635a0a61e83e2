import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  analyzeIndex,
  checkTags,
  indexProblems,
  manifestSize,
  normalizePlatform,
} from '../../src/registry/index-json.js';
import { inspectRaw, repositoryOf, verifyPublished } from '../../src/registry/verify.js';
import { FakeRunner, fail, instantRetry } from '../fixtures/runner.js';

const data = (f: string): string => readFileSync(new URL(`./data/${f}`, import.meta.url), 'utf8');
const ATTESTED = data('index-attestations.json'); // buildx index: 3 platforms + 3 attestation manifests
const LIST = data('manifest-list.json'); // docker manifest list, no attestations
const AMD64 = data('manifest-amd64.json');
const sha = (s: string): string => `sha256:${createHash('sha256').update(s).digest('hex')}`;
const THREE = ['linux/amd64', 'linux/arm64', 'linux/s390x'];

describe('analyzeIndex', () => {
  test('attestation manifests are recognised, reported and never counted as platforms', () => {
    const a = analyzeIndex(ATTESTED, THREE);
    expect(a.isIndex).toBe(true);
    expect(a.platforms.map((p) => p.platform)).toEqual(THREE);
    expect(a.attestations).toHaveLength(3);
    expect(a.attestations.map((x) => x.refersTo)).toEqual(a.platforms.map((p) => p.digest));
    expect([a.missing, a.duplicates, a.unexpected]).toEqual([[], [], []]);
    expect(indexProblems('r', a)).toEqual([]);
  });

  test.each([
    { raw: LIST, requested: THREE, missing: [], unexpected: [] },
    { raw: LIST, requested: ['linux/amd64', 'linux/arm64/v8'], missing: [], unexpected: ['linux/s390x'] },
    { raw: ATTESTED, requested: [...THREE, 'linux/riscv64'], missing: ['linux/riscv64'], unexpected: [] },
    { raw: ATTESTED, requested: ['linux/amd64'], missing: [], unexpected: ['linux/arm64', 'linux/s390x'] },
  ])(
    'requested $requested → missing $missing, unexpected $unexpected',
    ({ raw, requested, missing, unexpected }) => {
      const a = analyzeIndex(raw, requested);
      expect(a.missing).toEqual(missing);
      expect(a.unexpected).toEqual(unexpected);
    },
  );

  test('a platform listed twice and an orphan attestation are both problems', () => {
    const doc = JSON.parse(ATTESTED) as { manifests: Record<string, unknown>[] };
    const [first] = doc.manifests;
    doc.manifests.push({ ...first, digest: 'sha256:' + 'e'.repeat(64) });
    doc.manifests.splice(1, 1); // drop arm64: its attestation is now an orphan
    const a = analyzeIndex(JSON.stringify(doc), THREE);
    expect(a.duplicates).toEqual(['linux/amd64']);
    expect(indexProblems('img:1', a)).toEqual([
      'img:1: missing platform linux/arm64',
      'img:1: platform listed twice: linux/amd64',
      expect.stringMatching(
        /^img:1: attestation sha256:feb49f11.* refers to sha256:64849f82.*, not in the index$/,
      ),
    ]);
  });

  test('a single manifest is not an index', () => {
    const a = analyzeIndex(AMD64, ['linux/amd64']);
    expect(a.isIndex).toBe(false);
    expect(indexProblems('x', a)[0]).toMatch(
      /^x: is a single manifest \(application\/vnd.oci.image.manifest.v1\+json\)/,
    );
  });

  test.each([
    ['linux/arm64/v8', 'linux/arm64'],
    ['linux/arm/v7', 'linux/arm/v7'],
    ['Linux/AMD64', 'linux/amd64'],
  ])('normalizePlatform(%s) = %s', (p, want) => {
    expect(normalizePlatform(p)).toBe(want);
  });
});

describe('manifestSize', () => {
  test('config + layers of a real manifest', () => {
    expect(manifestSize(AMD64)).toBe(1166 + 1065416 + 160);
  });
});

describe('checkTags', () => {
  test.each([
    [{ 'a:1': 'sha256:x', 'a:latest': 'sha256:x' }, []],
    [{ 'a:1': 'sha256:x', 'a:latest': 'sha256:old' }, ['a:latest: points at sha256:old, expected sha256:x']],
    [{ 'a:1': '' }, ['a:1: points at nothing, expected sha256:x']],
  ])('%j', (refs, want) => {
    expect(checkTags(refs, 'sha256:x')).toEqual(want);
  });
});

describe('repositoryOf', () => {
  test.each([
    ['127.0.0.1:5000/crossbuild-test/app:1.2', '127.0.0.1:5000/crossbuild-test/app'],
    ['127.0.0.1:5000/crossbuild-test/app@sha256:ab', '127.0.0.1:5000/crossbuild-test/app'],
    ['127.0.0.1:5000/app', '127.0.0.1:5000/app'],
    ['ghcr.io/o/app:1@sha256:ab', 'ghcr.io/o/app'],
  ])('%s → %s', (ref, want) => {
    expect(repositoryOf(ref)).toBe(want);
  });
});

describe('inspectRaw and verifyPublished (fake runner)', () => {
  const IMG = '127.0.0.1:5000/crossbuild-test/app';
  const D = sha(ATTESTED);

  test('the digest is the sha256 of the served bytes', async () => {
    const r = new FakeRunner().on(['docker', 'buildx', 'imagetools', 'inspect'], { stdout: ATTESTED });
    await expect(inspectRaw(r, `${IMG}:1`, instantRetry())).resolves.toEqual({ raw: ATTESTED, digest: D });
    expect(r.lines()).toEqual([`docker buildx imagetools inspect --raw ${IMG}:1`]);
  });

  test('every ref checked; a flaky read is retried; the analysis is returned', async () => {
    const r = new FakeRunner()
      .on(/inspect --raw \S+:1$/, { stdout: ATTESTED })
      .on(/inspect --raw \S+:latest$/, fail('ERROR: unexpected status: 503 Service Unavailable'), {
        stdout: ATTESTED,
      });
    const v = await verifyPublished(r, [`${IMG}:1`, `${IMG}:latest`], THREE, D, instantRetry());
    expect(v.refs).toEqual({ [`${IMG}:1`]: D, [`${IMG}:latest`]: D });
    expect(v.analysis.platforms).toHaveLength(3);
    expect(r.calls).toHaveLength(3);
  });

  test('all problems in one StepError: stale tag and a missing platform', async () => {
    const r = new FakeRunner().on(/:1$/, { stdout: ATTESTED }).on(/:latest$/, { stdout: LIST });
    const err: unknown = await verifyPublished(
      r,
      [`${IMG}:1`, `${IMG}:latest`],
      [...THREE, 'linux/riscv64'],
      D,
      instantRetry(),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message.split('\n')).toEqual([
      'verify: the registry does not hold what was built (2 problems):',
      `  ${IMG}:latest: points at ${sha(LIST)}, expected ${D}`,
      `  ${IMG}:1: missing platform linux/riscv64`,
    ]);
  });

  test('no ref holds the digest at all', async () => {
    const r = new FakeRunner().on(['docker'], { stdout: LIST });
    await expect(verifyPublished(r, [`${IMG}:1`], THREE, D, instantRetry())).rejects.toThrow(
      /\(1 problem\):\n {2}\S+:1: points at/,
    );
  });

  test('a missing tag fails at once (not found is not retried)', async () => {
    const r = new FakeRunner().on(['docker'], fail(`ERROR: ${IMG}:1: not found`));
    await expect(verifyPublished(r, [`${IMG}:1`], THREE, D, instantRetry())).rejects.toThrow(
      /^verify: .*not found/,
    );
    expect(r.calls).toHaveLength(1);
  });

  test('a one-platform image pushed as a bare manifest is read through its config', async () => {
    const MD = sha(AMD64);
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'imagetools', 'inspect', '--raw'], { stdout: AMD64 })
      .on(['docker', 'buildx', 'imagetools', 'inspect', `${IMG}@${MD}`], {
        stdout: '{"architecture":"amd64","os":"linux"}',
      });
    const v = await verifyPublished(r, [`${IMG}:1`], ['linux/amd64'], MD, instantRetry());
    expect(v.analysis.platforms.map((p) => [p.platform, p.digest])).toEqual([['linux/amd64', MD]]);
    await expect(
      verifyPublished(r, [`${IMG}:1`], ['linux/amd64', 'linux/arm64'], MD, instantRetry()),
    ).rejects.toThrow(/single manifest[\s\S]*missing platform linux\/arm64/);
  });
});
