/**
 * After the build: the image goes to every registry by digest while its binaries are proven from the layout; it
 * is read back by digest; only when both have passed do tags move: fixed tags, then per-arch tags, then floating
 * tags, each group read back. A failure anywhere leaves every tag where it was.
 */
import { readFile } from 'node:fs/promises';
import { firstLine, messageOf, StepError } from '../errors.js';
import { pushTargets, type Plan, type PublishPlan } from '../plan/plan.js';
import { perArchRefs } from '../plan/plan.js';
import { verifyArch, type ArchProofRow, type PlatformImage } from '../proof/arch.js';
import { layoutImages, layoutSource, type BlobSource } from '../proof/layout-images.js';
import { blobSource } from '../registry/blob.js';
import type { CredentialSource } from '../registry/auth.js';
import { RegistryClient, isRetryable } from '../registry/client.js';
import type { IndexAnalysis } from '../registry/index-json.js';
import {
  platformImages,
  platformSizes,
  readImageTree,
  singlePlatformTree,
  type ImageTree,
} from '../registry/layout.js';
import { checkTags, pushEverywhere, putTags, verifyByDigest } from '../registry/push.js';
import { readPushedTree } from '../registry/pushed.js';
import { parseRepository } from '../registry/reference.js';
import { analyzeIndex, notHeld } from '../registry/index-json.js';
import type { PlatformRow } from '../result.js';
import type { ProgressPolicy } from '../retry.js';
import type { StepDeps } from './deps.js';

export interface PublishDeps extends StepDeps {
  credentials: CredentialSource;
  fetch?: typeof fetch;
  /** how long a push may keep going while it makes progress */
  pushBudgetMs?: number;
}

export interface Published {
  rows: PlatformRow[];
  attestations: number;
  /** every reference that now points at the digest */
  refs: string[];
  /** the proof, also when it failed (on the error too) */
  proof: ArchProofRow[];
}

/** A whole push is repeated while it gets further, within the budget; two attempts without progress end it. */
function progressPolicy(d: PublishDeps): ProgressPolicy {
  return {
    stalls: 2,
    budgetMs: d.pushBudgetMs ?? 600_000,
    isTransient: (e) => isRetryable(e, 1),
    onRetry: (n, err) => {
      d.log.warning(`push attempt ${n} stopped (${firstLine(messageOf(err))}); going on from where it got`);
    },
  };
}

function rowsOf(
  analysis: IndexAnalysis,
  sizes: Record<string, number>,
  proof: readonly ArchProofRow[],
): PlatformRow[] {
  return analysis.platforms.map((p) => {
    const r = proof.find((x) => x.platform === p.platform);
    return {
      platform: p.platform,
      digest: p.digest,
      ...(sizes[p.digest] !== undefined ? { size: sizes[p.digest] } : {}),
      ...(r ? { found: r.found ? `${r.path}: ${r.found}` : r.note, ok: r.status === 'ok' } : {}),
    };
  });
}

async function prove(
  d: StepDeps,
  plan: PublishPlan,
  images: Promise<PlatformImage[]> | undefined,
): Promise<ArchProofRow[]> {
  if (!plan.verifyArch || !images) return [];
  const rows = await verifyArch(await images, pushTargets(plan.meta)[0] ?? 'the image');
  for (const r of rows.filter((x) => x.status === 'unverifiable'))
    d.log.warning(`verify-arch: ${r.platform}: ${r.note}`);
  return rows;
}

export function clientOf(d: PublishDeps, step: string): RegistryClient {
  return new RegistryClient({
    credentials: d.credentials,
    policy: d.policy,
    step,
    ...(d.fetch ? { fetch: d.fetch } : {}),
  });
}

/** Push and read back by digest in every repository; the proof runs meanwhile. Nothing is tagged here. */
async function pushAndProve(
  d: PublishDeps,
  client: RegistryClient,
  plan: PublishPlan,
  tree: ImageTree,
  proving: Promise<ArchProofRow[]>,
  pushed: boolean,
) {
  // the proof's failure is reported after the push settles, never as an unhandled rejection
  proving.catch(() => undefined);
  const repos = pushTargets(plan.meta).map(parseRepository);
  let analysis: IndexAnalysis = analyzeIndex(tree.root.bytes.toString('utf8'), plan.platforms);
  if (plan.push) {
    if (!pushed) {
      const progress = await pushEverywhere(client, repos, tree, progressPolicy(d));
      d.log.info(
        `pushed by digest to ${repos.length} repositor${repos.length === 1 ? 'y' : 'ies'}: ${progress.blobs.size} blobs, ${progress.manifests.size} manifests`,
      );
    }
    if (plan.verify) {
      const checks = await Promise.all(repos.map((r) => verifyByDigest(client, r, tree, plan.platforms)));
      const problems = checks.flatMap((c) => c.problems);
      if (problems.length > 0) throw notHeld('verify', problems);
      analysis = checks[0]?.analysis ?? analysis;
    }
  }
  return { analysis, proof: await proving };
}

async function moveTags(
  client: RegistryClient,
  plan: PublishPlan,
  tree: ImageTree,
  floating: boolean,
): Promise<string[]> {
  const refs: string[] = [];
  const problems: string[] = [];
  await Promise.all(
    plan.tagPlan.map(async (t) => {
      const tags = t.order.filter((x) => t.floating.includes(x) === floating);
      if (tags.length === 0) return;
      const repo = parseRepository(t.image);
      const unconfirmed = await putTags(client, repo, tree, tags);
      refs.push(...tags.map((x) => `${t.image}:${x}`));
      if (plan.verify) problems.push(...(await checkTags(client, repo, tree, unconfirmed)));
    }),
  );
  if (problems.length > 0) throw notHeld('verify', problems);
  return refs;
}

/**
 * A tree to every repository by digest, read back; with the proof (when one runs) passed, the tags: fixed, per-arch,
 * then floating. The build's layout and the merge job's index alike.
 */
export type BeforeTags = (tree: ImageTree) => Promise<void>;

/** The tests, then the attestation: both before any tag. */
function before(tests: BeforeTags | undefined, attest: BeforeTags | undefined): BeforeTags | undefined {
  if (!tests || !attest) return tests ?? attest;
  return async (t) => {
    await tests(t);
    await attest(t);
  };
}

/**
 * The tests of a build: they run after the read-back and the proof, before any tag, given the tree and its platform
 * images, the proof's own (each layer read once, by the proof or by them; `whole`: the files kept whole as they are).
 */
export interface BuildTests {
  whole: ReadonlySet<string>;
  /** they read every layer (file tests): the reads start beside the proof's */
  layers: boolean;
  run: (tree: ImageTree, images: readonly PlatformImage[]) => Promise<void>;
}

/** The proof and the tests of a build's tree, over one set of platform images read from `source`. */
function proveAndTest(
  d: StepDeps,
  plan: PublishPlan,
  tree: ImageTree,
  source: BlobSource,
  tests?: BuildTests,
) {
  const images = plan.verifyArch || tests ? layoutImages(tree, source, tests?.whole) : undefined;
  // a failure to read them is the proof's (or the tests') to report
  images?.catch(() => undefined);
  // every layer, read beside the proof (each once: the images cache them); what fails is the tests' to report
  if (tests?.layers)
    void images?.then(
      (all) => {
        for (const i of all) i.rootfs().catch(() => undefined);
      },
      () => undefined,
    );
  const before: BeforeTags | undefined = tests && (async (t) => tests.run(t, (await images) ?? []));
  return { proving: prove(d, plan, images), before };
}

export async function publishTree(
  d: PublishDeps,
  client: RegistryClient,
  plan: PublishPlan,
  tree: ImageTree,
  proving: Promise<ArchProofRow[]> = Promise.resolve([]),
  /** BuildKit pushed it already: only read back */
  pushed = false,
  /** what must pass after the read-back and the proof, before any tag (the `test` commands) */
  beforeTags?: BeforeTags,
): Promise<Published> {
  const { analysis, proof } = await pushAndProve(d, client, plan, tree, proving, pushed);
  await beforeTags?.(tree);
  const sizes = platformSizes(tree);
  const refs = plan.push ? await moveTags(client, plan, tree, false) : [];
  if (plan.perArchTags) refs.push(...(await publishPerArch(d, client, plan, tree)));
  if (plan.push) refs.push(...(await moveTags(client, plan, tree, true)));
  return { rows: rowsOf(analysis, sizes, proof), attestations: analysis.attestations.length, refs, proof };
}

export async function publish(
  d: PublishDeps,
  client: RegistryClient,
  plan: Plan,
  layoutDir: string,
  digest: string,
  tests?: BuildTests,
  attest?: BeforeTags,
): Promise<Published & { tree: ImageTree }> {
  const tree = await readImageTree(layoutDir, (p) => readFile(p), digest);
  const t = proveAndTest(d, plan, tree, layoutSource(tree), tests);
  const published = await publishTree(d, client, plan, tree, t.proving, false, before(t.before, attest));
  return { ...published, tree };
}

/**
 * What BuildKit pushed, read back from the first repository by digest (every manifest and config hashed), proven from
 * the registry's own blobs (top layer first, streamed, hashed), checked in every other repository, then tagged.
 */
export async function publishPushed(
  d: PublishDeps,
  client: RegistryClient,
  plan: Plan,
  digest: string,
  tests?: BuildTests,
  attest?: BeforeTags,
): Promise<Published & { tree: ImageTree }> {
  const repo = parseRepository(pushTargets(plan.meta)[0] ?? '');
  const tree = await readPushedTree(client.forStep('verify'), repo, digest).catch((err: unknown) => {
    if (err instanceof StepError) throw err;
    throw notHeld('verify', [messageOf(err)]);
  });
  const t = proveAndTest(d, plan, tree, blobSource(client.forStep('verify-arch'), repo), tests);
  const published = await publishTree(d, client, plan, tree, t.proving, true, before(t.before, attest));
  return { ...published, tree };
}

/**
 * Legacy per-arch tags (IMAGE-ARCH:TAG, as Cluster Autoscaler publishes beside its index): each holds a
 * one-platform index of that platform's manifest, pushed to the per-arch repository by digest, then tagged and
 * read back, like the main index.
 */
async function publishPerArch(
  d: PublishDeps,
  client: RegistryClient,
  plan: PublishPlan,
  tree: ImageTree,
): Promise<string[]> {
  const done: string[] = [];
  for (const image of plan.meta.images) {
    for (const m of platformImages(tree)) {
      const refs = perArchRefs(plan, image, m.platform);
      if (refs.length === 0) continue;
      const sub = singlePlatformTree(tree, m);
      const repo = parseRepository(refs[0] ?? '');
      const tags = refs.map((r) => r.slice(r.lastIndexOf(':') + 1));
      await pushEverywhere(client, [repo], sub, progressPolicy(d));
      const unconfirmed = await putTags(client, repo, sub, tags);
      const problems = plan.verify ? await checkTags(client, repo, sub, unconfirmed) : [];
      if (problems.length > 0) throw notHeld('per-arch-tags', problems);
      done.push(...refs);
    }
  }
  return done;
}
