/**
 * Registry credentials and the token dance (https://distribution.github.io/distribution/spec/auth/token/).
 * Credentials come from this run's logins first, then docker's own store (config.json `auths`, a credential
 * helper), so a login made by another step is used too. Nothing here logs: a secret never leaves this module
 * except inside an Authorization header.
 */
import { readDockerConfig } from '../docker/config-dir.js';
import type { Runner } from '../exec.js';
import { isObject, parseJsonQuiet, stringOf, type Json } from '../json.js';

export interface Credentials {
  username: string;
  password: string;
}

/** Credentials for a registry host (`ghcr.io`, `docker.io`), undefined for anonymous access. */
export type CredentialSource = (host: string) => Promise<Credentials | undefined>;

export interface Challenge {
  scheme: 'bearer' | 'basic';
  params: Record<string, string>;
}

/** `Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull"` */
export function parseChallenge(header: string): Challenge | undefined {
  const m = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!m) return undefined;
  const scheme = (m[1] ?? '').toLowerCase();
  if (scheme !== 'bearer' && scheme !== 'basic') return undefined;
  const params: Record<string, string> = {};
  for (const p of (m[2] ?? '').matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params[(p[1] ?? '').toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return { scheme, params };
}

export function basicHeader(c: Credentials): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}

/** The keys docker writes for a host in config.json (Docker Hub keeps its historical URL). */
export function configKeys(host: string): string[] {
  if (host === 'docker.io') return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io'];
  return [host, `https://${host}`, `http://${host}`];
}

/** Reads a credential from docker's config (`auths`, `credHelpers`, `credsStore`). */
export function dockerConfigSource(runner: Runner, env: NodeJS.ProcessEnv = process.env): CredentialSource {
  let config: Json | undefined;
  return async (host) => {
    const doc = (config ??= readDockerConfig(env));
    const keys = configKeys(host);
    const helpers = isObject(doc.credHelpers) ? doc.credHelpers : {};
    const helper = keys.map((k) => stringOf(helpers[k])).find((h) => h !== '') || stringOf(doc.credsStore);
    const auths = isObject(doc.auths) ? doc.auths : {};
    for (const k of keys) {
      const a = auths[k];
      if (!isObject(a)) continue;
      const decoded = Buffer.from(stringOf(a.auth), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
    if (helper === '') return undefined;
    for (const k of keys) {
      const r = await runner.run(`docker-credential-${helper}`, ['get'], { input: k }).catch(() => undefined);
      if (!r || r.code !== 0) continue;
      // a helper that prints something else is a helper without this credential (its output is never quoted)
      const got = parseJsonQuiet(r.stdout);
      if (isObject(got) && stringOf(got.Secret) !== '') {
        return { username: stringOf(got.Username), password: stringOf(got.Secret) };
      }
    }
    return undefined;
  };
}

/** This run's logins first (by host), then `fallback`. */
export function chainSources(
  logins: readonly ({ registry: string } & Credentials)[],
  fallback: CredentialSource,
): CredentialSource {
  return async (host: string): Promise<Credentials | undefined> => {
    const l = logins.find((x) => loginHost(x.registry) === host);
    return l ? { username: l.username, password: l.password } : fallback(host);
  };
}

/** The host a `docker login REGISTRY` argument names ('' is Docker Hub). */
export function loginHost(registry: string): string {
  const h = registry.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
  return h === '' || h === 'index.docker.io' || h === 'registry-1.docker.io' ? 'docker.io' : h;
}
