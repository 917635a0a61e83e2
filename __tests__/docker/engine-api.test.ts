/**
 * dockerd's API on its socket (src/docker/engine-api.ts): which endpoint the docker CLI would use, the requests sent
 * (a recording transport), and the engine probe and the local staging names through it, the CLI where it fails.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readDockerConfig } from '../../src/docker/config-dir.js';
import {
  engineApi,
  engineSocket,
  infoSent,
  pluginDirs,
  type EngineApi,
} from '../../src/docker/engine-api.js';
import { probeEngine } from '../../src/docker/engine.js';
import type { HttpFetch } from '../../src/registry/http.js';
import { tempDir } from '../../scripts/temp.mjs';
import { FakeRunner } from '../fixtures/runner.js';

/** docker's config.json holding `text`, read as the action reads it (config-dir.ts). */
const fromFile = (text: string) => () => {
  const dir = tempDir('crossbuild-docker-config-');
  writeFileSync(join(dir, 'config.json'), text);
  return readDockerConfig({ DOCKER_CONFIG: dir });
};

describe('engineSocket: the local socket the docker CLI would use, else the CLI', () => {
  const config = (current?: string) =>
    fromFile(current === undefined ? '' : JSON.stringify({ currentContext: current }));
  test.each([
    ['nothing set: the default socket', {}, config(), '/var/run/docker.sock'],
    ['DOCKER_HOST unix://', { DOCKER_HOST: 'unix:///tmp/e/docker.sock' }, config(), '/tmp/e/docker.sock'],
    ['DOCKER_HOST over tcp', { DOCKER_HOST: 'tcp://10.0.0.2:2376' }, config(), undefined],
    ['DOCKER_HOST over ssh', { DOCKER_HOST: 'ssh://me@builder' }, config(), undefined],
    ['a named context (DOCKER_CONTEXT)', { DOCKER_CONTEXT: 'remote' }, config(), undefined],
    [
      'DOCKER_CONTEXT=default uses DOCKER_HOST',
      { DOCKER_CONTEXT: 'default', DOCKER_HOST: 'unix:///s' },
      config(),
      '/s',
    ],
    [
      'DOCKER_CONTEXT wins over DOCKER_HOST',
      { DOCKER_CONTEXT: 'remote', DOCKER_HOST: 'unix:///s' },
      config(),
      undefined,
    ],
    ['config.json names a context', {}, config('colima'), undefined],
    ['config.json names the default', {}, config('default'), '/var/run/docker.sock'],
    ['DOCKER_HOST wins over config.json', { DOCKER_HOST: 'unix:///s' }, config('colima'), '/s'],
    ['config.json that is not JSON', {}, fromFile('{'), '/var/run/docker.sock'],
  ])('%s', (_, env: NodeJS.ProcessEnv, cfg, socket) => {
    expect(engineSocket(env, cfg)).toBe(socket);
  });

  test('plugin directories: config.json extra ones, then the user one, then the system ones', () => {
    const dirs = pluginDirs(
      { DOCKER_CONFIG: '/cfg' },
      fromFile(JSON.stringify({ cliPluginsExtraDirs: ['/opt/p'] })),
    );
    expect(dirs.slice(0, 3)).toEqual(['/opt/p', '/cfg/cli-plugins', '/usr/local/lib/docker/cli-plugins']);
    expect(dirs).toContain('/usr/libexec/docker/cli-plugins');
  });
});

interface Sent {
  method: string;
  path: string;
  socket: string | undefined;
}

/** A transport answering each request with the next of `answers` (status, body), recording what was sent. */
function recorder(answers: [number, string][]): { send: HttpFetch; sent: Sent[] } {
  const sent: Sent[] = [];
  const send: HttpFetch = (url, init) => {
    sent.push({ method: init.method ?? 'GET', path: url.pathname + url.search, socket: init.socketPath });
    const [status, body] = answers.shift() ?? [500, '{"message":"no answer"}'];
    return Promise.resolve(new Response(body, { status }));
  };
  return { send, sent };
}

/** A docker config directory holding a buildx plugin (or not). */
function configDir(withBuildx: boolean): string {
  const dir = tempDir('crossbuild-engine-');
  mkdirSync(join(dir, 'cli-plugins'));
  if (withBuildx) writeFileSync(join(dir, 'cli-plugins', 'docker-buildx'), '', { mode: 0o755 });
  return dir;
}

describe('engineApi: one request each, over the socket', () => {
  const env = (dir: string) => ({ DOCKER_HOST: 'unix:///run/d.sock', DOCKER_CONFIG: dir });

  test('no API where the CLI talks to anything but a local socket', () => {
    expect(engineApi({ DOCKER_HOST: 'tcp://h:2375' }, () => ({}))).toBeUndefined();
  });

  test('info, tag and remove: method, path and socket', async () => {
    const { send, sent } = recorder([
      [200, '{"ServerVersion":"26.1.5"}'],
      [201, ''],
      [200, '[{"Untagged":"r:t"}]'],
    ]);
    const dir = configDir(true);
    const api = engineApi(env(dir), () => ({}), send);
    expect(api?.buildx).toBe(join(dir, 'cli-plugins', 'docker-buildx'));
    expect(await api?.info()).toEqual({ ServerVersion: '26.1.5' });
    await api?.tag('127.0.0.1:5000/app:crossbuild-push-abc', '127.0.0.1:5000/app:crossbuild-push');
    await api?.remove('127.0.0.1:5000/app:crossbuild-push-abc');
    expect(sent).toEqual([
      { method: 'GET', path: '/info', socket: '/run/d.sock' },
      {
        method: 'POST',
        path: '/images/127.0.0.1:5000/app:crossbuild-push-abc/tag?repo=127.0.0.1%3A5000%2Fapp&tag=crossbuild-push',
        socket: '/run/d.sock',
      },
      { method: 'DELETE', path: '/images/127.0.0.1:5000/app:crossbuild-push-abc', socket: '/run/d.sock' },
    ]);
  });

  test.each([
    [
      'dockerd says why',
      [404, '{"message":"No such image: app:x"}'],
      /^dockerd: DELETE \/images\/app:x: No such image: app:x$/,
    ],
    ['no JSON: the status', [500, 'oops'], /^dockerd: DELETE \/images\/app:x: 500 $/],
  ] as const)('a refused request throws one line (%s)', async (_, answer, message) => {
    const { send } = recorder([[answer[0], answer[1]]]);
    const api = engineApi(env(configDir(false)), () => ({}), send);
    expect(api?.buildx).toBeUndefined();
    await expect(api?.remove('app:x')).rejects.toThrow(message);
  });

  test('an answer over the bound is refused, not read', async () => {
    const { send } = recorder([[200, `{"x":"${'a'.repeat(1024 * 1024)}"}`]]);
    await expect(engineApi(env(configDir(true)), () => ({}), send)?.info()).rejects.toThrow(
      /over 1048576 bytes/,
    );
  });
});

describe('probeEngine through the API', () => {
  const cliInfo = readFileSync(new URL('./data/docker-info.json', import.meta.url), 'utf8');
  /** dockerd's half of that docker info: what GET /info answers */
  const daemonInfo = (() => {
    const j = JSON.parse(cliInfo) as Record<string, unknown>;
    delete j.ClientInfo;
    return j;
  })();
  const api = (buildx: string | undefined, info: () => Promise<Record<string, unknown>>): EngineApi => ({
    buildx,
    info,
    tag: () => Promise.reject(new Error('not asked')),
    remove: () => Promise.reject(new Error('not asked')),
  });

  test('the same facts as docker info, but buildx by its path, and no process started', async () => {
    const r = new FakeRunner();
    const facts = await probeEngine(
      r,
      api('/p/docker-buildx', () => Promise.resolve(daemonInfo)),
    );
    expect(facts).toMatchObject({
      serverVersion: '26.1.5+dfsg1',
      containerdStore: true,
      platform: 'linux/amd64',
    });
    expect([facts.buildxVersion, facts.buildxPath]).toEqual(['', '/p/docker-buildx']);
    expect(r.lines()).toEqual([]);
  });

  test.each([
    ['no buildx plugin where the CLI looks', undefined, () => Promise.resolve(daemonInfo)],
    [
      'the socket refuses',
      '/p/docker-buildx',
      () => Promise.reject(new Error('connect EACCES /var/run/docker.sock')),
    ],
    ['no server version', '/p/docker-buildx', () => Promise.resolve({})],
  ])('%s: docker info decides', async (_, buildx, info) => {
    const r = new FakeRunner().on(['docker', 'info'], { stdout: cliInfo });
    const facts = await probeEngine(r, api(buildx, info));
    expect(facts.buildxVersion).toBe('0.13.1+ds1');
    expect(r.lines()).toEqual(['docker info --format {{json .}}']);
  });
});

describe('infoSent: GET /info sent before the intent is worked out', () => {
  const counting = (answers: Promise<Record<string, unknown>>[]) => {
    let asked = 0;
    const api: EngineApi = {
      buildx: '/p/docker-buildx',
      info: () => answers[asked++] ?? Promise.reject(new Error('no more')),
      tag: () => Promise.resolve(),
      remove: () => Promise.resolve(),
    };
    return { api, asked: () => asked };
  };

  test('sent at once; the first info() gets that answer, a later one asks again', async () => {
    const c = counting([Promise.resolve({ ServerVersion: '26' }), Promise.resolve({ ServerVersion: '27' })]);
    const api = await infoSent(c.api);
    expect(c.asked()).toBe(1);
    expect(api?.buildx).toBe('/p/docker-buildx');
    expect(await api?.info()).toEqual({ ServerVersion: '26' });
    expect(await api?.info()).toEqual({ ServerVersion: '27' });
    expect(c.asked()).toBe(2);
  });

  test('an answer never read is no unhandled rejection; no API, nothing sent', async () => {
    const c = counting([Promise.reject(new Error('dockerd: down'))]);
    await infoSent(c.api);
    await new Promise((r) => setTimeout(r, 5));
    expect(c.asked()).toBe(1);
    expect(await infoSent(undefined)).toBeUndefined();
  });
});
