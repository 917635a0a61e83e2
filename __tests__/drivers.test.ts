/**
 * #27: BuildKit pushes, the action reads back, proves and tags — per kind of builder, through its exact contract
 * (buildx argv, the metadata file buildx writes, registry state) with the fake runner and the in-memory registry.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseMetadata } from '../src/docker/build.js';
import { run } from '../src/main.js';
import { sha256 } from '../src/registry/digest.js';
import type { EngineApi } from '../src/docker/engine-api.js';
import { IMAGE, INFO, REPO, setup, summary } from './fixtures/harness.js';
import type { FakeRunner } from './fixtures/runner.js';

const data = (f: string) => readFileSync(new URL(`./docker/data/${f}`, import.meta.url), 'utf8');
const outputOf = (h: ReturnType<typeof setup>) =>
  h.runner.calls
    .filter((c) => c.args[1] === 'build')
    .map((c) => c.args[c.args.indexOf('--output') + 1] ?? '');

describe('the metadata file, as buildx writes it', () => {
  test.each([
    ['one node, buildx 0.13', 'case1-single-node.buildx-v0.13.json', undefined],
    [
      'one node, current buildx (provenance keys per platform)',
      'case1-single-node.buildx-current.json',
      undefined,
    ],
    // buildx replaces the whole answer with the merged index's digest
    ['two nodes', 'case2-multi-node.json', 'case2-multi-node.merged-index.json'],
    ['docker driver, recorded here', 'case3-docker-driver.buildx-v0.13.recorded.json', undefined],
    // two exporters' answers merged key by key: the digest is the pushed index's
    [
      'docker driver with --load, recorded here',
      'case3-docker-driver-with-load.buildx-v0.13.recorded.json',
      undefined,
    ],
  ])('%s: the index digest', (_n, file, index) => {
    const raw = JSON.parse(data(`metadata/${file}`)) as Record<string, unknown>;
    const got = parseMetadata(data(`metadata/${file}`));
    expect(got.digest).toBe(raw['containerimage.digest']);
    if (index) expect(got.digest).toBe(sha256(Buffer.from(data(`metadata/${index}`).trimEnd())));
  });
});

/** An existing builder of two remote nodes (amd64 and arm64), as `buildx ls`/`inspect` print it. */
const multiNode = (r: FakeRunner) =>
  r
    .on(['docker', 'buildx', 'ls'], { stdout: data('buildx-ls-multinode.ndjson') })
    .on(['docker', 'buildx', 'inspect'], { stdout: data('buildx-inspect-multinode.txt') });

const created = (r: FakeRunner) =>
  r.on(['docker', 'buildx', 'create'], {}).on(['docker', 'buildx', 'ls'], {
    stdout: `${JSON.stringify({ Name: 'x', Driver: 'docker-container', Nodes: [{ Name: 'n0', Platforms: ['linux/amd64', 'linux/arm64'] }] })}\n`,
  });

describe('docker-container (one node): BuildKit pushes by digest', () => {
  test('no tag before the read-back and the proof; nothing to clean up', async () => {
    const h = setup({ inputs: { driver: 'docker-container' }, runner: created });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(outputOf(h)).toEqual([
      `type=image,name=${IMAGE},push-by-digest=true,name-canonical=true,push=true`,
    ]);
    expect(h.registry.tagWrites).toEqual([`${REPO}:1.2.3`, `${REPO}:1.2`, `${REPO}:latest`]);
    expect(h.registry.deleted).toEqual([]);
    expect(h.runner.lines().some((l) => l.startsWith('docker image rm'))).toBe(false);
    // each manifest read once, by digest: the read-back is the verification in the repository BuildKit pushed to
    const reads = h.registry.requests.filter((r) => r.startsWith(`GET /v2/${REPO}/manifests/sha256:`));
    expect(reads.length).toBeGreaterThan(1);
    expect(new Set(reads).size).toBe(reads.length);
  });

  test('`test` commands run on the builder itself (no docker engine needed), before any tag; a failure stops the tags', async () => {
    const tested = (code: number) =>
      setup({
        inputs: { driver: 'docker-container', test: '/app --version' },
        runner: (r) =>
          created(r).on(['timeout'], () => ({
            code,
            stderr: `#5 [2/2] RUN ["/app","--version"]\n#5 0.1 widget\n${code ? '#5 ERROR: process "/app --version" did not complete successfully: exit code: 7\n' : ''}`,
          })),
      });
    const h = tested(0);
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const lines = h.runner.lines();
    // platforms run side by side: one build each, in any order
    const builds = lines.filter((l) => l.startsWith('timeout ')).sort();
    expect(builds).toEqual([
      expect.stringMatching(
        /^timeout --kill-after=10 120s docker buildx build --builder \S+ --platform linux\/amd64 /,
      ),
      expect.stringMatching(
        /^timeout --kill-after=10 120s docker buildx build --builder \S+ --platform linux\/arm64 /,
      ),
    ]);
    // on the builder the action made, after the push and before the first tag; nothing through docker run
    expect(builds[0]).toContain(
      `--builder ${/--builder (\S+)/.exec(lines.find((l) => l.includes('--metadata-file')) ?? '')?.[1] ?? '?'} `,
    );
    expect(lines.some((l) => l.startsWith('docker run') || l.startsWith('docker image rm'))).toBe(false);
    expect(h.registry.userTagWrites).toHaveLength(3);
    const failing = tested(1);
    await run(failing.deps);
    expect(failing.io.failed).toMatch(/^test: 2 tests failed/);
    expect(summary(failing.io)).toMatch(
      /\| `linux\/arm64` \| `\/app --version` \| ❌ exited 7 \| [\d.]+ s \| widget \|/,
    );
    expect(failing.registry.userTagWrites).toEqual([]);
  });

  test("BuildKit's push stops on a registry fault: the layout, pushed by the action's client, finishes it", async () => {
    const h = setup({ inputs: { driver: 'docker-container' }, runner: created, buildkitPushFails: 1 });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(outputOf(h)).toEqual([
      `type=image,name=${IMAGE},push-by-digest=true,name-canonical=true,push=true`,
      expect.stringMatching(/^type=oci,dest=.*crossbuild-oci,tar=false$/),
    ]);
    expect(h.io.warnings.join('\n')).toMatch(
      /BuildKit's push stopped on a registry fault .*sends only what is missing/,
    );
    expect(h.registry.requests.some((r) => r.startsWith(`PUT /v2/${REPO}/blobs/uploads/`))).toBe(true);
    expect(h.registry.tags(REPO)).toEqual(['1.2', '1.2.3', 'latest']);
    expect(summary(h.io)).toContain('Build (layout export)');
  });
});

describe('a multi-node builder: a staging tag (buildx tags its merged index latest), no layout', () => {
  test('one verified index, the staging tag removed, the summary names each platform’s node', async () => {
    const h = setup({ inputs: { builder: 'multi' }, runner: multiNode });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const [output = ''] = outputOf(h);
    expect(output).toMatch(/^type=image,name=\S+:crossbuild-push-c0ffee00c0ff-[0-9a-f]{8},push=true$/);
    expect(h.registry.userTagWrites).toEqual([`${REPO}:1.2.3`, `${REPO}:1.2`, `${REPO}:latest`]);
    expect(h.registry.tags(REPO)).toEqual(['1.2', '1.2.3', 'latest']);
    // not the docker driver: nothing in docker's image store to untag
    expect(h.runner.lines().some((l) => l.startsWith('docker image rm'))).toBe(false);
    expect(summary(h.io)).toMatch(/linux\/arm64.*multi-1/);
  });

  test('driver: remote with two endpoint lines: the action makes the two-node builder, then the same staging flow', async () => {
    const h = setup({
      inputs: {
        driver: 'remote',
        endpoint: 'tcp://amd64-node:1234,platforms=linux/amd64\ntcp://arm64-node:1234,platforms=linux/arm64',
      },
      runner: (r) => {
        let name = '';
        r.on(['docker', 'buildx', 'create'], (call) => {
          name = call.args[call.args.indexOf('--name') + 1] ?? '';
          return {};
        }).on(['docker', 'buildx', 'ls'], () => ({
          stdout: data('buildx-ls-multinode.ndjson').replace(/"Name":"multi"/, `"Name":"${name}"`),
        }));
      },
    });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const creates = h.runner.calls.filter((c) => c.args[1] === 'create').map((c) => c.args.join(' '));
    expect(creates).toHaveLength(2);
    expect(creates[1]).toMatch(/--append .*--platform linux\/arm64 .*tcp:\/\/arm64-node:1234$/);
    expect(outputOf(h)).toEqual([
      expect.stringMatching(/^type=image,name=.*:crossbuild-push-c0ffee00c0ff-[0-9a-f]{8},push=true$/),
    ]);
    expect(h.registry.tags(REPO)).toEqual(['1.2', '1.2.3', 'latest']);
  });

  test('a node fails its push: retried as a build (no layout to fall back to), then no tag moves', async () => {
    const h = setup({
      inputs: { builder: 'multi', 'retry-attempts': '2' },
      runner: multiNode,
      buildkitPushFails: 9,
    });
    await run(h.deps);
    expect(h.io.failed).toMatch(/^build: .*503 Service Unavailable/);
    expect(outputOf(h)).toHaveLength(2);
    expect(outputOf(h).every((o) => o.startsWith('type=image,'))).toBe(true);
    expect(h.registry.userTagWrites).toEqual([]);
  });
});

/** dockerd's API as a recorder: each call a line; `refuse` makes those kinds of call fail (the CLI then does them). */
function fakeEngine(refuse: readonly string[] = []): { engine: EngineApi; calls: string[] } {
  const calls: string[] = [];
  const answer = (line: string) => {
    calls.push(line);
    return refuse.includes(line.split(' ')[0] ?? '')
      ? Promise.reject(new Error('dockerd: refused'))
      : Promise.resolve();
  };
  const engine: EngineApi = {
    buildx: '/usr/libexec/docker/cli-plugins/docker-buildx',
    info: () => {
      calls.push('info');
      return Promise.resolve(JSON.parse(INFO) as Record<string, unknown>);
    },
    tag: (from, to) => answer(`tag ${from} ${to}`),
    remove: (name) => answer(`remove ${name}`),
  };
  return { engine, calls };
}

describe('docker driver through dockerd’s API: the same names move, no docker process for them', () => {
  test('the probe: one API call; dockerd stores no copy (store=false), so no name moves', async () => {
    const h = setup({ inputs: { platforms: 'linux/amd64' } });
    const { engine, calls } = fakeEngine();
    h.deps.engine = () => engine;
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(calls).toEqual(['info']);
    expect(h.runner.lines().filter((l) => /^docker (info|image)/.test(l))).toEqual([]);
  });

  test('buildx 0.22 or newer (no second push with docker): the metadata file as written, no note about a second push', async () => {
    const h = setup({ inputs: { platforms: 'linux/amd64' }, directPush: true });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(h.runner.lines().find((l) => l.startsWith('docker buildx build'))).toContain(',store=false ');
    expect(h.io.infos.join('\n')).not.toContain('second push');
    expect(JSON.parse(h.io.outputs.metadata ?? '{}')).toEqual({
      'containerimage.digest': h.io.outputs.digest,
    });
  });

  test('the local staging name of a run whose tests run the image: API calls only', async () => {
    const h = setup({
      inputs: { platforms: 'linux/amd64', test: '/app --version' },
      runner: (r) => r.on(['docker', 'run'], { stdout: 'widget 1.2.3\n' }),
    });
    const { engine, calls } = fakeEngine();
    h.deps.engine = () => engine;
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    // dockerd keeps what BuildKit pushed for `docker run`
    expect(h.runner.lines().find((l) => l.startsWith('docker buildx build'))).not.toContain('store=false');
    expect(calls.map((c) => c.split(' ')[0])).toEqual(['info', 'tag', 'remove']);
    expect(calls[1]).toMatch(new RegExp(`^tag ${IMAGE}:crossbuild-push-\\S+ ${IMAGE}:crossbuild-push$`));
    expect(h.runner.lines().filter((l) => /^docker (info|image)/.test(l))).toEqual([]);
    expect(h.io.infos.join('\n')).toMatch(
      /docker 26\.1\.5\+dfsg1, buildx at \/usr\/libexec\/docker\/cli-plugins\/docker-buildx/,
    );
  });

  test('load: the user’s tags through the API; where dockerd refuses, the CLI does it', async () => {
    const h = setup({ inputs: { load: 'true', platforms: 'linux/amd64' } });
    const { engine, calls } = fakeEngine(['remove']);
    h.deps.engine = () => engine;
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(calls.filter((c) => c.startsWith('tag')).map((c) => c.split(' ')[2])).toEqual([
      `${IMAGE}:1.2.3`,
      `${IMAGE}:1.2`,
      `${IMAGE}:latest`,
    ]);
    expect(h.runner.lines().filter((l) => l.startsWith('docker image'))).toEqual([
      expect.stringMatching(new RegExp(`^docker image rm ${IMAGE}:crossbuild-push-\\S+$`)),
    ]);
  });
});

describe('docker driver: a staging tag (the run’s own when loading)', () => {
  test('BuildKit’s push stopped (the layout fall-back): the staging tag is looked for before anything is written to it', async () => {
    const h = setup({ inputs: { platforms: 'linux/amd64' }, buildkitPushFails: 1 });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const onStaging = h.registry.requests.filter((r) => /\/manifests\/crossbuild-push-/.test(r));
    // no tag was left by the push that stopped: nothing to empty or delete
    expect(onStaging.map((r) => r.split(' ')[0])).toEqual(['GET']);
    expect(h.registry.tags(REPO).filter((t) => t.startsWith('crossbuild-push'))).toEqual([]);
  });

  test('load: docker gets the user’s tags on the proven image, then the staging name goes', async () => {
    const h = setup({ inputs: { load: 'true', platforms: 'linux/amd64' } });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const lines = h.runner.lines().filter((l) => l.startsWith('docker image'));
    expect(lines.map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'docker image tag',
      'docker image tag',
      'docker image tag',
      'docker image rm',
    ]);
    expect(lines[0]).toMatch(new RegExp(`^docker image tag ${IMAGE}:crossbuild-push-\\S+ ${IMAGE}:1.2.3$`));
  });

  test('a failed proof: no tag moves, and the staging tag still goes', async () => {
    const h = setup({ binaries: { 'linux/arm64': 'amd64' } });
    await run(h.deps);
    expect(h.io.failed).toMatch(/^verify-arch: /);
    expect(h.registry.userTagWrites).toEqual([]);
    expect(h.registry.tags(REPO)).toEqual([]);
  });

  test('a registry that refuses deletion: the release stands, the staging tag is named in a warning', async () => {
    const h = setup({ registry: (g) => (g.deletes = 'none') });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(h.io.warnings.join('\n')).toMatch(
      /staging tags left in the registry .*:crossbuild-push-c0ffee00c0ff-[0-9a-f]{8};/,
    );
    expect(summary(h.io)).toMatch(
      /staging tags left in the registry .*:crossbuild-push-c0ffee00c0ff-[0-9a-f]{8};/,
    );
    for (const t of ['1.2.3', '1.2', 'latest'])
      expect(h.registry.digestOf(REPO, t)).toBe(h.io.outputs.digest);
    // neither DELETE was accepted: the staging tag was read to see whether it is gone
    const tag = h.registry.tags(REPO).find((t) => t.startsWith('crossbuild-push-')) ?? '-';
    expect(
      h.registry.requests.filter((r) => r.endsWith(`/manifests/${tag}`)).map((r) => r.split(' ')[0]),
    ).toEqual(['PUT', 'DELETE', 'GET']);
  });

  test("tags the registry's answer does not confirm (no Docker-Content-Digest) are read back, each once", async () => {
    const h = setup({ registry: (g) => (g.putDigest = false) });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const reads = h.registry.requests.filter((r) => /^GET \S+\/manifests\/(?!sha256:)/.test(r));
    expect(reads.sort()).toEqual(['1.2', '1.2.3', 'latest'].map((t) => `GET /v2/${REPO}/manifests/${t}`));
  });

  test("a registry that deletes tags but not a tagged manifest: the digest's DELETE refused, the tag's accepted, nothing read", async () => {
    const h = setup({ registry: (g) => (g.deletes = 'tags') });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(h.registry.tags(REPO)).toEqual(['1.2', '1.2.3', 'latest']);
    const staging = h.registry.requests.filter((r) => /\/manifests\/crossbuild-push-/.test(r));
    expect(staging.map((r) => r.split(' ')[0])).toEqual(['PUT', 'DELETE']);
  });
});
