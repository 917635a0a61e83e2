/**
 * A small registry API client (distribution spec v2) for what the action writes and reads itself: blobs and
 * manifests by digest, tags, manifest reads. Every request is retried on its own under the run's retry policy,
 * so a transient fault costs one request, not the release. Authentication follows the registry's challenge
 * (bearer token or basic) with credentials from a CredentialSource; no secret is ever part of an error.
 */
import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { firstLine, StepError } from '../errors.js';
import { objectOf, objectsOf, stringOf } from '../json.js';
import { withRetry, type RetryPolicy } from '../retry.js';
import { basicHeader, parseChallenge, type CredentialSource } from './auth.js';
import { repositoryName, type Repository } from './reference.js';

export interface RegistryResponse {
  status: number;
  headers: Headers;
  body: Buffer;
}

export type Scope = 'pull' | 'pull,push';

export interface RequestSpec {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** path below /v2/<repository>/, or an absolute upload URL the registry gave */
  path: string;
  scope: Scope;
  headers?: Record<string, string>;
  /** a fresh body for each attempt (streams cannot be re-read) */
  body?: () => { data: unknown; length: number };
  /** statuses that are an answer, not an error (404 for "is this blob there?") */
  ok: readonly number[];
}

export class RegistryError extends StepError {
  constructor(
    step: string,
    detail: string,
    readonly status: number,
    readonly transient: boolean,
    /** nothing answered at all: a registry restarting, or none there */
    readonly refused = false,
    /** seconds the registry asked to wait (Retry-After) */
    readonly retryAfter?: number,
  ) {
    super(step, detail);
    this.name = 'RegistryError';
  }
}

export interface RegistryDeps {
  credentials: CredentialSource;
  policy: RetryPolicy;
  /** the step named in errors: push, verify, tag */
  step?: string;
  fetch?: typeof fetch;
  /** per request; blob uploads of large layers need minutes */
  timeoutMs?: number;
}

/** 429 and 5xx are passing; so are a dropped connection and a timeout. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599 && status !== 501);
}

/** How often "nothing listening" is retried: a registry restarting is back within a second or two. */
export const REFUSED_ATTEMPTS = 2;

export function isRetryable(err: unknown, attempt: number): boolean {
  if (!(err instanceof RegistryError) || !err.transient) return false;
  return !err.refused || attempt < REFUSED_ATTEMPTS;
}

/** The registry's own words: `UNAVAILABLE: injected 503`, from its JSON error body when it sent one. */
export function registryMessage(body: Buffer): string {
  try {
    const first = objectsOf(objectOf(JSON.parse(body.toString('utf8'))).errors)[0];
    if (first) return [stringOf(first.code), stringOf(first.message)].filter((x) => x !== '').join(': ');
  } catch {
    // not JSON: fall through
  }
  return firstLine(body.toString('utf8').trim()).slice(0, 200);
}

export function sha256(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

function causeCode(err: unknown): string {
  const cause = objectOf(objectOf(err).cause);
  return stringOf(cause.code) || stringOf(objectOf(err).name);
}

export class RegistryClient {
  private readonly fetch: typeof fetch;

  constructor(
    private readonly deps: RegistryDeps,
    /** bearer tokens by registry, repository and scope: shared by the clients of one run's steps */
    private readonly tokens = new Map<string, string>(),
  ) {
    this.fetch = deps.fetch ?? fetch;
  }

  /** The same client (and tokens) naming another step in its errors. */
  forStep(step: string): RegistryClient {
    return new RegistryClient({ ...this.deps, step }, this.tokens);
  }

  url(repo: Repository, path: string): string {
    if (/^https?:\/\//.test(path)) return path;
    if (path.startsWith('/')) return `${repo.scheme}://${repo.apiHost}${path}`;
    return `${repo.scheme}://${repo.apiHost}/v2/${repo.path}/${path}`;
  }

  /** One request, retried on passing faults under the run's policy; throws RegistryError otherwise. */
  request(repo: Repository, spec: RequestSpec): Promise<RegistryResponse> {
    return withRetry(() => this.once(repo, spec), {
      ...this.deps.policy,
      isTransient: isRetryable,
      askedWaitMs: (err) =>
        err instanceof RegistryError && err.retryAfter !== undefined ? err.retryAfter * 1000 : undefined,
    });
  }

  private async once(repo: Repository, spec: RequestSpec, authRetry = true): Promise<RegistryResponse> {
    const key = `${repo.apiHost} ${repo.path} ${spec.scope}`;
    const auth = this.tokens.get(key);
    const what = `${spec.method} ${repositoryName(repo)} ${shortPath(spec.path)}`;
    const step = this.deps.step ?? 'registry';
    const body = spec.body?.();
    let res: Response;
    try {
      res = await this.fetch(this.url(repo, spec.path), {
        method: spec.method,
        headers: {
          ...spec.headers,
          ...(auth ? { authorization: auth } : {}),
          ...(body ? { 'content-length': String(body.length) } : {}),
        },
        ...(body ? { body: body.data, duplex: 'half' } : {}),
        redirect: 'follow',
        signal: AbortSignal.timeout(this.deps.timeoutMs ?? 300_000),
      } as RequestInit);
    } catch (err) {
      const code = causeCode(err);
      const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
      throw new RegistryError(step, `${what}: ${code || 'network error'}`, 0, true, refused);
    }
    const bytes = Buffer.from(await res.arrayBuffer().catch(() => new ArrayBuffer(0)));
    if (res.status === 401 && authRetry) {
      const challenge = parseChallenge(res.headers.get('www-authenticate') ?? '');
      if (challenge) {
        this.tokens.set(key, await this.authorize(repo, challenge, spec.scope, step));
        return this.once(repo, spec, false);
      }
    }
    if (spec.ok.includes(res.status)) return { status: res.status, headers: res.headers, body: bytes };
    const said = registryMessage(bytes);
    const retryAfter = Number(res.headers.get('retry-after') ?? '');
    throw new RegistryError(
      step,
      `${what}: ${res.status} ${res.statusText || (STATUS_CODES[res.status] ?? '')}${said ? ` (${said})` : ''}`,
      res.status,
      isTransientStatus(res.status),
      false,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    );
  }

  private async authorize(
    repo: Repository,
    c: NonNullable<ReturnType<typeof parseChallenge>>,
    scope: Scope,
    step: string,
  ): Promise<string> {
    const creds = await this.deps.credentials(repo.host);
    if (c.scheme === 'basic') {
      if (!creds)
        throw new RegistryError(
          step,
          `${repositoryName(repo)}: the registry asks for a login; log in first`,
          401,
          false,
        );
      return basicHeader(creds);
    }
    const realm = c.params.realm ?? '';
    const u = new URL(realm);
    if (c.params.service) u.searchParams.set('service', c.params.service);
    u.searchParams.set('scope', `repository:${repo.path}:${scope}`);
    let res: Response;
    try {
      res = await this.fetch(u, {
        headers: creds ? { authorization: basicHeader(creds) } : {},
        signal: AbortSignal.timeout(60_000),
      });
    } catch (err) {
      throw new RegistryError(step, `token from ${u.host}: ${causeCode(err) || 'network error'}`, 0, true);
    }
    const text = await res.text();
    if (!res.ok) {
      throw new RegistryError(
        step,
        `token from ${u.host} for ${repositoryName(repo)} (${scope}): ${res.status} ${res.statusText}; check the login's username and token and its permission on the repository`,
        res.status,
        isTransientStatus(res.status),
      );
    }
    const doc = objectOf(JSON.parse(text));
    const token = stringOf(doc.token) || stringOf(doc.access_token);
    return `Bearer ${token}`;
  }
}

/** `manifests/sha256:0123456789ab…` for error lines: the interesting end of a path, shortened. */
export function shortPath(path: string): string {
  const p = path.replace(/^https?:\/\/[^/]+/, '').replace(/^\/v2\/.+?\/(blobs|manifests)\//, '$1/');
  return p.replace(/(sha256:[0-9a-f]{12})[0-9a-f]{52}/g, '$1…').replace(/\?.*$/, '');
}
