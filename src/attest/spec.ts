/**
 * Whether and how this run attests (pure, part of the intent): signed with a key or keyless (and with which token),
 * through which Sigstore, the signer a signature must show, and who the provenance names as its builder.
 */
import { InputError } from '../errors.js';
import { objectOf } from '../json.js';
import type { Settings } from '../inputs.js';
import type { RunContext } from '../context.js';
import { PUBLIC_GOOD, type Identity, type SigstoreOptions } from './options.js';

export const GITHUB_OIDC_ISSUER = 'https://token.actions.githubusercontent.com';

/** What the environment offers for signing (read once in main: the values themselves stay there). */
export interface AttestEnv {
  /** an OIDC token can be had: from GitHub's token service, or given as SIGSTORE_ID_TOKEN */
  oidc?: 'github' | 'env';
  /** GITHUB_WORKFLOW_REF: owner/repo/.github/workflows/x.yml@refs/… */
  workflowRef?: string;
  runAttempt?: string;
}

export interface AttestSpec {
  signer: { kind: 'key'; key: string } | { kind: 'keyless'; token: 'github' | 'env'; fulcio: string };
  rekor?: string;
  tsa?: string;
  /** path of the trusted_root.json to verify with; none: public-good Sigstore's (keyless) */
  trustedRoot?: string;
  /** the signer a keyless signature must show (what is known of it) */
  identity: Partial<Identity>;
  builderId: string;
  invocationId: string;
  workflowPath: string;
}

/** `o/r/.github/workflows/x.yml@refs/tags/v1` → `.github/workflows/x.yml` */
function workflowPathOf(workflowRef: string): string {
  const at = workflowRef.lastIndexOf('@');
  const path = at < 0 ? workflowRef : workflowRef.slice(0, at);
  return path.split('/').slice(2).join('/');
}

function skip(s: Settings, why: string, warnings: string[]): void {
  if (s.attest === 'true') warnings.push(`attest: nothing attested: ${why}`);
}

const isPrivate = (ctx: RunContext) => objectOf(ctx.payload.repository).private === true;

/** A key when one is given, else the CI's token; none: nothing to sign with (an error when attest is true). */
function signerOf(s: Settings, env: AttestEnv): AttestSpec['signer'] | undefined {
  const key = s['attest-key'];
  if (key !== '') return { kind: 'key', key };
  if (env.oidc) return { kind: 'keyless', token: env.oidc, fulcio: s.sigstore.fulcio ?? PUBLIC_GOOD.fulcio };
  if (s.attest === 'true')
    throw new InputError(
      'attest',
      'true, but there is nothing to sign with: give the job `permissions: id-token: write` (GitHub), set SIGSTORE_ID_TOKEN, or pass attest-key',
    );
  return undefined;
}

/** The signer a keyless signature must show: as the sigstore lines say, else GitHub's workflow at its ref. */
function identityOf(o: SigstoreOptions, env: AttestEnv, github: string | undefined): Partial<Identity> {
  return {
    ...(o.identity ? { san: o.identity } : github && env.oidc === 'github' ? { san: github } : {}),
    ...(o.issuer ? { issuer: o.issuer } : env.oidc === 'github' ? { issuer: GITHUB_OIDC_ISSUER } : {}),
  };
}

export function attestSpec(
  s: Settings,
  ctx: RunContext,
  env: AttestEnv,
  push: { push: boolean; reason: string },
  warnings: string[],
): AttestSpec | undefined {
  if (s.attest === 'false') return undefined;
  // the merge job attests the index the build jobs' platforms make up
  if (s.mode === 'build') return undefined;
  if (s.outputs.length > 0) {
    skip(s, 'custom outputs push nothing Crossbuild reads back', warnings);
    return undefined;
  }
  if (!push.push) {
    skip(s, `this run does not push (${push.reason})`, warnings);
    return undefined;
  }
  const o = s.sigstore;
  const signer = signerOf(s, env);
  if (!signer) return undefined;
  const keyless = signer.kind === 'keyless';
  // public-good Rekor is public: a private repository's names and refs go there only when asked for
  if (keyless && s.attest === 'auto' && o.rekor === undefined && isPrivate(ctx)) {
    warnings.push(
      'attest: not signed: this repository is private and public-good Sigstore records every signature in a public log; set attest: true to sign there anyway, or name a private Sigstore in sigstore:',
    );
    return undefined;
  }
  const rekor = o.rekor === 'off' ? undefined : (o.rekor ?? (keyless ? PUBLIC_GOOD.rekor : undefined));
  if (keyless && !rekor && !o.tsa)
    throw new InputError(
      'sigstore',
      'rekor=off needs tsa=URL for a keyless signature: its certificate lives 10 minutes',
    );
  const github = env.workflowRef ? `${ctx.serverUrl}/${env.workflowRef}` : undefined;
  const identity = identityOf(o, env, github);
  if (keyless && !identity.san)
    warnings.push("attest: the signer's identity is not checked here; set sigstore: identity=… and issuer=…");
  const runs = `${ctx.serverUrl}/${ctx.repo.fullName}/actions/runs/${ctx.runId}`;
  return {
    signer,
    ...(rekor ? { rekor } : {}),
    ...(o.tsa ? { tsa: o.tsa } : {}),
    ...(o['trusted-root'] ? { trustedRoot: o['trusted-root'] } : {}),
    identity,
    builderId: github ?? `${ctx.serverUrl}/${ctx.repo.fullName}`,
    invocationId: `${runs}/attempts/${env.runAttempt ?? '1'}`,
    workflowPath: env.workflowRef ? workflowPathOf(env.workflowRef) : '',
  };
}
