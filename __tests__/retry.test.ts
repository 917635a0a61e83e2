import { describe, expect, test } from 'vitest';
import { backoffMs, errorText, isTransientRegistryError, policyOf, withRetry } from '../src/retry.js';
import { instantRetry } from './fixtures/runner.js';

describe('isTransientRegistryError', () => {
  test.each([
    // registry 2.8 here, on a multi-arch push (buildx and docker push)
    [
      'ERROR: failed to solve: failed to push 127.0.0.1:5000/crossbuild-test/app:1: unexpected status from HEAD request to http://127.0.0.1:5000/v2/crossbuild-test/app/manifests/sha256:ab: 500 Internal Server Error',
      true,
    ],
    ['received unexpected HTTP status: 500 Internal Server Error\ninvalid checksum digest format', true],
    ['toomanyrequests: You have reached your pull rate limit. 429 Too Many Requests', true],
    ['ERROR: failed to push ghcr.io/o/app:1: unexpected status: 502 Bad Gateway', true],
    ['error parsing HTTP 503 response body: Service Unavailable', true],
    ['ERROR: unexpected status: 504 Gateway Time-out', true],
    ['write tcp 10.1.0.4:51234->140.82.112.33:443: write: connection reset by peer', true],
    ['dial tcp: lookup ghcr.io: i/o timeout', true],
    ['Get "https://ghcr.io/v2/": net/http: TLS handshake timeout', true],
    ['ERROR: failed commit on ref "layer-sha256:ab": unexpected EOF', true],
    ['Patch "https://quay.io/v2/o/app/blobs/uploads/x": EOF', true],
    ['write tcp 127.0.0.1:4711->127.0.0.1:5000: write: broken pipe', true],
    // seen in bench/flaky-registry.mjs: BuildKit's push (docker driver) when the proxy drops a manifest PUT
    [
      'ERROR: failed commit on ref "index-sha256:79": failed to do request: Put "https://127.0.0.1:41405/v2/b/manifests/crossbuild-push": readfrom tcp 127.0.0.1:37042->127.0.0.1:41405: write tcp 127.0.0.1:37042->127.0.0.1:41405: use of closed network connection',
      true,
    ],
    ['dial tcp 127.0.0.1:5000: connect: connection refused', true],
    // registry 2.8 here, copying a platform manifest to another repository (manifest blob unknown)
    [
      'ERROR: failed commit on ref "manifest-sha256:56": unexpected status from PUT request to http://127.0.0.1:5000/v2/e2e/app-amd64/manifests/1.2.3: 400 Bad Request',
      true,
    ],
    [
      'ERROR: failed to solve: dockerfile parse error on line 3: unknown instruction: RUNN (400 Bad Request)',
      false,
    ],
    // never worth a retry
    ['Error response from daemon: Get "https://ghcr.io/v2/": unauthorized', false],
    ['denied: requested access to the resource is denied', false],
    ['ERROR: failed to authorize: authentication required', false],
    ['unexpected status from HEAD request: 401 Unauthorized', false],
    ['unexpected status from POST request: 403 Forbidden', false],
    ['ERROR: manifest unknown: manifest unknown', false],
    ['name unknown: repository name not known to registry', false],
    ['ERROR: failed to solve: dockerfile parse error on line 3: unknown instruction: RUNN', false],
    ['ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2', false],
    ['ERROR: 127.0.0.1:5000/crossbuild-test/nope:1: not found', false],
    ['something unexpected went wrong', false],
    ['', false],
  ])('%s → %s', (text, transient) => {
    expect(isTransientRegistryError(text)).toBe(transient);
  });

  test('connection refused is retried only early on', () => {
    const text = 'dial tcp 127.0.0.1:5000: connect: connection refused';
    expect([1, 2, 3, 4].map((a) => isTransientRegistryError(text, a))).toEqual([true, true, false, false]);
  });

  test('a RUN step that printed a network error is judged by the ERROR line, not its log', () => {
    const log = [
      '#7 [3/4] RUN curl https://example.invalid',
      '#7 0.31 curl: (56) Recv failure: Connection reset by peer',
      '#7 ERROR: process "/bin/sh -c curl https://example.invalid" did not complete successfully: exit code: 56',
      'ERROR: failed to solve: process "/bin/sh -c curl https://example.invalid" did not complete successfully: exit code: 56',
    ].join('\n');
    expect(isTransientRegistryError(log)).toBe(false);
  });
});

describe('errorText', () => {
  test.each([
    ['#1 building\n#2 done\nERROR: boom\n', 'ERROR: boom'],
    ['line one\nlast line\n\n', 'last line'],
    ['', ''],
  ])('%j → %j', (out, want) => {
    expect(errorText(out)).toBe(want);
  });
});

describe('backoffMs', () => {
  test.each([
    [1, 2000, 60000, 2000],
    [2, 2000, 60000, 4000],
    [3, 2000, 60000, 8000],
    [6, 2000, 60000, 60000],
    [3, 1000, 3000, 3000],
  ])('attempt %i, wait %i, cap %i → %i', (attempt, wait, cap, want) => {
    expect(backoffMs(attempt, wait, cap)).toBe(want);
  });
  // a quick first retry, then retry-wait doubling: 6 attempts span what 5 did without it (7.55 s against 7.5 s)
  test.each([
    [1, 500, 30000, 50, 50],
    [2, 500, 30000, 50, 500],
    [3, 500, 30000, 50, 1000],
    [5, 500, 30000, 50, 4000],
    [9, 500, 30000, 50, 30000],
    // retry-wait at or below the quick wait: plain doubling
    [1, 50, 30000, 50, 50],
    [2, 50, 30000, 50, 100],
    [1, 0, 30000, 50, 0],
  ])('attempt %i, wait %i, cap %i, quick %i → %i', (attempt, wait, cap, quick, want) => {
    expect(backoffMs(attempt, wait, cap, quick)).toBe(want);
  });
});

describe('withRetry', () => {
  const transient = new Error('503 Service Unavailable');
  const fatal = new Error('unauthorized');
  const isTransient = (e: unknown): boolean => e === transient;

  test('retries transient failures with doubling waits, then returns the value', async () => {
    const r = instantRetry(4, 1000);
    const seen: number[] = [];
    const retried: [number, number][] = [];
    const value = await withRetry(
      (attempt) => {
        seen.push(attempt);
        return attempt < 3 ? Promise.reject(transient) : Promise.resolve('ok');
      },
      { ...r, isTransient, onRetry: (a, _e, w) => retried.push([a, w]) },
    );
    expect(value).toBe('ok');
    expect(seen).toEqual([1, 2, 3]);
    expect(r.waits).toEqual([1000, 2000]);
    expect(retried).toEqual([
      [1, 1000],
      [2, 2000],
    ]);
  });

  test('gives up after the last attempt with the last error', async () => {
    const r = instantRetry(3, 500);
    let calls = 0;
    await expect(
      withRetry(
        () => {
          calls++;
          return Promise.reject(transient);
        },
        { ...r, isTransient },
      ),
    ).rejects.toBe(transient);
    expect(calls).toBe(3);
    expect(r.waits).toEqual([500, 1000]);
  });

  test('a non-transient failure is thrown at once', async () => {
    const r = instantRetry(5, 500);
    let calls = 0;
    await expect(
      withRetry(
        () => {
          calls++;
          return Promise.reject(fatal);
        },
        { ...r, isTransient },
      ),
    ).rejects.toBe(fatal);
    expect(calls).toBe(1);
    expect(r.waits).toEqual([]);
  });

  test('attempts below 1 still make one attempt', async () => {
    const r = instantRetry(0, 500);
    await expect(withRetry(() => Promise.resolve(7), { ...r, isTransient })).resolves.toBe(7);
  });

  test('waits are capped by maxWaitMs', async () => {
    const r = instantRetry(5, 1000);
    await expect(
      withRetry(() => Promise.reject(transient), { ...r, maxWaitMs: 2500, isTransient }),
    ).rejects.toBe(transient);
    expect(r.waits).toEqual([1000, 2000, 2500, 2500]);
  });
});

describe('policyOf (the run’s policy)', () => {
  test('the first retry comes after 50 ms, the next after retry-wait, then doubling; each logged', async () => {
    const waits: number[] = [];
    const logged: string[] = [];
    const policy = policyOf(4, 0.5, (m) => logged.push(m));
    let calls = 0;
    await expect(
      withRetry(
        () => {
          calls++;
          return Promise.reject(new Error('503 Service Unavailable'));
        },
        {
          ...policy,
          isTransient: () => true,
          sleep: (ms) => {
            waits.push(ms);
            return Promise.resolve();
          },
        },
      ),
    ).rejects.toThrow(/gave up after 4 attempts/);
    expect(calls).toBe(4);
    expect(waits).toEqual([50, 500, 1000]);
    expect(logged[0]).toBe('attempt 1 failed (503 Service Unavailable); retrying in 0.05 s');
  });
});
