import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ociArch, parseEngineInfo, probeEngine } from '../../src/docker/engine.js';
import { StepError } from '../../src/errors.js';
import { FakeRunner } from '../fixtures/runner.js';

const info = readFileSync(new URL('./data/docker-info.json', import.meta.url), 'utf8');
const withInfo = (patch: (j: Record<string, unknown>) => void): string => {
  const j = JSON.parse(info) as Record<string, unknown>;
  patch(j);
  return JSON.stringify(j);
};

describe('parseEngineInfo', () => {
  test('reads the facts of this machine’s docker info', () => {
    expect(parseEngineInfo(info)).toEqual({
      serverVersion: '26.1.5+dfsg1',
      clientVersion: '26.1.5+dfsg1',
      buildxVersion: '0.13.1+ds1',
      buildxPath: '/root/.docker/cli-plugins/docker-buildx',
      containerdStore: true,
      os: 'linux',
      arch: 'amd64',
      platform: 'linux/amd64',
      ncpu: 2,
    });
  });

  test('classic overlay2 storage is not the containerd store', () => {
    const j = withInfo((x) => {
      x.Driver = 'overlay2';
      x.DriverStatus = [
        ['Backing Filesystem', 'extfs'],
        ['Supports d_type', 'true'],
      ];
    });
    expect(parseEngineInfo(j).containerdStore).toBe(false);
  });

  test.each([
    [
      'daemon down',
      (x: Record<string, unknown>) => {
        x.ServerVersion = '';
      },
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      /^docker: cannot reach the Docker daemon \(Cannot connect to the Docker daemon .*\); start the Docker daemon/,
    ],
    [
      'no buildx plugin',
      (x: Record<string, unknown>) => {
        (x.ClientInfo as Record<string, unknown>).Plugins = [];
      },
      '',
      /^docker: the buildx plugin is missing; install the buildx plugin/,
    ],
    [
      'broken buildx plugin',
      (x: Record<string, unknown>) => {
        (x.ClientInfo as Record<string, unknown>).Plugins = [{ Name: 'buildx', Err: 'exec format error' }];
      },
      '',
      /^docker: the buildx plugin is broken \(exec format error\)/,
    ],
  ])('%s → one StepError line', (_name, patch, stderr, message) => {
    const run = (): unknown => parseEngineInfo(withInfo(patch), stderr);
    expect(run).toThrow(StepError);
    expect(run).toThrow(message);
  });

  test('no JSON at all names the daemon', () => {
    expect(() => parseEngineInfo('', 'permission denied while trying to connect')).toThrow(
      /^docker: `docker info` gave no JSON \(permission denied while trying to connect\)/,
    );
  });

  test.each([
    ['x86_64', 'amd64'],
    ['aarch64', 'arm64'],
    ['armv7l', 'arm'],
    ['s390x', 's390x'],
    ['riscv64', 'riscv64'],
  ])('ociArch(%s) = %s', (k, want) => {
    expect(ociArch(k)).toBe(want);
  });
});

describe('probeEngine', () => {
  test('asks docker once, with the JSON format', async () => {
    const r = new FakeRunner().on(['docker', 'info'], { stdout: info });
    const facts = await probeEngine(r);
    expect(facts.containerdStore).toBe(true);
    expect(r.lines()).toEqual(['docker info --format {{json .}}']);
  });

  test('a docker CLI that is not installed is one StepError line', async () => {
    const r = new FakeRunner().on(['docker'], {
      throws: new Error(
        'Unable to locate executable file: docker. Please verify either the file path exists',
      ),
    });
    await expect(probeEngine(r)).rejects.toThrow(
      /^docker: the docker CLI is not available \(Unable to locate/,
    );
  });

  test('daemon down: exit 1 with empty server facts', async () => {
    const down = withInfo((x) => {
      x.ServerVersion = '';
    });
    const r = new FakeRunner().on(['docker', 'info'], {
      code: 1,
      stdout: down,
      stderr: 'Cannot connect to the Docker daemon at unix:///tmp/nope.sock. Is the docker daemon running?',
    });
    await expect(probeEngine(r)).rejects.toThrow(
      /cannot reach the Docker daemon \(Cannot connect .*nope\.sock/,
    );
  });
});
