/**
 * Hostile registries (issue #19): each row is an attack a registry, or anything that can set its headers, can make.
 * The registries are real HTTP servers on loopback (127.0.0.1 for the registry, 127.0.0.2/.3 for the other hosts it
 * names); the whole action runs against them with a FakeRunner for docker. Every row must fail safely: credentials
 * reach no other host, memory stays bounded, no tag is written, one clear line says what happened, and no password
 * or token is in anything the action printed, saved or output.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { run } from '../../src/main.js';
import { dockerConfigSource } from '../../src/registry/auth.js';
import { RegistryClient } from '../../src/registry/client.js';
import { locationProblem, realmOf, registryOrigin } from '../../src/registry/origin.js';
import { parseRepository } from '../../src/registry/reference.js';
import { setup } from '../fixtures/harness.js';
import { endless, httpsAs, peakRss, serve, type Handler, type Served } from '../fixtures/hostile.js';
import { FakeRegistry } from '../fixtures/registry.js';
import { FakeRunner, instantRetry } from '../fixtures/runner.js';
import { tempDir } from '../../scripts/temp.mjs';

const USER = 'octo';
const PASSWORD = 'Pw-7f3a91c2-never-elsewhere';
const TOKEN = 'Tok-5be0d8e4-never-elsewhere';
const BASIC = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
const GiB = 2 ** 30;
/** what the worker may reach while a 1 GiB body or header is offered (its own baseline is ~150 MB) */
const RSS_BOUND_MB = 300;

const servers: Served[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(ip: string, handler: Handler): Promise<Served> {
  const s = await serve(ip, handler);
  servers.push(s);
  return s;
}

/** The in-memory registry behind an HTTP request (the body read whole: test images are small). */
async function forward(reg: FakeRegistry, req: Request): Promise<Response> {
  const body =
    req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.from(await req.arrayBuffer());
  return reg.fetch(req.url, { method: req.method, headers: req.headers, ...(body ? { body } : {}) });
}

interface RegistryOptions {
  auth: 'basic' | 'bearer';
  /** origin the upload locations are moved to (a storage back-end on another host) */
  uploadsTo?: string;
  /** the token realm named in the challenge (default: this server's /token) */
  realm?: string;
  /** answers a request itself (the attack); undefined lets the registry answer */
  attack?: (req: Request, url: URL) => Response | undefined;
}

/** A registry that requires a login (basic, or bearer from its own /token) and may send uploads elsewhere. */
async function registry(reg: FakeRegistry, o: RegistryOptions): Promise<Served> {
  const self: Served = await start('127.0.0.1', async (req) => {
    const url = new URL(req.url);
    const attacked = o.attack?.(req, url);
    if (attacked) return attacked;
    const auth = req.headers.get('authorization');
    if (url.pathname === '/token')
      return auth === BASIC ? Response.json({ token: TOKEN }) : new Response(null, { status: 401 });
    const want = o.auth === 'basic' ? BASIC : `Bearer ${TOKEN}`;
    if (auth !== want) {
      const challenge =
        o.auth === 'basic'
          ? 'Basic realm="registry"'
          : `Bearer realm="${o.realm ?? `${self.origin}/token`}",service="registry"`;
      return new Response(null, { status: 401, headers: { 'www-authenticate': challenge } });
    }
    const res = await forward(reg, req);
    const location = res.headers.get('location');
    if (o.uploadsTo && location && req.method === 'POST') {
      const headers = new Headers(res.headers);
      headers.set('location', `${o.uploadsTo}${location}`);
      return new Response(null, { status: res.status, headers });
    }
    return res;
  });
  return self;
}

/** The other host: takes uploads without credentials (or asks for them, the attack). */
function storage(reg: FakeRegistry, askForCredentials = false): Promise<Served> {
  return start('127.0.0.2', (req) =>
    askForCredentials
      ? new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="storage"' } })
      : forward(reg, req),
  );
}

/** The whole action (a release of two platforms, v1.2.3) against `image`, logged in as USER. */
async function release(image: string, registryHost: string, fetchFn?: typeof fetch) {
  const h = setup({
    inputs: { images: image, registry: registryHost, username: USER, password: PASSWORD },
    // the action's own client pushes (BuildKit's push stopped on a fault): the requests these tests watch
    buildkitPushFails: 1,
  });
  // without fetchFn, the action's own transport (src/registry/http.ts) talks to the hostile servers
  const { fetch: fake, ...deps } = h.deps;
  expect(fake).toBeDefined();
  await run({ ...deps, ...(fetchFn ? { fetch: fetchFn } : {}) });
  return h;
}

/** Nothing printed, saved, output or summarised holds a credential. */
function expectNoSecret(text: string) {
  for (const secret of [PASSWORD, TOKEN, BASIC.slice(6)]) expect(text).not.toContain(secret);
}

const noAuth = (s: Served) => s.seen.filter((x) => x.authorization !== undefined);

describe('hostile registries: credentials stay with their registry', () => {
  test.each(['basic', 'bearer'] as const)(
    '%s login, uploads handed to another host: the release completes, that host never sees Authorization',
    async (auth) => {
      const reg = new FakeRegistry();
      const other = await storage(reg);
      const a = await registry(reg, { auth, uploadsTo: other.origin });
      const h = await release(`${a.host}/acme/widget`, a.host);
      expect(h.io.failed).toBeUndefined();
      expect(reg.tags('acme/widget')).toEqual(['1.2', '1.2.3', 'latest']);
      const uploads = other.seen.filter((s) => s.method === 'PUT');
      expect(uploads.length).toBeGreaterThanOrEqual(4);
      expect(noAuth(other)).toEqual([]);
      // the registry itself was asked with the credentials (the login was used)
      expect(a.seen.some((s) => s.authorization === (auth === 'basic' ? BASIC : `Bearer ${TOKEN}`))).toBe(
        true,
      );
      expectNoSecret(h.io.text());
    },
  );

  test('the other host answers 401: no credential is offered to it, the job fails in one line, no tag', async () => {
    const reg = new FakeRegistry();
    const other = await storage(reg, true);
    const a = await registry(reg, { auth: 'basic', uploadsTo: other.origin });
    const h = await release(`${a.host}/acme/widget`, a.host);
    expect(h.io.failed).toMatch(
      new RegExp(`${other.host} asked for credentials; they are only sent to http://${a.host}`),
    );
    expect(h.io.failed?.split('\n')).toHaveLength(1);
    expect(other.seen.length).toBeGreaterThan(0);
    expect(noAuth(other)).toEqual([]);
    expect(reg.tagWrites).toEqual([]);
    expectNoSecret(h.io.text());
  });

  test('an https registry hands out an http:// upload location: refused before anything is sent there', async () => {
    const reg = new FakeRegistry();
    const other = await storage(reg);
    const a = await registry(reg, { auth: 'basic', uploadsTo: other.origin });
    const h = await release(
      'registry.test/acme/widget',
      'registry.test',
      httpsAs({ 'registry.test': a.origin }),
    );
    expect(h.io.failed).toMatch(
      new RegExp(`sent the request to http://${other.host}; only https is followed from an https registry`),
    );
    expect(other.seen).toEqual([]);
    expect(reg.tagWrites).toEqual([]);
    expectNoSecret(h.io.text());
  });

  test('an https registry with uploads on another https host: completes, that host never sees Authorization', async () => {
    const reg = new FakeRegistry();
    const other = await storage(reg);
    const a = await registry(reg, {
      auth: 'bearer',
      uploadsTo: 'https://storage.test',
      realm: 'https://registry.test/token',
    });
    const seen: string[] = [];
    const h = await release(
      'registry.test/acme/widget',
      'registry.test',
      httpsAs({ 'registry.test': a.origin, 'storage.test': other.origin }, seen),
    );
    expect(h.io.failed).toBeUndefined();
    expect(seen.some((s) => s.startsWith('PUT storage.test/'))).toBe(true);
    expect(noAuth(other)).toEqual([]);
    expectNoSecret(h.io.text());
  });

  test('an upload location carrying credentials of its own: refused at once, nothing sent there', async () => {
    const reg = new FakeRegistry();
    const other = await storage(reg);
    const a = await registry(reg, { auth: 'basic', uploadsTo: `http://user:pass@${other.host}` });
    const h = await release(`${a.host}/acme/widget`, a.host);
    expect(h.io.failed).toMatch(/the registry named a location with credentials in it; refused$/);
    expect(other.seen).toEqual([]);
    expect(reg.tagWrites).toEqual([]);
  });

  test('a token realm on plain http from an https registry: the credentials are not sent there', async () => {
    const reg = new FakeRegistry();
    const realm = await start('127.0.0.3', () => Response.json({ token: TOKEN }));
    const a = await registry(reg, { auth: 'bearer', realm: `${realm.origin}/token` });
    const h = await release(
      'registry.test/acme/widget',
      'registry.test',
      httpsAs({ 'registry.test': a.origin }),
    );
    expect(h.io.failed).toMatch(
      /the token realm http:\/\/127\.0\.0\.3:\d+ is not https; credentials are not sent there/,
    );
    expect(realm.seen).toEqual([]);
    expect(reg.tagWrites).toEqual([]);
    expectNoSecret(h.io.text());
  });

  test('a redirect to another host: followed without Authorization; a 401 there keeps the cached token', async () => {
    const reg = new FakeRegistry();
    const other = await start('127.0.0.2', (req) =>
      new URL(req.url).pathname.endsWith('/deny')
        ? new Response(null, { status: 401, headers: { 'www-authenticate': 'Basic realm="x"' } })
        : Response.json({ name: 'acme/widget', tags: ['1'] }),
    );
    const a = await registry(reg, {
      auth: 'bearer',
      attack: (req, url) =>
        req.headers.get('authorization') === `Bearer ${TOKEN}` && url.pathname.includes('/tags/')
          ? new Response(null, { status: 307, headers: { location: `${other.origin}${url.pathname}` } })
          : undefined,
    });
    const repo = parseRepository(`${a.host}/acme/widget`);
    const client = new RegistryClient({
      credentials: () => Promise.resolve({ username: USER, password: PASSWORD }),
      policy: instantRetry(),
    });
    const got = await client.request(repo, { method: 'GET', path: 'tags/list', scope: 'pull', ok: [200] });
    expect(JSON.parse(got.body.toString())).toEqual({ name: 'acme/widget', tags: ['1'] });
    const err = await client
      .request(repo, { method: 'GET', path: 'tags/deny', scope: 'pull', ok: [200] })
      .catch((e: unknown) => e);
    expect(String(err)).toMatch(/asked for credentials; they are only sent to/);
    expect(noAuth(other)).toEqual([]);
    // the cached token was not replaced: the next request carries it, with no new token request
    const tokenAsks = a.seen.filter((s) => s.path.startsWith('/token')).length;
    await client.request(repo, { method: 'HEAD', path: 'blobs/sha256:aa', scope: 'pull', ok: [200, 404] });
    expect(a.seen.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(a.seen.filter((s) => s.path.startsWith('/token')).length).toBe(tokenAsks);
    expectNoSecret(String(err));
  });
});

describe('hostile registries: their words stay one line', () => {
  test('an error message with new lines and runner commands: one line, no command reaches the log', async () => {
    const reg = new FakeRegistry();
    const message = `denied ${'y'.repeat(50_000)}\r\n::warning title=Pwned::x\n`;
    const a = await registry(reg, {
      auth: 'basic',
      attack: (req, url) =>
        req.method === 'PUT' && /\/manifests\//.test(url.pathname)
          ? Response.json({ errors: [{ code: 'DENIED', message }] }, { status: 403 })
          : undefined,
    });
    const h = await release(`${a.host}/acme/widget`, a.host);
    expect(h.io.failed).toMatch(/403 Forbidden \(DENIED: denied y+…\)$/);
    expect(h.io.failed?.length).toBeLessThan(400);
    expect(h.io.log.filter((l) => l.includes('Pwned') && !l.startsWith('::error::'))).toEqual([]);
  });

  test('a loopback registry naming a plain-http token realm elsewhere: the credentials are not sent there', async () => {
    const reg = new FakeRegistry();
    const a = await registry(reg, { auth: 'bearer', realm: 'http://auth.example.test/token' });
    const h = await release(`${a.host}/acme/widget`, a.host);
    expect(h.io.failed).toMatch(
      /the token realm http:\/\/auth\.example\.test is not https; credentials are not sent there/,
    );
    expect(reg.tagWrites).toEqual([]);
  });
});

describe('hostile registries: every read is bounded', () => {
  const manifestRead = (stream: () => Response) => (req: Request, url: URL) =>
    req.method === 'GET' && /\/manifests\/sha256:/.test(url.pathname) ? stream() : undefined;

  test.each([
    ['a 1 GiB manifest (chunked)', () => new Response(endless(GiB))],
    ['an endless manifest', () => new Response(endless())],
    [
      'a manifest declaring 1 GiB',
      () => new Response(endless(GiB), { headers: { 'content-length': String(GiB) } }),
    ],
  ])('%s on the read-back: refused at 4 MiB, bounded memory, no tag', async (_, stream) => {
    const reg = new FakeRegistry();
    const a = await registry(reg, { auth: 'basic', attack: manifestRead(stream) });
    const t0 = Date.now();
    const { value: h, peakMb } = await peakRss(() => release(`${a.host}/acme/widget`, a.host));
    if (h instanceof Error) throw h;
    expect(h.io.failed).toMatch(
      /manifests\/sha256:[0-9a-f]{12}…: the answer is over the 4 MiB limit; refused/,
    );
    expect(peakMb).toBeLessThan(RSS_BOUND_MB);
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(reg.tagWrites).toEqual([]);
    expectNoSecret(h.io.text());
  });

  test('a 1 GiB token answer: refused at 1 MiB, bounded memory, no tag', async () => {
    const reg = new FakeRegistry();
    const a = await registry(reg, {
      auth: 'bearer',
      attack: (_, url) => (url.pathname === '/token' ? new Response(endless(GiB)) : undefined),
    });
    const { value: h, peakMb } = await peakRss(() => release(`${a.host}/acme/widget`, a.host));
    if (h instanceof Error) throw h;
    expect(h.io.failed).toMatch(
      /token from 127\.0\.0\.1:\d+ .*: the answer is over the 1 MiB limit; refused/,
    );
    expect(peakMb).toBeLessThan(RSS_BOUND_MB);
    expect(reg.tagWrites).toEqual([]);
    expectNoSecret(h.io.text());
  });

  test('a 1 GiB error body: 64 KiB read, one short line, no tag', async () => {
    const reg = new FakeRegistry();
    const a = await registry(reg, {
      auth: 'basic',
      attack: (req, url) =>
        req.method === 'PUT' && /\/manifests\//.test(url.pathname)
          ? new Response(endless(GiB), { status: 400 })
          : undefined,
    });
    const { value: h, peakMb } = await peakRss(() => release(`${a.host}/acme/widget`, a.host));
    if (h instanceof Error) throw h;
    expect(h.io.failed).toMatch(/400 Bad Request \(x{200}…\)$/);
    expect(peakMb).toBeLessThan(RSS_BOUND_MB);
    expect(reg.tagWrites).toEqual([]);
  });

  test('a 1 GiB tag list: refused at 1 MiB', async () => {
    const a = await start('127.0.0.1', () => new Response(endless(GiB)));
    const client = new RegistryClient({
      credentials: () => Promise.resolve(undefined),
      policy: instantRetry(),
    });
    const { value, peakMb } = await peakRss(() =>
      client.request(parseRepository(`${a.host}/acme/widget`), {
        method: 'GET',
        path: 'tags/list?n=1000',
        scope: 'pull',
        ok: [200],
      }),
    );
    expect(value instanceof Error ? value.message : 'answered').toMatch(
      /GET 127\.0\.0\.1:\d+\/acme\/widget tags\/list: the answer is over the 1 MiB limit/,
    );
    expect(peakMb).toBeLessThan(RSS_BOUND_MB);
  });
});

describe('credential helpers', () => {
  test('a helper printing something other than JSON is a helper without this credential; its output is never quoted', async () => {
    const runner = new FakeRunner().on(['docker-credential-leaky', 'get'], {
      stdout: `{"Username": "octo", "Secret": "${PASSWORD}"`,
    });
    const dir = tempDir('crossbuild-cfg-');
    (await import('node:fs')).writeFileSync(`${dir}/config.json`, JSON.stringify({ credsStore: 'leaky' }));
    const source = dockerConfigSource(runner, { DOCKER_CONFIG: dir });
    await expect(source('ghcr.io')).resolves.toBeUndefined();
  });
});

describe('what counts as the registry itself', () => {
  test.each([
    ['ghcr.io/acme/app', 'https://ghcr.io'],
    ['Registry.Example.com:443/acme/app', 'https://registry.example.com'],
    ['acme/app', 'https://registry-1.docker.io'],
    ['127.0.0.1:5000/acme/app', 'http://127.0.0.1:5000'],
  ])('%s → %s', (image, origin) => {
    expect(registryOrigin(parseRepository(image))).toBe(origin);
  });

  const https = parseRepository('ghcr.io/acme/app');
  const loop = parseRepository('127.0.0.1:5000/acme/app');
  test.each([
    [https, 'https://storage.example/upload?x=1', undefined],
    [https, 'http://storage.example/upload', /only https is followed from an https registry/],
    [https, 'https://u:p@storage.example/upload', /location with credentials in it/],
    [loop, 'http://127.0.0.2:9000/upload', undefined],
    [loop, 'http://storage.example/upload', undefined],
  ])('a location from %j: %s', (repo, url, problem) => {
    const got = locationProblem(repo, new URL(url));
    if (problem) expect(got).toMatch(problem);
    else expect(got).toBeUndefined();
  });

  test.each([
    [https, 'https://ghcr.io/token', true],
    [https, 'https://auth.example/token', true],
    [https, 'http://ghcr.io/token', false],
    [loop, 'http://127.0.0.1:5000/token', true],
    [loop, 'http://auth.example/token', false],
    [https, 'not a url', false],
  ])('a token realm for %j: %s → sent: %s', (repo, realm, sent) => {
    expect(typeof realmOf(repo, realm) !== 'string').toBe(sent);
  });
});
