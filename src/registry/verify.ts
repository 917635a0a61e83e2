/**
 * Reading back what the registry holds, through `docker buildx imagetools inspect --raw` (docker's own
 * credentials; no registry client of our own), and failing with every problem listed.
 */
import { sha256 } from './digest.js';
import type { Runner } from '../exec.js';
import type { RetryPolicy } from '../retry.js';
import { dockerWithRetry } from '../docker/command.js';
import {
  analyzeIndex,
  checkTags,
  indexProblems,
  normalizePlatform,
  platformOf,
  type IndexAnalysis,
  notHeld,
} from './index-json.js';

export interface RawManifest {
  raw: string;
  /** sha256 of the exact bytes the registry served (imagetools --raw prints them unchanged) */
  digest: string;
}

export async function inspectRaw(runner: Runner, ref: string, policy: RetryPolicy): Promise<RawManifest> {
  const res = await dockerWithRetry(
    runner,
    'verify',
    ['buildx', 'imagetools', 'inspect', '--raw', ref],
    policy,
  );
  return {
    raw: res.stdout,
    digest: sha256(res.stdout),
  };
}

/** Repository part of a reference (drops :tag and @digest). */
export function repositoryOf(ref: string): string {
  const at = ref.indexOf('@');
  const noDigest = at >= 0 ? ref.slice(0, at) : ref;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

export interface Verified {
  digest: string;
  analysis: IndexAnalysis;
  /** every reference checked, with the digest it points at */
  refs: Record<string, string>;
}

/**
 * Checks that every ref points at `expectedDigest` and that the index holds exactly the requested
 * platforms. Throws one StepError: a summary line, then one line per problem.
 */
export async function verifyPublished(
  runner: Runner,
  refs: readonly string[],
  requested: readonly string[],
  expectedDigest: string,
  policy: RetryPolicy,
): Promise<Verified> {
  const digests: Record<string, string> = {};
  let first: { ref: string; m: RawManifest } | undefined;
  // reads are independent: run them together (each ~50-100 ms round trip)
  const got = await Promise.all(refs.map((ref) => inspectRaw(runner, ref, policy)));
  refs.forEach((ref, i) => {
    const m = got[i] as RawManifest;
    digests[ref] = m.digest;
    if (m.digest === expectedDigest) first ??= { ref, m };
  });
  const problems = checkTags(digests, expectedDigest);
  let analysis: IndexAnalysis | undefined;
  if (first) {
    analysis = analyzeIndex(first.m.raw, requested);
    if (!analysis.isIndex) analysis = await singleManifest(runner, first.ref, first.m, requested, policy);
    problems.push(...indexProblems(first.ref, analysis));
  }
  if (problems.length > 0 || !analysis) {
    throw notHeld('verify', problems);
  }
  return { digest: expectedDigest, analysis, refs: digests };
}

/** A single-platform image pushed without an index: its platform is in the config. */
async function singleManifest(
  runner: Runner,
  ref: string,
  m: RawManifest,
  requested: readonly string[],
  policy: RetryPolicy,
): Promise<IndexAnalysis> {
  const res = await dockerWithRetry(
    runner,
    'verify',
    ['buildx', 'imagetools', 'inspect', `${repositoryOf(ref)}@${m.digest}`, '--format', '{{json .Image}}'],
    policy,
  );
  const platform = platformOf(JSON.parse(res.stdout) as Record<string, unknown>);
  const want = requested.map(normalizePlatform);
  return {
    // one manifest is a correct result only for a one-platform build
    isIndex: requested.length <= 1,
    mediaType: analyzeIndex(m.raw, []).mediaType,
    platforms: [
      { platform, digest: m.digest, size: m.raw.length, mediaType: analyzeIndex(m.raw, []).mediaType },
    ],
    attestations: [],
    missing: want.filter((p) => p !== platform),
    duplicates: [],
    unexpected: want.includes(platform) ? [] : [platform],
  };
}
