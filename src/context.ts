/**
 * What the run knows about the repository and the event, read once. Pure code receives a
 * RunContext; only this module touches @actions/github.
 */
import { objectOf, stringOf, type Json } from './json.js';
interface RepoInfo {
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

interface PullRequestInfo {
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
  const repository = objectOf(payload.repository);
  const license = objectOf(repository.license);
  const owner = gh.repo.owner;
  const name = gh.repo.repo;
  const fullName = owner && name ? `${owner}/${name}` : stringOf(repository.full_name);
  const serverUrl = gh.serverUrl || 'https://github.com';
  const repo: RepoInfo = {
    owner,
    name,
    fullName,
    htmlUrl: stringOf(repository.html_url) || (fullName ? `${serverUrl}/${fullName}` : ''),
    defaultBranch: stringOf(repository.default_branch) || stringOf(repository.master_branch),
    description: stringOf(repository.description),
    license: stringOf(license.spdx_id) === 'NOASSERTION' ? '' : stringOf(license.spdx_id),
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
  const pull = objectOf(payload.pull_request);
  if (Object.keys(pull).length > 0) {
    const head = objectOf(pull.head);
    const base = objectOf(pull.base);
    const headRepo = objectOf(head.repo);
    const baseRepo = objectOf(base.repo);
    ctx.pr = {
      number: Number(pull.number ?? payload.number ?? 0),
      headRef: stringOf(head.ref),
      baseRef: stringOf(base.ref),
      headSha: stringOf(head.sha),
      fromFork:
        stringOf(headRepo.full_name) !== '' && stringOf(headRepo.full_name) !== stringOf(baseRepo.full_name),
    };
    // pull_request_target runs on the base branch; the ref/sha GitHub gives are the base's.
  }
  const headCommit = objectOf(payload.head_commit);
  const ts = stringOf(headCommit.timestamp);
  if (ts && stringOf(headCommit.id) === gh.sha) {
    const d = new Date(ts);
    if (!Number.isNaN(d.getTime())) ctx.commitDate = d;
  }
  return ctx;
}

/** A run number as @actions/github parses it; 0 where the variable is unset or not a number (it gives NaN). */
function runNumberOf(v: string | undefined): number {
  const n = parseInt(v ?? '', 10);
  return Number.isNaN(n) ? 0 : n;
}

/**
 * GitHub Actions' context from its variables and the event payload (GITHUB_EVENT_PATH's JSON), as @actions/github's
 * `context` reads them: the repository from GITHUB_REPOSITORY, else from the payload. Throws when neither names one.
 */
export function githubFromEnv(env: NodeJS.ProcessEnv, payload: Json): RunContext {
  const repository = objectOf(payload.repository);
  const slug = env.GITHUB_REPOSITORY ?? '';
  if (slug === '' && Object.keys(repository).length === 0)
    throw new Error("GITHUB_REPOSITORY is not set: give the repository as 'owner/repo'");
  const [owner = '', repo = ''] = slug.split('/');
  return toRunContext({
    payload,
    eventName: env.GITHUB_EVENT_NAME ?? '',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    runNumber: runNumberOf(env.GITHUB_RUN_NUMBER),
    runId: runNumberOf(env.GITHUB_RUN_ID),
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    repo:
      slug !== ''
        ? { owner, repo }
        : { owner: stringOf(objectOf(repository.owner).login), repo: stringOf(repository.name) },
  });
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** A pull request event: not pushed by default, never "the default branch", its code may come from a fork. */
export function isPullRequestEvent(eventName: string): boolean {
  return PR_EVENTS.has(eventName);
}
