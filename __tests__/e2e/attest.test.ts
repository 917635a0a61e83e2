/**
 * #24 on the real engine and registry, offline: a release signs its provenance through a Sigstore of its own on
 * loopback (@sigstore/mock's Fulcio, Rekor and timestamp authority; a GitHub-style OIDC token service), attaches it
 * to the index (distribution 2.8: the fallback tag), verifies it as read back, and only then moves the tags. A
 * signature that does not show the expected identity, or a registry that refuses the attestation, fails the release
 * with one line and no tag.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runMain } from '../../scripts/local-runner.mjs';
import { startFaultProxy, type FaultProxy } from '../../scripts/fault-proxy.mjs';
import { verifyBundle } from '../../src/attest/sigstore.js';
import { RegistryClient } from '../../src/registry/client.js';
import { parseRepository } from '../../src/registry/reference.js';
import { artifactContent, fallbackTag, referrers } from '../../src/registry/referrers.js';
import {
  fakeToken,
  githubClaims,
  GITHUB_ISSUER,
  startFakeSigstore,
  type FakeSigstore,
} from '../fixtures/sigstore.js';
import { tagPushSpec } from './release.js';
import { REGISTRY, tagList, uniqueRepo, workspace } from './registry.js';
import { skipReal } from '../docker/real-engine.js';

const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const WORKFLOW_REF = 'acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3';
const SAN = `https://github.com/${WORKFLOW_REF}`;
const TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const dockerfile = (id: string) =>
  `FROM ${REGISTRY}/fixtures/base:1\nRUN echo ${id} > /id\nCMD ["cat", "/id"]\n`;
const client = new RegistryClient({
  credentials: () => Promise.resolve(undefined),
  policy: { attempts: 3, waitMs: 50 },
});

const CLI = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url));
const verifyCli = (args: string[]) =>
  spawnSync(process.execPath, [CLI, 'verify', ...args], { encoding: 'utf8' });

let fake: FakeSigstore;
let proxy: FaultProxy | undefined;

/** A tag push of `repo` that signs keylessly with the fake Sigstore, as a GitHub job with id-token: write would. */
function keylessSpec(repo: string, cwd: string, sigstore: Record<string, string> = {}) {
  const root = join(cwd, 'trusted_root.json');
  writeFileSync(root, fake.trustedRoot);
  const lines = { fulcio: fake.url, rekor: fake.url, tsa: fake.url, 'trusted-root': root, ...sigstore };
  const s = tagPushSpec(repo, cwd, PLATFORMS, {
    tags: 'type=semver,pattern={{version}}',
    sigstore: Object.entries(lines)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  });
  s.extraEnv = {
    ACTIONS_ID_TOKEN_REQUEST_URL: `${fake.url}/token?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
    GITHUB_WORKFLOW_REF: WORKFLOW_REF,
  };
  return s;
}

describe.skipIf(skipReal)('attest: signed provenance before tags', () => {
  beforeAll(async () => {
    fake = await startFakeSigstore();
    fake.token = fakeToken(githubClaims(WORKFLOW_REF));
  });
  afterAll(async () => {
    await fake.close();
    await proxy?.close();
  });

  test('keyless: signed, attached, verified, then tagged; what the registry holds verifies for the index', async () => {
    const repo = uniqueRepo('attested');
    const cwd = workspace({ Dockerfile: dockerfile(repo) });
    const r = await runMain(keylessSpec(repo, cwd));
    expect(r.code, r.stdout.slice(-3000)).toBe(0);
    const digest = r.outputs.digest ?? '';
    expect(await tagList(repo)).toEqual(['1.2.3', 'latest', fallbackTag(digest)].sort());
    // the token came from the GitHub-style service, the certificate from Fulcio, the entry from Rekor
    expect(fake.calls.get('/token')).toBe(1);
    expect(fake.calls.get('/api/v2/signingCert')).toBe(1);
    expect(fake.calls.get('/api/v1/log/entries')).toBe(1);
    // what a user finds in the registry, verified as a user would
    const image = parseRepository(`${REGISTRY}/${repo}`);
    const found = await referrers(client, image, digest, TYPE);
    expect(found.map((f) => f.digest)).toEqual([r.outputs['attestation-digest']]);
    const { content } = await artifactContent(client, image, found[0] ?? { digest: '' });
    const v = await verifyBundle(content.toString('utf8'), digest, {
      kind: 'root',
      trustedRoot: fake.trustedRoot,
      identity: { san: SAN, issuer: GITHUB_ISSUER },
    });
    // every platform manifest is a subject too, and the base image is a resolved dependency
    expect(v.statement.subject).toHaveLength(3);
    expect(JSON.stringify(v.statement.predicate)).toMatch(/pkg:docker\/127\.0\.0\.1:5000\/fixtures\/base@1/);
    const bundle = r.outputs['attestation-bundle'] ?? '';
    expect(existsSync(bundle) && readFileSync(bundle).equals(content)).toBe(true);
    expect(r.summary).toContain('### Provenance');
    expect(r.summary).toContain(`signed by \`${SAN}\``);
    // the command line finds and verifies it by tag, for the expected identity only
    const root = join(cwd, 'trusted_root.json');
    const ok = verifyCli([
      `${REGISTRY}/${repo}:1.2.3`,
      '--certificate-identity',
      SAN,
      '--certificate-oidc-issuer',
      GITHUB_ISSUER,
      '--sigstore',
      `trusted-root=${root}`,
    ]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`signed by ${SAN} (${GITHUB_ISSUER})`);
    expect(ok.stdout).toContain(`builder: ${SAN}`);
    const other = verifyCli([
      `${REGISTRY}/${repo}@${digest}`,
      '--certificate-identity',
      SAN.replace('release', 'other'),
      '--certificate-oidc-issuer',
      GITHUB_ISSUER,
      '--sigstore',
      `trusted-root=${root}`,
    ]);
    expect(other.status).toBe(4);
    expect(other.stdout).toMatch(/❌ sha256:[0-9a-f]{64}: certificate identity error/);
  });

  test('a signature without the expected identity fails the release with one line; no tag moves', async () => {
    const repo = uniqueRepo('wrong-identity');
    const cwd = workspace({ Dockerfile: dockerfile(repo) });
    const other = SAN.replace('release.yml', 'other.yml');
    const r = await runMain(keylessSpec(repo, cwd, { identity: other }));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^::error::attest: the signed provenance does not verify \(certificate identity error[^\n]*\); no tag moved$/m,
    );
    expect(r.summary).toContain('failed (the signed provenance; no tag moved)');
    // only the referrers' fallback tag: no release tag
    expect((await tagList(repo)).filter((t) => !t.startsWith('sha256-'))).toEqual([]);
  });

  test('a registry that refuses the attestation fails the release with one line; no tag moves', async () => {
    const repo = uniqueRepo('refused');
    proxy = await startFaultProxy(5000, [
      { method: 'PUT', path: /\/manifests\/sha256-/, fault: 403, times: 99 },
    ]);
    const cwd = workspace({ Dockerfile: dockerfile(repo) });
    const s = keylessSpec(repo, cwd);
    s.inputs.images = `${proxy.host}/${repo}`;
    const r = await runMain(s);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error::attest: PUT [^\n]*manifests\/sha256-[^\n]*403[^\n]*$/m);
    expect(await tagList(repo)).toEqual([]);
  });

  test('with a key, from the command line in a tagged repository; the attestation verifies with the public key', async () => {
    const repo = uniqueRepo('key-attested');
    const cwd = workspace({ Dockerfile: dockerfile(repo) });
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(join(cwd, 'cosign.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=dev@example.invalid', '-c', 'user.name=dev', ...args], {
        cwd,
        stdio: 'pipe',
      });
    git('init', '-q');
    git('add', 'Dockerfile');
    git('commit', '-q', '-m', 'release');
    git('tag', 'v1.2.3');
    const built = spawnSync(
      process.execPath,
      [
        CLI,
        '--images',
        `${REGISTRY}/${repo}`,
        '--platforms',
        PLATFORMS.join(','),
        '--tags',
        'type=semver,pattern={{version}}',
        '--cache',
        'off',
        '--attest-key',
        'cosign.key',
        '--json',
      ],
      { cwd, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '', CI: '' } },
    );
    expect(built.status, built.stderr.slice(-3000)).toBe(0);
    const outputs = (JSON.parse(built.stdout) as { outputs: Record<string, string> }).outputs;
    const digest = outputs.digest ?? '';
    expect(outputs['attestation-digest']).toMatch(/^sha256:/);
    const image = parseRepository(`${REGISTRY}/${repo}`);
    const [entry] = await referrers(client, image, digest, TYPE);
    const { content } = await artifactContent(client, image, entry ?? { digest: '' });
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const v = await verifyBundle(content.toString('utf8'), digest, { kind: 'key', publicKeyPem });
    expect(v.signer).toMatch(/^key /);
    // no transparency log unless asked: a key kept private signs privately
    const doc = JSON.parse(content.toString('utf8')) as { verificationMaterial: { tlogEntries?: unknown[] } };
    expect(doc.verificationMaterial.tlogEntries ?? []).toEqual([]);
    writeFileSync(join(cwd, 'cosign.pub'), publicKeyPem);
    const ok = verifyCli([`${REGISTRY}/${repo}:1.2.3`, '--key', join(cwd, 'cosign.pub'), '--json']);
    expect(ok.status, ok.stderr).toBe(0);
    expect((JSON.parse(ok.stdout) as { verified: { signer: string }[] }).verified[0]?.signer).toBe(v.signer);
    // an image nothing is attached to: exit 4
    const bare = uniqueRepo('unattested');
    const plain = await runMain(
      tagPushSpec(bare, workspace({ Dockerfile: dockerfile(bare) }), PLATFORMS, {
        tags: 'type=semver,pattern={{version}}',
      }),
    );
    expect(plain.code).toBe(0);
    const none = verifyCli([`${REGISTRY}/${bare}:1.2.3`, '--key', join(cwd, 'cosign.pub')]);
    expect(none.status).toBe(4);
    expect(none.stdout).toContain('no attestation is attached to this image');
  });
});
