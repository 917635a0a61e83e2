/**
 * A small registry API client (distribution spec v2) for what the action writes and reads itself: blobs and
 * manifests by digest, tags, manifest reads. Every request is retried on its own under the run's retry policy,
 * so a transient fault costs one request, not the release. Authentication follows the registry's challenge
 * (bearer token or basic) with credentials from a CredentialSource; no secret is ever part of an error.
 */
import { STATUS_CODES } from 'node:http';
import { foreignText, StepError } from '../errors.js';
import { objectOf, objectsOf, parseJsonQuiet, stringOf } from '../json.js';
import { withRetry, type RetryPolicy } from '../retry.js';
import { basicHeader, parseChallenge, type CredentialSource } from './auth.js';
import { BODY_LIMITS, readBounded, sizeText } from './body.js';
import { httpFetch, type HttpAnswer, type HttpFetch } from './http.js';
import { isOwnOrigin, locationProblem, MAX_REDIRECTS, realmOf, REDIRECTS, registryOrigin } from './origin.js';
import { repositoryName, type Repository } from './reference.js';

export interface RegistryResponse {
  status: number;
  headers: HttpAnswer['headers'];
  body: Buffer;
  /** with `stream`: the body, unread (the caller bounds and hashes it) */
  stream?: ReadableStream<Uint8Array>;
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
  /** most bytes of an answer's body (default: 4 MiB for manifests, 1 MiB otherwise; a blob: its size) */
  limit?: number;
  /** leave an ok answer's body unread, as `stream` (a layer read as it arrives, src/registry/blob.ts) */
  stream?: boolean;
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
    super(step, detail, 'registry');
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
const REFUSED_ATTEMPTS = 2;

export function isRetryable(err: unknown, attempt: number): boolean {
  if (!(err instanceof RegistryError) || !err.transient) return false;
  return !err.refused || attempt < REFUSED_ATTEMPTS;
}

/** The registry's own words: `UNAVAILABLE: injected 503`, from its JSON error body when it sent one. */
export function registryMessage(body: Buffer): string {
  const first = objectsOf(objectOf(parseJsonQuiet(body)).errors)[0];
  const said = first
    ? [stringOf(first.code), stringOf(first.message)].filter((x) => x !== '').join(': ')
    : body.toString('utf8');
  return foreignText(said);
}

function causeCode(err: unknown): string {
  const cause = objectOf(objectOf(err).cause);
  return stringOf(cause.code) || stringOf(objectOf(err).name);
}

export class RegistryClient {
  private readonly fetch: HttpFetch;

  constructor(
    private readonly deps: RegistryDeps,
    /** bearer tokens by registry, repository and scope: shared by the clients of one run's steps */
    private readonly tokens = new Map<string, string>(),
  ) {
    // a fetch passed in (tests' fake registries) answers in the same shape
    this.fetch = (deps.fetch as HttpFetch | undefined) ?? httpFetch;
  }

  /** The run's retry policy (a streamed body resumes under it: src/registry/blob.ts). */
  get policy(): RetryPolicy {
    return this.deps.policy;
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
    const key = `${registryOrigin(repo)} ${repo.path} ${spec.scope}`;
    const what = `${spec.method} ${repositoryName(repo)} ${shortPath(spec.path)}`;
    const step = this.deps.step ?? 'registry';
    const { res, url } = await this.send(repo, spec, key, what, step);
    if (res.status === 401 && authRetry && isOwnOrigin(repo, url)) {
      await res.body?.cancel().catch(() => undefined);
      const challenge = parseChallenge(res.headers.get('www-authenticate') ?? '');
      if (challenge) {
        this.tokens.set(key, await this.authorize(repo, challenge, spec.scope, step));
        return this.once(repo, spec, false);
      }
    }
    if (spec.ok.includes(res.status)) return accepted(res, spec, what, step);
    throw await refusal(res, repo, url, what, step);
  }

  /** The request, following redirects (at most MAX_REDIRECTS, each checked); the answer and where it came from. */
  private async send(repo: Repository, spec: RequestSpec, key: string, what: string, step: string) {
    let url = new URL(this.url(repo, spec.path));
    let method = spec.method;
    for (let hop = 0; ; hop++) {
      const problem = locationProblem(repo, url);
      if (problem !== undefined) throw new RegistryError(step, `${what}: ${problem}`, 0, false);
      // credentials only ever go to the registry's own scheme and host (an upload or redirect elsewhere gets none)
      const auth = isOwnOrigin(repo, url) ? this.tokens.get(key) : undefined;
      const body = method === spec.method ? spec.body?.() : undefined;
      let res: HttpAnswer;
      try {
        res = await this.fetch(url, {
          method,
          headers: {
            ...spec.headers,
            ...(auth ? { authorization: auth } : {}),
            ...(body ? { 'content-length': String(body.length) } : {}),
          },
          ...(body ? { body: body.data, duplex: 'half' as const } : {}),
          redirect: 'manual',
          signal: AbortSignal.timeout(this.deps.timeoutMs ?? 300_000),
        });
      } catch (err) {
        const code = causeCode(err);
        const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
        throw new RegistryError(step, `${what}: ${code || 'network error'}`, 0, true, refused);
      }
      const location = res.headers.get('location');
      if (!REDIRECTS.has(res.status) || !location || spec.ok.includes(res.status)) return { res, url };
      await res.body?.cancel().catch(() => undefined);
      if (hop >= MAX_REDIRECTS)
        throw new RegistryError(step, `${what}: more than ${MAX_REDIRECTS} redirects`, res.status, false);
      url = new URL(location, url);
      if (res.status === 303 && method !== 'HEAD') method = 'GET';
    }
  }

  private async authorize(
    repo: Repository,
    c: NonNullable<ReturnType<typeof parseChallenge>>,
    scope: Scope,
    step: string,
  ): Promise<string> {
    const name = repositoryName(repo);
    const creds = await this.deps.credentials(repo.host);
    if (c.scheme === 'basic') {
      if (!creds)
        throw new RegistryError(step, `${name}: the registry asks for a login; log in first`, 401, false);
      return basicHeader(creds);
    }
    const u = realmOf(repo, c.params.realm ?? '');
    if (typeof u === 'string') throw new RegistryError(step, u, 401, false);
    if (c.params.service) u.searchParams.set('service', c.params.service);
    u.searchParams.set('scope', `repository:${repo.path}:${scope}`);
    const what = `token from ${u.host} for ${name} (${scope})`;
    let res: HttpAnswer;
    try {
      res = await this.fetch(u, {
        headers: creds ? { authorization: basicHeader(creds) } : {},
        redirect: 'manual',
        signal: AbortSignal.timeout(60_000),
      });
    } catch (err) {
      throw new RegistryError(step, `${what}: ${causeCode(err) || 'network error'}`, 0, true);
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      const hint = REDIRECTS.has(res.status)
        ? 'the token service redirected; redirects are not followed with credentials'
        : "check the login's username and token and its permission on the repository";
      throw new RegistryError(
        step,
        `${what}: ${res.status} ${res.statusText || (STATUS_CODES[res.status] ?? '')}; ${hint}`,
        res.status,
        isTransientStatus(res.status),
      );
    }
    const read = await readBody(res, BODY_LIMITS.list, false, what, step);
    if (!read.ok)
      throw new RegistryError(
        step,
        `${what}: the answer is over the ${sizeText(BODY_LIMITS.list)} limit; refused`,
        200,
        false,
      );
    const token = tokenOf(read.bytes);
    if (token === '') throw new RegistryError(step, `${what}: the answer holds no token`, 200, false);
    return `Bearer ${token}`;
  }
}

function tokenOf(bytes: Buffer): string {
  const doc = objectOf(parseJsonQuiet(bytes));
  return stringOf(doc.token) || stringOf(doc.access_token);
}

/** Manifests get containerd's 4 MiB; anything else asked without a bound (tags, referrers) 1 MiB. */
function defaultLimit(path: string): number {
  return /(^|\/)manifests\//.test(path) ? BODY_LIMITS.manifest : BODY_LIMITS.list;
}

async function readBody(res: HttpAnswer, limit: number, truncate: boolean, what: string, step: string) {
  try {
    return await readBounded(res, limit, truncate);
  } catch (err) {
    // the connection dropped mid-body: as passing as one that dropped before it
    throw new RegistryError(step, `${what}: ${causeCode(err) || 'body read failed'}`, 0, true);
  }
}

/** `manifests/sha256:0123456789ab…` for error lines: the interesting end of a path, shortened. */
export function shortPath(path: string): string {
  const p = path.replace(/^https?:\/\/[^/]+/, '').replace(/^\/v2\/.+?\/(blobs|manifests)\//, '$1/');
  return p.replace(/(sha256:[0-9a-f]{12})[0-9a-f]{52}/g, '$1…').replace(/\?.*$/, '');
}

/** An expected answer: its body read within its limit (or handed over as a stream when asked). */
async function accepted(
  res: HttpAnswer,
  spec: RequestSpec,
  what: string,
  step: string,
): Promise<RegistryResponse> {
  if (spec.stream && res.body)
    return { status: res.status, headers: res.headers, body: Buffer.alloc(0), stream: res.body };
  const limit = spec.limit ?? defaultLimit(spec.path);
  const read =
    spec.method === 'HEAD'
      ? { ok: true as const, bytes: Buffer.alloc(0) }
      : await readBody(res, limit, false, what, step);
  if (!read.ok)
    throw new RegistryError(
      step,
      `${what}: the answer is over the ${sizeText(limit)} limit; refused`,
      res.status,
      false,
    );
  return { status: res.status, headers: res.headers, body: read.bytes };
}

/** Any other answer as the error it is: the registry's own words (bounded), retryable or not, its Retry-After. */
async function refusal(
  res: HttpAnswer,
  repo: Repository,
  url: URL,
  what: string,
  step: string,
): Promise<RegistryError> {
  const read = await readBody(res, BODY_LIMITS.error, true, what, step).catch(() => ({
    ok: true as const,
    bytes: Buffer.alloc(0),
  }));
  const said = read.ok ? registryMessage(read.bytes) : '';
  if (res.status === 401 && !isOwnOrigin(repo, url))
    return new RegistryError(
      step,
      `${what}: ${url.host} asked for credentials; they are only sent to ${registryOrigin(repo)}, the registry's own host`,
      401,
      false,
    );
  const retryAfter = Number(res.headers.get('retry-after') ?? '');
  return new RegistryError(
    step,
    `${what}: ${res.status} ${res.statusText || (STATUS_CODES[res.status] ?? '')}${said ? ` (${said})` : ''}`,
    res.status,
    isTransientStatus(res.status),
    false,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}
