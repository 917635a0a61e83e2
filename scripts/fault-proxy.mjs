// Types: fault-proxy.d.mts. Used by the e2e tests and bench/flaky-registry.mjs.
/**
 * A fault-injecting HTTP proxy in front of the local registry (127.0.0.1 only). It forwards requests unchanged
 * (Host header kept, so the registry's upload URLs point back through the proxy) and, per rule, answers the first
 * N matching requests with an error status or drops the connection. Used to prove retries and bounded failure.
 */
import { createServer, request } from 'node:http';
import { createServer as createNetServer } from 'node:net';
/** mulberry32: a tiny seeded PRNG, so a failing run can be replayed with its seed. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const RANDOM_FAULTS = [503, 429, 'drop'];
export async function startFaultProxy(upstreamPort, rules, tamper, random) {
  const rand = random ? seeded(random.seed) : undefined;
  const left = rules.map((r) => r.times);
  // a rule with `after` lets that many matching requests through first
  const passed = rules.map(() => 0);
  let manifestWrites = 0;
  // log: when each request arrived (ms since the proxy started), for timelines of a run's registry traffic
  const started = Date.now();
  const state = { injected: [], requests: 0, log: [] };
  const server = createServer((req, res) => {
    state.requests++;
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const entry = { at: Date.now() - started, method, path, ua: String(req.headers['user-agent'] ?? '') };
    state.log.push(entry);
    const i = rules.findIndex((r, k) => {
      if ((left[k] ?? 0) <= 0 || (r.method && r.method !== method) || !r.path.test(path)) return false;
      if ((passed[k] ?? 0) < (r.after ?? 0)) {
        passed[k] = (passed[k] ?? 0) + 1;
        return false;
      }
      return true;
    });
    let rule = i >= 0 ? rules[i] : undefined;
    const dead =
      random?.dieAfterManifestWrites !== undefined && manifestWrites >= random.dieAfterManifestWrites;
    if (dead) rule = { path: /./, fault: 'drop', times: 1 };
    else if (rule) left[i] = (left[i] ?? 0) - 1;
    else if (rand && random && rand() < random.rate) {
      rule = { path: /./, fault: RANDOM_FAULTS[Math.floor(rand() * RANDOM_FAULTS.length)] ?? 503, times: 1 };
    }
    if (rule) {
      state.injected.push({ method, path, fault: rule.fault });
      entry.fault = rule.fault;
      req.resume();
      if (rule.fault === 'drop') {
        req.socket.destroy();
        return;
      }
      const body = JSON.stringify({ errors: [{ code: 'UNAVAILABLE', message: `injected ${rule.fault}` }] });
      // a 429 says when to come back, as rate limiters do
      res.writeHead(rule.fault, {
        'content-type': 'application/json',
        ...(rule.fault === 429 ? { 'retry-after': '1' } : {}),
      });
      res.end(body);
      return;
    }
    if (method === 'PUT' && /\/manifests\//.test(path)) manifestWrites++;
    const up = request(
      { host: '127.0.0.1', port: upstreamPort, method, path, headers: req.headers },
      (upRes) => {
        if (
          tamper &&
          (!tamper.method || tamper.method === method) &&
          tamper.path.test(path) &&
          upRes.statusCode === 200
        ) {
          const chunks = [];
          upRes.on('data', (c) => chunks.push(c));
          upRes.on('end', () => {
            const body = tamper.rewrite(Buffer.concat(chunks));
            const headers = {
              ...upRes.headers,
              'content-length': String(body.length),
            };
            delete headers['docker-content-digest'];
            res.writeHead(200, headers);
            res.end(body);
          });
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  // In front of the HTTP server: a TLS hello (BuildKit tries https:// first) gets a plain HTTP answer, as a
  // plain-HTTP registry gives, so the client falls back to http:// at once instead of timing out the handshake.
  const sockets = new Set();
  const front = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (chunk) => {
      if (chunk[0] === 0x16) {
        socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
        return;
      }
      socket.pause();
      socket.unshift(chunk);
      server.emit('connection', socket);
      socket.resume();
    });
  });
  await new Promise((ok) => front.listen(0, '127.0.0.1', ok));
  const port = front.address().port;
  return Object.assign(state, {
    port,
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        front.close(() => {
          ok();
        });
      }),
  });
}
