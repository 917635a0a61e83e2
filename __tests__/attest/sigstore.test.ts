import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provenanceStatement, type ProvenanceFacts } from '../../src/attest/provenance.js';
import { signStatement, verifyBundle, type SignOptions } from '../../src/attest/sigstore.js';
import { GITHUB_ISSUER, startFakeSigstore, type FakeSigstore } from '../fixtures/sigstore.js';

const INDEX = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;
const SAN = 'https://github.com/acme/widget/.github/workflows/release.yml@refs/tags/v1.0.0';

const facts = (digest = INDEX): ProvenanceFacts => ({
  images: ['127.0.0.1:5000/acme/widget'],
  digests: [digest],
  repositoryUrl: 'https://github.com/acme/widget',
  ref: 'refs/tags/v1.0.0',
  commit: 'c'.repeat(40),
  workflowPath: '.github/workflows/release.yml',
  builderId: SAN,
  invocationId: 'https://github.com/acme/widget/actions/runs/1/attempts/1',
  parameters: { platforms: ['linux/amd64'] },
  materials: [],
  startedOn: new Date('2026-12-02T10:00:00Z'),
  finishedOn: new Date('2026-12-02T10:01:00Z'),
});

const pem = () =>
  generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();

let fake: FakeSigstore;
let other: FakeSigstore;
beforeAll(async () => {
  [fake, other] = await Promise.all([startFakeSigstore(), startFakeSigstore()]);
});
afterAll(async () => {
  await Promise.all([fake.close(), other.close()]);
});

const keyless = (): SignOptions => ({
  signer: { kind: 'keyless', token: () => Promise.resolve(fake.token), fulcio: fake.url },
  rekor: fake.url,
  tsa: fake.url,
});
const root = (identity = { san: SAN, issuer: GITHUB_ISSUER }) =>
  ({ kind: 'root', trustedRoot: fake.trustedRoot, identity }) as const;

/** The bundle with its statement replaced (the signature left as it was). */
function withPayload(json: string, digest: string): string {
  const b = JSON.parse(json) as { dsseEnvelope: { payload: string } };
  b.dsseEnvelope.payload = Buffer.from(JSON.stringify(provenanceStatement(facts(digest)))).toString('base64');
  return JSON.stringify(b);
}

describe('keyless (Fulcio, Rekor, timestamp authority on loopback)', () => {
  it('signs a statement that verifies against the trusted root and the expected identity', async () => {
    const json = await signStatement(provenanceStatement(facts()), keyless());
    const v = await verifyBundle(json, INDEX, root());
    expect(v.signer).toBe(SAN);
    expect(v.issuer).toBe(GITHUB_ISSUER);
    expect(v.logIndex).toMatch(/^\d+$/);
    expect(v.statement.subject[0]?.digest.sha256).toBe('a'.repeat(64));
    expect((JSON.parse(json) as { mediaType: string }).mediaType).toBe(
      'application/vnd.dev.sigstore.bundle.v0.3+json',
    );
    expect(fake.calls.get('/api/v2/signingCert')).toBeGreaterThan(0);
  });

  it.each([
    ['another workflow', { san: SAN.replace('release.yml', 'other.yml'), issuer: GITHUB_ISSUER }, /identity/],
    ['another issuer', { san: SAN, issuer: 'https://gitlab.com' }, /expected issuer=https:\/\/gitlab.com/],
  ])('refuses a bundle expected from %s', async (_, identity, why) => {
    const json = await signStatement(provenanceStatement(facts()), keyless());
    await expect(verifyBundle(json, INDEX, root(identity))).rejects.toThrow(why);
  });

  it('refuses a changed statement, a statement about another digest, and another Sigstore', async () => {
    const json = await signStatement(provenanceStatement(facts()), keyless());
    await expect(verifyBundle(withPayload(json, OTHER), OTHER, root())).rejects.toThrow(
      /payload hash mismatch/,
    );
    await expect(verifyBundle(json, OTHER, root())).rejects.toThrow(/not about sha256:b/);
    await expect(
      verifyBundle(json, INDEX, { kind: 'root', trustedRoot: other.trustedRoot, identity: { san: SAN } }),
    ).rejects.toThrow();
  });
});

describe('with a key', () => {
  it('recorded in a log: the entry is checked against the trusted root', async () => {
    const key = pem();
    const publicKeyPem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
    const json = await signStatement(provenanceStatement(facts()), {
      signer: { kind: 'key', pem: key },
      rekor: fake.url,
    });
    const v = await verifyBundle(json, INDEX, { kind: 'key', publicKeyPem, trustedRoot: fake.trustedRoot });
    expect(v.logIndex).toMatch(/^\d+$/);
    // another log's root does not vouch for this entry
    await expect(
      verifyBundle(json, INDEX, { kind: 'key', publicKeyPem, trustedRoot: other.trustedRoot }),
    ).rejects.toThrow();
  });

  it('verifies with its public key and refuses another key or a changed statement', async () => {
    const key = pem();
    const json = await signStatement(provenanceStatement(facts()), { signer: { kind: 'key', pem: key } });
    const publicKeyPem = createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
    const v = await verifyBundle(json, INDEX, { kind: 'key', publicKeyPem });
    expect(v.signer).toMatch(/^key [0-9a-f]{16}$/);
    const otherPem = createPublicKey(pem()).export({ type: 'spki', format: 'pem' }).toString();
    await expect(verifyBundle(json, INDEX, { kind: 'key', publicKeyPem: otherPem })).rejects.toThrow(
      /another key/,
    );
    await expect(
      verifyBundle(withPayload(json, OTHER), OTHER, { kind: 'key', publicKeyPem }),
    ).rejects.toThrow(/signature/);
  });
});
