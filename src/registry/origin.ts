/**
 * Where a registry's credentials may go (#19), as pure rules: only to the registry's own scheme and host, and to an
 * https token realm. containerd drops the authorizer when a location changes host or scheme; so does Crossbuild.
 * Each rule answers a problem line (the client turns it into its error) or nothing.
 */
import { isLoopback, repositoryName, type Repository } from './reference.js';

export const REDIRECTS = new Set([301, 302, 303, 307, 308]);
export const MAX_REDIRECTS = 5;

/** `https://ghcr.io`: where this registry's credentials may go. */
export function registryOrigin(repo: Repository): string {
  // through URL, so `Registry.Example.com:443` compares equal to what a Location names
  return new URL(`${repo.scheme}://${repo.apiHost}`).origin;
}

export function isOwnOrigin(repo: Repository, url: URL): boolean {
  return url.origin === registryOrigin(repo);
}

/**
 * A request target the registry named (an upload location, a redirect) that is not followed: one with credentials
 * of its own, or plain http from an https registry (readable on the way).
 */
export function locationProblem(repo: Repository, url: URL): string | undefined {
  if (url.username !== '' || url.password !== '')
    return 'the registry named a location with credentials in it; refused';
  if (url.protocol === 'https:' || (url.protocol === 'http:' && repo.scheme === 'http')) return undefined;
  return `the registry sent the request to ${url.protocol}//${url.host}; only https is followed from an https registry`;
}

/** The token realm gets the credentials: https only, plain http only when registry and realm are on loopback. */
export function realmOf(repo: Repository, realm: string): URL | string {
  let u: URL;
  try {
    u = new URL(realm);
  } catch {
    return `${repositoryName(repo)}: the registry named no valid token realm`;
  }
  if (u.protocol === 'https:' || (u.protocol === 'http:' && repo.scheme === 'http' && isLoopback(u.host)))
    return u;
  return `${repositoryName(repo)}: the token realm ${u.protocol}//${u.host} is not https; credentials are not sent there`;
}
