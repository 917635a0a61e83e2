/** The registry client's transport against a real loopback server: what the client relies on from fetch's shape. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFetch } from '../../src/registry/http.js';
import { RegistryClient, RegistryError } from '../../src/registry/client.js';
import { parseRepository } from '../../src/registry/reference.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((ok) => s.close(ok))));
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handler(req, res, Buffer.concat(chunks));
    });
  });
  servers.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function text(body: ReadableStream<Uint8Array> | null): Promise<string> {
  if (!body) return '';
  const parts: Buffer[] = [];
  for await (const c of body as unknown as AsyncIterable<Uint8Array>) parts.push(Buffer.from(c));
  return Buffer.concat(parts).toString('utf8');
}

describe('httpFetch', () => {
  it('sends method, headers and a Buffer body; answers status, text, headers and the body as a web stream', async () => {
    const base = await serve((req, res, body) => {
      res.writeHead(201, 'Made', {
        'x-echo': `${req.method} ${String(req.headers['x-a'])} ${body.toString()}`,
      });
      res.end('done');
    });
    const r = await httpFetch(new URL(`${base}/v2/x`), {
      method: 'PUT',
      headers: { 'x-a': 'b' },
      body: Buffer.from('payload'),
    });
    expect([r.status, r.statusText, r.ok]).toEqual([201, 'Made', true]);
    expect(r.headers.get('X-Echo')).toBe('PUT b payload');
    expect(r.headers.get('x-missing')).toBeNull();
    expect(await text(r.body)).toBe('done');
  });

  it('streams a body given as a Node stream (a layer read from elsewhere)', async () => {
    const base = await serve((_req, res, body) => {
      res.end(String(body.length));
    });
    const parts = Array.from({ length: 64 }, () => Buffer.alloc(16 * 1024, 7));
    const r = await httpFetch(new URL(base), {
      method: 'POST',
      headers: { 'content-length': String(64 * 16 * 1024) },
      body: Readable.from(parts),
    });
    expect(await text(r.body)).toBe(String(64 * 16 * 1024));
  });

  it('never follows a redirect: the client decides where credentials go', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(307, { location: 'http://127.0.0.9:1/elsewhere' });
      res.end();
    });
    const r = await httpFetch(new URL(base), {});
    expect([r.status, r.ok, r.headers.get('location')]).toEqual([307, false, 'http://127.0.0.9:1/elsewhere']);
  });

  it('answers 204 with no body', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(204);
      res.end();
    });
    expect((await httpFetch(new URL(base), { method: 'DELETE' })).body).toBeNull();
  });

  it("fails like fetch: a TypeError whose cause has the system's code", async () => {
    const base = await serve(() => undefined);
    await new Promise((ok) => servers.pop()?.close(ok));
    const err: unknown = await httpFetch(new URL(base), {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as { cause: { code: string } }).cause.code).toBe('ECONNREFUSED');
  });

  it("a timeout rejects with the signal's reason (TimeoutError), and the client calls it passing", async () => {
    const base = await serve(() => undefined); // never answers
    const err: unknown = await httpFetch(new URL(base), { signal: AbortSignal.timeout(50) }).catch(
      (e: unknown) => e,
    );
    expect((err as Error).name).toBe('TimeoutError');
    const client = new RegistryClient({
      credentials: () => Promise.resolve(undefined),
      policy: { attempts: 1, waitMs: 0 },
      timeoutMs: 50,
    });
    const repo = parseRepository(`${base.slice('http://'.length)}/a/b`);
    const e = await client
      .request(repo, { method: 'GET', path: 'tags/list', scope: 'pull', ok: [200] })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RegistryError);
    expect((e as RegistryError).transient).toBe(true);
    expect((e as RegistryError).message).toMatch(/TimeoutError/);
  });

  it('a body that breaks off mid-way errors the stream (the reader resumes or reports it)', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '1000000' });
      res.write(Buffer.alloc(1000));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const r = await httpFetch(new URL(base), {});
    await expect(text(r.body)).rejects.toBeDefined();
  });
});
