/**
 * skip-unchanged's lookups through the registry client against the in-memory registry: what is found, what is a
 * normal "not there", what is retried, and that nothing a registry serves is believed before it hashes.
 * (The retag is the build's publish, tested with main in __tests__/main.test.ts.)
 */
import { describe, expect, test } from 'vitest';
import { RegistryClient } from '../../src/registry/client.js';
import { parseRepository } from '../../src/registry/reference.js';
import { findReusable, lookup } from '../../src/steps/reuse.js';
import { pushLayout } from '../fixtures/harness.js';
import { RecordingIO } from '../fixtures/io.js';
import { writeLayout } from '../fixtures/layout.js';
import { metaFixture } from '../fixtures/meta.js';
import { FakeRegistry } from '../fixtures/registry.js';
import { instantRetry } from '../fixtures/runner.js';

const SHA = '3f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39';
const TWO = ['linux/amd64', 'linux/arm64'];
const IMG = '127.0.0.1:5000/acme/widget';
const MIRROR = '127.0.0.1:5000/acme/mirror';
const CANDIDATES = ['sha-3f2c1a9', `sha-${SHA}`, 'nightly', 'nightly-20261124'];

/** The registry holding an index of `TWO` labelled with SHA (and provenance attestations) under `tags`. */
function seeded(tags: string[], revision = SHA) {
  const registry = new FakeRegistry();
  const layout = writeLayout(TWO, {
    attestations: true,
    labels: { 'org.opencontainers.image.revision': revision },
  });
  pushLayout(
    registry,
    layout.dir,
    layout.digest,
    tags.map((t) => `${IMG}:${t}`),
  );
  return { registry, digest: layout.digest, layout };
}

function clientOf(registry: FakeRegistry, policy = instantRetry()) {
  return new RegistryClient({ credentials: () => Promise.resolve(undefined), policy, fetch: registry.fetch });
}

const meta = metaFixture([IMG, MIRROR], ['nightly', 'nightly-20261124', 'sha-3f2c1a9']);
const manifestGets = (r: FakeRegistry) => r.requests.filter((q) => q.startsWith('GET /v2/acme/'));

describe('findReusable', () => {
  test('a missing tag is "not found", not retried; the first labelled index is returned with its tree', async () => {
    const { registry, digest } = seeded(['nightly']);
    const policy = instantRetry();
    const log = new RecordingIO();
    const found = await findReusable(clientOf(registry, policy), meta, SHA, TWO, log);
    expect(found).toMatchObject({ ref: `${IMG}:nightly`, digest });
    expect(found?.tree.root.digest).toBe(digest);
    expect(found?.tree.source).toEqual(parseRepository(IMG));
    // one read per candidate tag, only in the first image's repository; then the index found, by digest, with its
    // platform manifests and their configs
    const gets = manifestGets(registry);
    for (const t of CANDIDATES) expect(gets).toContain(`GET /v2/acme/widget/manifests/${t}`);
    expect(gets.some((g) => g.includes('/acme/mirror/'))).toBe(false);
    expect(gets).toContain(`GET /v2/acme/widget/manifests/${digest}`);
    expect(gets.filter((g) => g.includes('/blobs/'))).toHaveLength(2);
    expect(policy.waits).toEqual([]);
    expect(log.warnings).toEqual([]);
    expect(log.infos).toContain(`skip-unchanged: ${IMG}:sha-3f2c1a9: not found`);
  });

  test('an image of another commit is not reused, and that is no warning', async () => {
    const { registry } = seeded(CANDIDATES, '6a6a912b4d1c0e3f5a7b9c2d4e6f8a0b1c3d5e7f');
    const log = new RecordingIO();
    expect(await findReusable(clientOf(registry), meta, SHA, TWO, log)).toBeUndefined();
    expect(log.warnings).toEqual([]);
    expect(log.infos.filter((l) => l.includes('is not 3f2c1a9e8b7d'))).toHaveLength(4);
  });

  test('other platforms than requested: not reused', async () => {
    const { registry } = seeded(['nightly']);
    const log = new RecordingIO();
    expect(await findReusable(clientOf(registry), meta, SHA, [...TWO, 'linux/s390x'], log)).toBeUndefined();
    expect(log.infos.join('\n')).toMatch(/nightly: platforms linux\/amd64, linux\/arm64; requested/);
  });

  test('a registry that keeps failing: each read retried, then the run builds with one warning', async () => {
    const { registry } = seeded(['nightly']);
    registry.fault({ method: 'GET', path: /\/manifests\//, status: 503, times: 99 });
    const policy = instantRetry(3, 1000);
    const log = new RecordingIO();
    expect(await findReusable(clientOf(registry, policy), meta, SHA, TWO, log)).toBeUndefined();
    // 4 candidates × 3 attempts
    expect(manifestGets(registry)).toHaveLength(12);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]).toMatch(
      /^skip-unchanged: could not read the registry \(.*503.*\); building instead$/,
    );
  });

  test('a read that fails once is retried and finds the image', async () => {
    const { registry, digest } = seeded(['sha-3f2c1a9']);
    registry.fault({ method: 'GET', path: /\/manifests\/sha-3f2c1a9$/, status: 503, times: 1 });
    const policy = instantRetry();
    const found = await findReusable(clientOf(registry, policy), meta, SHA, TWO, new RecordingIO());
    expect(found?.digest).toBe(digest);
    expect(policy.waits).toEqual([1000]);
  });

  test('denied on one tag is not retried; a match under another still wins', async () => {
    const { registry } = seeded(['nightly-20261124']);
    registry.fault({ method: 'GET', path: /\/manifests\/nightly$/, status: 403, times: 9 });
    const policy = instantRetry();
    const log = new RecordingIO();
    const found = await findReusable(clientOf(registry, policy), meta, SHA, TWO, log);
    expect(found?.ref).toBe(`${IMG}:nightly-20261124`);
    expect(policy.waits).toEqual([]);
    expect(log.warnings).toEqual([]);
  });
});

describe('lookup: nothing is believed before it hashes', () => {
  test('a platform manifest served with other bytes than its digest: an error, never a match', async () => {
    const { registry, layout } = seeded(['nightly']);
    const child = Object.values(layout.platforms)[0] ?? '';
    registry.tamper = (_repo, ref, body) =>
      ref === child ? Buffer.from(body.toString().replace('"layers"', '"layers" ')) : body;
    const l = await lookup(clientOf(registry), parseRepository(IMG), `${IMG}:nightly`);
    expect(l.kind).toBe('error');
    expect(l.kind === 'error' ? l.message : '').toMatch(/does not match its digest/);
  });

  test('an answer that is not a manifest is an error, not a crash', async () => {
    const { registry } = seeded(['nightly']);
    registry.tamper = () => Buffer.from('Name: x');
    const l = await lookup(clientOf(registry), parseRepository(IMG), `${IMG}:nightly`);
    expect(l.kind).toBe('error');
  });
});
