/**
 * Issue #19 end to end: the real engine builds, the bundled action pushes to a registry that requires a basic-auth
 * login and hands every blob upload to another loopback host (as registries hand uploads to a storage back-end).
 * The release must complete and that other host must never see an Authorization header. Both hosts are thin HTTP
 * fronts (ours) over the real registry on 127.0.0.1:5000; what the registry holds decides the test.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { runMain } from '../../scripts/local-runner.mjs';
import { skipReal } from '../docker/real-engine.js';
import { tagPush } from '../fixtures/events.js';
import { serve, type Served } from '../fixtures/hostile.js';
import {
  isolatedDockerConfig,
  manifest,
  platformsOf,
  REGISTRY,
  tagList,
  uniqueRepo,
  workspace,
} from './registry.js';

const USER = 'releaser';
const PASSWORD = 'e2e-Pw-31c9d0b7';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;

const servers: Served[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The request, sent on to the real registry as it came (but its Host), the answer as it came back. */
async function toRegistry(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const headers = new Headers(req.headers);
  headers.delete('host');
  headers.delete('authorization');
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer();
  return fetch(`http://${REGISTRY}${url.pathname}${url.search}`, {
    method: req.method,
    headers,
    redirect: 'manual',
    ...(body ? { body } : {}),
  });
}

/** An upload location of the real registry, moved to `origin` (path and query kept). */
function moved(res: Response, origin: string): Response {
  const location = res.headers.get('location');
  if (!location || !/\/blobs\/uploads\//.test(location)) return res;
  const u = new URL(location, `http://${REGISTRY}`);
  const headers = new Headers(res.headers);
  headers.set('location', `${origin}${u.pathname}${u.search}`);
  return new Response(res.body, { status: res.status, headers });
}

describe.skipIf(skipReal)('a registry that hands uploads to another host', () => {
  test('basic-auth registry, uploads on 127.0.0.2: a 2-platform release completes; that host never sees Authorization', async () => {
    const storage = await serve('127.0.0.2', toRegistry);
    servers.push(storage);
    const front = await serve('127.0.0.1', async (req) => {
      if (req.headers.get('authorization') !== BASIC)
        return new Response(null, {
          status: 401,
          headers: { 'www-authenticate': 'Basic realm="crossbuild-e2e"' },
        });
      return moved(await toRegistry(req), storage.origin);
    });
    servers.push(front);
    const repo = uniqueRepo('hostile');
    const e = tagPush('v4.5.6');
    const r = await runMain({
      inputs: {
        images: `${front.host}/${repo}`,
        platforms: 'linux/amd64,linux/arm64',
        tags: 'type=semver,pattern={{version}}',
        registry: front.host,
        username: USER,
        password: PASSWORD,
        cache: 'off',
      },
      github: e.env,
      event: e.payload,
      // a fresh layer, so the push really uploads through the fronts
      cwd: workspace({
        Dockerfile: `FROM ${REGISTRY}/fixtures/base:1\nRUN echo ${repo} > /id && uname -m > /arch\nCMD ["cat", "/arch"]\n`,
      }),
      extraEnv: { DOCKER_CONFIG: isolatedDockerConfig() },
    });
    expect(r.code, r.stdout.slice(-4000)).toBe(0);
    expect(await tagList(repo)).toEqual(['4.5.6']);
    expect(platformsOf(await manifest(repo, '4.5.6'))).toEqual(['linux/amd64', 'linux/arm64']);
    const uploads = storage.seen.filter((s) => s.method === 'PUT' || s.method === 'PATCH');
    expect(uploads.length).toBeGreaterThanOrEqual(4);
    expect(storage.seen.filter((s) => s.authorization !== undefined)).toEqual([]);
    // the registry itself got the login
    expect(front.seen.some((s) => s.authorization === BASIC)).toBe(true);
    // the runner consumes ::add-mask:: (that is how it learns what to mask); nothing else may carry a secret
    const shown = r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    for (const text of [shown, r.stderr, r.summary, JSON.stringify(r.outputs), JSON.stringify(r.state)]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(BASIC.slice(6));
    }
  });
});
