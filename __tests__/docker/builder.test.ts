import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  parseBuilderList,
  removeBuilder,
  resolveBuilder,
  type BuilderInputs,
} from '../../src/docker/builder.js';
import type { EngineFacts } from '../../src/docker/engine.js';
import { nodesForPlatforms, parseInspectPinned } from '../../src/plan/nodes.js';
import { InputError } from '../../src/errors.js';
import { FakeRunner, fail } from '../fixtures/runner.js';

const ls = readFileSync(new URL('./data/buildx-ls.ndjson', import.meta.url), 'utf8');
// buildx 0.13's `ls --format json` for a two-node remote builder and a docker-container one with a failing node
// (builder/builder.go and builder/node.go MarshalJSON; pinned platforms first in a node's Platforms)
const multi = readFileSync(new URL('./data/buildx-ls-multinode.ndjson', import.meta.url), 'utf8');
// `buildx inspect` text: this machine's default builder, and the two-node one in the same tabwriter layout
const inspectDefault = readFileSync(new URL('./data/buildx-inspect-default.txt', import.meta.url), 'utf8');
const inspectMulti = readFileSync(new URL('./data/buildx-inspect-multinode.txt', import.meta.url), 'utf8');

const facts = (containerdStore: boolean): EngineFacts => ({
  serverVersion: '26.1.5',
  clientVersion: '26.1.5',
  buildxVersion: '0.13.1',
  buildxPath: '/usr/libexec/docker/cli-plugins/docker-buildx',
  containerdStore,
  os: 'linux',
  arch: 'amd64',
  platform: 'linux/amd64',
  ncpu: 2,
});

const inputs = (over: Partial<BuilderInputs> = {}): BuilderInputs => ({
  driver: 'auto',
  'driver-opts': [],
  'buildkitd-config-inline': '',
  'buildkitd-config': '',
  'buildkitd-flags': '',
  builder: '',
  endpoint: [],
  platforms: ['linux/amd64', 'linux/arm64'],
  ...over,
});

const created = (name: string, driver: string): string =>
  `${ls.trim()}\n${JSON.stringify({ Name: name, Driver: driver, Nodes: [{ Name: `${name}0`, Platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] }] })}\n`;

function deps(runner: FakeRunner, containerdStore: boolean) {
  const written: { name: string; content: string }[] = [];
  return {
    written,
    deps: {
      runner,
      facts: facts(containerdStore),
      writeTempFile: (name: string, content: string) => {
        written.push({ name, content });
        return Promise.resolve(`/tmp/rt/${name}`);
      },
      randomId: () => 'abc123',
    },
  };
}

describe('parseBuilderList', () => {
  test('this machine’s `buildx ls --format json`', () => {
    const [b] = parseBuilderList(ls);
    expect(b?.name).toBe('default');
    expect(b?.driver).toBe('docker');
    expect(b?.platforms).toContain('linux/arm64');
    expect(b?.platforms).toContain('linux/s390x');
  });
});

describe('parseBuilderList: nodes', () => {
  const builders = parseBuilderList(multi);
  test.each([
    ['default', [{ name: 'default', endpoint: 'default', n: 12 }]],
    [
      'multi',
      [
        { name: 'multi-0', endpoint: 'tcp://amd64-node:1234', n: 12 },
        { name: 'multi-1', endpoint: 'tcp://arm64-node:1234', n: 3 },
      ],
    ],
    [
      'split',
      [
        { name: 'split0', endpoint: 'unix:///var/run/docker.sock', n: 5 },
        { name: 'arm', endpoint: 'arm-context', n: 0 },
      ],
    ],
  ])('%s', (name, want) => {
    const b = builders.find((x) => x.name === name);
    expect(b?.nodes.map((n) => ({ name: n.name, endpoint: n.endpoint, n: n.platforms.length }))).toEqual(
      want,
    );
  });

  test('a builder’s platforms are its nodes’, once each, in node order', () => {
    const b = builders.find((x) => x.name === 'multi');
    expect(b?.nodes[1]?.platforms).toEqual(['linux/arm64', 'linux/arm/v7', 'linux/arm/v6']);
    expect(b?.platforms.slice(0, 3)).toEqual(['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3']);
    expect(new Set(b?.platforms).size).toBe(b?.platforms.length);
  });
});

describe('parseInspectPinned', () => {
  test.each<[string, string, [string, string[]][]]>([
    ['default builder (this machine)', inspectDefault, [['default', []]]],
    [
      'two nodes, GC policy and labels between them',
      inspectMulti,
      [
        ['multi-0', ['linux/amd64']],
        ['multi-1', ['linux/arm64']],
      ],
    ],
    ['builder-level Name is not a node', 'Name: x\nDriver: remote\n', []],
    [
      'several pins',
      'Nodes:\nName:      n0\nPlatforms: linux/arm64*, linux/arm/v7*, linux/arm/v6\n',
      [['n0', ['linux/arm64', 'linux/arm/v7']]],
    ],
  ])('%s', (_, text, want) => {
    expect([...parseInspectPinned(text)]).toEqual(want);
  });
});

describe('resolveBuilder', () => {
  test('auto + containerd store → the engine’s own docker-driver builder, nothing created or listed', async () => {
    const r = new FakeRunner();
    const got = await resolveBuilder(inputs(), deps(r, true).deps);
    expect(got).toMatchObject({ name: 'default', driver: 'docker', created: false });
    expect(r.lines()).toEqual([]);
    const ctx = await resolveBuilder(inputs(), { ...deps(r, true).deps, dockerContext: 'ci' });
    expect(ctx.name).toBe('ci');
  });

  test('auto without the containerd store → a new docker-container builder with opts and config', async () => {
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'ls'], { stdout: created('crossbuild-abc123', 'docker-container') })
      .on(['docker', 'buildx', 'create'], {});
    const d = deps(r, false);
    const got = await resolveBuilder(
      inputs({
        'driver-opts': ['image=moby/buildkit:v0.20.0', 'network=host'],
        'buildkitd-config-inline': '[registry."127.0.0.1:5000"]\n  http = true\n',
      }),
      d.deps,
    );
    expect(got).toEqual({
      name: 'crossbuild-abc123',
      driver: 'docker-container',
      created: true,
      platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
      nodes: [{ name: 'crossbuild-abc1230', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] }],
    });
    expect(d.written).toEqual([
      { name: 'buildkitd.toml', content: '[registry."127.0.0.1:5000"]\n  http = true\n' },
    ]);
    expect(r.callsTo('docker', 'buildx', 'create')[0]?.args).toEqual([
      'buildx',
      'create',
      '--name',
      'crossbuild-abc123',
      '--driver',
      'docker-container',
      '--driver-opt',
      'image=moby/buildkit:v0.20.0',
      '--driver-opt',
      'network=host',
      '--buildkitd-config',
      '/tmp/rt/buildkitd.toml',
      '--bootstrap',
    ]);
  });

  test("setup-buildx's buildkitd-config (a file) and buildkitd-flags reach buildx create", async () => {
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'ls'], { stdout: created('crossbuild-abc123', 'docker-container') })
      .on(['docker', 'buildx', 'create'], {});
    const d = deps(r, false);
    await resolveBuilder(
      inputs({
        'buildkitd-config': '.github/buildkitd.toml',
        'buildkitd-config-inline': 'ignored = true',
        'buildkitd-flags': '--debug --allow-insecure-entitlement security.insecure',
      }),
      d.deps,
    );
    expect(d.written).toEqual([]);
    expect(r.callsTo('docker', 'buildx', 'create')[0]?.args.slice(-5)).toEqual([
      '--buildkitd-config',
      '.github/buildkitd.toml',
      '--buildkitd-flags',
      '--debug --allow-insecure-entitlement security.insecure',
      '--bootstrap',
    ]);
  });

  test('remote driver passes the endpoint last', async () => {
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'ls'], { stdout: created('crossbuild-abc123', 'remote') })
      .on(['docker', 'buildx', 'create'], {});
    await resolveBuilder(
      inputs({ driver: 'remote', endpoint: [{ endpoint: 'tcp://buildkitd:1234', platforms: [] }] }),
      deps(r, true).deps,
    );
    expect(r.callsTo('docker', 'buildx', 'create')[0]?.args.slice(-3)).toEqual([
      'remote',
      '--bootstrap',
      'tcp://buildkitd:1234',
    ]);
  });

  test('two endpoint lines: create, then create --append with --node and --platform; bootstrap on the last', async () => {
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'ls'], {
        stdout: multi.replace(/"multi"/, '"crossbuild-abc123"').replace(/multi-/g, 'crossbuild-abc123-'),
      })
      .on(['docker', 'buildx', 'create'], {});
    const got = await resolveBuilder(
      inputs({
        driver: 'remote',
        'driver-opts': ['cacert=/certs/ca.pem'],
        endpoint: [
          { endpoint: 'tcp://amd64-node:1234', platforms: [] },
          { endpoint: 'tcp://arm64-node:1234', platforms: ['linux/arm64', 'linux/arm/v7'] },
        ],
      }),
      deps(r, true).deps,
    );
    expect(r.callsTo('docker', 'buildx', 'create').map((c) => c.args.join(' '))).toEqual([
      'buildx create --name crossbuild-abc123 --node crossbuild-abc123-0 --driver remote --driver-opt cacert=/certs/ca.pem tcp://amd64-node:1234',
      'buildx create --append --name crossbuild-abc123 --node crossbuild-abc123-1 --driver remote --driver-opt cacert=/certs/ca.pem --platform linux/arm64 --platform linux/arm/v7 --bootstrap tcp://arm64-node:1234',
    ]);
    expect(r.lines().filter((l) => l.includes(' rm '))).toEqual([]);
    expect(got.created).toBe(true);
    expect(got.nodes.map((n) => [n.name, n.endpoint, n.pinned])).toEqual([
      ['crossbuild-abc123-0', 'tcp://amd64-node:1234', undefined],
      ['crossbuild-abc123-1', 'tcp://arm64-node:1234', ['linux/arm64', 'linux/arm/v7']],
    ]);
  });

  test('one endpoint line with platforms= pins them on the single node', async () => {
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'ls'], { stdout: created('crossbuild-abc123', 'remote') })
      .on(['docker', 'buildx', 'create'], {});
    await resolveBuilder(
      inputs({ driver: 'remote', endpoint: [{ endpoint: 'tcp://bk:1234', platforms: ['linux/arm64'] }] }),
      deps(r, true).deps,
    );
    expect(r.callsTo('docker', 'buildx', 'create').map((c) => c.args.join(' '))).toEqual([
      'buildx create --name crossbuild-abc123 --driver remote --platform linux/arm64 --bootstrap tcp://bk:1234',
    ]);
  });

  test.each<[string, Partial<BuilderInputs>, string]>([
    [
      'docker-container + hostNetwork',
      { driver: 'docker-container', hostNetwork: true },
      'buildx create --name crossbuild-abc123 --driver docker-container --driver-opt network=host --bootstrap',
    ],
    [
      'auto (no containerd store) + hostNetwork, after the user’s opts',
      { 'driver-opts': ['image=moby/buildkit:v0.20.0'], hostNetwork: true },
      'buildx create --name crossbuild-abc123 --driver docker-container --driver-opt image=moby/buildkit:v0.20.0 --driver-opt network=host --bootstrap',
    ],
    [
      'driver-opts network= stands',
      { driver: 'docker-container', 'driver-opts': ['network=bridge'], hostNetwork: true },
      'buildx create --name crossbuild-abc123 --driver docker-container --driver-opt network=bridge --bootstrap',
    ],
    [
      'no loopback reference',
      { driver: 'docker-container', hostNetwork: false },
      'buildx create --name crossbuild-abc123 --driver docker-container --bootstrap',
    ],
    [
      'remote: no such driver opt',
      { driver: 'remote', endpoint: [{ endpoint: 'tcp://bk:1234', platforms: [] }], hostNetwork: true },
      'buildx create --name crossbuild-abc123 --driver remote --bootstrap tcp://bk:1234',
    ],
  ])('network=host: %s', async (_, over, want) => {
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'ls'], { stdout: created('crossbuild-abc123', 'docker-container') })
      .on(['docker', 'buildx', 'create'], {});
    await resolveBuilder(inputs(over), deps(r, false).deps);
    expect(r.callsTo('docker', 'buildx', 'create').map((c) => c.args.join(' '))).toEqual([want]);
  });

  test('a failing append stops the run; the builder was announced for cleanup before the first create', async () => {
    const announced: string[] = [];
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'create'], {})
      .on(
        ['docker', 'buildx', 'create', '--append'],
        fail('ERROR: failed to initialize builder: connection refused'),
      );
    const p = resolveBuilder(
      inputs({
        driver: 'remote',
        endpoint: [
          { endpoint: 'tcp://a:1234', platforms: [] },
          { endpoint: 'tcp://b:1234', platforms: ['linux/arm64'] },
        ],
      }),
      { ...deps(r, true).deps, willCreate: (n: string) => announced.push(n) },
    );
    await expect(p).rejects.toThrow(
      /^builder: `docker buildx create` failed: ERROR: failed to initialize builder/,
    );
    expect(announced).toEqual(['crossbuild-abc123']);
    expect(r.callsTo('docker', 'buildx', 'create')).toHaveLength(2);
  });

  test('an existing builder by name is used as it is', async () => {
    const r = new FakeRunner().on(['docker', 'buildx', 'ls'], {
      stdout: created('mybuilder', 'docker-container'),
    });
    const got = await resolveBuilder(inputs({ builder: 'mybuilder', driver: 'docker' }), deps(r, true).deps);
    expect(got).toMatchObject({ name: 'mybuilder', driver: 'docker-container', created: false });
    expect(r.callsTo('docker', 'buildx', 'create')).toEqual([]);
  });

  test('an existing multi-node builder reports all its nodes, with the pins `buildx inspect` marks', async () => {
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'ls'], { stdout: multi })
      .on(['docker', 'buildx', 'inspect'], { stdout: inspectMulti });
    const got = await resolveBuilder(inputs({ builder: 'multi' }), deps(r, true).deps);
    expect(got.nodes.map((n) => [n.name, n.pinned])).toEqual([
      ['multi-0', ['linux/amd64']],
      ['multi-1', ['linux/arm64']],
    ]);
    expect(got.platforms).toContain('linux/arm/v6');
    expect(r.lines()).toEqual(['docker buildx ls --format json', 'docker buildx inspect multi']);
    expect(nodesForPlatforms(got.nodes, ['linux/amd64', 'linux/arm64'])).toEqual([
      { platform: 'linux/amd64', node: 'multi-0' },
      { platform: 'linux/arm64', node: 'multi-1' },
    ]);
  });

  test('inspect failing leaves the nodes as listed; a one-node builder is not inspected', async () => {
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'ls'], { stdout: multi })
      .on(['docker', 'buildx', 'inspect'], fail('ERROR: context deadline exceeded'));
    const got = await resolveBuilder(inputs({ builder: 'multi' }), deps(r, true).deps);
    expect(got.nodes.map((n) => n.pinned)).toEqual([undefined, undefined]);
    const one = new FakeRunner().on(['docker', 'buildx', 'ls'], { stdout: multi });
    await resolveBuilder(inputs({ builder: 'default' }), deps(one, true).deps);
    expect(one.lines()).toEqual(['docker buildx ls --format json']);
  });

  test('a builder name that does not exist is an InputError on builder', async () => {
    const r = new FakeRunner().on(['docker', 'buildx', 'ls'], { stdout: ls });
    const p = resolveBuilder(inputs({ builder: 'nope' }), deps(r, true).deps);
    await expect(p).rejects.toThrow(InputError);
    await expect(resolveBuilder(inputs({ builder: 'nope' }), deps(r, true).deps)).rejects.toThrow(
      /^builder: no buildx builder named "nope"/,
    );
  });

  test('driver: docker for several platforms without the containerd store is refused before any call', async () => {
    const r = new FakeRunner();
    await expect(resolveBuilder(inputs({ driver: 'docker' }), deps(r, false).deps)).rejects.toThrow(
      /^driver: the docker driver builds several platforms only with the containerd image store/,
    );
    expect(r.calls).toEqual([]);
  });

  test('a failing create is a builder StepError with buildx’s reason', async () => {
    const r = new FakeRunner()
      .on(['docker', 'buildx', 'ls'], { stdout: ls })
      .on(
        ['docker', 'buildx', 'create'],
        fail('ERROR: failed to initialize builder crossbuild-abc123: pull access denied'),
      );
    await expect(resolveBuilder(inputs({ driver: 'docker-container' }), deps(r, true).deps)).rejects.toThrow(
      /^builder: `docker buildx create` failed: ERROR: failed to initialize builder/,
    );
  });
});

describe('removeBuilder', () => {
  test.each([
    [{}, undefined],
    [
      fail('ERROR: no builder "x" found'),
      'could not remove builder crossbuild-abc123: ERROR: no builder "x" found',
    ],
  ])('%j → %s', async (answer, want) => {
    const r = new FakeRunner().on(['docker', 'buildx', 'rm'], answer);
    await expect(removeBuilder(r, 'crossbuild-abc123')).resolves.toBe(want);
    expect(r.lines()).toEqual(['docker buildx rm --force crossbuild-abc123']);
  });
});
