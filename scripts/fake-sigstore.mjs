// Types: fake-sigstore.d.mts. Used by the attest tests and bench/attest.mjs.
/**
 * A Sigstore of its own on 127.0.0.1: @sigstore/mock's Fulcio (with a CT log), Rekor and timestamp authority behind
 * one loopback HTTP server, the trusted_root.json that trusts exactly them, and OIDC tokens shaped like GitHub's
 * (unsigned: the mock Fulcio reads the claims, as the real one does after checking the issuer's signature). Also a
 * GitHub-style token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL) that hands out such a token.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import {
  fulcioHandler,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  rekorHandler,
  tsaHandler,
} from '@sigstore/mock';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const b64 = (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

/** An unsigned JWT (alg none) with these claims. */
export function fakeToken(claims) {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ aud: 'sigstore', ...claims })}.`;
}

/** The claims a GitHub workflow's token carries for Fulcio: its SAN is the workflow at its ref. */
export function githubClaims(workflowRef, server = 'https://github.com') {
  return { iss: GITHUB_ISSUER, sub: `${server}/${workflowRef}` };
}

export async function startFakeSigstore() {
  const ctlog = await initializeCTLog(keyPair());
  // the mock CA's and TSA's clocks are fixed: certificates start a minute back, in whole seconds (a log's
  // integratedTime, in seconds, could fall before a notBefore in milliseconds; a timestamp with milliseconds is not
  // always read back), and are valid for 10 minutes, so one fake serves ~9 minutes
  const t0 = Math.floor(Date.now() / 1000) * 1000 - 60_000;
  const ca = await initializeCA(keyPair(), ctlog, new Date(t0));
  const server = createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;
  const tlog = await initializeTLog(url, keyPair());
  // (the TSA's certificates start when it is made: its fixed time is the next whole second after that)
  const tsa = await initializeTSA(keyPair(), new Date(Math.ceil(Date.now() / 1000) * 1000 + 1000));
  const handlers = new Map();
  for (const h of [fulcioHandler(ca), rekorHandler(tlog), tsaHandler(tsa)]) handlers.set(h.path, h.fn);
  const fake = {
    url,
    trustedRoot: '',
    calls: new Map(),
    token: fakeToken(githubClaims('acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0')),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => {
          r();
        });
      }),
  };
  server.on('request', (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      fake.calls.set(path, (fake.calls.get(path) ?? 0) + 1);
      if (path === '/token') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ value: fake.token }));
        return;
      }
      const fn = handlers.get(path);
      if (!fn) {
        res.writeHead(404).end();
        return;
      }
      void fn(Buffer.concat(chunks).toString('utf8')).then((out) => {
        res.writeHead(out.statusCode, { 'content-type': out.contentType ?? 'application/json' });
        res.end(
          typeof out.response === 'string'
            ? out.response
            : Buffer.from(out.response.buffer, out.response.byteOffset, out.response.byteLength),
        );
      });
    });
  });
  const start = new Date(Date.now() - 120_000).toISOString();
  const pub = (raw) => ({
    rawBytes: b64(raw),
    keyDetails: 'PKIX_ECDSA_P256_SHA_256',
    validFor: { start },
  });
  fake.trustedRoot = JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: url,
        hashAlgorithm: 'SHA2_256',
        publicKey: pub(tlog.publicKey),
        logId: { keyId: createHash('sha256').update(tlog.publicKey).digest('base64') },
      },
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: url,
        certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] },
        validFor: { start },
      },
    ],
    ctlogs: [
      {
        baseUrl: url,
        hashAlgorithm: 'SHA2_256',
        publicKey: pub(ctlog.publicKey),
        logId: { keyId: b64(ctlog.logID) },
      },
    ],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: url,
        certChain: {
          certificates: [{ rawBytes: b64(tsa.intCertificate) }, { rawBytes: b64(tsa.rootCertificate) }],
        },
        validFor: { start },
      },
    ],
  });
  return fake;
}
