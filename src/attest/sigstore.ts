/**
 * Signing a statement as a Sigstore bundle (v0.3, DSSE) and verifying one, with the Sigstore libraries (loaded only
 * when a run attests: they are most of the weight of this path). Keyless: a short-lived certificate from Fulcio for
 * the CI's OIDC token, the signature recorded in Rekor (and/or timestamped); or a key the user holds (`attest-key`),
 * then the log is used only when asked. Verification checks the signature, the certificate chain and identity against
 * a trusted root, the log's inclusion, and that the statement names the digest just pushed.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign as cryptoSign,
  type KeyObject,
} from 'node:crypto';
import { objectOf, objectsOf, parseJsonQuiet, stringOf } from '../json.js';
import type { Identity } from './options.js';
import type { Statement } from './provenance.js';

const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const BUNDLE_MEDIA_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json';

export type SignWith =
  { kind: 'key'; pem: string } | { kind: 'keyless'; token: () => Promise<string>; fulcio: string };

export interface SignOptions {
  signer: SignWith;
  /** a transparency log to record the signature in */
  rekor?: string;
  /** an RFC 3161 timestamp authority */
  tsa?: string;
}

/** What a verification establishes. */
export interface Verified {
  statement: Statement;
  /** the certificate's identity (keyless) or the key's hint */
  signer: string;
  issuer: string;
  /** the transparency log entry's index, when there is one */
  logIndex?: string;
}

export type TrustSource =
  /** a key; the log entries and timestamps a bundle holds are checked against the trusted root (or public-good's) */
  | { kind: 'key'; publicKeyPem: string; trustedRoot?: string }
  /** a trusted_root.json (a private Sigstore); none: public-good Sigstore's, through TUF */
  | { kind: 'root'; trustedRoot?: string; identity?: Partial<Identity> };

/** The key's hint in a bundle: the SHA-256 of its public key (DER), as cosign names keys. */
function keyHint(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** A PEM private key as a Sigstore signer (ECDSA P-256/384, Ed25519, RSA). */
function keySigner(pem: string) {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  const type = privateKey.asymmetricKeyType;
  const algorithm = type === 'ed25519' || type === 'ed448' ? null : 'sha256';
  return {
    sign: (data: Buffer) =>
      Promise.resolve({
        signature: cryptoSign(algorithm, data, privateKey),
        key: {
          $case: 'publicKey' as const,
          publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          hint: keyHint(publicKey),
        },
      }),
  };
}

/** The statement signed as a DSSE envelope in a Sigstore bundle, as the JSON that is stored and verified. */
export async function signStatement(statement: Statement, o: SignOptions): Promise<string> {
  const s = await import('@sigstore/sign');
  const { bundleToJSON } = await import('@sigstore/bundle');
  const signer =
    o.signer.kind === 'key'
      ? keySigner(o.signer.pem)
      : new s.FulcioSigner({
          fulcioBaseURL: o.signer.fulcio,
          identityProvider: { getToken: o.signer.token },
          retry: 2,
          timeout: 30_000,
        });
  // an `intoto` entry, as cosign records attestations (Rekor v1 keeps its envelope whole; the local fake Rekor of the
  // tests stores entries as proposed, and only this kind's proposed shape is what a verifier reads back)
  const witnesses = [
    ...(o.rekor
      ? [new s.RekorWitness({ rekorBaseURL: o.rekor, entryType: 'intoto', retry: 2, timeout: 30_000 })]
      : []),
    ...(o.tsa ? [new s.TSAWitness({ tsaBaseURL: o.tsa, retry: 2, timeout: 30_000 })] : []),
  ];
  const builder = new s.DSSEBundleBuilder({ signer, witnesses });
  const bundle = await builder.create({
    data: Buffer.from(JSON.stringify(statement)),
    type: IN_TOTO_PAYLOAD_TYPE,
  });
  return JSON.stringify(bundleToJSON(bundle));
}

async function trustedRootOf(t: { trustedRoot?: string }) {
  const { TrustedRoot } = await import('@sigstore/protobuf-specs');
  if (t.trustedRoot !== undefined) return TrustedRoot.fromJSON(JSON.parse(t.trustedRoot));
  const { getTrustedRoot } = await import('@sigstore/tuf');
  return getTrustedRoot();
}

/** The DSSE payload of a bundle as a statement (its envelope checked for the in-toto type). */
function statementOf(bundle: unknown): Statement {
  const env = objectOf(objectOf(bundle).dsseEnvelope);
  if (stringOf(env.payloadType) !== IN_TOTO_PAYLOAD_TYPE)
    throw new Error(
      `the bundle holds no in-toto statement (payloadType ${stringOf(env.payloadType) || 'none'})`,
    );
  const doc = objectOf(parseJsonQuiet(Buffer.from(stringOf(env.payload), 'base64')));
  if (objectsOf(doc.subject).length === 0) throw new Error('the statement names no subject');
  return doc as unknown as Statement;
}

/** Whether the statement names `digest` (`sha256:…`) among its subjects. */
function namesDigest(statement: Statement, digest: string): boolean {
  const [alg, hex] = digest.split(':');
  return statement.subject.some((s) => alg !== undefined && s.digest[alg] === hex);
}

/**
 * Verifies a bundle (its JSON text) for `digest`: signature, key or certificate chain and identity, the log entry
 * and timestamps the trust asks for; then that the statement is about `digest`. Throws with the reason otherwise.
 */
export async function verifyBundle(json: string, digest: string, trust: TrustSource): Promise<Verified> {
  const { bundleFromJSON } = await import('@sigstore/bundle');
  const v = await import('@sigstore/verify');
  const doc: unknown = JSON.parse(json);
  const bundle = bundleFromJSON(doc);
  let verifier;
  let policy = {};
  if (trust.kind === 'key') {
    const key = createPublicKey(trust.publicKeyPem);
    const hint = keyHint(key);
    // what the bundle holds of a log or a timestamp authority must verify too: against the root given, or
    // public-good Sigstore's; a bundle with neither is the key's word alone
    const vm = bundle.verificationMaterial;
    const logged =
      vm.tlogEntries.length > 0 || (vm.timestampVerificationData?.rfc3161Timestamps.length ?? 0) > 0;
    const root = logged ? await trustedRootOf(trust) : emptyRoot();
    const material = v.toTrustMaterial(root, (h: string) => {
      if (h !== hint)
        throw new Error(`signed by another key (${h.slice(0, 12)}…), not ${hint.slice(0, 12)}…`);
      return { publicKey: key, validFor: () => true };
    });
    const at = logged ? 1 : 0;
    verifier = new v.Verifier(material, {
      tlogThreshold: vm.tlogEntries.length > 0 ? 1 : 0,
      ctlogThreshold: 0,
      timestampThreshold: at,
    });
  } else {
    verifier = new v.Verifier(v.toTrustMaterial(await trustedRootOf(trust)));
    policy = {
      ...(trust.identity?.san ? { subjectAlternativeName: trust.identity.san } : {}),
      ...(trust.identity?.issuer ? { extensions: { issuer: trust.identity.issuer } } : {}),
    };
  }
  const signer = verifier.verify(v.toSignedEntity(bundle), policy);
  const statement = statementOf(doc);
  if (!namesDigest(statement, digest)) throw new Error(`the statement is not about ${digest}`);
  const entry = bundle.verificationMaterial.tlogEntries[0];
  return {
    statement,
    signer: signer.identity?.subjectAlternativeName ?? `key ${keyHint(signer.key).slice(0, 16)}`,
    issuer: signer.identity?.extensions?.issuer ?? '',
    ...(entry ? { logIndex: entry.logIndex } : {}),
  };
}

/** A trusted root with nothing in it: a key-based bundle needs no authority. */
function emptyRoot() {
  return {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [],
    certificateAuthorities: [],
    ctlogs: [],
    timestampAuthorities: [],
  };
}
