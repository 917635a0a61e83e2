/**
 * `crossbuild verify` with the fake registry: a release attested with a key (run by main, as the action runs) is
 * verified by tag and by digest; another key, a missing identity, an unreadable key file, an image with nothing
 * attached and one that is not there each end as the command says.
 */
import { generateKeyPairSync } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cli, type CliDeps } from '../../src/cli/main.js';
import { run } from '../../src/main.js';
import { IMAGE, setup } from '../fixtures/harness.js';
import type { FakeRegistry } from '../fixtures/registry.js';
import { FakeRunner } from '../fixtures/runner.js';
import {
  fakeToken,
  githubClaims,
  GITHUB_ISSUER,
  startFakeSigstore,
  type FakeSigstore,
} from '../fixtures/sigstore.js';
import { tempDir } from '../../scripts/temp.mjs';

const dir = tempDir('crossbuild-verify-');
const pair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const keys = pair();
writeFileSync(join(dir, 'cosign.key'), keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
writeFileSync(join(dir, 'cosign.pub'), keys.publicKey.export({ type: 'spki', format: 'pem' }));
writeFileSync(join(dir, 'other.pub'), pair().publicKey.export({ type: 'spki', format: 'pem' }));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function deps(registry: FakeRegistry) {
  const out: string[] = [];
  const err: string[] = [];
  const d: CliDeps = {
    env: { DOCKER_CONFIG: dir },
    cwd: dir,
    runner: new FakeRunner(),
    stdout: (t) => out.push(t),
    stderr: (l) => err.push(l),
    version: '0.2.0',
    fetch: registry.fetch,
  };
  return { d, out, err };
}

async function released(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const h = setup({ inputs, env });
  await run(h.deps);
  expect(h.io.failed).toBeUndefined();
  return {
    registry: h.registry,
    digest: h.io.outputs.digest ?? '',
    secrets: h.io.secrets,
    saved: h.io.saved,
  };
}

describe('crossbuild verify, a key', () => {
  let r: Awaited<ReturnType<typeof released>>;
  beforeAll(async () => {
    r = await released({ 'attest-key': join(dir, 'cosign.key') });
  });

  test('by tag and by digest: the signer, the builder and the subjects; exit 0', async () => {
    const a = deps(r.registry);
    expect(await cli(['verify', `${IMAGE}:1.2.3`, '--key', 'cosign.pub'], a.d)).toBe(0);
    const text = a.out.join('\n');
    expect(text).toMatch(
      new RegExp(
        `^${IMAGE}@${r.digest}\\n✅ sha256:[0-9a-f]{64}: SLSA provenance signed by key [0-9a-f]{16}$`,
        'm',
      ),
    );
    expect(text).toContain('builder: https://github.com/acme/widget');
    expect(text).toContain(`subject: ${IMAGE}@${r.digest}`);
    const b = deps(r.registry);
    expect(await cli(['verify', `${IMAGE}@${r.digest}`, '--key', 'cosign.pub', '--json'], b.d)).toBe(0);
    const doc = JSON.parse(b.out.join('')) as { ok: boolean; digest: string; verified: unknown[] };
    expect(doc).toMatchObject({ ok: true, digest: r.digest });
    expect(doc.verified).toHaveLength(1);
  });

  test.each([
    ['another key', ['--key', 'other.pub'], 4, /❌ sha256:[0-9a-f]{64}: signed by another key/, 'out'],
    ['no identity and no key', [], 2, /^crossbuild: verify: say whose signature to accept/, 'err'],
    [
      'an unreadable key file',
      ['--key', 'missing.pub'],
      2,
      /^crossbuild: verify: key missing.pub cannot be read \(ENOENT\)/,
      'err',
    ],
  ])('%s: exit %s', async (_, flags, code, why, where) => {
    const a = deps(r.registry);
    expect(await cli(['verify', `${IMAGE}:1.2.3`, ...flags], a.d)).toBe(code);
    expect((where === 'out' ? a.out : a.err).join('\n')).toMatch(why);
  });

  test('a tag that is not there, and an image with nothing attached', async () => {
    const a = deps(r.registry);
    expect(await cli(['verify', `${IMAGE}:9.9.9`, '--key', 'cosign.pub'], a.d)).toBe(4);
    expect(a.err.join('\n')).toMatch(
      /^crossbuild: verify: 127\.0\.0\.1:5000\/acme\/widget:9\.9\.9 is not in the registry$/m,
    );
    const plain = await released({ attest: 'false' });
    const b = deps(plain.registry);
    expect(await cli(['verify', `${IMAGE}:1.2.3`, '--key', 'cosign.pub'], b.d)).toBe(4);
    expect(b.out.join('\n')).toContain('no attestation is attached to this image');
  });
});

describe('crossbuild verify, keyless', () => {
  let fake: FakeSigstore;
  const REF = 'acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3';
  beforeAll(async () => {
    fake = await startFakeSigstore();
    fake.token = fakeToken(githubClaims(REF));
    writeFileSync(join(dir, 'trusted_root.json'), fake.trustedRoot);
  });
  afterAll(() => fake.close());

  test('the identity and issuer the user expects, against a private trusted root', async () => {
    const r = await released(
      { sigstore: `fulcio=${fake.url}\nrekor=${fake.url}\ntrusted-root=${join(dir, 'trusted_root.json')}` },
      { SIGSTORE_ID_TOKEN: fake.token },
    );
    // the CI's token is masked; the bundle's file is listed for the post step to remove
    expect(r.secrets).toContain(fake.token);
    expect(r.saved.temp).toMatch(/crossbuild-attestation-[0-9a-f]{12}\.json/);
    const flags = (san: string) => [
      '--certificate-identity',
      san,
      '--certificate-oidc-issuer',
      GITHUB_ISSUER,
      '--sigstore',
      'trusted-root=trusted_root.json',
    ];
    const a = deps(r.registry);
    expect(await cli(['verify', `${IMAGE}:1.2.3`, ...flags(`https://github.com/${REF}`)], a.d)).toBe(0);
    expect(a.out.join('\n')).toMatch(
      /signed by https:\/\/github\.com\/acme\/widget\/\.github\/workflows\/release\.yml@refs\/tags\/v1\.2\.3 \(https:\/\/token\.actions\.githubusercontent\.com\), log entry \d+/,
    );
    const b = deps(r.registry);
    expect(await cli(['verify', `${IMAGE}:1.2.3`, ...flags('https://github.com/acme/other')], b.d)).toBe(4);
    expect(b.out.join('\n')).toMatch(/certificate identity error/);
  });
});
