/**
 * The run context outside GitHub Actions: GitLab CI, Google Cloud Build, or the local git repository, with
 * `--ref`/`--sha`/`--event` overriding what was found. Pure: the environment and git facts come in.
 */
import type { RunContext } from '../context.js';

export interface GitFacts {
  sha: string;
  /** a tag that points exactly at HEAD */
  tag?: string;
  /** the current branch ('' when detached) */
  branch: string;
  commitDate?: Date;
  /** `git remote get-url origin` */
  remote: string;
  /** the repository directory's name, when nothing better names it */
  dirName: string;
}

export interface Overrides {
  ref?: string;
  sha?: string;
  event?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** owner/name from a git remote URL (https, ssh, scp-like), or undefined. */
export function repoFromRemote(url: string): { host: string; owner: string; name: string } | undefined {
  const m = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?([^/:]+)[:/](?:\d+\/)?(.+?)(?:\.git)?\/?$/.exec(url.trim());
  if (!m) return undefined;
  const path = (m[2] ?? '').split('/');
  const name = path.pop() ?? '';
  return name && path.length > 0 ? { host: m[1] ?? '', owner: path.join('/'), name } : undefined;
}

function base(eventName: string, ref: string, sha: string, full: string, htmlUrl: string): RunContext {
  const slash = full.lastIndexOf('/');
  return {
    eventName,
    ref,
    sha,
    repo: {
      owner: slash < 0 ? '' : full.slice(0, slash),
      name: full.slice(slash + 1),
      fullName: full,
      htmlUrl,
      defaultBranch: '',
      description: '',
      license: '',
    },
    serverUrl: htmlUrl ? new URL(htmlUrl).origin : '',
    runId: 0,
    runNumber: 0,
    actor: '',
    workflow: '',
    payload: {},
  };
}

function date(text: string | undefined): Date | undefined {
  const d = text ? new Date(text) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
}

/** GitLab CI's predefined variables. */
function gitlab(env: Env): RunContext {
  const tag = env.CI_COMMIT_TAG;
  const mr = env.CI_PIPELINE_SOURCE === 'merge_request_event';
  const event = env.CI_PIPELINE_SOURCE === 'schedule' ? 'schedule' : mr ? 'pull_request' : 'push';
  const ref = tag
    ? `refs/tags/${tag}`
    : mr
      ? `refs/merge-requests/${env.CI_MERGE_REQUEST_IID ?? '0'}/head`
      : `refs/heads/${env.CI_COMMIT_BRANCH ?? env.CI_COMMIT_REF_NAME ?? ''}`;
  const ctx = base(event, ref, env.CI_COMMIT_SHA ?? '', env.CI_PROJECT_PATH ?? '', env.CI_PROJECT_URL ?? '');
  ctx.repo.defaultBranch = env.CI_DEFAULT_BRANCH ?? '';
  ctx.repo.description = env.CI_PROJECT_DESCRIPTION ?? '';
  ctx.runId = Number(env.CI_PIPELINE_ID ?? 0);
  ctx.runNumber = Number(env.CI_PIPELINE_IID ?? 0);
  ctx.actor = env.GITLAB_USER_LOGIN ?? '';
  const commitDate = date(env.CI_COMMIT_TIMESTAMP);
  if (commitDate) ctx.commitDate = commitDate;
  if (mr) {
    ctx.pr = {
      number: Number(env.CI_MERGE_REQUEST_IID ?? 0),
      headRef: env.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME ?? '',
      baseRef: env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME ?? '',
      headSha: env.CI_COMMIT_SHA ?? '',
      fromFork: (env.CI_MERGE_REQUEST_SOURCE_PROJECT_ID ?? '') !== (env.CI_MERGE_REQUEST_PROJECT_ID ?? ''),
    };
  }
  return ctx;
}

/** Google Cloud Build's substitutions, passed to the step as environment variables. */
function cloudBuild(env: Env, git: GitFacts): RunContext {
  const pr = env._PR_NUMBER;
  const event = pr ? 'pull_request' : 'push';
  const ref = env.TAG_NAME
    ? `refs/tags/${env.TAG_NAME}`
    : pr
      ? `refs/pull/${pr}/head`
      : `refs/heads/${env.BRANCH_NAME ?? ''}`;
  const remote = repoFromRemote(git.remote);
  const full = remote ? `${remote.owner}/${remote.name}` : (env.REPO_NAME ?? git.dirName);
  const ctx = base(
    event,
    ref,
    env.COMMIT_SHA ?? git.sha,
    full,
    remote ? `https://${remote.host}/${full}` : '',
  );
  if (pr) {
    ctx.pr = {
      number: Number(pr),
      headRef: env._HEAD_BRANCH ?? '',
      baseRef: env._BASE_BRANCH ?? '',
      headSha: env.COMMIT_SHA ?? '',
      fromFork: false,
    };
  }
  if (git.commitDate && ctx.sha === git.sha) ctx.commitDate = git.commitDate;
  return ctx;
}

/** The local repository: an exact tag on HEAD is a release, else the branch. */
function local(git: GitFacts): RunContext {
  const remote = repoFromRemote(git.remote);
  const full = remote ? `${remote.owner}/${remote.name}` : git.dirName;
  const ref = git.tag ? `refs/tags/${git.tag}` : `refs/heads/${git.branch}`;
  const ctx = base('push', ref, git.sha, full, remote ? `https://${remote.host}/${full}` : '');
  if (git.commitDate) ctx.commitDate = git.commitDate;
  return ctx;
}

export type CiKind = 'github' | 'gitlab' | 'cloudbuild' | 'local';

export function ciKind(env: Env): CiKind {
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.GITLAB_CI === 'true') return 'gitlab';
  if (env.BUILD_ID && (env.TAG_NAME || env.BRANCH_NAME || env.COMMIT_SHA)) return 'cloudbuild';
  return 'local';
}

/** The context for CI kinds other than GitHub's (which @actions/github reads), with the overrides applied. */
export function detectContext(env: Env, git: GitFacts, o: Overrides = {}): RunContext {
  const kind = ciKind(env);
  const ctx = kind === 'gitlab' ? gitlab(env) : kind === 'cloudbuild' ? cloudBuild(env, git) : local(git);
  return applyOverrides(ctx, o);
}

export function applyOverrides(ctx: RunContext, o: Overrides): RunContext {
  const out = { ...ctx };
  if (o.ref !== undefined)
    out.ref = o.ref.startsWith('refs/')
      ? o.ref
      : /^v?\d/.test(o.ref)
        ? `refs/tags/${o.ref}`
        : `refs/heads/${o.ref}`;
  if (o.sha !== undefined) out.sha = o.sha;
  if (o.event !== undefined) out.eventName = o.event;
  return out;
}
