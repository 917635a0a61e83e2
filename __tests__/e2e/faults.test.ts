/**
 * Issue 3: a registry that fails. A fault-injecting proxy (ours, on 127.0.0.1) sits in front of the real registry.
 * Transient faults: the action still ends with a complete, verified index. Faults that never stop: it fails in
 * bounded time with one clear line. A registry that lies about the index: verification fails with a list, and no
 * floating tag moves.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, test } from 'vitest';
import { runMain, type RunSpec } from '../../scripts/local-runner.mjs';
import { tagPush } from '../fixtures/events.js';
import {
  startFaultProxy,
  type FaultProxy,
  type FaultRule,
  type RandomFaults,
  type Tamper,
} from '../../scripts/fault-proxy.mjs';
import { dockerNames, manifest, platformsOf, REGISTRY, tagList, uniqueRepo, workspace } from './registry.js';
import { skipReal } from '../docker/real-engine.js';

const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/s390x'];
const SEMVER =
  'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}';

let proxy: FaultProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function run(
  repo: string,
  rules: FaultRule[],
  inputs: Record<string, string> = {},
  tamper?: Tamper,
  random?: RandomFaults,
  tag = 'v1.2.3',
) {
  proxy = await startFaultProxy(5000, rules, tamper, random);
  // a fresh layer per test, so every push really uploads through the proxy
  const dockerfile = `FROM ${REGISTRY}/fixtures/base:1\nRUN echo ${repo} > /id && uname -m > /arch\nCMD ["cat", "/arch"]\n`;
  const e = tagPush(tag);
  const spec: RunSpec = {
    inputs: {
      images: `${proxy.host}/${repo}`,
      platforms: PLATFORMS.join(','),
      tags: SEMVER,
      'floating-tags': 'always',
      'retry-attempts': '4',
      'retry-wait': '1',
      // a registry cache would add an IMAGE:buildcache tag; the cache has its own test
      cache: 'off',
      ...inputs,
    },
    github: e.env,
    event: e.payload,
    cwd: workspace({ Dockerfile: dockerfile }),
  };
  return runMain(spec);
}

const errorLines = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::error::'));

describe.skipIf(skipReal)('registry faults', () => {
  test('transient 503, 429 and dropped connections: retried until the index is complete and verified', async () => {
    const repo = uniqueRepo('faults');
    const r = await run(
      repo,
      [
        { method: 'PUT', path: /\/manifests\//, fault: 503, times: 1 },
        { method: 'HEAD', path: /\/manifests\//, fault: 500, times: 1 },
        { method: 'POST', path: /\/blobs\/uploads\/$/, fault: 'drop', times: 1 },
        { method: 'GET', path: /\/manifests\//, fault: 429, times: 2 },
      ],
      { 'retry-attempts': '' },
    );
    expect(r.code, r.stdout.slice(-4000)).toBe(0);
    expect(proxy?.injected.length).toBe(5);
    // each fault cost one request, retried on its own
    expect(r.stdout).toMatch(/attempt 1 failed/);
    expect(await tagList(repo)).toEqual(['1', '1.2', '1.2.3', 'latest']);
    const index = await manifest(repo, '1.2.3');
    expect(platformsOf(index)).toEqual([...PLATFORMS].sort());
    for (const t of ['1', '1.2', 'latest']) expect((await manifest(repo, t))?.digest).toBe(index?.digest);
    expect(r.outputs.digest).toBe(index?.digest);
  });

  test("BuildKit's push stops on a fault, the layout is pushed instead: the tests pull and run that index (dockerd holds the failed push's, another digest)", async () => {
    const repo = uniqueRepo('fellback');
    // BuildKit retries a 5xx and a 429 itself, not a 400 on a manifest write (a registry's passing refusal)
    const r = await run(repo, [{ method: 'PUT', path: /\/manifests\//, fault: 400, times: 1 }], {
      test: 'cat /arch',
    });
    expect(r.code, r.stdout.slice(-3000)).toBe(0);
    expect(r.stdout).toContain("BuildKit's push stopped on a registry fault");
    const tests = JSON.parse(r.outputs.tests ?? '[]') as { platform: string; ok: boolean }[];
    expect(tests.map((t) => `${t.platform} ${String(t.ok)}`)).toEqual(PLATFORMS.map((p) => `${p} true`));
    expect(r.summary).toMatch(/\| `linux\/s390x` \| `cat \/arch` \| ✅ \| [\d.]+ s \| s390x \|/);
    expect(await tagList(repo)).toEqual(['1', '1.2', '1.2.3', 'latest']);
    // what docker pulled for the tests went again: it holds only the failed push's copy, under the local name
    const held = execFileSync(
      'docker',
      ['image', 'ls', '--digests', '--format', '{{.Repository}} {{.Tag}}'],
      {
        encoding: 'utf8',
      },
    )
      .split('\n')
      .filter((l) => l.includes(`/${repo} `));
    expect(held).toEqual([`${proxy?.host ?? ''}/${repo} crossbuild-push`]);
  });

  test("dockerd stores no copy: BuildKit writes the staging tag once, buildx's second push has nothing to send", async () => {
    const repo = uniqueRepo('unstored');
    const r = await run(repo, []);
    expect(r.code, r.stdout.slice(-3000)).toBe(0);
    expect(r.stdout).toContain(',push=true,store=false -- ');
    expect(r.stdout).toMatch(
      /buildx's second push with docker had no copy to send \(dockerd stores none: tag does not exist: /,
    );
    // BuildKit's write of the staging tag, then the action's empty index that removes it: no second push by dockerd
    const writes = (proxy?.log ?? []).filter(
      (l) => l.method === 'PUT' && /\/manifests\/crossbuild-push-/.test(l.path),
    );
    expect(writes).toHaveLength(2);
    expect(r.summary).not.toContain('second push');
    expect(platformsOf(await manifest(repo, '1.2.3'))).toEqual([...PLATFORMS].sort());
    expect(dockerNames(repo)).toEqual([]);
  });

  test("buildx's second push (dockerd's, after BuildKit's) fails: the release goes on from BuildKit's index, no layout export", async () => {
    const repo = uniqueRepo('repushed');
    // load: dockerd keeps a copy and pushes it again. BuildKit's write of the staging tag passes; the same write by
    // dockerd's push after it gets a 400
    const r = await run(
      repo,
      [{ method: 'PUT', path: /\/manifests\/crossbuild-push-/, fault: 400, after: 1, times: 1 }],
      { load: 'true' },
    );
    expect(r.code, r.stdout.slice(-3000)).toBe(0);
    expect(proxy?.injected).toEqual([expect.objectContaining({ method: 'PUT', fault: 400 })]);
    expect(r.stdout).toMatch(/buildx's second push \(with docker\) failed: .*400/);
    expect(r.summary).toContain("pushed by BuildKit (buildx's second push with docker failed)");
    expect(r.summary).not.toContain('layout export');
    const index = await manifest(repo, '1.2.3');
    expect(platformsOf(index)).toEqual([...PLATFORMS].sort());
    expect(r.outputs.digest).toBe(index?.digest);
    expect(await tagList(repo)).toEqual(['1', '1.2', '1.2.3', 'latest']);
    // what load put in docker goes with the test
    const names = dockerNames(repo);
    if (names.length > 0) execFileSync('docker', ['image', 'rm', ...names], { stdio: 'ignore' });
  });

  test('faults that never stop: fails in bounded time with one clear line, no floating tag', async () => {
    const repo = uniqueRepo('down');
    const r = await run(repo, [{ method: 'PUT', path: /\/manifests\//, fault: 503, times: Infinity }], {
      'retry-attempts': '3',
    });
    expect(r.code).toBe(1);
    expect(r.ms).toBeLessThan(60_000);
    const errors = errorLines(r.stdout);
    expect(errors, r.stdout.slice(-3000)).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^::error::push: .*503 Service Unavailable.*gave up after 3 attempts over [\d.]+ s/,
    );
    expect(await tagList(repo)).toEqual([]);
  });

  test('verification failure: a registry serving a different index (one platform dropped) fails the job with a list; floating tags stay put', async () => {
    const repo = uniqueRepo('tampered');
    // the registry (through the proxy) answers index reads with an index that lost linux/s390x
    const dropS390x: Tamper = {
      method: 'GET',
      path: /\/manifests\//,
      rewrite(body) {
        const index = JSON.parse(body.toString()) as {
          manifests?: { platform?: { architecture?: string } }[];
        };
        if (!index.manifests) return body;
        index.manifests = index.manifests.filter((m) => m.platform?.architecture !== 's390x');
        return Buffer.from(JSON.stringify(index));
      },
    };
    const r = await run(repo, [], {}, dropS390x);
    expect(r.code).toBe(1);
    const errors = errorLines(r.stdout);
    expect(errors).toHaveLength(1);
    // one annotation line; every problem listed in a log group and in the summary
    expect(errors[0]).toMatch(
      /^::error::verify: the registry does not hold what was built \(\d+ problems?\): \(listed in "Error details" and the job summary\)$/,
    );
    const details = r.stdout.split('::group::Error details\n')[1]?.split('::endgroup::')[0] ?? '';
    // the listed problem names the index, read back by digest before any tag
    expect(details).toContain(`/${repo}@sha256:`);
    expect(r.summary).toContain(`/${repo}@sha256:`);
    // no tag at all: not even the version tag moves before the read-back passes
    expect(await tagList(repo)).toEqual([]);
  });

  test('one request in ten failing (503, 429, dropped; seeded): the release completes, every tag on the index', async () => {
    const repo = uniqueRepo('random');
    const r = await run(repo, [], { 'retry-attempts': '' }, undefined, { rate: 0.1, seed: 42 });
    expect(r.code, r.stdout.slice(-3000)).toBe(0);
    expect(proxy?.injected.length).toBeGreaterThan(0);
    const index = await manifest(repo, '1.2.3');
    expect(platformsOf(index)).toEqual([...PLATFORMS].sort());
    for (const t of ['1', '1.2', 'latest']) expect((await manifest(repo, t))?.digest).toBe(index?.digest);
    // complete, and nothing else: the per-run staging tag BuildKit pushed under is gone
    expect(await tagList(repo)).toEqual(['1', '1.2', '1.2.3', 'latest']);
  });

  test('a push killed midway leaves the version tag and every floating tag where they were', async () => {
    const repo = uniqueRepo('killed');
    const first = await run(repo, [], {}, undefined, undefined, 'v1.2.2');
    expect(first.code, first.stdout.slice(-2000)).toBe(0);
    await proxy?.close();
    const before = await manifest(repo, '1.2.2');
    // the next release's push dies after two manifest writes (two platform manifests, no index, no tag)
    const r = await run(repo, [], { 'retry-attempts': '2' }, undefined, {
      rate: 0,
      seed: 1,
      dieAfterManifestWrites: 2,
    });
    expect(r.code).toBe(1);
    expect(await tagList(repo)).toEqual(['1', '1.2', '1.2.2', 'latest']);
    for (const t of ['1', '1.2', 'latest']) expect((await manifest(repo, t))?.digest).toBe(before?.digest);
    expect(r.ms).toBeLessThan(15_000);
  });

  test('nothing listening: fails within 15 s, saying how many attempts over how long', async () => {
    const repo = uniqueRepo('refused');
    // a port nobody listens on: the proxy is started and closed at once
    const closed = await startFaultProxy(5000, []);
    await closed.close();
    const e = tagPush('v1.2.3');
    const t0 = Date.now();
    const res = await runMain({
      inputs: {
        images: `${closed.host}/${repo}`,
        platforms: PLATFORMS.join(','),
        tags: SEMVER,
        'floating-tags': 'always',
        cache: 'off',
      },
      github: e.env,
      event: e.payload,
      cwd: workspace({
        Dockerfile: `FROM ${REGISTRY}/fixtures/base:1\nRUN echo ${repo} > /id\nCMD ["cat", "/id"]\n`,
      }),
    });
    expect(res.code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(15_000);
    const errors = errorLines(res.stdout);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^::error::push: .*ECONNREFUSED.*gave up after \d+ attempts over [\d.]+ s/);
  });
});
