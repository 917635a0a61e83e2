/**
 * dockerd's HTTP API on its unix socket, for the engine's facts and the image names a run moves in dockerd: each is
 * one request of a few ms where the docker CLI costs a process start (40–65 ms on this machine; `docker info` also
 * starts every CLI plugin for its metadata). That is most of what a cached one-platform build job spends besides
 * buildx itself (bench/fan-out.mjs).
 *
 * Only where the docker CLI would itself talk to a local socket: `DOCKER_HOST=unix://…`, or no DOCKER_HOST and the
 * default context. Any other context or host (tcp, ssh, TLS, a named context) keeps the CLI, and so does any failure
 * here: the CLI's answer, or its error, is the one the user sees.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { dockerConfigDir, readDockerConfig } from './config-dir.js';
import { objectOf, parseJsonQuiet, stringOf, type Json } from '../json.js';
import { BODY_LIMITS, readBounded } from '../registry/body.js';
import { httpFetch, type HttpFetch } from '../registry/http.js';
import { splitReference } from '../registry/reference.js';

const DEFAULT_SOCKET = '/var/run/docker.sock';

/**
 * The socket the docker CLI would use, as it picks its endpoint: DOCKER_CONTEXT, else DOCKER_HOST (the default
 * context), else config.json's currentContext. `config` gives config.json (config-dir.ts). Undefined where that
 * is not a plain unix socket of the default context.
 */
export function engineSocket(env: NodeJS.ProcessEnv, config: () => Json): string | undefined {
  const context = env.DOCKER_CONTEXT ?? '';
  if (context !== '' && context !== 'default') return undefined;
  const host = env.DOCKER_HOST ?? '';
  if (host !== '') return host.startsWith('unix:///') ? host.slice('unix://'.length) : undefined;
  if (context === '') {
    const current = stringOf(config().currentContext);
    if (current !== '' && current !== 'default') return undefined;
  }
  return DEFAULT_SOCKET;
}

/** Where the docker CLI looks for plugins on Linux (docker 26): config.json's extra dirs, the user's, the system's. */
export function pluginDirs(env: NodeJS.ProcessEnv, config: () => Json): string[] {
  const extra = config().cliPluginsExtraDirs;
  return [
    ...(Array.isArray(extra) ? extra.map(stringOf).filter(Boolean) : []),
    join(dockerConfigDir(env), 'cli-plugins'),
    '/usr/local/lib/docker/cli-plugins',
    '/usr/local/libexec/docker/cli-plugins',
    '/usr/lib/docker/cli-plugins',
    '/usr/libexec/docker/cli-plugins',
  ];
}

export interface EngineApi {
  /** the buildx plugin's path where the CLI would find it; undefined: ask the CLI */
  readonly buildx: string | undefined;
  /** GET /info: the daemon's half of `docker info` */
  info(): Promise<Json>;
  /** POST /images/{source}/tag: `target` names the same image */
  tag(source: string, target: string): Promise<void>;
  /** DELETE /images/{name}: the name goes; the image too when it was its last */
  remove(name: string): Promise<void>;
}

const TIMEOUT_MS = 30_000;

/** One request to dockerd; a status other than `ok` throws with dockerd's message (its first 64 KiB). */
async function call(
  send: HttpFetch,
  socket: string,
  method: string,
  path: string,
  ok: number,
): Promise<Buffer> {
  const res = await send(new URL(`http://docker${path}`), {
    method,
    socketPath: socket,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const body = await readBounded(
    res,
    res.status === ok ? BODY_LIMITS.list : BODY_LIMITS.error,
    res.status !== ok,
  );
  if (!body.ok) throw new Error(`dockerd: ${method} ${path}: the answer is over ${BODY_LIMITS.list} bytes`);
  if (res.status !== ok) {
    const why = stringOf(objectOf(parseJsonQuiet(body.bytes)).message) || `${res.status} ${res.statusText}`;
    throw new Error(`dockerd: ${method} ${path}: ${why}`);
  }
  return body.bytes;
}

/**
 * The API of the engine `env` names, or undefined where the CLI must be used (see engineSocket). `config` gives
 * docker's config.json (read once); `send` is the transport (tests: a recorder).
 */
export function engineApi(
  env: NodeJS.ProcessEnv,
  config: () => Json = () => readDockerConfig(env),
  send: HttpFetch = httpFetch,
): EngineApi | undefined {
  let doc: Json | undefined;
  const once = (): Json => (doc ??= config());
  const socket = engineSocket(env, once);
  if (socket === undefined) return undefined;
  const buildx = pluginDirs(env, once)
    .map((dir) => join(dir, 'docker-buildx'))
    .find((p) => statSync(p, { throwIfNoEntry: false })?.isFile() === true);
  return {
    buildx,
    info: async () => objectOf(parseJsonQuiet(await call(send, socket, 'GET', '/info', 200))),
    tag: async (source, target) => {
      const { image, ref } = splitReference(target);
      const query = new URLSearchParams({ repo: image, tag: ref });
      await call(send, socket, 'POST', `/images/${source}/tag?${query.toString()}`, 201);
    },
    remove: async (name) => {
      await call(send, socket, 'DELETE', `/images/${name}`, 200);
    },
  };
}

/**
 * The same API with GET /info already sent: the first `info()` gets that answer. The probe is a read that dockerd
 * answers while the run works out its intent (~15 ms on this machine, otherwise spent waiting); a run that ends
 * before its job (a dry run, a bad input) leaves the answer unread. Resolves once the request has left: the socket
 * connects in one turn of the event loop and the request is written in the next, before the intent's synchronous
 * work holds the loop.
 */
export async function infoSent(api: EngineApi | undefined): Promise<EngineApi | undefined> {
  if (!api) return undefined;
  let sent: Promise<Json> | undefined = api.info();
  sent.catch(() => undefined);
  for (let turn = 0; turn < 2; turn++) await new Promise((r) => setImmediate(r));
  return {
    ...api,
    info: () => {
      const answer = sent ?? api.info();
      sent = undefined;
      return answer;
    },
  };
}
