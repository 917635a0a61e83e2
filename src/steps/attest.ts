/**
 * The provenance attestation of a release, between the proof (and tests) and the tags: the statement is signed,
 * attached to the index in every repository as an OCI referrer, read back from the registry (hashed) and verified
 * as a user would verify it — signature, key or certificate and identity, log entry, and that it names the index
 * just pushed. Any failure here fails the release with no tag moved.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  baseMaterial,
  provenanceStatement,
  SLSA_PROVENANCE_V1,
  type Material,
} from '../attest/provenance.js';
import {
  BUNDLE_MEDIA_TYPE,
  signStatement,
  verifyBundle,
  type SignWith,
  type TrustSource,
  type Verified,
} from '../attest/sigstore.js';
import type { AttestSpec } from '../attest/spec.js';
import type { Intent } from '../intent.js';
import { STATE, stateList } from '../state.js';
import { keyValue } from '../lines.js';
import { pushTargets } from '../plan/plan.js';
import { messageOf, StepError } from '../errors.js';
import type { RegistryClient } from '../registry/client.js';
import type { ImageTree } from '../registry/layout.js';
import { artifactContent, attach, referrers, type Attached } from '../registry/referrers.js';
import { parseRepository } from '../registry/reference.js';
import type { Attestation } from '../result.js';
import type { StepDeps } from './deps.js';

/** What the provenance says beyond the spec and the tree: known to the job. */
interface AttestFacts {
  images: readonly string[];
  repositoryUrl: string;
  ref: string;
  commit: string;
  parameters: Record<string, unknown>;
  /** the base images as BuildKit resolved them */
  bases: readonly string[];
  startedOn: Date;
}

export interface AttestDeps extends StepDeps {
  /** an OIDC token for Sigstore (audience `sigstore`), from where the spec says */
  idToken: (from: 'github' | 'env') => Promise<string>;
  clock?: () => number;
}

/** A file an input names (the key, the trusted root); one that cannot be read is the input's to fix. */
async function readNamed(input: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? messageOf(err);
    throw new StepError('attest', `${input}: ${path} cannot be read (${code})`, 'input');
  }
}

/** The key's text, checked to be a private key Node can sign with before anything is signed. */
async function privateKey(key: string): Promise<string> {
  // given inline (a secret) or as the path of a PEM file
  const pem = key.includes('PRIVATE KEY') ? key : await readNamed('attest-key', key);
  try {
    createPrivateKey(pem);
  } catch (err) {
    throw new StepError(
      'attest',
      `attest-key: not a private key this can sign with (${messageOf(err)}); give a PEM ECDSA, Ed25519 or RSA private key (an encrypted one is not read)`,
      'input',
    );
  }
  return pem;
}

async function signWith(d: AttestDeps, spec: AttestSpec): Promise<SignWith> {
  if (spec.signer.kind === 'key') return { kind: 'key', pem: await privateKey(spec.signer.key) };
  const from = spec.signer.token;
  return { kind: 'keyless', fulcio: spec.signer.fulcio, token: () => d.idToken(from) };
}

async function trustOf(spec: AttestSpec, pem: string | undefined): Promise<TrustSource> {
  const root =
    spec.trustedRoot !== undefined ? await readNamed('sigstore: trusted-root', spec.trustedRoot) : undefined;
  if (pem !== undefined) {
    const publicKeyPem = createPublicKey(pem).export({ type: 'spki', format: 'pem' }).toString();
    return { kind: 'key', publicKeyPem, ...(root !== undefined ? { trustedRoot: root } : {}) };
  }
  return { kind: 'root', ...(root !== undefined ? { trustedRoot: root } : {}), identity: spec.identity };
}

/** Every manifest of the release: the index, then each platform's (attestation manifests BuildKit made left out). */
const digestsOf = (tree: ImageTree) => [
  tree.root.digest,
  ...tree.children.filter((c) => !c.attestation).map((c) => c.digest),
];

async function attestTree(
  d: AttestDeps,
  client: RegistryClient,
  spec: AttestSpec,
  facts: AttestFacts,
  tree: ImageTree,
): Promise<Attestation> {
  try {
    return await attestOnce(d, client.forStep('attest'), spec, facts, tree);
  } catch (err) {
    if (err instanceof StepError) throw err;
    // Fulcio, Rekor or the token service refused, or the library did: one line, named
    throw new StepError('attest', messageOf(err).split('\n')[0] ?? '', 'attest');
  }
}

function statementOf(d: AttestDeps, spec: AttestSpec, facts: AttestFacts, tree: ImageTree) {
  return provenanceStatement({
    images: facts.images,
    digests: digestsOf(tree),
    repositoryUrl: facts.repositoryUrl,
    ref: facts.ref,
    commit: facts.commit,
    workflowPath: spec.workflowPath,
    builderId: spec.builderId,
    invocationId: spec.invocationId,
    parameters: facts.parameters,
    materials: facts.bases.map(baseMaterial).filter((m): m is Material => m !== undefined),
    startedOn: facts.startedOn,
    finishedOn: nowOf(d),
  });
}

const nowOf = (d: AttestDeps) => new Date((d.clock ?? Date.now)());

/** The bundle attached to the index in every repository; the first repository's attachment. */
async function attachEverywhere(
  d: AttestDeps,
  client: RegistryClient,
  images: readonly string[],
  tree: ImageTree,
  bundle: string,
): Promise<Attached> {
  const subject = { mediaType: tree.root.mediaType, digest: tree.root.digest, size: tree.root.size };
  const annotations = {
    'dev.sigstore.bundle.content': 'dsse-envelope',
    'dev.sigstore.bundle.predicateType': SLSA_PROVENANCE_V1,
    'org.opencontainers.image.created': nowOf(d).toISOString(),
  };
  const attached: Attached[] = [];
  for (const image of images)
    attached.push(
      await attach(
        client,
        parseRepository(image),
        subject,
        BUNDLE_MEDIA_TYPE,
        Buffer.from(bundle),
        annotations,
      ),
    );
  const first = attached[0];
  if (!first) throw new StepError('attest', 'no repository to attach to', 'attest');
  return first;
}

/** What a verifier will find: looked up as it looks (referrers), read back (hashed), then verified. */
async function readBack(
  client: RegistryClient,
  image: string,
  tree: ImageTree,
  first: Attached,
): Promise<Buffer> {
  const repo = parseRepository(image);
  const found = await referrers(client, repo, tree.root.digest, BUNDLE_MEDIA_TYPE);
  if (!found.some((e) => e.digest === first.digest))
    throw new StepError(
      'attest',
      `${image}@${tree.root.digest}: the attestation is not among its referrers (${first.via})`,
      'attest',
    );
  const back = await artifactContent(client, repo, first);
  if (back.subject !== tree.root.digest)
    throw new StepError(
      'attest',
      `the attestation read back refers to ${back.subject}, not ${tree.root.digest}`,
      'attest',
    );
  return back.content;
}

async function attestOnce(
  d: AttestDeps,
  client: RegistryClient,
  spec: AttestSpec,
  facts: AttestFacts,
  tree: ImageTree,
): Promise<Attestation> {
  const statement = statementOf(d, spec, facts, tree);
  const signer = await signWith(d, spec);
  const bundle = await signStatement(statement, {
    signer,
    ...(spec.rekor ? { rekor: spec.rekor } : {}),
    ...(spec.tsa ? { tsa: spec.tsa } : {}),
  });
  const first = await attachEverywhere(d, client, facts.images, tree, bundle);
  const content = await readBack(client, facts.images[0] ?? '', tree, first);
  let verified: Verified;
  try {
    const trust = await trustOf(spec, signer.kind === 'key' ? signer.pem : undefined);
    verified = await verifyBundle(content.toString('utf8'), tree.root.digest, trust);
  } catch (err) {
    throw new StepError(
      'attest',
      `the signed provenance does not verify (${messageOf(err)}); no tag moved`,
      'attest',
    );
  }
  const path = join(d.tempDir, `crossbuild-attestation-${tree.root.digest.slice(7, 19)}.json`);
  await writeFile(path, content);
  // for the job's later steps; the post step removes it with the run's other files (the registry keeps the bundle)
  stateList(d.state, STATE.temp).add(path);
  d.log.info(
    `attest: provenance signed by ${verified.signer}${verified.issuer ? ` (${verified.issuer})` : ''}${verified.logIndex ? `, log entry ${verified.logIndex}` : ''}; attached as ${first.digest} (${first.via}); verified`,
  );
  return {
    digest: first.digest,
    bundle: path,
    signer: verified.signer,
    issuer: verified.issuer,
    ...(verified.logIndex ? { logIndex: verified.logIndex } : {}),
    via: first.via,
    subjects: statement.subject.length,
  };
}

/** The token Sigstore's Fulcio is given: GitHub's (audience sigstore), or the one the CI put in SIGSTORE_ID_TOKEN. */
export async function ciToken(env: NodeJS.ProcessEnv, from: 'github' | 'env'): Promise<string> {
  if (from === 'env') return env.SIGSTORE_ID_TOKEN ?? '';
  const core = await import('@actions/core');
  return core.getIDToken('sigstore');
}

/** What the provenance records of the build that the attestation spec does not: from the intent and the build. */
function attestFacts(intent: Intent, bases: readonly string[], startedOn: Date): AttestFacts {
  const { ctx, settings: s } = intent;
  return {
    images: pushTargets(intent.meta),
    repositoryUrl: ctx.repo.htmlUrl || `${ctx.serverUrl}/${ctx.repo.fullName}`,
    ref: ctx.ref,
    commit: ctx.sha,
    // what shaped the build; build-arg names only (values may be anything the workflow passed)
    parameters: {
      context: s.context,
      file: s.file || 'Dockerfile',
      platforms: s.platforms,
      ...(s.target ? { target: s.target } : {}),
      ...(s['build-args'].length > 0 ? { buildArgs: s['build-args'].map((l) => keyValue(l)[0]) } : {}),
      tags: intent.meta.tagNames,
    },
    bases,
    startedOn,
  };
}

/** The attestation as the last check before tags, when the intent asks for one; its outcome goes to `into`. */
export function attestHook(
  intent: Intent,
  d: AttestDeps,
  client: RegistryClient,
  bases: readonly string[],
  startedOn: Date,
  into: { attestation?: Attestation },
): ((tree: ImageTree) => Promise<void>) | undefined {
  const spec = intent.attest;
  if (!spec) return undefined;
  return async (tree) => {
    into.attestation = await attestTree(d, client, spec, attestFacts(intent, bases, startedOn), tree);
  };
}
