/**
 * The real run, from an Intent to a Result: engine facts → logins → (a nightly's reuse) → QEMU and builder →
 * plan → build → push, prove, verify, tag → cache save. Each phase returns its part of the Result; the parts are
 * kept as the phases end (so a failure still shows what came before it) and the Result is assembled from them once.
 * Never throws: a failure is the last part, with every phase timed up to it, and main reports it.
 */
import type { QemuPlan } from './docker/binfmt.js';
import { probeEngine, type EngineFacts } from './docker/engine.js';
import type { EngineApi } from './docker/engine-api.js';
import { dockerfileReferences } from './docker/loopback.js';
import type { BinfmtReader } from './docker/qemu.js';
import type { CacheStore } from './cache/actions-cache.js';
import type { CachePlan } from './cache/plan.js';
import { randomBytes } from 'node:crypto';
import { BuildError, type BuildResult } from './docker/build.js';
import { failureOf, firstLine } from './errors.js';
import type { RegistryClient } from './registry/client.js';
import type { Intent } from './intent.js';
import { indexPlan, planFor } from './plan/from-intent.js';
import { dockerdCopy, planArgv, pushTargets, stagingTag, type Plan } from './plan/plan.js';
import { TestsFailed, type TestResult } from './plan/tests.js';
import { ArchProofError, type PlatformImage } from './proof/arch.js';
import type { CredentialSource } from './registry/auth.js';
import { describeReuse } from './registry/revision.js';
import { assembleResult, type Attestation, type Result, type ResultPart } from './result.js';
import { secretEnv } from './secrets.js';
import { STATE, stateList } from './state.js';
import { build } from './steps/build.js';
import { needsDirectories, decideCache, presentCache, restoreCache, saveCache } from './steps/cache.js';
import type { StepDeps } from './steps/deps.js';
import { Phases } from './steps/phases.js';
import { collectStaged, mergedTree, removeStaged, withBuilders } from './steps/merge.js';
import {
  clientOf,
  publish,
  publishPushed,
  publishTree,
  type BeforeTags,
  type BuildTests,
} from './steps/publish.js';
import { attestHook, ciToken, type AttestDeps } from './steps/attest.js';
import { runTests, type TestSpec } from './steps/test.js';
import { platformConfigs, platformImages, type ImageTree } from './registry/layout.js';
import { layoutSource, treeFiles } from './proof/layout-images.js';
import { contentNames, fileTestCount } from './plan/structure.js';
import { blobSource } from './registry/blob.js';
import { parseRepository } from './registry/reference.js';
import { loadTags, removeStagingTags, untagLocal } from './steps/staging.js';
import { stagePlatforms } from './steps/stage.js';
import { jobLabel } from './stage/stage.js';
import { findReusable } from './steps/reuse.js';
import { setupBuilder, setupLogins, setupQemu } from './steps/setup.js';

export interface JobDeps extends StepDeps {
  env: NodeJS.ProcessEnv;
  credentials: CredentialSource;
  fetch?: typeof fetch;
  binfmt?: BinfmtReader;
  cacheStore?: CacheStore;
  clock?: () => number;
  /** an OIDC token for Sigstore (tests: a fake issuer's) */
  idToken?: AttestDeps['idToken'];
  /** dockerd's API, where the CLI would use a local socket (engine-api.ts); else every engine call is the CLI */
  engine?: EngineApi;
}

/** The parts of the Result, in the order the phases that returned them ended. */
type Parts = ResultPart[];

export async function runJob(intent: Intent, d: JobDeps): Promise<Result> {
  const phases = new Phases(d.log, d.clock);
  const parts: Parts = [];
  try {
    if (intent.job === 'merge') await mergePhases(intent, d, phases, parts);
    else await phasesOf(intent, d, phases, parts);
  } catch (err) {
    parts.push(failurePart(err, phases.phaseOf(err)));
  }
  parts.push({ steps: phases.timings });
  return assembleResult(intent, parts);
}

function failurePart(err: unknown, phase: string | undefined): ResultPart {
  const failure = failureOf(err, phase);
  // failed tests show every platform's outcome, the passing ones too
  if (err instanceof TestsFailed) return { failure, tests: [...err.results] };
  // a failed proof still shows what each platform holds
  if (!(err instanceof ArchProofError)) return { failure };
  const rows = err.rows.map((r) => ({
    platform: r.platform,
    digest: '',
    found: r.found ? `${r.path}: ${r.found}` : r.note,
    ok: r.ok,
  }));
  return { failure, rows };
}

const describeFacts = (f: EngineFacts) =>
  `docker ${f.serverVersion}, buildx ${f.buildxVersion || `at ${f.buildxPath}`}${f.containerdStore ? ', containerd image store' : ''}`;

async function phasesOf(intent: Intent, d: JobDeps, phases: Phases, parts: Parts): Promise<void> {
  const facts = await phases.run('Docker and buildx', () => probeEngine(d.runner, d.engine), describeFacts);
  // logins first: a nightly that reuses an image reads (and tags) the registry before anything is built
  if (intent.logins.length > 0 || intent.notices.length > 0) {
    await phases.run('Registry login', () =>
      setupLogins(d, intent.logins, intent.notices, intent.settings.logout),
    );
  }
  if (intent.reuse) {
    const reused = await reuseIfUnchanged(intent, d, phases);
    if (reused) return void parts.push(reused);
  }
  const { builder, part } = await prepareBuilder(intent, d, phases, facts);
  parts.push(part);
  const driverWithoutStore = builder.driver === 'docker' && !facts.containerdStore;
  const cache = await presentCache(
    clientOf(d, 'cache'),
    await decideCache(d.log, intent, d.env, d.tempDir, driverWithoutStore),
    d.log,
  );
  const nodes = Math.max(1, builder.nodes.length);
  const runTag = stagingTag(intent.ctx.sha, randomBytes(4).toString('hex'));
  const plan = planFor(
    intent,
    d.tempDir,
    { name: builder.name, driver: builder.driver, nodes },
    cache,
    runTag,
  );
  parts.push({ argv: planArgv(plan), cache: cache.why, retagged: false });
  await buildAndPublish(intent, d, phases, { plan, cache, builder: builder.name }, parts);
}

/**
 * mode: merge needs no docker: the staged platforms are read and checked, joined into one index, published and
 * tagged like a single-job build, then the staging references are removed where the registry allows it.
 */
async function mergePhases(intent: Intent, d: JobDeps, phases: Phases, parts: Parts): Promise<void> {
  const spec = intent.stage;
  if (!spec) {
    d.log.info(`mode: merge: nothing to merge, this run does not push (${intent.pushReason})`);
    return;
  }
  const client = clientOf(d, 'merge');
  const staged = await phases.run(
    'Staged platforms',
    () => collectStaged(client, spec),
    (s) => `${s.length} platform(s) of commit ${spec.sha.slice(0, 12)}, run ${spec.run}`,
  );
  const plan = indexPlan(intent);
  const tree = mergedTree(staged, intent.meta.annotations);
  const signed: { attestation?: Attestation } = {};
  const pub = await phases.run(
    'Publish and verify',
    () =>
      publishTree(
        d,
        client,
        plan,
        tree,
        undefined,
        false,
        attestBefore(intent, d, phases, client, [], signed),
      ),
    (x) => `${x.refs.length} tag(s)`,
  );
  parts.push({
    digest: tree.root.digest,
    rows: withBuilders(pub.rows, staged),
    attestations: pub.attestations,
    ...signed,
  });
  const left = await phases.run(
    'Staging cleanup',
    () => removeStaged(client, spec.image, staged),
    (l) => (l.length === 0 ? `${staged.length} removed` : `${l.length} left: the registry does not delete`),
  );
  const warnings =
    left.length === 0
      ? []
      : [
          `staging references left in the registry (it refused deletion): ${left.join(', ')}; expire tags matching crossbuild-stage-* with the registry's retention policy (see the README)`,
        ];
  parts.push({ staged: left, warnings });
}

async function reuseIfUnchanged(intent: Intent, d: JobDeps, phases: Phases): Promise<ResultPart | undefined> {
  const { meta, ctx, settings: s } = intent;
  const client = clientOf(d, 'skip-unchanged');
  const found = await phases.run(
    'Reuse check',
    () => findReusable(client, meta, ctx.sha, s.platforms, d.log),
    (f) => (f ? `${f.ref} is this commit` : 'no image for this commit: building'),
  );
  if (!found) return undefined;
  // the same publish as a build's: every repository by digest, read back, then fixed, per-arch and floating tags
  const pub = await phases.run(
    'Retag',
    () => publishTree(d, client.forStep('retag'), indexPlan(intent), found.tree),
    (x) => describeReuse(found, x.refs),
  );
  return { retagged: true, digest: found.digest, rows: pub.rows, attestations: pub.attestations };
}

async function prepareBuilder(intent: Intent, d: JobDeps, phases: Phases, facts: EngineFacts) {
  const s = intent.settings;
  const qemu: QemuPlan = await phases.run(
    'QEMU',
    () => setupQemu(d, s, facts, d.binfmt),
    (q) => (q.needed.length === 0 ? 'all platforms native' : `emulated: ${q.needed.join(', ')}`),
  );
  const builder = await phases.run(
    'Builder',
    () =>
      setupBuilder(d, s, facts, d.env, [
        ...intent.meta.images,
        ...dockerfileReferences(intent.dockerfile.parsed),
      ]),
    (b) => `${b.name} (${b.driver})`,
  );
  // the docker driver builds for the host and every registered QEMU handler
  const platforms =
    builder.platforms.length > 0
      ? builder.platforms
      : qemu.platforms.filter((p) => p.runs !== 'missing').map((p) => p.platform);
  const part: ResultPart = {
    qemuPlatforms: qemu.platforms.filter((p) => p.runs === 'qemu').map((p) => p.platform),
    builder: { name: builder.name, platforms, nodes: builder.nodes },
  };
  return { builder, part };
}

interface Planned {
  plan: Plan;
  cache: CachePlan;
  builder: string;
}

async function buildAndPublish(
  intent: Intent,
  d: JobDeps,
  phases: Phases,
  p: Planned,
  parts: Parts,
): Promise<void> {
  const s = intent.settings;
  const cacheStep = {
    plan: p.cache,
    builder: p.builder,
    helperImage: s['cache-mounts-helper'],
    ...(d.cacheStore ? { store: d.cacheStore } : {}),
  };
  const restored = needsDirectories(p.cache)
    ? await phases.run('Cache restore', () => restoreCache(d, cacheStep))
    : undefined;
  const temp = stateList(d.state, STATE.temp);
  temp.add(p.plan.spec.metadataFile);
  const layout = (p.plan.fallback ?? p.plan.spec).output;
  if (layout.kind === 'oci-layout') temp.add(layout.dest);
  const client = clientOf(d, 'push');
  // the staging tag's removal from every registry, started once BuildKit's push is done (it never throws)
  let staging: Promise<string[]> | undefined;
  try {
    const { plan, built, warning } = await buildOrFallback(d, phases, p.plan, secretEnv(s.secrets));
    // what follows reads the registry by digest: the staging tag goes beside the proof and the tags; without the layout
    // fall-back, BuildKit's push finished: the tag is there
    if (p.plan.stageTag) staging = removeStagingTags(client, p.plan, plan === p.plan);
    // the summary says why the layout was exported
    parts.push({
      digest: built.digest,
      imageId: built.imageId,
      metadata: built.raw,
      warnings: warning ? [warning] : [],
    });
    await publishBuilt(intent, d, phases, { plan, built, client }, parts);
  } finally {
    // dockerd's copy (kept only for load, which gave it the user's tags, or for the tests that ran it) goes last
    if (p.plan.stageTag)
      parts.push(
        await stagingCleanup(
          d,
          phases,
          staging ?? removeStagingTags(client, p.plan),
          untagLocal(d, p.plan, s.load),
        ),
      );
  }
  // last: uploading cache directories must not delay the push
  if (restored) await phases.run('Cache save', () => saveCache(d, cacheStep, restored));
}

/** Waits for the staging tag to leave every registry (`registry`: the references left) and dockerd (`local`). */
async function stagingCleanup(
  d: JobDeps,
  phases: Phases,
  registry: Promise<string[]>,
  local: Promise<void>,
): Promise<ResultPart> {
  const left = await phases.run(
    'Staging cleanup',
    async () => (await Promise.all([registry, local]))[0],
    (l) => (l.length === 0 ? 'staging tags removed' : `${l.length} left`),
  );
  if (left.length === 0) return {};
  const w = `staging tags left in the registry (it refused deletion): ${left.join(', ')}; expire tags matching crossbuild-push* with the registry's retention policy`;
  d.log.warning(w);
  return { warnings: [w] };
}

/** The attestation before the tags, when the intent asks for one (src/steps/attest.ts); its outcome goes to `into`. */
function attestBefore(
  intent: Intent,
  d: JobDeps,
  phases: Phases,
  client: RegistryClient,
  bases: readonly string[],
  into: { attestation?: Attestation },
): BeforeTags | undefined {
  const startedOn = new Date((d.clock ?? Date.now)() - phases.elapsed());
  const deps: AttestDeps = { ...d, idToken: d.idToken ?? ((from) => ciToken(d.env, from)) };
  return attestHook(intent, deps, client, bases, startedOn, into);
}

const testing = (intent: Intent) => intent.tests.length > 0 || intent.structure.length > 0;

/**
 * The tests' run: the pushed index by digest in the first repository, each platform it holds, its config and (for
 * file tests) its layers read back from that repository.
 */
function testSpec(
  intent: Intent,
  plan: Plan,
  tree: ImageTree,
  client: RegistryClient,
  /** the proof's platform images, and the files (base names) they keep whole */
  read: { images: readonly PlatformImage[]; whole: ReadonlySet<string> },
): TestSpec {
  const images = platformImages(tree);
  const repo = pushTargets(intent.meta)[0] ?? '';
  // a build not pushed is read from its layout (only its metadata and file tests run)
  const source = plan.push ? blobSource(client.forStep('test'), parseRepository(repo)) : layoutSource(tree);
  const again = treeFiles(tree, source);
  return {
    ref: `${repo}@${tree.root.digest}`,
    platforms: images.map((m) => m.platform),
    tests: intent.tests,
    structure: intent.structure,
    configs: platformConfigs(images),
    // the proof's images, their layers read once (a link's target, not kept whole, is read again)
    files: async (platform, names) => {
      const image = read.images.find((i) => i.platform === platform);
      return image && [...names].every((n) => read.whole.has(n)) ? image.rootfs() : again(platform, names);
    },
    version: intent.meta.version,
    network: intent.settings['test-network'],
    timeoutS: intent.settings['test-timeout'],
    // dockerd holds what BuildKit pushed; not after the fall-back to the layout (its index is another digest, which
    // docker pulls, then removes)
    local: dockerdCopy(plan),
    // any other builder runs them itself: it may have no docker engine beside it, and a node of each platform
    ...(plan.driver === 'docker' ? {} : { builder: plan.spec.builder }),
  };
}

const describeBuild = (b: BuildResult) =>
  `${b.digest.slice(0, 19)}${b.cache ? ` · ${b.cache.cached}/${b.cache.steps} steps from cache` : ''}${b.repush ? " · pushed by BuildKit (buildx's second push with docker failed)" : ''}`;

/**
 * The build, pushed by BuildKit where the plan says so. When that push stops on a passing registry fault and the
 * builder can write a layout, the same build (every step cached) is exported and pushed by the action's client,
 * which retries each request and sends only what BuildKit did not (src/plan/plan.ts `fallback`).
 */
async function buildOrFallback(d: JobDeps, phases: Phases, plan: Plan, env: Record<string, string>) {
  const fallback = plan.fallback;
  try {
    const built = await phases.run('Build', () => build(d, plan, env, !fallback), describeBuild);
    return { plan, built };
  } catch (err) {
    if (!fallback || !(err instanceof BuildError) || !err.transient) throw err;
    const warning = `BuildKit's push stopped on a registry fault (${firstLine(err.message)}); exporting the build and pushing it with the action's registry client, which sends only what is missing`;
    d.log.warning(warning);
    const again: Plan = { ...plan, spec: fallback };
    const built = await phases.run('Build (layout export)', () => build(d, again, env), describeBuild);
    return { plan: again, built, warning };
  }
}

interface Built {
  plan: Plan;
  built: BuildResult;
  client: RegistryClient;
}

async function publishBuilt(intent: Intent, d: JobDeps, phases: Phases, b: Built, parts: Parts) {
  const { plan, built, client } = b;
  const out = plan.spec.output;
  // custom outputs are written by buildx as they say: nothing to read back (the intent warned when a proof was asked)
  if (out.kind !== 'oci-layout' && out.kind !== 'registry') return;
  let tests: TestResult[] | undefined;
  const whole = contentNames(intent.structure);
  const run: BuildTests | undefined = !testing(intent)
    ? undefined
    : {
        whole,
        layers: intent.structure.some((f) => fileTestCount(f) > 0),
        run: async (tree, images) => {
          tests = await runTests(d, {
            ...testSpec(intent, plan, tree, client, { images, whole }),
            elapsed: () => phases.elapsed(),
          });
        },
      };
  const signed: { attestation?: Attestation } = {};
  const attest = plan.push ? attestBefore(intent, d, phases, client, built.bases ?? [], signed) : undefined;
  const pub = await phases.run(
    plan.push ? 'Publish and verify' : plan.verifyArch ? 'Architecture proof' : 'Tests',
    () =>
      out.kind === 'registry'
        ? publishPushed(d, client, plan, built.digest, run, attest)
        : publish(d, client, plan, out.dest, built.digest, run, attest),
    (x) =>
      plan.push ? `${x.refs.length} tag(s)` : x.proof.map((r) => `${r.platform} ${r.status}`).join(', '),
  );
  parts.push({ rows: pub.rows, attestations: pub.attestations, ...(tests ? { tests } : {}), ...signed });
  const stage = intent.stage;
  if (stage) {
    const ms = phases.elapsed();
    const staged = await phases.run(
      'Stage',
      () => stagePlatforms(d, client.forStep('stage'), stage, pub.tree, jobLabel(d.env), ms),
      (refs) => `${refs.length} staging reference(s)`,
    );
    parts.push({ staged });
  }
  if (out.kind === 'registry' && intent.settings.load && plan.stageTag) await loadTags(d, plan);
}
