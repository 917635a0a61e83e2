import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  basicHeader,
  chainSources,
  configKeys,
  dockerConfigSource,
  loginHost,
  parseChallenge,
} from '../../src/registry/auth.js';
import {
  RegistryClient,
  RegistryError,
  isTransientStatus,
  registryMessage,
  shortPath,
} from '../../src/registry/client.js';
import { isLoopback, parseRepository, repositoryName } from '../../src/registry/reference.js';
import { FakeRegistry } from '../fixtures/registry.js';
import { FakeRunner, fail, instantRetry } from '../fixtures/runner.js';
import { tempDir } from '../../scripts/temp.mjs';

describe('parseRepository', () => {
  test.each([
    ['ghcr.io/acme/app', 'ghcr.io', 'ghcr.io', 'acme/app', 'https'],
    ['acme/app', 'docker.io', 'registry-1.docker.io', 'acme/app', 'https'],
    ['alpine', 'docker.io', 'registry-1.docker.io', 'library/alpine', 'https'],
    ['index.docker.io/acme/app', 'docker.io', 'registry-1.docker.io', 'acme/app', 'https'],
    ['127.0.0.1:5000/e2e/app', '127.0.0.1:5000', '127.0.0.1:5000', 'e2e/app', 'http'],
    ['localhost/app:1', 'localhost', 'localhost', 'app', 'http'],
    [
      'registry.k8s.io/autoscaling/cluster-autoscaler@sha256:ab',
      'registry.k8s.io',
      'registry.k8s.io',
      'autoscaling/cluster-autoscaler',
      'https',
    ],
  ])('%s', (image, host, apiHost, path, scheme) => {
    expect(parseRepository(image)).toEqual({ host, apiHost, path, scheme });
  });
  test('names as users write them', () => {
    expect(repositoryName(parseRepository('alpine'))).toBe('alpine');
    expect(repositoryName(parseRepository('ghcr.io/a/b'))).toBe('ghcr.io/a/b');
    expect([isLoopback('127.0.0.1:5000'), isLoopback('[::1]'), isLoopback('ghcr.io')]).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('auth pieces', () => {
  test.each([
    [
      'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull"',
      {
        scheme: 'bearer',
        params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:a/b:pull' },
      },
    ],
    ['Basic realm="Registry Realm"', { scheme: 'basic', params: { realm: 'Registry Realm' } }],
    ['Negotiate abc', undefined],
  ])('parseChallenge(%s)', (h, want) => {
    expect(parseChallenge(h)).toEqual(want);
  });
  test('basic header, config keys, login hosts', () => {
    expect(basicHeader({ username: 'u', password: 'p' })).toBe('Basic dTpw');
    expect(configKeys('docker.io')[0]).toBe('https://index.docker.io/v1/');
    expect([
      loginHost(''),
      loginHost('https://ghcr.io/'),
      loginHost('registry-1.docker.io'),
      loginHost('quay.io'),
    ]).toEqual(['docker.io', 'ghcr.io', 'docker.io', 'quay.io']);
  });

  test('docker config: auths, then a credential helper; this run’s logins first', async () => {
    const dir = tempDir('crossbuild-dockercfg-');
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        auths: { 'ghcr.io': { auth: Buffer.from('octo:tok').toString('base64') } },
        credHelpers: { 'quay.io': 'pass' },
      }),
    );
    const runner = new FakeRunner().on(['docker-credential-pass', 'get'], (c) =>
      c.opts.input === 'quay.io' ? { stdout: '{"Username":"q","Secret":"s"}' } : fail('not found'),
    );
    const source = dockerConfigSource(runner, { DOCKER_CONFIG: dir });
    expect(await source('ghcr.io')).toEqual({ username: 'octo', password: 'tok' });
    expect(await source('quay.io')).toEqual({ username: 'q', password: 's' });
    expect(await source('docker.io')).toBeUndefined();
    const chained = chainSources([{ registry: 'ghcr.io', username: 'me', password: 'mine' }], source);
    expect(await chained('ghcr.io')).toEqual({ username: 'me', password: 'mine' });
    expect(await chained('quay.io')).toEqual({ username: 'q', password: 's' });
    // no config file at all: anonymous
    expect(await dockerConfigSource(runner, { DOCKER_CONFIG: join(dir, 'none') })('ghcr.io')).toBeUndefined();
  });
});

describe('RegistryClient', () => {
  const repo = parseRepository('ghcr.io/acme/app');
  const creds = () => Promise.resolve({ username: 'octo', password: 'tok' });

  test('a bearer challenge: one token request with basic credentials, then the request again', async () => {
    const reg = new FakeRegistry();
    reg.requireAuth = {
      challenge: 'Bearer realm="https://ghcr.io/token",service="ghcr.io"',
      header: 'Bearer tok',
    };
    const client = new RegistryClient({ credentials: creds, policy: instantRetry(), fetch: reg.fetch });
    const r = await client.request(repo, {
      method: 'HEAD',
      path: 'blobs/sha256:aa',
      scope: 'pull,push',
      ok: [200, 404],
    });
    expect(r.status).toBe(404);
    expect(reg.requests).toEqual([
      'HEAD /v2/acme/app/blobs/sha256:aa',
      'GET /token?service=ghcr.io&scope=repository%3Aacme%2Fapp%3Apull%2Cpush',
      'HEAD /v2/acme/app/blobs/sha256:aa',
    ]);
    // the token is kept for the next request
    await client.request(repo, {
      method: 'HEAD',
      path: 'blobs/sha256:bb',
      scope: 'pull,push',
      ok: [200, 404],
    });
    expect(reg.requests).toHaveLength(4);
  });

  test('a basic challenge without credentials says to log in; never retried', async () => {
    const reg = new FakeRegistry();
    reg.requireAuth = { challenge: 'Basic realm="r"', header: 'x' };
    const client = new RegistryClient({
      credentials: () => Promise.resolve(undefined),
      policy: instantRetry(),
      fetch: reg.fetch,
      step: 'push',
    });
    await expect(
      client.request(repo, { method: 'GET', path: 'manifests/1', scope: 'pull', ok: [200] }),
    ).rejects.toThrow('push: ghcr.io/acme/app: the registry asks for a login; log in first');
    expect(reg.requests).toHaveLength(1);
  });

  test('a refused token names the fix; the credentials never appear', async () => {
    const client = new RegistryClient({
      credentials: () => Promise.resolve({ username: 'octo', password: 'S3cr3tPw' }),
      policy: instantRetry(),
      fetch: (input) =>
        Promise.resolve(
          (input instanceof Request ? input.url : input.toString()).includes('/token')
            ? new Response('denied', { status: 403, statusText: 'Forbidden' })
            : new Response(null, {
                status: 401,
                headers: { 'www-authenticate': 'Bearer realm="https://ghcr.io/token"' },
              }),
        ),
    });
    const err = await client
      .request(repo, { method: 'GET', path: 'manifests/1', scope: 'pull', ok: [200] })
      .catch((e: unknown) => e);
    expect(String(err)).toMatch(
      /token from ghcr.io for ghcr.io\/acme\/app \(pull\): 403 Forbidden; check the login's username and token/,
    );
    expect(String(err)).not.toMatch(/S3cr3tPw|octo/);
  });

  test('passing faults are retried per request, with the Retry-After a 429 asks for', async () => {
    const reg = new FakeRegistry()
      .fault({ method: 'GET', path: /manifests/, status: 429, times: 1, headers: { 'retry-after': '3' } })
      .fault({ method: 'GET', path: /manifests/, status: 'drop', times: 1 });
    const policy = instantRetry(4, 100);
    const client = new RegistryClient({ credentials: creds, policy, fetch: reg.fetch });
    const r = await client.request(repo, {
      method: 'GET',
      path: 'manifests/1',
      scope: 'pull',
      ok: [200, 404],
    });
    expect(r.status).toBe(404);
    expect(policy.waits).toEqual([3000, 200]);
  });

  test('connection refused is tried twice, then fails saying so', async () => {
    const policy = instantRetry(5, 100);
    const client = new RegistryClient({
      credentials: creds,
      policy,
      fetch: () =>
        Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })),
    });
    await expect(
      client.request(repo, { method: 'GET', path: 'manifests/1', scope: 'pull', ok: [200] }),
    ).rejects.toThrow(
      /registry: GET ghcr.io\/acme\/app manifests\/1: ECONNREFUSED \(gave up after 2 attempts over/,
    );
    expect(policy.waits).toEqual([100]);
  });

  test('a 404 that is not an answer, and a manifest the registry calls invalid: one try, the registry’s words', async () => {
    const reg = new FakeRegistry();
    const client = new RegistryClient({
      credentials: creds,
      policy: instantRetry(),
      fetch: reg.fetch,
      step: 'verify',
    });
    const err = await client
      .request(repo, { method: 'GET', path: 'manifests/9', scope: 'pull', ok: [200] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as Error).message).toBe(
      'verify: GET ghcr.io/acme/app manifests/9: 404 Not Found (MANIFEST_UNKNOWN: manifest unknown)',
    );
    expect(reg.requests).toHaveLength(1);
  });

  test.each([
    [429, true],
    [503, true],
    [501, false],
    [400, false],
    [408, true],
  ])('isTransientStatus(%d) → %s', (s, want) => {
    expect(isTransientStatus(s)).toBe(want);
  });

  test('registryMessage and shortPath', () => {
    expect(registryMessage(Buffer.from('{"errors":[{"code":"DENIED","message":"no"}]}'))).toBe('DENIED: no');
    expect(registryMessage(Buffer.from('<html>bad gateway</html>\nmore'))).toBe('<html>bad gateway</html>');
    expect(shortPath(`http://r/v2/a/b/manifests/sha256:${'a'.repeat(64)}?x=1`)).toBe(
      'manifests/sha256:aaaaaaaaaaaa…',
    );
  });

  test.each([
    ['{"errors":[{"code":"DENIED","message":"no\\n::warning::x"}]}', 'DENIED: no'],
    ['{"errors":[{"message":"tab\\there\\u0007bell"}]}', 'tab here bell'],
    ['{"errors":[{"message":"a\\u2028::error::b"}]}', 'a ::error::b'],
    ['\r\n  first\r\nsecond', 'first'],
    [`{"errors":[{"message":"${'m'.repeat(300)}"}]}`, `${'m'.repeat(200)}…`],
    ['', ''],
  ])('a registry’s words are one plain line of at most 200 characters: %j', (body, said) => {
    expect(registryMessage(Buffer.from(body))).toBe(said);
  });
});
