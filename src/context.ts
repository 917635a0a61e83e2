/**
 * What the run knows about the repository and the event, read once. Pure code receives a
 * RunContext; only this module touches @actions/github.
 */
export interface RepoInfo {
  owner: string;
  name: string;
  /** owner/name */
  fullName: string;
  htmlUrl: string;
  defaultBranch: string;
  description: string;
  /** SPDX id, empty when unknown */
  license: string;
}

export interface PullRequestInfo {
  number: number;
  headRef: string;
  baseRef: string;
  headSha: string;
  /** head repository differs from the base: secrets are not available */
  fromFork: boolean;
}

export interface RunContext {
  eventName: string;
  /** refs/heads/x, refs/tags/v1, refs/pull/1/merge */
  ref: string;
  sha: string;
  repo: RepoInfo;
  serverUrl: string;
  runId: number;
  runNumber: number;
  actor: string;
  workflow: string;
  pr?: PullRequestInfo;
  /** commit time of `sha` when the event carries it (push events); undefined otherwise */
  commitDate?: Date;
  payload: Record<string, unknown>;
}

type Json = Record<string, unknown>;

function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' ? (v as Json) : {};
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export interface RawGithubContext {
  eventName: string;
  ref: string;
  sha: string;
  payload: Json;
  repo: { owner: string; repo: string };
  serverUrl: string;
  runId: number;
  runNumber: number;
  actor: string;
  workflow: string;
}

/** Build a RunContext from @actions/github's context (or a test fixture shaped like it). */
export function toRunContext(gh: RawGithubContext): RunContext {
  const payload = gh.payload;
  const repository = obj(payload.repository);
  const license = obj(repository.license);
  const owner = gh.repo.owner;
  const name = gh.repo.repo;
  const fullName = owner && name ? `${owner}/${name}` : str(repository.full_name);
  const serverUrl = gh.serverUrl || 'https://github.com';
  const repo: RepoInfo = {
    owner,
    name,
    fullName,
    htmlUrl: str(repository.html_url) || (fullName ? `${serverUrl}/${fullName}` : ''),
    defaultBranch: str(repository.default_branch) || str(repository.master_branch),
    description: str(repository.description),
    license: str(license.spdx_id) === 'NOASSERTION' ? '' : str(license.spdx_id),
  };
  const ctx: RunContext = {
    eventName: gh.eventName,
    ref: gh.ref,
    sha: gh.sha,
    repo,
    serverUrl,
    runId: gh.runId,
    runNumber: gh.runNumber,
    actor: gh.actor,
    workflow: gh.workflow,
    payload,
  };
  const pull = obj(payload.pull_request);
  if (Object.keys(pull).length > 0) {
    const head = obj(pull.head);
    const base = obj(pull.base);
    const headRepo = obj(head.repo);
    const baseRepo = obj(base.repo);
    ctx.pr = {
      number: Number(pull.number ?? payload.number ?? 0),
      headRef: str(head.ref),
      baseRef: str(base.ref),
      headSha: str(head.sha),
      fromFork: str(headRepo.full_name) !== '' && str(headRepo.full_name) !== str(baseRepo.full_name),
    };
    // pull_request_target runs on the base branch; the ref/sha GitHub gives are the base's.
  }
  const headCommit = obj(payload.head_commit);
  const ts = str(headCommit.timestamp);
  if (ts && str(headCommit.id) === gh.sha) {
    const d = new Date(ts);
    if (!Number.isNaN(d.getTime())) ctx.commitDate = d;
  }
  return ctx;
}
