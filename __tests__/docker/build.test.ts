import { describe, expect, test } from 'vitest';
import {
  BuildError,
  isTransientBuild,
  parseMetadata,
  pushedBeforeRepush,
  runBuild,
} from '../../src/docker/build.js';
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

describe('pushedBeforeRepush (the docker driver pushes twice: BuildKit, then buildx with docker)', () => {
  const D = `sha256:${'a'.repeat(64)}`;
  const E = `sha256:${'b'.repeat(64)}`;
  const C = `sha256:${'c'.repeat(64)}`;
  const N = '127.0.0.1:5000/acme/app:crossbuild-push-0123456789ab-5f3e2a1c';
  const M = '127.0.0.1:5000/acme/mirror:crossbuild-push-0123456789ab-5f3e2a1c';
  const fault =
    'unexpected status from HEAD request to http://127.0.0.1:5000/v2/acme/app/blobs/sha256:1: 503';
  /** buildx 0.13's plain progress, in its shape: BuildKit's export step, then buildx's own push */
  const progress = (o: {
    names?: string[];
    pushed?: Record<string, string>;
    exportDone?: boolean;
    exportError?: boolean;
    repushError?: boolean;
    otherError?: boolean;
    single?: boolean;
  }) => {
    const names = o.names ?? [N];
    const pushed = o.pushed ?? Object.fromEntries(names.map((n) => [n, D]));
    return [
      '#11 [linux/arm64 2/2] RUN make',
      '#11 DONE 0.3s',
      '',
      '#12 exporting to image',
      ...(o.single
        ? [`#12 exporting config ${C}`, `#12 exporting config ${C} done`, `#12 exporting manifest ${D} done`]
        : [
            `#12 exporting config ${C} done`,
            `#12 exporting config ${E} done`,
            `#12 exporting manifest list ${D} done`,
          ]),
      `#12 naming to ${names.join(',')} done`,
      '#12 pushing layers 0.2s done',
      ...Object.entries(pushed).flatMap(([n, d]) => [
        `#12 pushing manifest for ${n}@${d}`,
        `#12 pushing manifest for ${n}@${d} 0.0s done`,
      ]),
      ...(o.exportError ? [`#12 ERROR: failed commit on ref "index-${D}": ${fault}`] : []),
      ...(o.exportDone === false || o.exportError ? [] : ['#12 DONE 0.4s']),
      '',
      `#13 pushing ${names.join(',')} with docker`,
      '#13 pushing layer 4363c40f0c5a',
      ...(o.repushError === false ? ['#13 DONE 0.1s'] : [`#13 ERROR: ${fault}`]),
      ...(o.otherError ? ['', '#14 exporting cache', `#14 ERROR: ${fault}`] : []),
      '------',
      ` > pushing ${names.join(',')} with docker:`,
      '------',
      `ERROR: ${fault}`,
    ].join('\n');
  };
  const index = { digest: D, imageId: '', raw: { 'containerimage.digest': D, 'image.name': N } };
  test.each([
    ['only the second push failed: the index BuildKit pushed', {}, index],
    [
      'a one-platform image: its config is the image id',
      { single: true },
      {
        digest: D,
        imageId: C,
        raw: { 'containerimage.digest': D, 'containerimage.config.digest': C, 'image.name': N },
      },
    ],
    [
      'two repositories, each pushed the same index',
      { names: [N, M] },
      { digest: D, imageId: '', raw: { 'containerimage.digest': D, 'image.name': `${N},${M}` } },
    ],
    ['BuildKit’s own push failed', { exportError: true }, undefined],
    ['BuildKit’s step never finished', { exportDone: false }, undefined],
    ['another step failed too', { otherError: true }, undefined],
    ['one of two repositories not pushed by BuildKit', { names: [N, M], pushed: { [N]: D } }, undefined],
    ['the repositories got different indexes', { names: [N, M], pushed: { [N]: D, [M]: E } }, undefined],
    ['BuildKit pushed another name', { pushed: { [M]: D } }, undefined],
  ])('%s', (_name, o, want) => {
    expect(pushedBeforeRepush(progress(o))).toEqual(want);
  });

  test('a build that failed in a RUN step, or printed nothing: undefined', () => {
    expect(
      pushedBeforeRepush(
        '#9 [2/2] RUN make\n#9 ERROR: process "/bin/sh -c make" did not complete successfully',
      ),
    ).toBe(undefined);
    expect(pushedBeforeRepush('')).toBe(undefined);
  });

  test('runBuild: such a failure is the build BuildKit pushed, with what the second push said', async () => {
    const runner = new FakeRunner().on(['docker', 'buildx', 'build'], { code: 1, stderr: progress({}) });
    const r = await runBuild(runner, ['buildx', 'build', '.'], {
      metadataFile: '/nonexistent/metadata.json',
      readFile: () => Promise.reject(new Error('buildx wrote no metadata file')),
    });
    expect(r.digest).toBe(D);
    expect(r.repush).toBe(`ERROR: ${fault}`);
  });
});
