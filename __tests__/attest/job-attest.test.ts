/**
 * The attestation in the job, with the fake runner and registry: signed with a key, attached before the first tag
 * write, verified; a refused attachment or a failed signature leaves every tag where it was; the merge job attests
 * the merged index and a fan-out build job attests nothing.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { run } from '../../src/main.js';
import { verifyBundle } from '../../src/attest/sigstore.js';
import { FakeRegistry } from '../fixtures/registry.js';
import { REPO, setup, type Setup } from '../fixtures/harness.js';

const keys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PEM = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const fallback = (digest: string) => `${REPO}:${digest.replace(':', '-')}`;

async function release(o: Setup = {}) {
  const h = setup({ ...o, inputs: { 'attest-key': PEM, ...o.inputs } });
  await run(h.deps);
  return h;
}

describe('attest in the job', () => {
  test('the attestation is attached before any tag moves, verifies with the key, and is an output', async () => {
    const h = await release();
    expect(h.io.failed).toBeUndefined();
    const digest = h.io.outputs.digest ?? '';
    // the referrers' fallback tag first, then the release's tags
    expect(h.registry.userTagWrites[0]).toBe(fallback(digest));
    expect(h.registry.userTagWrites.slice(1).sort()).toEqual([
      `${REPO}:1.2`,
      `${REPO}:1.2.3`,
      `${REPO}:latest`,
    ]);
    const bundle = readFileSync(h.io.outputs['attestation-bundle'] ?? '', 'utf8');
    const v = await verifyBundle(bundle, digest, { kind: 'key', publicKeyPem: PUBLIC });
    expect(v.statement.subject.map((s) => s.name)).toEqual(Array(3).fill('127.0.0.1:5000/acme/widget'));
    expect(h.io.outputs['attestation-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
    // the key never reaches the log
    expect([...h.io.infos, ...h.io.warnings, h.io.failed ?? ''].join('\n')).not.toContain('PRIVATE KEY');
    expect(h.io.secrets).toContain(PEM.trim());
  });

  test('an OCI 1.1 registry: found through the referrers API, no fallback tag', async () => {
    const h = await release({ registry: (r) => (r.referrersApi = true) });
    expect(h.io.failed).toBeUndefined();
    expect(h.registry.userTagWrites.filter((t) => t.includes(':sha256-'))).toEqual([]);
  });

  test.each([
    [
      'the registry refuses the attachment',
      {
        registry: (r: FakeRegistry) =>
          r.fault({ method: 'PUT', path: /\/manifests\/sha256-/, status: 403, times: 99 }),
      },
      /^attest: PUT .*403/,
    ],
    [
      'the key is not a key',
      { inputs: { 'attest-key': '-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----' } },
      /^attest: /,
    ],
  ])('%s: the release fails with one line, no tag moves', async (_, o, why) => {
    const h = await release(o);
    expect(h.io.failed).toMatch(why);
    expect(h.registry.userTagWrites.filter((t) => !t.includes(':sha256-'))).toEqual([]);
  });

  test('an attestation the registry serves changed is refused before it is believed; no tag moves', async () => {
    const h = await release({
      registry: (r) => {
        r.tamper = (_, ref, body) =>
          ref.startsWith('sha256:') && body.includes('dev.sigstore.bundle.v0.3')
            ? Buffer.from(body.toString().replace('dsse-envelope', 'dsse-envelopf'))
            : body;
      },
    });
    expect(h.io.failed).toMatch(
      /^attest: 127\.0\.0\.1:5000\/acme\/widget@sha256:[0-9a-f]{64}: served bytes hash to sha256:/,
    );
    expect(h.registry.userTagWrites.filter((t) => !t.includes(':sha256-'))).toEqual([]);
  });

  test('fan-out: the build jobs attest nothing, the merge job attests the merged index', async () => {
    const r = new FakeRegistry();
    for (const p of ['linux/amd64', 'linux/arm64']) {
      const b = await release({
        shared: r,
        inputs: { mode: 'build', platforms: p },
        env: { GITHUB_JOB: 'build', RUNNER_NAME: p },
      });
      expect(b.io.outputs['attestation-digest']).toBeUndefined();
    }
    const m = await release({ shared: r, inputs: { mode: 'merge' }, env: { GITHUB_JOB: 'merge' } });
    expect(m.io.failed).toBeUndefined();
    const digest = m.io.outputs.digest ?? '';
    const v = await verifyBundle(readFileSync(m.io.outputs['attestation-bundle'] ?? '', 'utf8'), digest, {
      kind: 'key',
      publicKeyPem: PUBLIC,
    });
    // the index and both platforms' manifests
    expect(v.statement.subject).toHaveLength(3);
  });
});

describe('attest in a dry run', () => {
  test('the plan says how it signs, where the attestation goes and whom it must show, before the tags', async () => {
    const h = setup({
      inputs: { 'dry-run': 'true' },
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token?x=1',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't',
        GITHUB_WORKFLOW_REF: 'acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3',
      },
    });
    await run(h.deps);
    const text = h.io.infos.join('\n');
    const attest = text.indexOf(
      "# attest: sign the SLSA provenance (keyless: an OIDC token (GitHub's) for a certificate from https://fulcio.sigstore.dev; log https://rekor.sigstore.dev), attach it to 127.0.0.1:5000/acme/widget@sha256:<index digest> as an OCI referrer, read it back and verify (signer https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3 from https://token.actions.githubusercontent.com); then the tags",
    );
    expect(attest).toBeGreaterThan(0);
    expect(text.indexOf('# registry: tag ')).toBeGreaterThan(attest);
    expect(h.registry.requests).toEqual([]);
  });
});
