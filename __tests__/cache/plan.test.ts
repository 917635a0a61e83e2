import { describe, expect, test } from 'vitest';
import {
  branchOf,
  cacheEnvOf,
  cachePlan,
  ghaScope,
  inputsHash,
  registryCacheRef,
  type CachePlanInput,
} from '../../src/cache/plan.js';

const HOSTED = { githubHosted: true, actionsCache: true };
const SELF = { githubHosted: false, actionsCache: true };
const NONE = { githubHosted: false, actionsCache: false };

const base: CachePlanInput = {
  cache: 'auto',
  cacheFrom: [],
  cacheTo: [],
  images: ['ghcr.io/acme/app'],
  platforms: ['linux/arm64', 'linux/amd64'],
  push: true,
  ref: 'refs/heads/main',
  env: HOSTED,
  dockerfile: 'FROM scratch\n',
  lockfiles: [{ name: 'go.sum', content: 'a v1 h1:x\n' }],
  tempDir: '/rt',
  noCache: false,
  mounts: [],
};

const H = inputsHash(base.dockerfile, base.lockfiles, base.platforms);
const SCOPE = 'ghcr.io-acme-app-linux-amd64-linux-arm64';
const REG = 'ghcr.io/acme/app:buildcache';

describe('cachePlan: mode, cache-from, cache-to', () => {
  test.each<[string, Partial<CachePlanInput>, string, string[], string[]]>([
    [
      'auto, GitHub-hosted with the cache service → gha',
      {},
      'gha',
      [`type=gha,scope=${SCOPE}`],
      [`type=gha,scope=${SCOPE},mode=max,ignore-error=true`],
    ],
    [
      'auto, gha also on a PR (the service scopes writes to the PR ref)',
      { push: false, ref: 'refs/pull/7/merge' },
      'gha',
      [`type=gha,scope=${SCOPE}`],
      [`type=gha,scope=${SCOPE},mode=max,ignore-error=true`],
    ],
    [
      'auto, self-hosted → registry next to the image',
      { env: SELF },
      'registry',
      [`type=registry,ref=${REG}`],
      [`type=registry,ref=${REG},mode=max,ignore-error=true`],
    ],
    [
      'auto, hosted but no service → registry',
      { env: { githubHosted: true, actionsCache: false } },
      'registry',
      [`type=registry,ref=${REG}`],
      [`type=registry,ref=${REG},mode=max,ignore-error=true`],
    ],
    [
      'auto, PR without push → registry read only',
      { env: NONE, push: false },
      'registry',
      [`type=registry,ref=${REG}`],
      [],
    ],
    ['auto, no service, no image → off', { env: NONE, images: [] }, 'off', [], []],
    [
      'registry on GitHub-hosted: first image only',
      { cache: 'registry', images: ['127.0.0.1:5000/a/b', 'docker.io/a/b'] },
      'registry',
      ['type=registry,ref=127.0.0.1:5000/a/b:buildcache'],
      ['type=registry,ref=127.0.0.1:5000/a/b:buildcache,mode=max,ignore-error=true'],
    ],
    ['gha without the service → off', { cache: 'gha', env: NONE }, 'off', [], []],
    [
      'gha on self-hosted with the service',
      { cache: 'gha', env: SELF, images: [] },
      'gha',
      ['type=gha,scope=crossbuild-linux-amd64-linux-arm64'],
      ['type=gha,scope=crossbuild-linux-amd64-linux-arm64,mode=max,ignore-error=true'],
    ],
    [
      'local: export beside the restored directory',
      { cache: 'local' },
      'local',
      ['type=local,src=/rt/crossbuild-cache'],
      ['type=local,dest=/rt/crossbuild-cache-new,mode=max,ignore-error=true'],
    ],
    ['local without the service → off', { cache: 'local', env: NONE }, 'off', [], []],
    ['off', { cache: 'off' }, 'off', [], []],
    [
      'user lines win over the mode, as written',
      { cache: 'gha', cacheFrom: ['type=registry,ref=x/y:c'] },
      'user',
      ['type=registry,ref=x/y:c'],
      [],
    ],
    ['user cache-to alone', { cache: 'off', cacheTo: ['type=inline'] }, 'user', [], ['type=inline']],
  ])('%s', (_name, over, mode, from, to) => {
    const p = cachePlan({ ...base, ...over });
    expect([p.mode, p.cacheFrom, p.cacheTo]).toEqual([mode, from, to]);
    expect(p.why).toMatch(new RegExp(`^(cache|cache-from)`));
  });

  test('the reason says when the user lines make the mode add nothing', () => {
    expect(cachePlan({ ...base, cacheTo: ['type=inline'] }).why).toBe(
      'cache-from/cache-to given: used as written, cache: auto adds nothing',
    );
  });

  test('a registry cache without any image is an input error', () => {
    expect(() => cachePlan({ ...base, cache: 'registry', images: [] })).toThrow(
      /^cache: registry needs an image/,
    );
  });

  test('local: key from the inputs hash, restore keys by branch then any', () => {
    expect(cachePlan({ ...base, cache: 'local', ref: 'refs/heads/feat/x' }).local).toEqual({
      dir: '/rt/crossbuild-cache',
      key: `crossbuild-buildkit-feat_x-${H}`,
      restoreKeys: ['crossbuild-buildkit-feat_x-', 'crossbuild-buildkit-'],
    });
  });
});

describe('cachePlan: cache mounts', () => {
  const mounts = [{ id: '/root/.cache/go-build' }];
  test.each<[string, Partial<CachePlanInput>, string | undefined]>([
    ['carried with the service', {}, undefined],
    ['carried with user cache lines too', { cacheFrom: ['type=inline'] }, undefined],
    ['not with cache: off', { cache: 'off' }, 'cache: off — cache mounts not carried'],
    [
      'not with no-cache',
      { noCache: true },
      'no-cache: BuildKit starts every cache mount empty; nothing to carry',
    ],
    ['not without the service', { env: NONE }, 'no Actions cache service to keep cache mounts between runs'],
  ])('%s', (_name, over, why) => {
    const p = cachePlan({ ...base, mounts, ...over });
    expect(p.mountsWhy).toBe(why);
    expect(p.mounts === undefined).toBe(why !== undefined);
  });

  test('key per run under the inputs hash; newest of the same inputs restored first', () => {
    const p = cachePlan({ ...base, mounts, runId: 42, ref: 'refs/pull/7/merge', headRef: 'fix-1' });
    expect(p.mounts).toEqual({
      dir: '/rt/crossbuild-cache-mounts',
      key: `crossbuild-mounts-fix-1-${H}-42`,
      restoreKeys: [`crossbuild-mounts-fix-1-${H}-`, 'crossbuild-mounts-fix-1-', 'crossbuild-mounts-'],
      list: mounts,
    });
  });

  test('no mounts: nothing said', () => {
    expect(cachePlan(base)).not.toHaveProperty('mountsWhy');
  });
});

test.each<[Record<string, string | undefined>, boolean, boolean]>([
  [
    { RUNNER_ENVIRONMENT: 'github-hosted', ACTIONS_RESULTS_URL: 'https://r/', ACTIONS_RUNTIME_TOKEN: 't' },
    true,
    true,
  ],
  [
    { RUNNER_ENVIRONMENT: 'github-hosted', ACTIONS_CACHE_URL: 'https://c/', ACTIONS_RUNTIME_TOKEN: 't' },
    true,
    true,
  ],
  [{ RUNNER_ENVIRONMENT: 'github-hosted', ACTIONS_CACHE_URL: 'https://c/' }, true, false],
  [
    { RUNNER_ENVIRONMENT: 'self-hosted', ACTIONS_CACHE_URL: 'https://c/', ACTIONS_RUNTIME_TOKEN: 't' },
    false,
    true,
  ],
  [{ ACTIONS_RUNTIME_TOKEN: 't', ACTIONS_CACHE_URL: '' }, false, false],
])('cacheEnvOf(%j)', (env, hosted, service) => {
  expect(cacheEnvOf(env)).toEqual({ githubHosted: hosted, actionsCache: service });
});

test.each([
  ['ghcr.io/o/n', 'ghcr.io/o/n:buildcache'],
  ['ghcr.io/o/n:1.2', 'ghcr.io/o/n:buildcache'],
  ['127.0.0.1:5000/n', '127.0.0.1:5000/n:buildcache'],
  ['127.0.0.1:5000/n:dev', '127.0.0.1:5000/n:buildcache'],
  ['ghcr.io/o/n@sha256:abc', 'ghcr.io/o/n:buildcache'],
])('registryCacheRef(%s) = %s', (image, ref) => {
  expect(registryCacheRef(image)).toBe(ref);
});

test.each([
  ['ghcr.io/o/n', ['linux/s390x', 'linux/amd64'], 'ghcr.io-o-n-linux-amd64-linux-s390x'],
  ['ghcr.io/o/n', ['linux/amd64', 'linux/s390x'], 'ghcr.io-o-n-linux-amd64-linux-s390x'],
  ['127.0.0.1:5000/a_b', ['linux/arm/v7'], '127.0.0.1-5000-a_b-linux-arm-v7'],
])('ghaScope(%s, %j) = %s: sorted platforms, no comma or slash', (image, platforms, scope) => {
  expect(ghaScope(image, platforms)).toBe(scope);
});

test.each([
  ['refs/heads/main', undefined, 'main'],
  ['refs/heads/feat/x', undefined, 'feat_x'],
  ['refs/pull/3/merge', 'dependabot/go/x', 'dependabot_go_x'],
  ['refs/tags/v1.2.0', undefined, 'refs_tags_v1.2.0'],
  ['refs/heads/a,b', undefined, 'a-b'],
])('branchOf(%s, %s) = %s', (ref, head, branch) => {
  expect(branchOf(ref, head)).toBe(branch);
});

describe('inputsHash', () => {
  const l = (name: string, content: string) => ({ name, content });
  const [A, B] = ['linux/amd64', 'linux/arm64'];
  test.each<[string, Parameters<typeof inputsHash>, boolean]>([
    ['lockfile order does not matter', ['D', [l('b', '2'), l('a', '1')], [A, B]], true],
    ['platform order does not matter', ['D', [l('a', '1'), l('b', '2')], [B, A]], true],
    ['Dockerfile text matters', ['D2', [l('a', '1'), l('b', '2')], [A, B]], false],
    ['lockfile content matters', ['D', [l('a', '1'), l('b', '3')], [A, B]], false],
    ['lockfile name matters', ['D', [l('a', '1'), l('c', '2')], [A, B]], false],
    ['platforms matter', ['D', [l('a', '1'), l('b', '2')], [A]], false],
  ])('%s', (_n, args, same) => {
    const ref = inputsHash('D', [l('a', '1'), l('b', '2')], [A, B]);
    expect(inputsHash(...args) === ref).toBe(same);
    expect(inputsHash(...args)).toMatch(/^[0-9a-f]{16}$/);
  });
});
