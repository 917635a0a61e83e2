/**
 * Attaching an artifact to a manifest and finding it again: through the referrers API of an OCI 1.1 registry and
 * through the fallback tag where the registry has none (the real distribution 2.8 of this path:
 * referrers.real.test.ts); what is read back is hashed before it is believed.
 */
import { describe, expect, it } from 'vitest';
import { RegistryClient } from '../../src/registry/client.js';
import { sha256 } from '../../src/registry/digest.js';
import {
  artifactContent,
  attach,
  EMPTY_JSON,
  EMPTY_TYPE,
  fallbackTag,
  OCI_MANIFEST,
  referrers,
} from '../../src/registry/referrers.js';
import { pushBytes } from '../../src/registry/push.js';
import { parseRepository } from '../../src/registry/reference.js';
import { FakeRegistry } from '../fixtures/registry.js';
import { instantRetry } from '../fixtures/runner.js';

const repo = parseRepository('127.0.0.1:5000/acme/widget');
const TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

async function setup(referrersApi: boolean) {
  const reg = new FakeRegistry();
  reg.referrersApi = referrersApi;
  const client = new RegistryClient({
    credentials: () => Promise.resolve(undefined),
    policy: instantRetry(),
    fetch: reg.fetch,
  });
  const config = await pushBytes(client, repo, EMPTY_JSON, EMPTY_TYPE);
  const bytes = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [] }),
  );
  await client.request(repo, {
    method: 'PUT',
    path: `manifests/${sha256(bytes)}`,
    scope: 'pull,push',
    headers: { 'content-type': OCI_MANIFEST },
    body: () => ({ data: bytes, length: bytes.length }),
    ok: [201],
  });
  return { reg, client, subject: { mediaType: OCI_MANIFEST, digest: sha256(bytes), size: bytes.length } };
}

describe.each([
  ['an OCI 1.1 registry', true],
  ['a registry without the referrers API', false],
])('%s', (_, api) => {
  it('attaches two artifacts, lists them by type and reads each back', async () => {
    const { reg, client, subject } = await setup(api);
    const a = await attach(client, repo, subject, TYPE, Buffer.from('{"first":1}'), { 'x.kind': 'one' });
    const b = await attach(client, repo, subject, TYPE, Buffer.from('{"second":2}'), {});
    await attach(client, repo, subject, 'application/other', Buffer.from('x'), {});
    expect(a.via).toBe(api ? 'referrers API' : `tag ${fallbackTag(subject.digest)}`);
    expect(reg.tagWrites).toEqual(api ? [] : Array(3).fill(`acme/widget:sha256-${subject.digest.slice(7)}`));
    const found = await referrers(client, repo, subject.digest, TYPE);
    expect(found.map((e) => e.digest).sort()).toEqual([a.digest, b.digest].sort());
    expect(found.find((e) => e.digest === a.digest)?.annotations).toEqual({ 'x.kind': 'one' });
    const got = await artifactContent(client, repo, { digest: a.digest });
    expect(got).toEqual({ content: Buffer.from('{"first":1}'), subject: subject.digest });
  });

  it('finds nothing on a manifest nothing refers to', async () => {
    const { client } = await setup(api);
    expect(await referrers(client, repo, `sha256:${'0'.repeat(64)}`)).toEqual([]);
  });
});

describe('what is read back is hashed', () => {
  it('refuses a manifest or content that does not hash to its digest', async () => {
    const { reg, client, subject } = await setup(false);
    const a = await attach(client, repo, subject, TYPE, Buffer.from('{"first":1}'), {});
    reg.tamper = (_, ref, body) =>
      ref === a.digest
        ? Buffer.from(body.toString().replace('"schemaVersion":2', '"schemaVersion": 2'))
        : body;
    await expect(artifactContent(client, repo, { digest: a.digest })).rejects.toThrow(/served bytes hash to/);
    reg.tamper = undefined;
    const layer = sha256(Buffer.from('{"first":1}'));
    reg.blobs.set(layer, Buffer.from('{"forst":1}'));
    await expect(artifactContent(client, repo, { digest: a.digest })).rejects.toThrow(/does not hash to/);
  });
});
