import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { findReusable, lookup, retag } from '../../src/steps/reuse.js';
import { RecordingIO } from '../fixtures/io.js';
import { metaFixture } from '../fixtures/meta.js';
import { FakeRunner, fail, instantRetry, type FakeCall } from '../fixtures/runner.js';

const data = (f: string): string => readFileSync(new URL(`../registry/data/${f}`, import.meta.url), 'utf8');
// real imagetools output of an index labelled with SHA, for linux/amd64 + linux/arm64
const INSPECT = data('inspect-index-attestations.json');
const DIGEST = 'sha256:1ad5725257a053206b648d2c394c11d9af691443a31cd3425af17cfd08cf1e98';
const SHA = '3f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39';
const TWO = ['linux/amd64', 'linux/arm64'];
const IMG = 'ghcr.io/acme/widget';
const MIRROR = 'docker.io/acme/widget';

const notFound = (c: FakeCall) => fail(`ERROR: ${c.args[3] ?? ''}: not found\n`);
const inspectOf = (ref: string) => (c: FakeCall) =>
  c.args.slice(0, 3).join(' ') === 'buildx imagetools inspect' && c.args[3] === ref;

const recorder = () => new RecordingIO();

describe('findReusable', () => {
  const meta = metaFixture([IMG, MIRROR], ['nightly', 'nightly-20261124', 'sha-3f2c1a9']);

  test('a missing tag is "not found" without retry; the first labelled index is returned', async () => {
    const policy = instantRetry();
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'imagetools', 'inspect'], notFound)
      .on(inspectOf(`${IMG}:nightly`), { stdout: INSPECT });
    const log = recorder();
    const found = await findReusable(r, meta, SHA, TWO, policy, log);
    expect(found).toEqual({ ref: `${IMG}:nightly`, digest: DIGEST });
    // sha-short, sha-long, nightly, nightly-20261124: one call each, only the first image, nothing retried
    expect(r.lines()).toEqual(
      ['sha-3f2c1a9', `sha-${SHA}`, 'nightly', 'nightly-20261124'].map(
        (t) => `docker buildx imagetools inspect ${IMG}:${t} --format {{json .}}`,
      ),
    );
    expect(policy.waits).toEqual([]);
    expect(log.warnings).toEqual([]);
    expect(log.infos).toContain(`skip-unchanged: ${IMG}:sha-3f2c1a9: not found`);
  });

  test('an image of another commit is not reused, and that is no warning', async () => {
    const r = new FakeRunner().on(['docker', 'buildx', 'imagetools', 'inspect'], { stdout: INSPECT });
    const log = recorder();
    const other = '6a6a912b4d1c0e3f5a7b9c2d4e6f8a0b1c3d5e7f';
    expect(await findReusable(r, meta, other, TWO, instantRetry(), log)).toBeUndefined();
    expect(log.warnings).toEqual([]);
    // sha-6a6a912, sha-<full>, and the three rule tags
    expect(log.infos.filter((l) => l.includes('is not 6a6a912b4d1c'))).toHaveLength(5);
  });

  test('transient registry errors are retried, then the run builds with one warning', async () => {
    const policy = instantRetry(3, 1000);
    const r = new FakeRunner().on(
      ['docker', 'buildx', 'imagetools', 'inspect'],
      fail('ERROR: unexpected status from HEAD request: 503 Service Unavailable'),
    );
    const log = recorder();
    expect(await findReusable(r, meta, SHA, TWO, policy, log)).toBeUndefined();
    expect(r.calls).toHaveLength(4 * 3); // 4 distinct candidates (sha-3f2c1a9 is also a rule tag) × 3 attempts
    // the lookups run together, so their waits interleave
    expect([...policy.waits].sort()).toEqual([1000, 1000, 1000, 1000, 2000, 2000, 2000, 2000]);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toMatch(
      /^skip-unchanged: could not read the registry \(.*503 Service Unavailable \(gave up after 3 attempts over [\d.]+ s\).*\); building instead$/,
    );
  });

  test('a retry that succeeds finds the image', async () => {
    const policy = instantRetry();
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'imagetools', 'inspect'], notFound)
      .on(inspectOf(`${IMG}:sha-3f2c1a9`), fail('ERROR: ... connection reset by peer'), { stdout: INSPECT });
    const found = await findReusable(r, meta, SHA, TWO, policy, recorder());
    expect(found?.digest).toBe(DIGEST);
    expect(policy.waits).toEqual([1000]);
  });

  test('denied is not retried; a match elsewhere still wins', async () => {
    const policy = instantRetry();
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'imagetools', 'inspect'], fail('ERROR: 401 Unauthorized'))
      .on(inspectOf(`${IMG}:nightly-20261124`), { stdout: INSPECT });
    const log = recorder();
    expect((await findReusable(r, meta, SHA, TWO, policy, log))?.ref).toBe(`${IMG}:nightly-20261124`);
    expect(policy.waits).toEqual([]);
    expect(log.warnings).toEqual([]);
  });

  test('an answer that is not JSON is an error, not a crash', async () => {
    const r = new FakeRunner().on(['docker', 'buildx', 'imagetools', 'inspect'], { stdout: 'Name: x' });
    expect(await lookup(r, `${IMG}:nightly`, instantRetry())).toMatchObject({ kind: 'error' });
  });
});

describe('retag', () => {
  // verifyPublished hashes what --raw prints, so the fake serves bytes whose sha256 is the digest
  const RAW = data('index-attestations.json'); // 3 platforms + attestations
  const THREE = ['linux/amd64', 'linux/arm64', 'linux/s390x'];
  const D = `sha256:${createHash('sha256').update(RAW).digest('hex')}`;
  const meta = metaFixture([IMG, MIRROR], ['nightly-20261124', 'nightly'], ['nightly']);
  const found = { ref: `${IMG}:sha-3f2c1a9`, digest: D };

  test('fixed tags, verified, then floating tags, verified; all copied from the first image', async () => {
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'imagetools', 'create'])
      .on(['docker', 'buildx', 'imagetools', 'inspect', '--raw'], { stdout: RAW });
    const out = await retag(r, meta, found, THREE, instantRetry());
    expect(r.lines()).toEqual([
      `docker buildx imagetools create --tag ${IMG}:nightly-20261124 ${IMG}@${D}`,
      `docker buildx imagetools create --tag ${MIRROR}:nightly-20261124 ${IMG}@${D}`,
      `docker buildx imagetools inspect --raw ${IMG}:nightly-20261124`,
      `docker buildx imagetools inspect --raw ${MIRROR}:nightly-20261124`,
      `docker buildx imagetools create --tag ${IMG}:nightly ${IMG}@${D}`,
      `docker buildx imagetools create --tag ${MIRROR}:nightly ${IMG}@${D}`,
      `docker buildx imagetools inspect --raw ${IMG}:nightly`,
      `docker buildx imagetools inspect --raw ${MIRROR}:nightly`,
    ]);
    expect(out.refs).toEqual([
      `${IMG}:nightly-20261124`,
      `${MIRROR}:nightly-20261124`,
      `${IMG}:nightly`,
      `${MIRROR}:nightly`,
    ]);
    expect(out.verified.analysis.platforms.map((p) => p.platform)).toEqual(THREE);
  });

  test('a fixed tag that does not read back stops before any floating tag moves', async () => {
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'imagetools', 'create'])
      .on(['docker', 'buildx', 'imagetools', 'inspect', '--raw'], { stdout: RAW })
      .on(['docker', 'buildx', 'imagetools', 'inspect', '--raw', `${MIRROR}:nightly-20261124`], {
        stdout: data('manifest-list.json'),
      });
    await expect(retag(r, meta, found, THREE, instantRetry())).rejects.toThrow(
      /^verify: the registry does not hold what was built \(1 problem\):\n {2}docker\.io\/acme\/widget:nightly-20261124: points at sha256:/,
    );
    expect(r.lines().some((l) => l.includes(`--tag ${IMG}:nightly `))).toBe(false);
  });

  test('a copy that fails for good is the step’s error', async () => {
    const r = new FakeRunner().on(
      ['docker', 'buildx', 'imagetools', 'create'],
      fail('ERROR: failed commit on ref "index-sha256:…": unexpected status: 403 Forbidden'),
    );
    await expect(retag(r, meta, found, THREE, instantRetry())).rejects.toThrow(
      /^tag: `docker buildx imagetools create` failed: .*403 Forbidden/,
    );
    expect(r.calls).toHaveLength(1);
  });
});
