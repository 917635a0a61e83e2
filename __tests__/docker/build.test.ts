import { describe, expect, test } from 'vitest';
import { BuildError, isTransientBuild, parseMetadata, runBuild } from '../../src/docker/build.js';
import { withRetry } from '../../src/retry.js';
import { FakeRunner, fail, instantRetry } from '../fixtures/runner.js';

const D = 'sha256:6d9b54892f4a818ba87ef70476c26e7256f06d7d5a050ec57000243cd2be16e7';
// what buildx 0.13 wrote here for a two-platform build with the docker driver
const META = JSON.stringify({
  'buildx.build.ref': 'default/default/ilb9m4buaafkzcva8ocvtinq0',
  'containerimage.descriptor': {
    mediaType: 'application/vnd.oci.image.index.v1+json',
    digest: D,
    size: 1607,
  },
  'containerimage.digest': D,
  'image.name': '127.0.0.1:5000/crossbuild-test/probe:a',
});
const ARGV = [
  'buildx',
  'build',
  '--progress',
  'plain',
  '--platform',
  'linux/amd64,linux/arm64',
  '--metadata-file',
  '/tmp/m.json',
  '.',
];
const files = (text: string) => (path: string) =>
  path === '/tmp/m.json' ? Promise.resolve(text) : Promise.reject(new Error(path));

describe('parseMetadata', () => {
  test('index digest, no image id for an index', () => {
    expect(parseMetadata(META)).toMatchObject({ digest: D, imageId: '' });
  });
  test.each([
    ['', /no readable metadata file/],
    ['{"buildx.build.ref":"x"}', /no containerimage.digest/],
  ])('%j → %s', (text, message) => {
    expect(() => parseMetadata(text)).toThrow(message);
  });
});

describe('runBuild', () => {
  test('streams the build with secret env, returns the digest from the metadata file', async () => {
    const r = new FakeRunner().on(['docker', 'buildx', 'build'], { ms: 4200 });
    const got = await runBuild(r, ARGV, {
      metadataFile: '/tmp/m.json',
      readFile: files(META),
      env: { CROSSBUILD_SECRET_NPM: 'tok' },
    });
    expect(got).toMatchObject({ digest: D, ms: 4200 });
    expect(r.calls[0]?.args).toEqual(ARGV);
    expect(r.calls[0]?.opts).toMatchObject({ stream: true, env: { CROSSBUILD_SECRET_NPM: 'tok' } });
  });

  test.each([
    [
      'failed RUN step',
      '#8 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2\n------\nERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2',
      false,
    ],
    [
      'dockerfile parse error',
      'ERROR: failed to solve: dockerfile parse error on line 2: unknown instruction: RUNN',
      false,
    ],
    [
      'registry 500 during push-by-digest',
      '#12 pushing layers\nERROR: failed to solve: failed to push 127.0.0.1:5000/crossbuild-test/app: unexpected status from HEAD request to http://127.0.0.1:5000/v2/crossbuild-test/app/manifests/sha256:0b: 500 Internal Server Error',
      true,
    ],
    [
      'push unauthorized',
      'ERROR: failed to solve: failed to push ghcr.io/o/app: unexpected status: 401 Unauthorized',
      false,
    ],
  ])('%s → BuildError, transient %s', async (_name, stderr, transient) => {
    const r = new FakeRunner().on(['docker', 'buildx', 'build'], fail(stderr));
    const err = await runBuild(r, ARGV, { metadataFile: '/tmp/m.json', readFile: files(META) }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(BuildError);
    expect((err as BuildError).transient).toBe(transient);
    expect((err as BuildError).message).toMatch(/^build: ERROR: failed to solve/);
  });

  test('a push-by-digest build retried after a transient push failure reruns the same argv', async () => {
    const r = new FakeRunner().on(
      ['docker', 'buildx', 'build'],
      fail('ERROR: failed to solve: failed to push x: write: connection reset by peer'),
      {},
    );
    const policy = instantRetry(3, 1000);
    const got = await withRetry(
      () => runBuild(r, ARGV, { metadataFile: '/tmp/m.json', readFile: files(META) }),
      {
        ...policy,
        isTransient: isTransientBuild,
      },
    );
    expect(got.digest).toBe(D);
    expect(r.calls.map((c) => c.args)).toEqual([ARGV, ARGV]);
    expect(policy.waits).toEqual([1000]);
  });
});
