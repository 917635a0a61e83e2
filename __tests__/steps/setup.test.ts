/** setupBuilder: what it decides before buildx create (network=host for a loopback registry) and what it logs. */
import { describe, expect, test } from 'vitest';
import type { EngineFacts } from '../../src/docker/engine.js';
import { readSettings } from '../../src/inputs.js';
import { setupBuilder } from '../../src/steps/setup.js';
import type { StepDeps } from '../../src/steps/deps.js';
import { FakeRunner, instantRetry } from '../fixtures/runner.js';

const facts: EngineFacts = {
  serverVersion: '26.1.5',
  clientVersion: '26.1.5',
  buildxVersion: '0.13.1',
  buildxPath: '/usr/libexec/docker/cli-plugins/docker-buildx',
  containerdStore: false,
  os: 'linux',
  arch: 'amd64',
  platform: 'linux/amd64',
  ncpu: 2,
};

const ls = (name: string, nodes = 1) =>
  JSON.stringify({
    Name: name,
    Driver: nodes > 1 ? 'remote' : 'docker-container',
    Nodes: Array.from({ length: nodes }, (_, i) => ({
      Name: nodes > 1 ? `${name}-${i}` : `${name}0`,
      Endpoint: `tcp://node${i}:1234`,
      Platforms: i === 0 ? ['linux/amd64', 'linux/arm64'] : ['linux/arm64'],
    })),
  });

function run(inputs: Record<string, string>, refs: string[] = []) {
  const runner = new FakeRunner()
    .on(['docker', 'buildx', 'create'], {})
    .on(['docker', 'buildx', 'ls'], () => ({
      // the created builder's random name, or the existing one
      stdout: ls(
        runner.callsTo('docker', 'buildx', 'create')[0]?.args[3] ?? inputs.builder ?? '',
        runner.callsTo('docker', 'buildx', 'create').length,
      ),
    }));
  const logged: string[] = [];
  const d: StepDeps = {
    runner,
    log: {
      info: (m) => logged.push(m),
      warning: (m) => logged.push(m),
      notice: (m) => logged.push(m),
      group: (_n, fn) => fn(),
    },
    policy: instantRetry(),
    state: { save: () => undefined },
    tempDir: '/tmp/crossbuild-setup-test',
  };
  const s = readSettings((n) => inputs[n] ?? '');
  return {
    logged,
    created: async () => {
      await setupBuilder(d, s, facts, {}, refs);
      return runner
        .callsTo('docker', 'buildx', 'create')
        .map((c) => c.args.filter((a) => a.startsWith('network=')));
    },
  };
}

const HOST_LOG =
  /^builder: network=host, so the docker-container builder reaches the loopback registry in "(.+)"$/;

describe('setupBuilder: network=host for a loopback registry', () => {
  test.each<[string, Record<string, string>, string[], string[], string | undefined]>([
    [
      'image on 127.0.0.1',
      { images: '127.0.0.1:5000/acme/app' },
      [],
      ['network=host'],
      '127.0.0.1:5000/acme/app',
    ],
    [
      'cache on localhost',
      { images: 'ghcr.io/acme/app', 'cache-from': 'type=registry,ref=localhost:5000/cache' },
      [],
      ['network=host'],
      'type=registry,ref=localhost:5000/cache',
    ],
    [
      'base image build arg',
      { images: 'ghcr.io/acme/app', 'build-args': 'BASE_IMAGE=[::1]:5000/base' },
      [],
      ['network=host'],
      'BASE_IMAGE=[::1]:5000/base',
    ],
    [
      'a Dockerfile base the caller passes',
      { images: 'ghcr.io/acme/app' },
      ['localhost/base:1'],
      ['network=host'],
      'localhost/base:1',
    ],
    ['nothing on loopback', { images: 'ghcr.io/acme/app' }, [], [], undefined],
    [
      'driver-opts chose a network',
      { images: '127.0.0.1:5000/acme/app', 'driver-opts': 'network=bridge' },
      [],
      ['network=bridge'],
      undefined,
    ],
  ])('%s', async (_, inputs, refs, want, why) => {
    const r = run(inputs, refs);
    expect(await r.created()).toEqual([want]);
    const line = r.logged.find((l) => HOST_LOG.test(l));
    expect(line && HOST_LOG.exec(line)?.[1]).toBe(why);
  });

  test('an existing builder or the docker driver is not touched, and nothing is logged about the network', async () => {
    const cases: Record<string, string>[] = [
      { images: '127.0.0.1:5000/acme/app', builder: 'mine' },
      { images: '127.0.0.1:5000/acme/app', driver: 'docker', platforms: 'linux/amd64' },
    ];
    for (const inputs of cases) {
      const r = run(inputs);
      expect(await r.created()).toEqual([]);
      expect(r.logged.filter((l) => HOST_LOG.test(l))).toEqual([]);
    }
  });
});

test('a multi-node builder: the log says which node builds which platform', async () => {
  const r = run({
    images: 'ghcr.io/acme/app',
    driver: 'remote',
    endpoint: 'tcp://node0:1234,platforms=linux/amd64\ntcp://node1:1234,platforms=linux/arm64',
  });
  await r.created();
  expect(r.logged.filter((l) => l.startsWith('  '))).toEqual([
    expect.stringMatching(/^ {2}linux\/amd64: node crossbuild-[0-9a-f]{8}-0$/),
    expect.stringMatching(/^ {2}linux\/arm64: node crossbuild-[0-9a-f]{8}-1$/),
  ]);
});
