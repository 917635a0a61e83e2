/**
 * Which BuildKit cache a run uses, decided up front from settings and plain facts about the runner.
 * Pure: the environment, Dockerfile text and lockfile contents are passed in, never read here.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import type { Settings } from '../inputs.js';
import type { CacheMount } from './mounts.js';

/** What the runner offers, from its environment (see cacheEnvOf). */
export interface CacheEnv {
  /** RUNNER_ENVIRONMENT=github-hosted */
  githubHosted: boolean;
  /** the Actions cache service is reachable: ACTIONS_CACHE_URL or ACTIONS_RESULTS_URL, and ACTIONS_RUNTIME_TOKEN */
  actionsCache: boolean;
}

export function cacheEnvOf(env: Readonly<Record<string, string | undefined>>): CacheEnv {
  const url = (env.ACTIONS_CACHE_URL ?? '') !== '' || (env.ACTIONS_RESULTS_URL ?? '') !== '';
  return {
    githubHosted: env.RUNNER_ENVIRONMENT === 'github-hosted',
    actionsCache: url && (env.ACTIONS_RUNTIME_TOKEN ?? '') !== '',
  };
}

export interface Lockfile {
  /** file name as found (go.sum, package-lock.json, Cargo.lock, requirements-dev.txt, ...) */
  name: string;
  content: string;
}

export interface CachePlanInput {
  cache: Settings['cache'];
  /** the user's cache-from / cache-to lines; when either is given the mode adds nothing */
  cacheFrom: readonly string[];
  cacheTo: readonly string[];
  /** image names (no tags); the first one hosts a registry cache */
  images: readonly string[];
  platforms: readonly string[];
  /** whether this run pushes (decidePush): a registry cache is only written by runs that push */
  push: boolean;
  /** mode: build: parallel jobs each build their platforms, so the registry cache is kept per platform set */
  perPlatform?: boolean;
  /** refs/heads/main, refs/tags/v1, refs/pull/7/merge */
  ref: string;
  /** a pull request's head branch, preferred over ref for restore keys */
  headRef?: string;
  /** ties a cache-mount save to this run, so each run's compile cache is kept and the newest restored */
  runId?: number;
  env: CacheEnv;
  dockerfile: string;
  lockfiles: readonly Lockfile[];
  /** RUNNER_TEMP: where local cache directories live */
  tempDir: string;
  /** no-cache: BuildKit ignores cache mounts too, so there is nothing to carry */
  noCache: boolean;
  /** cache mounts to carry between runs (cacheMountsIn / parseCacheMounts); empty: none */
  mounts: readonly CacheMount[];
}

/** A directory restored before the build and saved after it with the Actions cache. */
export interface SavedDir {
  dir: string;
  key: string;
  restoreKeys: string[];
}

type CacheMode = 'gha' | 'registry' | 'local' | 'off' | 'user';

export interface CachePlan {
  mode: CacheMode;
  /** one line for the log and summary */
  why: string;
  cacheFrom: string[];
  cacheTo: string[];
  /** mode local: BuildKit exports into `${dir}-new`; after the build it replaces dir and dir is saved */
  local?: SavedDir;
  /** cache mounts carried between runs: dir holds one sub-directory per mount */
  mounts?: SavedDir & { list: CacheMount[] };
  /** why mounts are not carried, when there are some */
  mountsWhy?: string;
}

/** gha scope / cache-key part: only characters every backend accepts. */
function sanitize(text: string): string {
  return text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200);
}

export function ghaScope(image: string | undefined, platforms: readonly string[]): string {
  return sanitize(`${image ?? 'crossbuild'}-${[...platforms].sort().join('-')}`);
}

/**
 * `ghcr.io/o/n` or `ghcr.io/o/n:tag` → `ghcr.io/o/n:buildcache` (a registry port is not a tag); per platform set
 * (fan-out build jobs, which run in parallel and must not overwrite each other's cache):
 * `ghcr.io/o/n:buildcache-linux-arm64`.
 */
export function registryCacheRef(image: string, platforms?: readonly string[]): string {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  const name = colon > slash ? image.slice(0, colon) : image;
  const scope = platforms ? `-${sanitize([...platforms].sort().join('-'))}` : '';
  return `${name.split('@')[0] ?? name}:buildcache${scope}`;
}

/** Branch for restore keys: a PR's head branch, else the ref without refs/heads/ (tags keep refs/tags/). */
export function branchOf(ref: string, headRef?: string): string {
  const name = headRef && headRef !== '' ? headRef : ref.replace(/^refs\/heads\//, '');
  return sanitize(name.replace(/\//g, '_')) || 'none';
}

/** What makes the expensive layers valid: the Dockerfile, the dependency lockfiles, the platform set. */
export function inputsHash(dockerfile: string, lockfiles: readonly Lockfile[], platforms: readonly string[]) {
  const h = createHash('sha256');
  h.update(`dockerfile\0${dockerfile}\0`);
  for (const l of [...lockfiles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    h.update(`lock\0${l.name}\0${l.content}\0`);
  }
  h.update(`platforms\0${[...platforms].sort().join(',')}`);
  return h.digest('hex').slice(0, 16);
}

function savedDir(prefix: string, dir: string, p: CachePlanInput, perRun: boolean): SavedDir {
  const branch = branchOf(p.ref, p.headRef);
  const base = `${prefix}-${branch}-${inputsHash(p.dockerfile, p.lockfiles, p.platforms)}`;
  const run = perRun && p.runId !== undefined ? `-${p.runId}` : '';
  return {
    dir,
    key: `${base}${run}`,
    restoreKeys: [...(run !== '' ? [`${base}-`] : []), `${prefix}-${branch}-`, `${prefix}-`],
  };
}

// A cache export that fails (service down, read-only token on a fork) must not fail the build.
const IGNORE = 'ignore-error=true';

type Choice = Omit<CachePlan, 'mounts' | 'mountsWhy'>;

function gha(p: CachePlanInput, why: string): Choice {
  const scope = ghaScope(p.images[0], p.platforms);
  return {
    mode: 'gha',
    why,
    cacheFrom: [`type=gha,scope=${scope}`],
    cacheTo: [`type=gha,scope=${scope},mode=max,${IGNORE}`],
  };
}

function registry(p: CachePlanInput, why: string): Choice {
  const image = p.images[0];
  if (image === undefined)
    throw new InputError(
      'cache',
      'registry needs an image to keep the cache next to; set images or use cache: gha/local',
    );
  const ref = registryCacheRef(image, p.perPlatform ? p.platforms : undefined);
  const from = [`type=registry,ref=${ref}`];
  if (!p.push)
    return {
      mode: 'registry',
      why: `${why}; read only (this run does not push)`,
      cacheFrom: from,
      cacheTo: [],
    };
  return { mode: 'registry', why, cacheFrom: from, cacheTo: [`type=registry,ref=${ref},mode=max,${IGNORE}`] };
}

function local(p: CachePlanInput, why: string): Choice {
  const saved = savedDir('crossbuild-buildkit', `${p.tempDir}/crossbuild-cache`, p, false);
  return {
    mode: 'local',
    why,
    cacheFrom: [`type=local,src=${saved.dir}`],
    // exported beside the restored copy, then swapped in: exporting into src would keep every old blob forever
    cacheTo: [`type=local,dest=${saved.dir}-new,mode=max,${IGNORE}`],
    local: saved,
  };
}

const OFF = (why: string): Choice => ({ mode: 'off', why, cacheFrom: [], cacheTo: [] });

function choose(p: CachePlanInput): Choice {
  if (p.cacheFrom.length > 0 || p.cacheTo.length > 0) {
    return {
      mode: 'user',
      why: `cache-from/cache-to given: used as written, cache: ${p.cache} adds nothing`,
      cacheFrom: [...p.cacheFrom],
      cacheTo: [...p.cacheTo],
    };
  }
  switch (p.cache) {
    case 'off':
      return OFF('cache: off');
    case 'gha':
      if (!p.env.actionsCache) {
        return OFF(
          'cache: gha — no Actions cache service here (ACTIONS_CACHE_URL/ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN unset); no cache',
        );
      }
      return gha(p, 'cache: gha');
    case 'registry':
      return registry(p, `cache: registry — ${registryCacheRef(p.images[0] ?? '')}`);
    case 'local':
      if (!p.env.actionsCache)
        return OFF('cache: local — no Actions cache service to keep the directory; no cache');
      return local(p, 'cache: local — BuildKit local export saved with the Actions cache');
    case 'auto':
      if (p.env.githubHosted && p.env.actionsCache) {
        return gha(p, 'cache: auto — GitHub-hosted runner with the Actions cache service: gha');
      }
      if (p.images[0] !== undefined) {
        return registry(
          p,
          `cache: auto — registry cache next to the image (${registryCacheRef(p.images[0])})`,
        );
      }
      return OFF('cache: auto — no Actions cache service and no image to keep a registry cache next to');
  }
}

function mountsPart(p: CachePlanInput): Pick<CachePlan, 'mounts' | 'mountsWhy'> {
  if (p.mounts.length === 0) return {};
  if (p.cache === 'off') return { mountsWhy: 'cache: off — cache mounts not carried' };
  if (p.noCache) return { mountsWhy: 'no-cache: BuildKit starts every cache mount empty; nothing to carry' };
  if (!p.env.actionsCache) return { mountsWhy: 'no Actions cache service to keep cache mounts between runs' };
  return {
    mounts: {
      ...savedDir('crossbuild-mounts', `${p.tempDir}/crossbuild-cache-mounts`, p, true),
      list: [...p.mounts],
    },
  };
}

export function cachePlan(p: CachePlanInput): CachePlan {
  return { ...choose(p), ...mountsPart(p) };
}
