/**
 * Referrers on the real registry (distribution 2.8: no referrers API): the artifact manifest with its subject and
 * empty config is accepted, the fallback tag `sha256-<hex>` lists it, and it reads back whole.
 */
import { describe, expect, test } from 'vitest';
import { RegistryClient } from '../../src/registry/client.js';
import { sha256 } from '../../src/registry/digest.js';
import { pushBytes } from '../../src/registry/push.js';
import { parseRepository } from '../../src/registry/reference.js';
import {
  artifactContent,
  attach,
  EMPTY_JSON,
  EMPTY_TYPE,
  fallbackTag,
  OCI_MANIFEST,
  referrers,
} from '../../src/registry/referrers.js';
import { tagList, uniqueRepo } from '../e2e/registry.js';
import { skipReal, skipReason } from '../docker/real-engine.js';

const TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

describe.skipIf(skipReal)(`referrers${skipReal ? ` — skipped: ${skipReason}` : ''}`, () => {
  test('an attestation attached to a manifest is found through the fallback tag and reads back', async () => {
    const name = uniqueRepo('referrers');
    const repo = parseRepository(`127.0.0.1:5000/${name}`);
    const client = new RegistryClient({
      credentials: () => Promise.resolve(undefined),
      policy: { attempts: 3, waitMs: 50 },
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
    const subject = { mediaType: OCI_MANIFEST, digest: sha256(bytes), size: bytes.length };
    const content = Buffer.from(JSON.stringify({ mediaType: TYPE, n: Date.now() }));
    const a = await attach(client, repo, subject, TYPE, content, {
      'dev.sigstore.bundle.content': 'dsse-envelope',
    });
    const b = await attach(client, repo, subject, TYPE, Buffer.from('{}{}'), {});
    expect(a.via).toBe(`tag ${fallbackTag(subject.digest)}`);
    expect(await tagList(name)).toEqual([fallbackTag(subject.digest)]);
    const found = await referrers(client, repo, subject.digest, TYPE);
    expect(found.map((e) => e.digest).sort()).toEqual([a.digest, b.digest].sort());
    expect(found.find((e) => e.digest === a.digest)?.annotations).toEqual({
      'dev.sigstore.bundle.content': 'dsse-envelope',
    });
    expect(await artifactContent(client, repo, a)).toEqual({ content, subject: subject.digest });
  });
});
