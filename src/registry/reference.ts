/**
 * Where an image name lives: registry host, repository path, and how to reach it (docker's rules: no dot, colon or
 * `localhost` in the first component means Docker Hub; loopback registries speak plain HTTP). Pure.
 */
export interface Repository {
  /** as written in credentials and errors: `ghcr.io`, `127.0.0.1:5000`, `docker.io` */
  host: string;
  /** host the API is served from (`registry-1.docker.io` for Docker Hub) */
  apiHost: string;
  /** `acme/app`, `library/alpine` */
  path: string;
  scheme: 'http' | 'https';
}

/** Loopback is an insecure registry by default in docker; so it is here. */
export function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '');
  return name === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(name) || name === '[::1]';
}

/** `ghcr.io/acme/app`, `acme/app`, `alpine` (no tag or digest). */
export function parseRepository(image: string): Repository {
  const bare = image.replace(/@.*$/, '');
  const slash = bare.indexOf('/');
  const first = slash < 0 ? '' : bare.slice(0, slash);
  const hasHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  let host = hasHost ? first : 'docker.io';
  let path = hasHost ? bare.slice(slash + 1) : bare;
  // a tag on the repository name (`img:1`) is not part of it; a port is (handled above)
  const colon = path.lastIndexOf(':');
  if (colon >= 0) path = path.slice(0, colon);
  if (host === 'index.docker.io') host = 'docker.io';
  if (host === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return {
    host,
    apiHost: host === 'docker.io' ? 'registry-1.docker.io' : host,
    path,
    scheme: isLoopback(host) ? 'http' : 'https',
  };
}

/** `IMAGE@DIGEST` or `IMAGE:TAG` → the image and the manifest reference to read (ref '' when it names neither). */
export function splitReference(text: string): { image: string; ref: string } {
  const at = text.indexOf('@');
  if (at >= 0) return { image: text.slice(0, at), ref: text.slice(at + 1) };
  const colon = text.lastIndexOf(':');
  return colon > text.lastIndexOf('/')
    ? { image: text.slice(0, colon), ref: text.slice(colon + 1) }
    : { image: text, ref: '' };
}

/** `host/path` as users write it (Docker Hub without its host). */
export function repositoryName(r: Repository): string {
  return r.host === 'docker.io' ? r.path.replace(/^library\//, '') : `${r.host}/${r.path}`;
}
