/**
 * The one record a run produces, success or failure: assembled from what the intent knows and the part each phase
 * returned, it becomes the step outputs and the job summary, each written once (src/main.ts).
 */
import type { RunContext } from './context.js';
import type { BuilderNode } from './plan/nodes.js';
import type { Failure } from './errors.js';
import type { Intent } from './intent.js';
import type { TestResult } from './plan/tests.js';
import type { MetaResult } from './tags/types.js';

export interface StepTiming {
  step: string;
  /** when it began, in ms since the run began (the summary's timeline) */
  at?: number;
  ms: number;
  note?: string;
}

export interface PlatformRow {
  platform: string;
  digest: string;
  size?: number;
  /** arch proof: what the entrypoint binary is */
  found?: string;
  ok?: boolean;
  /** mode: merge: the job that built it and how long that job took */
  job?: string;
  ms?: number;
}

export interface Result {
  ctx: Pick<RunContext, 'eventName' | 'ref' | 'sha'>;
  meta: MetaResult;
  platforms: string[];
  /** all, or one side of a fan-out */
  mode: 'all' | 'build' | 'merge';
  /** separators of the tags/tag-names, labels and annotations outputs (metadata-action's sep-* inputs) */
  separators: { tags: string; labels: string; annotations: string };
  /** write the job summary (the summary input) */
  summary: boolean;
  push: boolean;
  pushReason: string;
  dryRun: boolean;
  /** the build command, once planned */
  argv?: string[];
  /** what the run does around the build, as lines for the summary (dry-run: every command it would run) */
  around?: { before: string[]; after: string[] };
  digest?: string;
  imageId?: string;
  metadata?: Record<string, unknown>;
  /** nodes: as `buildx ls` lists them (a multi-node builder: the summary says which node built which platform) */
  builder?: { name: string; platforms: string[]; nodes?: BuilderNode[] };
  qemuPlatforms?: string[];
  /** per platform: digest, size and the arch proof */
  rows?: PlatformRow[];
  /** the `test` commands' outcomes, per platform */
  tests?: TestResult[];
  attestations?: number;
  /** the signed provenance attached to the index and verified (attest) */
  attestation?: Attestation;
  retagged?: boolean;
  /** mode: build: the staging references written; mode: merge: those left behind (not deletable) */
  staged?: string[];
  /** what the cache plan chose and why */
  cache?: string;
  steps: StepTiming[];
  warnings: string[];
  /** why the run failed: the phase, what kind of failure, its line and any detail lines */
  failure?: Failure;
}

export interface Attestation {
  /** the artifact manifest's digest */
  digest: string;
  /** the bundle's file */
  bundle: string;
  signer: string;
  issuer: string;
  logIndex?: string;
  /** how a verifier finds it: the referrers API or the fallback tag */
  via: string;
  subjects: number;
}

/** The step outputs of a result (docker/metadata-action's names and build-push-action's). */
export function outputsOf(r: Result): Record<string, string> {
  const m = r.meta;
  const out: Record<string, string> = {
    version: m.version,
    tags: m.tags.join(r.separators.tags),
    'tag-names': m.tagNames.join(r.separators.tags),
    labels: m.labels.join(r.separators.labels),
    annotations: m.annotations.join(r.separators.annotations),
    json: JSON.stringify(m.json),
  };
  if (r.dryRun) return out;
  if (r.digest !== undefined) out.digest = r.digest;
  if (r.imageId !== undefined) out.imageid = r.imageId;
  if (r.metadata !== undefined) out.metadata = JSON.stringify(r.metadata);
  if (r.qemuPlatforms !== undefined) out['qemu-platforms'] = r.qemuPlatforms.join(',');
  if (r.builder) {
    out.builder = r.builder.name;
    out['builder-platforms'] = r.builder.platforms.join(',');
  }
  const verified = (r.rows ?? []).filter((p) => p.digest !== '');
  if (verified.length > 0) out.platforms = verified.map((p) => p.platform).join(',');
  if (r.retagged !== undefined) out.retagged = String(r.retagged);
  if (r.tests !== undefined)
    out.tests = JSON.stringify(
      r.tests.map((t) => ({
        platform: t.platform,
        test: t.test,
        ok: t.ok,
        ms: t.ms,
        ...(t.exit ? { exit: t.exit } : {}),
      })),
    );
  if (r.staged !== undefined) out.staged = r.staged.join('\n');
  if (r.attestation) {
    out['attestation-digest'] = r.attestation.digest;
    out['attestation-bundle'] = r.attestation.bundle;
  }
  return out;
}

/** What one phase adds to the Result (its warnings are added to the others', the rest is its own). */
export type ResultPart = Partial<
  Pick<
    Result,
    | 'argv'
    | 'around'
    | 'digest'
    | 'imageId'
    | 'metadata'
    | 'builder'
    | 'qemuPlatforms'
    | 'rows'
    | 'tests'
    | 'attestations'
    | 'attestation'
    | 'retagged'
    | 'staged'
    | 'cache'
    | 'steps'
    | 'warnings'
    | 'failure'
  >
>;

/** The Result of a run: what the intent knows, then each phase's part in the order they ran. */
export function assembleResult(intent: Intent, parts: readonly ResultPart[]): Result {
  const base = newResult(intent);
  const warnings = [...base.warnings, ...parts.flatMap((p) => p.warnings ?? [])];
  return Object.assign(base, ...parts, { warnings }) as Result;
}

/** What the intent alone knows of the Result. */
function newResult(intent: Intent): Result {
  return {
    ctx: intent.ctx,
    meta: intent.meta,
    platforms: intent.settings.platforms,
    mode: intent.settings.mode,
    separators: {
      tags: intent.settings['sep-tags'],
      labels: intent.settings['sep-labels'],
      annotations: intent.settings['sep-annotations'],
    },
    summary: intent.settings.summary,
    push: intent.push,
    pushReason: intent.pushReason,
    dryRun: intent.settings['dry-run'],
    steps: [],
    warnings: [
      ...intent.warnings,
      ...intent.findings.map((f) => `${intent.dockerfile.path}:${f.line}: ${f.message}`),
    ],
  };
}
