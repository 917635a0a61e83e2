/**
 * `crossbuild verify IMAGE[:TAG|@DIGEST]` (#24): the index's attestations found as any verifier finds them (the
 * referrers API, else the fallback tag), each read back hashed and verified against the identity the user expects
 * (`--certificate-identity` and `--certificate-oidc-issuer`, as cosign asks) or a public key (`--key`); a private
 * Sigstore's trusted root from `--sigstore trusted-root=PATH`. Exit 4 when nothing verifies.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseSigstore } from '../attest/options.js';
import { BUNDLE_MEDIA_TYPE, verifyBundle, type TrustSource, type Verified } from '../attest/sigstore.js';
import { messageOf, StepError } from '../errors.js';
import type { Runner } from '../exec.js';
import { objectOf, stringOf } from '../json.js';
import { chainSources, dockerConfigSource } from '../registry/auth.js';
import { RegistryClient } from '../registry/client.js';
import { readManifest } from '../registry/push.js';
import { parseRepository, repositoryName, splitReference } from '../registry/reference.js';
import { artifactContent, referrers } from '../registry/referrers.js';
import { policyOf } from '../retry.js';
import { UsageError, type CliArgs } from './args.js';

interface VerifyDeps {
  env: NodeJS.ProcessEnv;
  cwd: string;
  runner: Runner;
  fetch?: typeof fetch;
}

export interface VerifyReport {
  image: string;
  digest: string;
  verified: {
    attestation: string;
    signer: string;
    issuer: string;
    logIndex?: string;
    builder: string;
    subjects: string[];
  }[];
  /** the attestations that did not verify, and why */
  refused: { attestation: string; why: string }[];
}

function readText(cwd: string, path: string, what: string): string {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch (err) {
    throw new UsageError(
      `verify: ${what} ${path} cannot be read (${(err as NodeJS.ErrnoException).code ?? messageOf(err)})`,
    );
  }
}

function trustOf(args: CliArgs, cwd: string): TrustSource {
  const root = parseSigstore(args.inputs.sigstore ?? '')['trusted-root'];
  const trustedRoot = root !== undefined ? readText(cwd, root, 'trusted root') : undefined;
  if (args.key !== undefined)
    return {
      kind: 'key',
      publicKeyPem: readText(cwd, args.key, 'key'),
      ...(trustedRoot ? { trustedRoot } : {}),
    };
  if (!args.identity || !args.issuer)
    throw new UsageError(
      'verify: say whose signature to accept: --certificate-identity and --certificate-oidc-issuer, or --key PUBLIC.pem',
    );
  return {
    kind: 'root',
    ...(trustedRoot ? { trustedRoot } : {}),
    identity: { san: args.identity, issuer: args.issuer },
  };
}

const builderOf = (v: Verified) =>
  stringOf(objectOf(objectOf(objectOf(v.statement.predicate).runDetails).builder).id);

export async function verifyImage(args: CliArgs, d: VerifyDeps): Promise<VerifyReport> {
  const [target, ...more] = args.files;
  if (target === undefined || more.length > 0)
    throw new UsageError('verify: name one image, IMAGE:TAG or IMAGE@sha256:DIGEST');
  const trust = trustOf(args, d.cwd);
  const { image, ref } = splitReference(target);
  const repo = parseRepository(image);
  const client = new RegistryClient({
    credentials: chainSources([], dockerConfigSource(d.runner, d.env)),
    policy: policyOf(3, 0.5, () => undefined),
    step: 'verify',
    ...(d.fetch ? { fetch: d.fetch } : {}),
  });
  const found = await readManifest(client, repo, ref || 'latest');
  if (!found)
    throw new StepError(
      'verify',
      `${repositoryName(repo)}:${ref || 'latest'} is not in the registry`,
      'attest',
    );
  if (ref.startsWith('sha256:') && found.digest !== ref)
    throw new StepError(
      'verify',
      `${repositoryName(repo)}@${ref}: served bytes hash to ${found.digest}`,
      'attest',
    );
  const report: VerifyReport = {
    image: repositoryName(repo),
    digest: found.digest,
    verified: [],
    refused: [],
  };
  for (const entry of await referrers(client, repo, found.digest, BUNDLE_MEDIA_TYPE)) {
    try {
      const { content } = await artifactContent(client, repo, entry);
      const v = await verifyBundle(content.toString('utf8'), found.digest, trust);
      report.verified.push({
        attestation: entry.digest,
        signer: v.signer,
        issuer: v.issuer,
        ...(v.logIndex ? { logIndex: v.logIndex } : {}),
        builder: builderOf(v),
        subjects: v.statement.subject.map(
          (s) =>
            `${s.name}@${Object.entries(s.digest)
              .map(([a, h]) => `${a}:${h}`)
              .join(',')}`,
        ),
      });
    } catch (err) {
      report.refused.push({ attestation: entry.digest, why: messageOf(err).split('\n')[0] ?? '' });
    }
  }
  return report;
}

export function verifyText(r: VerifyReport): string {
  const out = [`${r.image}@${r.digest}`];
  for (const v of r.verified)
    out.push(
      `✅ ${v.attestation}: SLSA provenance signed by ${v.signer}${v.issuer ? ` (${v.issuer})` : ''}${v.logIndex ? `, log entry ${v.logIndex}` : ''}`,
      `   builder: ${v.builder}`,
      ...v.subjects.map((s) => `   subject: ${s}`),
    );
  for (const f of r.refused) out.push(`❌ ${f.attestation}: ${f.why}`);
  if (r.verified.length === 0 && r.refused.length === 0) out.push('no attestation is attached to this image');
  return out.join('\n');
}
