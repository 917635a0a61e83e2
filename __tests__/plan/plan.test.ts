import { describe, expect, test } from 'vitest';
import { toRunContext } from '../../src/context.js';
import { readSettings } from '../../src/inputs.js';
import { jobOf, verifyArchOf } from '../../src/intent.js';
import { buildxArgv } from '../../src/plan/buildx-argv.js';
import { secretEnv, secretEnvName } from '../../src/secrets.js';
import {
  archSuffix,
  decidePush,
  makePlan,
  perArchRefs,
  planArgv,
  tagPlan,
  type DriverKind,
} from '../../src/plan/plan.js';
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
  nodes = 1,
  runsImage = false,
) {
  const s = settings(m);
  const push = decidePush(s, event).push;
  return makePlan({
    settings: s,
    ctx: ctxFor(event),
    meta,
    push,
    job: jobOf(s),
    verifyArch: verifyArchOf(s, push),
    declaredArgs: declared,
    driver,
    builder: 'default',
    metadataFile: '/tmp/m.json',
    layoutDir: '/tmp/oci',
    cacheFrom: s['cache-from'],
    cacheTo: s['cache-to'],
    nodes,
    runTag: 'crossbuild-push-run1',
    runsImage,
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
    expect(decidePush(settings({ push }), event).push).toBe(want);
  });
});

test('custom outputs replace push: nothing is pushed, tagged or proven', () => {
  const p = plan({ outputs: 'type=local,dest=out' });
  expect(p.push).toBe(false);
  expect(decidePush(settings({ outputs: 'type=local,dest=out' }), 'push').reason).toMatch(/^outputs: custom/);
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
  const outputOf = (argv: string[]) => argv[argv.indexOf('--output') + 1];
  test.each<[string, Record<string, string>, boolean, boolean]>([
    ['nothing uses a copy in docker', {}, false, false],
    ['load: the user gets the proven image in docker', { load: 'true' }, false, true],
    ['a test runs the image with docker run', {}, true, true],
  ])('docker driver, %s: whether dockerd stores what BuildKit pushed', (_n, m, runs, stored) => {
    const argv = planArgv(plan({ ...m, platforms: 'linux/amd64' }, 'push', 'docker', [], 1, runs));
    expect(outputOf(argv)?.endsWith(',store=false')).toBe(!stored);
    expect(outputOf(planArgv(plan(m, 'push', 'other', [], 1, runs)))).not.toContain('store=');
  });

  test.each<[string, DriverKind, number, string, string | undefined]>([
    [
      // dockerd refuses push-by-digest: one staging tag per repository, no tag a user pulls
      'docker driver: BuildKit pushes under the staging tag; dockerd keeps no copy',
      'docker',
      1,
      'type=image,name=127.0.0.1:5000/acme/app:crossbuild-push-run1,push=true,store=false',
      'type=oci,dest=/tmp/oci,tar=false',
    ],
    [
      'docker-container, remote, kubernetes: BuildKit pushes by digest',
      'other',
      1,
      'type=image,name=127.0.0.1:5000/acme/app,push-by-digest=true,name-canonical=true,push=true',
      'type=oci,dest=/tmp/oci,tar=false',
    ],
    [
      // buildx tags the merged index `latest` even by digest, and cannot export a layout from several nodes
      'a multi-node builder: a staging tag, and no layout to fall back to',
      'other',
      2,
      'type=image,name=127.0.0.1:5000/acme/app:crossbuild-push-run1,push=true',
      undefined,
    ],
  ])('%s', (_n, driver, nodes, output, fallback) => {
    const p = plan({ platforms: 'linux/amd64,linux/s390x' }, 'push', driver, [], nodes);
    const argv = planArgv(p);
    expect(argv.slice(0, 4)).toEqual(['buildx', 'build', '--progress', 'plain']);
    // no user tag anywhere: tags move in the registry only after the read-back and the proof
    expect(argv).not.toContain('--tag');
    expect(argv).not.toContain('--push');
    expect(outputOf(argv)).toBe(output);
    expect(p.fallback ? outputOf(buildxArgv(p.fallback)) : undefined).toBe(fallback);
    expect(p.stageTag).toBe(driver === 'docker' || nodes > 1 ? 'crossbuild-push-run1' : undefined);
    expect(p.verifyArch).toBe(true);
    expect(argv.join(' ')).toContain('--platform linux/amd64,linux/s390x');
    expect(argv.slice(-2)).toEqual(['--', '.']);
  });

  test.each(['--push', '-', '-ctx', '--output=type=registry'])(
    'the context %j comes after --, so buildx takes it as the path, never a flag (#19)',
    (context) => {
      const argv = buildxArgv({ ...plan({}).spec, context });
      expect(argv.slice(-2)).toEqual(['--', context]);
      expect(argv.filter((a) => a === '--')).toHaveLength(1);
      expect(argv.indexOf('--')).toBe(argv.length - 2);
    },
  );

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
    expect(secretEnv(settings(s).secrets)).toEqual({
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

  test('push and load, docker driver: no second exporter; this run’s own staging name, tagged once proven', () => {
    const p = plan({ load: 'true' });
    const argv = planArgv(p);
    expect(argv).not.toContain('--load');
    expect(argv).not.toContain('--tag');
    expect(p.stageTag).toBe('crossbuild-push-run1');
  });

  test('push and load, other drivers: a second exporter loads the image under its tags', () => {
    const argv = planArgv(plan({ load: 'true' }, 'push', 'other'));
    expect(argv).toContain('--load');
    expect(argv.filter((a) => a.startsWith('127.0.0.1:5000/acme/app:'))).toHaveLength(4);
  });

  test('several repositories are one quoted name field of the CSV --output', () => {
    expect(
      buildxArgv({
        ...plan({}).spec,
        output: { kind: 'registry', names: ['r/a', 'q/b'], byDigest: true, load: false },
      }),
    ).toContain('type=image,"name=r/a,q/b",push-by-digest=true,name-canonical=true,push=true');
  });

  test.each<[string, Record<string, string>, string, DriverKind]>([
    [
      'a proven, unpushed build loaded on the docker driver',
      { push: 'false', 'verify-arch': 'true', load: 'true', platforms: 'linux/amd64' },
      'push',
      'docker',
    ],
    [
      'the layout fall-back of a loading docker-driver release',
      { load: 'true', platforms: 'linux/amd64' },
      'push',
      'docker',
    ],
  ])('%s: the layout is loaded under the user’s tags', (_n, input, event, driver) => {
    const p = plan(input, event, driver);
    const spec = p.push ? p.fallback : p.spec;
    expect(spec?.output).toMatchObject({ kind: 'oci-layout', load: true });
    expect(spec?.tags.length).toBeGreaterThan(0);
    expect(buildxArgv(spec ?? p.spec)).toContain('--load');
  });

  test('load on a build-only run', () => {
    const argv = buildxArgv({ ...plan({ push: 'false', load: 'true', platforms: 'linux/amd64' }).spec });
    expect(argv).toContain('--load');
  });
});

describe('what the build writes and whether the proof runs', () => {
  test.each<[string, Record<string, string>, string, string, boolean]>([
    ['pushing: BuildKit pushes, proven from the registry', {}, 'push', 'registry', true],
    ['pull request: built only, not proven', {}, 'pull_request', 'build-only', false],
    [
      'pull request with verify-arch: true: a layout to prove',
      { 'verify-arch': 'true' },
      'pull_request',
      'oci-layout',
      true,
    ],
    [
      'pull request, load, verify-arch: true: a layout proven, and loaded',
      { load: 'true', 'verify-arch': 'true', platforms: 'linux/amd64' },
      'pull_request',
      'oci-layout',
      true,
    ],
    [
      'pull request, load: loaded only',
      { load: 'true', platforms: 'linux/amd64' },
      'pull_request',
      'build-only',
      false,
    ],
    ['verify-arch: false: pushed, not proven', { 'verify-arch': 'false' }, 'push', 'registry', false],
    ['custom outputs: nothing to read', { outputs: 'type=local,dest=o' }, 'push', 'custom', false],
  ])('%s', (_name, input, event, kind, proven) => {
    const p = plan(input, event);
    expect([p.spec.output.kind, p.verifyArch]).toEqual([kind, proven]);
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
