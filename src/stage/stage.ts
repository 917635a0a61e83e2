/**
 * Fan-out across runners, handed over through the registry. A `mode: build` job pushes its platform by digest and
 * writes one staging reference per platform, `IMAGE:crossbuild-stage-RUN-COMMIT-PLATFORM` (in the first image's
 * repository): a one-platform index of that platform's manifest (and its attestations) whose annotations say
 * which commit, run and job built it and how long it took. The `mode: merge` job finds them by name, checks them
 * and joins their entries into the index it tags. Pure: names, index bytes, records.
 */
import { InputError } from '../errors.js';
import { objectOf, objectsOf, parseJsonQuiet, stringOf, type Json } from '../json.js';
import { splitAnnotationKey } from '../labels.js';
import { platformObject } from '../platform.js';
import { isAttestationEntry, platformOf } from '../registry/index-json.js';
import { indexNode, type ManifestNode } from '../registry/layout.js';
import { REVISION_LABEL } from '../registry/revision.js';

const STAGE_PREFIX = 'crossbuild-stage';

/** Annotation keys of a staging index. */
const STAGE = {
  platform: 'dev.crossbuild.stage.platform',
  run: 'dev.crossbuild.stage.run',
  job: 'dev.crossbuild.stage.job',
  ms: 'dev.crossbuild.stage.duration-ms',
} as const;

export interface StageRef {
  platform: string;
  /** the tag in `repository` */
  tag: string;
}

/** Where this run's platforms are staged, decided in the intent. */
export interface StageSpec {
  /** the first image: its repository holds the staging references */
  image: string;
  run: string;
  sha: string;
  refs: StageRef[];
}

/** What a staging index says about itself. */
export interface StageRecord {
  platform: string;
  sha: string;
  run: string;
  job: string;
  ms: number;
}

const platformSlug = (platform: string): string => platform.replace(/\//g, '-');

/** `crossbuild-stage-RUN-COMMIT12-os-arch[-variant]`: repository (where it lives), commit, run and platform. */
export function stageTag(run: string, sha: string, platform: string): string {
  return `${STAGE_PREFIX}-${run}-${sha.slice(0, 12)}-${platformSlug(platform)}`;
}

/** Staging tags of this run and platform from any commit: `[tag, commit12]` (to say "built from another commit"). */
export function stagedElsewhere(tags: readonly string[], run: string, platform: string): [string, string][] {
  const head = `${STAGE_PREFIX}-${run}-`;
  const tail = `-${platformSlug(platform)}`;
  return tags
    .filter((t) => t.startsWith(head) && t.endsWith(tail))
    .map((t) => [t, t.slice(head.length, t.length - tail.length)] as [string, string])
    .filter(([, c]) => /^[0-9a-f]{1,12}$/i.test(c));
}

/** The run id that names staging references: the input, else the CI's; undefined when there is none. */
function runIdOf(input: string, ciRunId: number): string | undefined {
  if (input !== '') return input;
  return ciRunId > 0 ? String(ciRunId) : undefined;
}

export function stageSpec(
  images: readonly string[],
  runInput: string,
  ciRunId: number,
  sha: string,
  platforms: readonly string[],
  mode: string,
): StageSpec {
  const run = runIdOf(runInput, ciRunId);
  if (run === undefined)
    throw new InputError(
      'run-id',
      `mode: ${mode} names staging references after the run, and this CI gives no run id; set run-id (e.g. $BUILD_ID), the same in the build and merge jobs`,
    );
  if (!/^[0-9a-f]{7,40}$/i.test(sha))
    throw new InputError('mode', `mode: ${mode} needs the commit id of this run; "${sha}" is not one`);
  const image = images[0] ?? '';
  return { image, run, sha, refs: platforms.map((p) => ({ platform: p, tag: stageTag(run, sha, p) })) };
}

/** Which job this is, for the merge job's summary: GitHub's job and runner, GitLab's job, else the host. */
export function jobLabel(env: NodeJS.ProcessEnv): string {
  if (env.GITHUB_JOB) {
    const attempt = Number(env.GITHUB_RUN_ATTEMPT ?? 1);
    return [
      env.GITHUB_JOB,
      env.RUNNER_NAME ? `on ${env.RUNNER_NAME}` : '',
      attempt > 1 ? `(attempt ${attempt})` : '',
    ]
      .filter((x) => x !== '')
      .join(' ');
  }
  if (env.CI_JOB_NAME) return `${env.CI_JOB_NAME}${env.CI_JOB_ID ? ` #${env.CI_JOB_ID}` : ''}`;
  return env.HOSTNAME ?? 'local';
}

/**
 * The descriptors that make up one platform in a build's root: from an index, the platform's manifest and the
 * attestation manifests that refer to it, as buildx wrote them; a single manifest gets a descriptor made for it.
 */
export function platformDescriptors(
  root: { bytes: Buffer; isIndex: boolean; digest: string; mediaType: string; size: number },
  platform: string,
): Json[] {
  if (!root.isIndex)
    return [
      { mediaType: root.mediaType, digest: root.digest, size: root.size, platform: platformObject(platform) },
    ];
  const all = objectsOf(objectOf(JSON.parse(root.bytes.toString('utf8'))).manifests);
  const own = all.filter((d) => !isAttestationEntry(d) && platformOf(objectOf(d.platform)) === platform);
  const digests = new Set(own.map((d) => stringOf(d.digest)));
  const att = all.filter(
    (d) =>
      isAttestationEntry(d) && digests.has(stringOf(objectOf(d.annotations)['vnd.docker.reference.digest'])),
  );
  return [...own, ...att];
}

/** The index a staging reference holds: the platform's entries, and who built it from what. */
export function stageIndex(descriptors: readonly Json[], r: StageRecord): ManifestNode {
  return indexNode(descriptors, {
    [REVISION_LABEL]: r.sha,
    [STAGE.platform]: r.platform,
    [STAGE.run]: r.run,
    [STAGE.job]: r.job,
    [STAGE.ms]: String(Math.round(r.ms)),
  });
}

/** A staging index read back: its record and entries. */
export function readStage(raw: string): { record: StageRecord; descriptors: Json[] } {
  const doc = objectOf(parseJsonQuiet(raw));
  const a = objectOf(doc.annotations);
  return {
    record: {
      platform: stringOf(a[STAGE.platform]),
      sha: stringOf(a[REVISION_LABEL]),
      run: stringOf(a[STAGE.run]),
      job: stringOf(a[STAGE.job]),
      ms: Number(stringOf(a[STAGE.ms]) || 0),
    },
    descriptors: objectsOf(doc.manifests),
  };
}

/** `index:k=v` (and `index,manifest:k=v`) lines → the annotations an index carries, as buildx would set them. */
export function indexAnnotations(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const { levels, key, value } = splitAnnotationKey(l);
    if (levels.includes('index')) out[key] = value;
  }
  return out;
}

/**
 * A build job's annotations: manifest levels only (a one-platform build has no index of its own to annotate;
 * the merge job puts index annotations on the index it makes).
 */
export function manifestAnnotations(lines: readonly string[]): string[] {
  return lines.flatMap((l) => {
    const { levels, key, value } = splitAnnotationKey(l);
    const kept = levels.filter((x) => !x.startsWith('index'));
    return kept.length === 0 ? [] : [`${kept.join(',')}:${key}=${value}`];
  });
}
