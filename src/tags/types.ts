/**
 * Contract of the tag engine (pure: no fs, no exec, no network; clock and git are injected).
 * Input syntax follows docker/metadata-action so users can paste their blocks.
 */

/** The action inputs the engine reads (raw strings exactly as action.yml delivers them). */
export interface MetaInputs {
  images: string;
  tags: string;
  flavor: string;
  labels: string;
  annotations: string;
  /** forward-only: latest/{{major}}/{{major}}.{{minor}} only when this version is the greatest released in range */
  'floating-tags': 'forward-only' | 'always';
}

/** Facts from git, injected so tests feed fixtures. */
export interface GitReader {
  /** `git describe --tags --always` of the commit being built, e.g. `cluster-autoscaler-chart-9.46.6-81-g6a6a912b4` */
  describe(): Promise<string>;
  /** every tag name of the repository (e.g. from `git ls-remote --tags origin` or the GitHub API), without `refs/tags/` */
  releasedTags(): Promise<string[]>;
  /** is this a shallow clone (no history, no tags: describe falls back to the commit) */
  isShallow(): Promise<boolean>;
  /** the commit's committer date (git, then the GitHub API); undefined when neither knows */
  commitDate(sha: string): Promise<Date | undefined>;
}

export interface MetaDeps {
  /** frozen in tests */
  now: Date;
  git: GitReader;
  /** the process environment: docker/metadata-action's DOCKER_METADATA_* switches */
  env?: Record<string, string | undefined>;
}

/** Why a floating tag was applied or withheld, for the job summary. */
export interface FloatingDecision {
  tag: string;
  applied: boolean;
  reason: string;
}

export interface RuleOutcome {
  /** the rule line as written (or `default: type=…` for a default rule) */
  rule: string;
  /** tag names it produced, before image names are prefixed */
  tags: string[];
}

export interface MetaResult {
  /** the main version: the first tag of the highest-priority rule that produced one ('' when none) */
  version: string;
  /** full references image:tag, every image × every tag name, in priority order */
  tags: string[];
  /** tag names without image, in priority order, deduplicated */
  tagNames: string[];
  /** key=value */
  labels: string[];
  /** key=value, with level prefix where given (manifest:, index:, …) */
  annotations: string[];
  /** same shape as docker/metadata-action's json output: { tags, tag-names, labels: {k: v}, annotations } */
  json: { tags: string[]; 'tag-names': string[]; labels: Record<string, string>; annotations: string[] };
  /** images that are enabled, lowercased */
  images: string[];
  /** `tags` lines that are whole references (build-push-action style): pushed exactly there, nothing added */
  references: { image: string; tag: string }[];
  rules: RuleOutcome[];
  floating: FloatingDecision[];
  /** one line each: sanitised tags, dropped tags, and so on */
  warnings: string[];
}
