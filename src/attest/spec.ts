/**
 * Whether and how this run attests (pure, part of the intent): signed with a key or keyless (and with which token),
 * through which Sigstore, the signer a signature must show, and who the provenance names as its builder.
 */
import { InputError } from '../errors.js';
import type { Settings } from '../inputs.js';
import type { RunContext } from '../context.js';
import { PUBLIC_GOOD, type Identity } from './options.js';

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
  const key = s['attest-key'];
  let signer: AttestSpec['signer'];
  if (key !== '') signer = { kind: 'key', key };
  else if (env.oidc) signer = { kind: 'keyless', token: env.oidc, fulcio: o.fulcio ?? PUBLIC_GOOD.fulcio };
  else if (s.attest === 'true')
    throw new InputError(
      'attest',
      'true, but there is nothing to sign with: give the job `permissions: id-token: write` (GitHub), set SIGSTORE_ID_TOKEN, or pass attest-key',
    );
  else return undefined;
  const keyless = signer.kind === 'keyless';
  const rekor = o.rekor === 'off' ? undefined : (o.rekor ?? (keyless ? PUBLIC_GOOD.rekor : undefined));
  if (keyless && !rekor && !o.tsa)
    throw new InputError(
      'sigstore',
      'rekor=off needs tsa=URL for a keyless signature: its certificate lives 10 minutes',
    );
  const github = env.workflowRef ? `${ctx.serverUrl}/${env.workflowRef}` : undefined;
  const identity: Partial<Identity> = {
    ...(o.identity ? { san: o.identity } : github && env.oidc === 'github' ? { san: github } : {}),
    ...(o.issuer ? { issuer: o.issuer } : env.oidc === 'github' ? { issuer: GITHUB_OIDC_ISSUER } : {}),
  };
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
