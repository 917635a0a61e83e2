export const GITHUB_ISSUER: string;
/** An unsigned JWT (alg none) with these claims (and aud sigstore). */
export function fakeToken(claims: Record<string, unknown>): string;
/** The claims a GitHub workflow's token carries for Fulcio: its SAN is the workflow at its ref. */
export function githubClaims(workflowRef: string, server?: string): Record<string, unknown>;
export interface FakeSigstore {
  url: string;
  /** trusted_root.json text */
  trustedRoot: string;
  /** requests served, by path */
  calls: Map<string, number>;
  /** the GitHub-style token endpoint (/token) hands out this token */
  token: string;
  close(): Promise<void>;
}
export function startFakeSigstore(): Promise<FakeSigstore>;
