/**
 * Intent + the engine's facts → Plan: the exact build and what happens to its result, decided once.
 * Pure (no I/O): the Dockerfile's declared ARGs, the driver, the builder and paths are passed in.
 */
import { isPullRequestEvent, type RunContext } from '../context.js';
import type { Settings } from '../inputs.js';
import { secretEnvName } from '../secrets.js';
import { keyValue } from '../lines.js';
import type { MetaResult } from '../tags/types.js';
import { manifestAnnotations } from '../stage/stage.js';
import { autoBuildArgs } from './build-args.js';
import { buildxArgv, type BuildSpec, type OutputMode } from './buildx-argv.js';

export type DriverKind = 'docker' | 'other';

/**
 * What this job does, decided once from `mode` (src/intent.ts): build and tag (`single`), build and stage each
 * platform for a merge job (`fan-out-build`), or merge the staged platforms (`merge`).
 */
export type Job = 'single' | 'fan-out-build' | 'merge';

export interface TagPlan {
  image: string;
  /** tag names in push order: fixed tags first, floating tags (latest, major, major.minor) last */
  order: string[];
  floating: string[];
}

export interface Plan {
  meta: MetaResult;
  driver: DriverKind;
  /**
   * When BuildKit's own push fails on a passing registry fault: the same build (cached) exported as this layout and
   * pushed by the action's registry client, which retries each request and sends only what is missing. Undefined
   * where no layout can be written (a multi-node builder): the build's push is retried instead.
   */
  fallback?: BuildSpec;
  /** the staging tag (docker driver, multi-node builders): pushed to every repository, removed while the proof runs */
  stageTag?: string;
  platforms: string[];
  push: boolean;
  spec: BuildSpec;
  tagPlan: TagPlan[];
  verify: boolean;
  verifyArch: boolean;
  /** also publish IMAGE-ARCH:TAG per platform (the per-arch repositories older release tooling expects) */
  perArchTags: boolean;
}

/** What publishing needs of a plan (the merge job makes one without a build: src/plan/from-intent.ts). */
export type PublishPlan = Pick<
  Plan,
  'meta' | 'platforms' | 'push' | 'tagPlan' | 'verify' | 'verifyArch' | 'perArchTags'
>;

export function decidePush(
  s: Pick<Settings, 'outputs' | 'push' | 'call'>,
  eventName: string,
): { push: boolean; reason: string } {
  if (s.call !== 'build')
    return { push: false, reason: `call: ${s.call} — the frontend answers; nothing is built to push` };
  if (s.outputs.length > 0)
    return { push: false, reason: 'outputs: custom — buildx writes them; nothing is pushed or tagged' };
  if (s.push === 'true') return { push: true, reason: 'push: true' };
  if (s.push === 'false') return { push: false, reason: 'push: false' };
  if (isPullRequestEvent(eventName))
    return { push: false, reason: `push: auto — not pushed on ${eventName}` };
  return { push: true, reason: `push: auto — pushed on ${eventName}` };
}

export function dockerfilePath(s: Pick<Settings, 'file' | 'context'>): string {
  if (s.file !== '') return s.file;
  return s.context === '.' ? 'Dockerfile' : `${s.context.replace(/\/+$/, '')}/Dockerfile`;
}

/** Every repository the run pushes to: the images of the rules, then those of whole references in `tags`. */
export function pushTargets(meta: Pick<MetaResult, 'images' | 'references'>): string[] {
  return [...new Set([...meta.images, ...meta.references.map((r) => r.image)])];
}

/**
 * Push order per repository: tags that never move first, floating tags (latest, major, major.minor) last — they
 * move only after verification. A whole reference in `tags` is a fixed tag of its own repository.
 */
export function tagPlan(meta: MetaResult): TagPlan[] {
  const floating = new Set(meta.floating.filter((f) => f.applied).map((f) => f.tag));
  const byImage = new Map<string, string[]>(pushTargets(meta).map((i) => [i, []]));
  for (const ref of meta.tags) {
    const colon = ref.lastIndexOf(':');
    if (colon < 0 || ref.lastIndexOf('/') > colon) continue;
    byImage.get(ref.slice(0, colon))?.push(ref.slice(colon + 1));
  }
  return [...byImage].map(([image, names]) => {
    const moving = names.filter((t) => floating.has(t));
    return { image, order: [...names.filter((t) => !floating.has(t)), ...moving], floating: moving };
  });
}

export interface PlanInputs {
  settings: Settings;
  ctx: Pick<RunContext, 'sha' | 'commitDate'>;
  meta: MetaResult;
  /** the intent's decisions */
  push: boolean;
  job: Job;
  /** every platform's binary is proven (where the output leaves something to read) */
  verifyArch: boolean;
  /** a build not pushed whose image the structure files' metadata and file tests read: it writes the layout */
  testsLayout?: boolean;
  /** a test runs the image: on the docker driver dockerd keeps a copy of what it pushed (runsImage) */
  runsImage?: boolean;
  /** ARG names the Dockerfile declares (any stage) */
  declaredArgs: string[];
  driver: DriverKind;
  builder: string;
  metadataFile: string;
  /** where the OCI layout goes when the action proves a build it does not push (or falls back to pushing) */
  layoutDir: string;
  /** nodes of the builder (a multi-node builder cannot write a layout); 1 unless told */
  nodes?: number;
  /** a tag name unique to this run: the staging reference (stagingTag) */
  runTag?: string;
  /** the cache plan's lines (they replace the user's cache-from/cache-to) */
  cacheFrom: string[];
  cacheTo: string[];
}

/**
 * The staging tag: this run's own (`crossbuild-push-<commit>-<nonce>`), so runs that push one repository at once
 * (a fan-out's build jobs, a tag push beside its branch push) never write the same tag: a registry on a filesystem
 * (distribution, Harbor) does not write a tag atomically, and containerd pushes every manifest of an index through
 * its tag. Removed from every registry and from dockerd while the proof runs (src/steps/staging.ts).
 */
/**
 * dockerd holds what BuildKit pushed, under the staging tag: the docker driver's push, unless BuildKit was told not to
 * store it (`store=false`: no `load`, no test that runs the image). Not after the fall-back to the layout.
 */
export function dockerdCopy(plan: Pick<Plan, 'driver' | 'spec'>): boolean {
  const out = plan.spec.output;
  return plan.driver === 'docker' && out.kind === 'registry' && !out.byDigest && out.store !== false;
}

export const stagingTag = (sha: string, nonce?: string): string =>
  `crossbuild-push-${sha.slice(0, 12)}${nonce ? `-${nonce}` : ''}`;

const stageTagOf = (p: PlanInputs) => p.runTag ?? stagingTag(p.ctx.sha);

function outputMode(p: PlanInputs, readsLayout: boolean): OutputMode {
  const s = p.settings;
  if (s.outputs.length > 0) return { kind: 'custom', outputs: s.outputs };
  if (p.push) {
    const repos = pushTargets(p.meta);
    // dockerd refuses push-by-digest ("not implemented for docker driver"), and buildx tags a multi-node build's merged
    // index `latest` whatever push-by-digest says (its imagetools push adds the default tag): a staging tag no user pulls
    if (p.driver === 'docker' || (p.nodes ?? 1) > 1)
      return {
        kind: 'registry',
        names: repos.map((r) => `${r}:${stageTagOf(p)}`),
        byDigest: false,
        // dockerd keeps what it pushed only for load (the user's tags go on it once proven, src/steps/staging.ts) or
        // for tests that run it
        load: false,
        ...(p.driver === 'docker' && !s.load && !p.runsImage ? { store: false } : {}),
      };
    return { kind: 'registry', names: repos, byDigest: true, load: s.load };
  }
  // proving or testing a build that is not pushed: the layout is the only place its layers are (and docker's, loaded)
  if (readsLayout) return { kind: 'oci-layout', dest: p.layoutDir, load: s.load };
  return { kind: 'build-only', load: s.load };
}

/** The `--tag`s of an output: a layout or a push names only what a loading exporter puts in docker. */
function taggedIn(output: OutputMode, named: string[]): string[] {
  if (output.kind === 'oci-layout' || output.kind === 'registry') return output.load ? named : [];
  return named;
}

export function makePlan(p: PlanInputs): Plan {
  const { settings: s, meta, push } = p;
  const named = meta.tags.filter((t) => t.includes(':'));
  const { verifyArch } = p;
  const output = outputMode(p, verifyArch || (p.testsLayout ?? false));
  // a fan-out build job pushes by digest and stages; the merge job tags and annotates the index
  const tagging = push && p.job === 'single';
  const spec = buildSpecOf(p, output, named);
  const layout: OutputMode = { kind: 'oci-layout', dest: p.layoutDir, load: s.load };
  const staging = output.kind === 'registry' && !output.byDigest;
  return {
    meta,
    driver: p.driver,
    ...(output.kind === 'registry' && (p.nodes ?? 1) <= 1
      ? { fallback: { ...spec, output: layout, tags: taggedIn(layout, named) } }
      : {}),
    ...(staging ? { stageTag: stageTagOf(p) } : {}),
    platforms: s.platforms,
    push,
    spec,
    tagPlan: tagging ? tagPlan(meta) : [],
    verify: push && s.verify,
    verifyArch: verifyArch && (output.kind === 'oci-layout' || output.kind === 'registry'),
    perArchTags: tagging && s['per-arch-tags'],
  };
}

/** The build as buildx runs it: the settings it passes through, the computed args, labels and annotations, the output. */
function buildSpecOf(p: PlanInputs, output: OutputMode, named: string[]): BuildSpec {
  const { settings: s, ctx, meta } = p;
  return {
    builder: p.builder,
    context: s.context,
    file: s.file,
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
      ...s.secrets.map((l) => ({ id: keyValue(l)[0], env: secretEnvName(keyValue(l)[0]) })),
      ...s['secret-envs'].map(keyValue).map(([id, env]) => ({ id, env })),
    ],
    secretFiles: s['secret-files'],
    ssh: s.ssh,
    cacheFrom: p.cacheFrom,
    cacheTo: p.cacheTo,
    noCache: s['no-cache'],
    pull: s.pull,
    labels: meta.labels,
    annotations: p.job === 'fan-out-build' ? manifestAnnotations(meta.annotations) : meta.annotations,
    provenance: s.provenance,
    sbom: s.sbom,
    network: s.network,
    addHosts: s['add-hosts'],
    shmSize: s['shm-size'],
    ulimits: s.ulimit,
    allow: s.allow,
    attests: s.attests,
    noCacheFilters: s['no-cache-filters'],
    cgroupParent: s['cgroup-parent'],
    call: s.call,
    // pushed images carry no user tag: tags are put on them in the registry, after the proof; docker gets them from a
    // loading second exporter (the docker driver's staged image is tagged in docker after the proof)
    tags: taggedIn(output, named),
    output,
    metadataFile: p.metadataFile,
  };
}

/** Legacy per-arch repositories are named by arch with the variant glued on: amd64, arm64, armv7, s390x. */
export function archSuffix(platform: string): string {
  const [, arch = '', variant = ''] = platform.split('/');
  return arch === 'arm64' && variant === 'v8' ? arch : `${arch}${variant}`;
}

/** Per-arch references for one platform manifest: every image and tag name, in push order. */
export function perArchRefs(plan: Pick<Plan, 'tagPlan'>, image: string, platform: string): string[] {
  const order = plan.tagPlan.find((t) => t.image === image)?.order ?? [];
  return order.map((tag) => `${image}-${archSuffix(platform)}:${tag}`);
}

export function planArgv(plan: Plan): string[] {
  return buildxArgv(plan.spec);
}
