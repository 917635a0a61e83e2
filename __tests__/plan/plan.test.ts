import { describe, expect, test } from 'vitest';
import { toRunContext } from '../../src/context.js';
import { readSettings } from '../../src/inputs.js';
import { buildxArgv, secretEnvName } from '../../src/plan/buildx-argv.js';
import {
  archSuffix,
  decidePush,
  makePlan,
  perArchRefs,
  planArgv,
  secretEnv,
  tagPlan,
  type DriverKind,
} from '../../src/plan/plan.js';
import { builtRef } from '../../src/pipeline.js';
import { metaFixture } from '../fixtures/meta.js';

const ctxFor = (eventName: string) =>
  toRunContext({
    eventName,
    ref: eventName.startsWith('pull') ? 'refs/pull/7/merge' : 'refs/tags/v1.2.3',
    sha: '0123456789abcdef0123456789abcdef01234567',
    payload: {},
    repo: { owner: 'acme', repo: 'app' },
    serverUrl: 'https://github.com',
    runId: 1,
    runNumber: 1,
    actor: 'x',
    workflow: 'w',
  });

const settings = (m: Record<string, string> = {}) => readSettings((n) => m[n] ?? '');
const meta = metaFixture(
  ['127.0.0.1:5000/acme/app'],
  ['1.2.3', '1.2', '1', 'latest'],
  ['latest', '1', '1.2'],
);

function plan(
  m: Record<string, string>,
  event = 'push',
  driver: DriverKind = 'docker',
  declared: string[] = [],
) {
  return makePlan({
    settings: settings(m),
    ctx: ctxFor(event),
    meta,
    declaredArgs: declared,
    driver,
    builder: 'default',
    metadataFile: '/tmp/m.json',
  });
}

describe('decidePush', () => {
  test.each([
    ['auto', 'push', true],
    ['auto', 'schedule', true],
    ['auto', 'pull_request', false],
    ['auto', 'pull_request_target', false],
    ['true', 'pull_request', true],
    ['false', 'push', false],
  ])('push=%s on %s → %s', (push, event, want) => {
    expect(decidePush(settings({ push }), ctxFor(event)).push).toBe(want);
  });
});

test('custom outputs replace push: nothing is pushed, tagged or proven', () => {
  const p = plan({ outputs: 'type=local,dest=out' });
  expect(p.push).toBe(false);
  expect(p.pushReason).toMatch(/^outputs: custom/);
  expect(p.tagPlan).toEqual([]);
  expect(p.verifyArch).toBe(false);
});

describe('tag order', () => {
  test('fixed tags first, floating tags last, per image', () => {
    const m = metaFixture(['a/x', 'b/x'], ['latest', '1', '1.2.3', '1.2'], ['latest', '1', '1.2']);
    expect(tagPlan(m)).toEqual([
      { image: 'a/x', order: ['1.2.3', 'latest', '1', '1.2'], floating: ['latest', '1', '1.2'] },
      { image: 'b/x', order: ['1.2.3', 'latest', '1', '1.2'], floating: ['latest', '1', '1.2'] },
    ]);
  });
});

describe('buildx argv', () => {
  test('docker driver builds into the local store with every tag; nothing pushed by buildx', () => {
    const argv = planArgv(plan({ platforms: 'linux/amd64,linux/s390x' }));
    expect(argv.slice(0, 4)).toEqual(['buildx', 'build', '--progress', 'plain']);
    expect(argv).toContain('--tag');
    expect(argv.filter((a) => a.startsWith('127.0.0.1:5000/acme/app:'))).toHaveLength(4);
    // built into the local store only: the push happens after the proof, outside buildx
    expect(argv.some((a) => a === '--push' || a.includes('push=true') || a === '--output')).toBe(false);
    expect(argv.join(' ')).toContain('--platform linux/amd64,linux/s390x');
    expect(argv[argv.length - 1]).toBe('.');
  });

  test('other drivers push by digest and tag later', () => {
    const argv = planArgv(plan({}, 'push', 'other'));
    expect(argv).not.toContain('--tag');
    expect(argv).toContain(
      'type=image,"name=127.0.0.1:5000/acme/app",push-by-digest=true,name-canonical=true,push=true',
    );
  });

  test('pull requests build without pushing and without tag plan', () => {
    const p = plan({}, 'pull_request');
    expect(p.push).toBe(false);
    expect(p.tagPlan).toEqual([]);
    expect(p.verifyArch).toBe(false);
    expect(planArgv(p)).not.toContain('--output');
  });

  test('automatic version args only when declared', () => {
    const argv = planArgv(plan({ 'build-args': 'X=1' }, 'push', 'docker', ['VERSION', 'GIT_COMMIT']));
    const args = argv.flatMap((a, i) => (argv[i - 1] === '--build-arg' ? [a] : []));
    expect(args).toEqual(['X=1', 'VERSION=1.2.3', 'GIT_COMMIT=0123456789abcdef0123456789abcdef01234567']);
  });

  test('secret values never reach argv; they travel in env', () => {
    const s = { secrets: 'npm_token=s3cr3t-value\ngh=other,with,commas', 'secret-files': 'cert=/tmp/c.pem' };
    const argv = planArgv(plan(s));
    expect(argv.join(' ')).not.toContain('s3cr3t');
    expect(argv.join(' ')).not.toContain('other,with');
    expect(argv).toContain(`id=npm_token,env=${secretEnvName('npm_token')}`);
    expect(argv).toContain('id=cert,src=/tmp/c.pem');
    expect(secretEnv(settings(s))).toEqual({
      CROSSBUILD_SECRET_NPM_TOKEN: 's3cr3t-value',
      CROSSBUILD_SECRET_GH: 'other,with,commas',
    });
  });

  test.each([
    [{ 'no-cache': 'true' }, ['--no-cache']],
    [{ pull: 'true' }, ['--pull']],
    [{ target: 'runtime' }, ['--target', 'runtime']],
    [{ provenance: 'false' }, ['--provenance', 'false']],
    [
      { 'cache-from': 'type=registry,ref=r/c:buildcache' },
      ['--cache-from', 'type=registry,ref=r/c:buildcache'],
    ],
    [{ 'add-hosts': 'a:1.2.3.4,b:5.6.7.8' }, ['--add-host', 'a:1.2.3.4', '--add-host', 'b:5.6.7.8']],
    [{ file: 'build/Dockerfile.go' }, ['--file', 'build/Dockerfile.go']],
    [{ outputs: 'type=local,dest=out' }, ['--output', 'type=local,dest=out']],
  ])('%j adds %j', (input, want) => {
    const argv = planArgv(plan(input));
    const at = argv.indexOf(want[0] as string);
    expect(at).toBeGreaterThan(0);
    expect(argv.slice(at, at + want.length)).toEqual(want);
  });

  test('load on a build-only run', () => {
    const argv = buildxArgv({ ...plan({ push: 'false', load: 'true', platforms: 'linux/amd64' }).spec });
    expect(argv).toContain('--load');
  });
});

describe('what the arch proof reads', () => {
  test.each<[string, Record<string, string>, string, DriverKind, string | undefined]>([
    [
      'docker driver, pushing: the local multi-platform image',
      {},
      'push',
      'docker',
      '127.0.0.1:5000/acme/app:1.2.3',
    ],
    [
      'other driver, pushing: the index pushed by digest',
      {},
      'push',
      'other',
      '127.0.0.1:5000/acme/app@sha256:d',
    ],
    [
      'docker driver, pull request: the local image',
      {},
      'pull_request',
      'docker',
      '127.0.0.1:5000/acme/app:1.2.3',
    ],
    ['other driver, pull request, no load: nothing to read', {}, 'pull_request', 'other', undefined],
    [
      'other driver, pull request, load: the loaded image',
      { load: 'true', platforms: 'linux/amd64' },
      'pull_request',
      'other',
      '127.0.0.1:5000/acme/app:1.2.3',
    ],
    ['custom outputs: nothing to read', { outputs: 'type=local,dest=o' }, 'push', 'docker', undefined],
  ])('%s', (_name, input, event, driver, want) => {
    expect(builtRef(plan(input, event, driver), 'sha256:d')).toBe(want);
  });
});

describe('per-arch tags', () => {
  test.each([
    ['linux/amd64', 'amd64'],
    ['linux/arm64', 'arm64'],
    ['linux/arm64/v8', 'arm64'],
    ['linux/arm/v7', 'armv7'],
    ['linux/s390x', 's390x'],
  ])('%s → -%s', (platform, suffix) => {
    expect(archSuffix(platform)).toBe(suffix);
  });
  test('every tag of the image, in push order, only when asked and pushing', () => {
    const p = plan({ 'per-arch-tags': 'true' });
    expect(p.perArchTags).toBe(true);
    expect(perArchRefs(p, '127.0.0.1:5000/acme/app', 'linux/s390x')).toEqual(
      ['1.2.3', '1.2', '1', 'latest'].map((t) => `127.0.0.1:5000/acme/app-s390x:${t}`),
    );
    expect(plan({ 'per-arch-tags': 'true' }, 'pull_request').perArchTags).toBe(false);
    expect(plan({}).perArchTags).toBe(false);
  });
});

describe('plan errors', () => {
  test('pushing with no images names the input', () => {
    expect(() =>
      makePlan({
        settings: settings(),
        ctx: ctxFor('push'),
        meta: metaFixture([], ['1.2.3']),
        declaredArgs: [],
        driver: 'docker',
        builder: '',
        metadataFile: 'm',
      }),
    ).toThrow(/^images: nothing to push to/);
  });
});
