// Benchmark (#24): what signing the provenance adds to a warm 3-platform release of the reference Dockerfile (tag
// push v1.2.3): the same release without an attestation, keyless through a loopback Sigstore (@sigstore/mock's
// Fulcio, Rekor and timestamp authority; a GitHub-style token service) and with a key, alternating. Each attesting
// run signs, attaches the bundle as an OCI referrer (the fallback tag on this registry), reads it back and verifies
// it before the tags. Reports the medians and what each adds; the target is ≤ 1 s.
// Usage: node bench/attest.mjs [runs=5]
import { generateKeyPairSync } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeToken, githubClaims, startFakeSigstore } from '../scripts/fake-sigstore.mjs';
import { median, REG, referenceSpec, save, timedAction, useStack } from './lib.mjs';
import { tempDir } from '../scripts/temp.mjs';

useStack();
const runs = Number(process.argv[2] ?? 5);
const platforms = 'linux/amd64,linux/arm64,linux/s390x';
const WORKFLOW_REF = 'acme/widget/.github/workflows/release.yml@refs/tags/v1.2.3';
// the fake Sigstore first: everything made after it is inside the try that removes it
const fake = await startFakeSigstore();
const tmp = tempDir('crossbuild-bench-attest-');
fake.token = fakeToken(githubClaims(WORKFLOW_REF));
let ms;
try {
  const root = join(tmp, 'trusted_root.json');
  writeFileSync(root, fake.trustedRoot);
  const key = join(tmp, 'cosign.key');
  writeFileSync(
    key,
    generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  const keylessEnv = {
    ACTIONS_ID_TOKEN_REQUEST_URL: `${fake.url}/token?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
    GITHUB_WORKFLOW_REF: WORKFLOW_REF,
  };
  const variants = {
    none: { inputs: { attest: 'false' } },
    keyless: {
      inputs: { sigstore: `fulcio=${fake.url}\nrekor=${fake.url}\ntsa=${fake.url}\ntrusted-root=${root}` },
      env: keylessEnv,
    },
    key: { inputs: { 'attest-key': key } },
  };
  const action = (v) => {
    const spec = referenceSpec({ images: `${REG}/bench/attest`, platforms, ...v.inputs });
    if (v.env) spec.extraEnv = v.env;
    return timedAction(spec);
  };

  ms = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  // warm: the build cache and the registry hold the release
  await action(variants.none);
  // the fake's certificates are valid for ~9 minutes: enough for a few rounds
  for (let i = 0; i < runs; i++) for (const [k, v] of Object.entries(variants)) ms[k].push(await action(v));
} finally {
  await fake.close();
  rmSync(tmp, { recursive: true, force: true });
}
const base = median(ms.none);
save('attest', {
  runs,
  node: process.version,
  noneMedianMs: base,
  keylessMedianMs: median(ms.keyless),
  keylessAddedMs: median(ms.keyless) - base,
  keyMedianMs: median(ms.key),
  keyAddedMs: median(ms.key) - base,
  ms,
});
