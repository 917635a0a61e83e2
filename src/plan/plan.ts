/**
 * Settings + run context + computed metadata → Plan: everything the effects will do, decided up front.
 * Pure (no I/O): the Dockerfile's declared ARGs and the driver are passed in.
 */
import type { RunContext } from '../context.js';
import type { Settings } from '../inputs.js';
import type { MetaResult } from '../tags/types.js';
import { InputError } from '../errors.js';
import { autoBuildArgs } from './build-args.js';
import { buildxArgv, secretEnvName, type BuildSpec, type OutputMode } from './buildx-argv.js';

export type DriverKind = 'docker' | 'other';

export interface TagPlan {
  image: string;
  /** tag names in push order: fixed tags first, floating tags (latest, major, major.minor) last */
  order: string[];
  floating: string[];
}

export interface Plan {
  meta: MetaResult;
  driver: DriverKind;
  platforms: string[];
  push: boolean;
  /** why push is on or off, for the summary */
  pushReason: string;
  dockerfile: string;
  spec: BuildSpec;
  tagPlan: TagPlan[];
  verify: boolean;
  verifyArch: boolean;
  /** also publish IMAGE-ARCH:TAG per platform (the per-arch repositories older release tooling expects) */
  perArchTags: boolean;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

export function decidePush(s: Settings, ctx: RunContext): { push: boolean; reason: string } {
  if (s.outputs.length > 0)
    return { push: false, reason: 'outputs: custom — buildx writes them; nothing is pushed or tagged' };
  if (s.push === 'true') return { push: true, reason: 'push: true' };
  if (s.push === 'false') return { push: false, reason: 'push: false' };
  if (PR_EVENTS.has(ctx.eventName))
    return { push: false, reason: `push: auto — not pushed on ${ctx.eventName}` };
  return { push: true, reason: `push: auto — pushed on ${ctx.eventName}` };
}

export function dockerfilePath(s: Settings): string {
  if (s.file !== '') return s.file;
  return s.context === '.' ? 'Dockerfile' : `${s.context.replace(/\/+$/, '')}/Dockerfile`;
}

/** Push order per image: tags that never move first, floating tags last (they move only after verification). */
export function tagPlan(meta: MetaResult): TagPlan[] {
  const floating = new Set(meta.floating.filter((f) => f.applied).map((f) => f.tag));
  const fixed = meta.tagNames.filter((t) => !floating.has(t));
  const moving = meta.tagNames.filter((t) => floating.has(t));
  return meta.images.map((image) => ({ image, order: [...fixed, ...moving], floating: moving }));
}

export interface PlanInputs {
  settings: Settings;
  ctx: RunContext;
  meta: MetaResult;
  /** ARG names the Dockerfile declares (any stage) */
  declaredArgs: string[];
  driver: DriverKind;
  builder: string;
  metadataFile: string;
}

export function makePlan(p: PlanInputs): Plan {
  const { settings: s, ctx, meta } = p;
  const { push, reason } = decidePush(s, ctx);
  if (push && meta.images.length === 0) {
    throw new InputError('images', 'nothing to push to; set images (e.g. ghcr.io/OWNER/NAME) or push: false');
  }
  if (push && meta.tagNames.length === 0) {
    throw new InputError(
      'tags',
      `no rule produced a tag for ${ctx.eventName} ${ctx.ref}; add a rule or set push: false`,
    );
  }
  const fullTags = meta.tags.filter((t) => t.includes(':'));
  let output: OutputMode;
  if (s.outputs.length > 0) output = { kind: 'custom', outputs: s.outputs };
  else if (!push) output = { kind: 'build-only', load: s.load };
  else if (p.driver === 'docker') output = { kind: 'local-store' };
  else output = { kind: 'push-by-digest', images: meta.images };

  const spec: BuildSpec = {
    builder: p.builder,
    context: s.context,
    file: s.file === '' ? '' : s.file,
    platforms: s.platforms,
    buildArgs: [
      ...s['build-args'],
      ...autoBuildArgs(p.declaredArgs, s['build-args'], {
        version: meta.version,
        sha: ctx.sha,
        ...(ctx.commitDate ? { commitDate: ctx.commitDate } : {}),
      }),
    ],
    buildContexts: s['build-contexts'],
    target: s.target,
    secretEnvs: [
      ...s.secrets.map((l) => {
        const id = l.slice(0, l.indexOf('='));
        return { id, env: secretEnvName(id) };
      }),
      ...s['secret-envs'].map((l) => ({ id: l.slice(0, l.indexOf('=')), env: l.slice(l.indexOf('=') + 1) })),
    ],
    secretFiles: s['secret-files'],
    ssh: s.ssh,
    cacheFrom: s['cache-from'],
    cacheTo: s['cache-to'],
    noCache: s['no-cache'],
    pull: s.pull,
    labels: meta.labels,
    annotations: meta.annotations,
    provenance: s.provenance,
    sbom: s.sbom,
    network: s.network,
    addHosts: s['add-hosts'],
    shmSize: s['shm-size'],
    ulimits: s.ulimit,
    tags: output.kind === 'push-by-digest' ? [] : fullTags,
    output,
    metadataFile: p.metadataFile,
  };
  return {
    meta,
    driver: p.driver,
    platforms: s.platforms,
    push,
    pushReason: reason,
    dockerfile: dockerfilePath(s),
    spec,
    tagPlan: push ? tagPlan(meta) : [],
    verify: push && s.verify,
    verifyArch: s['verify-arch'] === 'true' || (s['verify-arch'] === 'auto' && push),
    perArchTags: push && s['per-arch-tags'],
  };
}

/** Legacy per-arch repositories are named by arch with the variant glued on: amd64, arm64, armv7, s390x. */
export function archSuffix(platform: string): string {
  const [, arch = '', variant = ''] = platform.split('/');
  return arch === 'arm64' && variant === 'v8' ? arch : `${arch}${variant}`;
}

/** Per-arch references for one platform manifest: every image and tag name, in push order. */
export function perArchRefs(plan: Plan, image: string, platform: string): string[] {
  const order = plan.tagPlan.find((t) => t.image === image)?.order ?? [];
  return order.map((tag) => `${image}-${archSuffix(platform)}:${tag}`);
}

export function planArgv(plan: Plan): string[] {
  return buildxArgv(plan.spec);
}

/** Secret values for the build's environment, by env var name (never logged, never in argv). */
export function secretEnv(s: Settings): Record<string, string> {
  const env: Record<string, string> = {};
  for (const l of s.secrets) {
    const eq = l.indexOf('=');
    env[secretEnvName(l.slice(0, eq))] = l.slice(eq + 1);
  }
  return env;
}
