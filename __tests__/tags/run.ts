/** Shared driver for the tag-engine tests: frozen clock, fake git, metadata-action-shaped inputs. */
import type { RunContext } from '../../src/context.js';
import { readSettings } from '../../src/inputs.js';
import { computeMeta } from '../../src/tags/index.js';
import type { MetaInputs, MetaResult } from '../../src/tags/types.js';
import { fakeGit, type FakeGit } from '../fixtures/events.js';

/** 2025-04-30T12:34:56.789Z: a Wednesday; 21:34 in Tokyo, 08:34 in New York */
export const NOW = new Date('2025-04-30T12:34:56.789Z');

export const DESCRIBE = 'cluster-autoscaler-chart-9.46.6-81-g6a6a912b4';

export function inputs(over: Partial<MetaInputs> = {}): MetaInputs {
  return {
    images: '',
    tags: '',
    flavor: '',
    labels: '',
    annotations: '',
    'floating-tags': 'forward-only',
    ...over,
  };
}

export async function meta(
  ctx: RunContext,
  over: Partial<MetaInputs> = {},
  git: FakeGit = fakeGit({ describe: DESCRIBE }),
): Promise<MetaResult & { git: FakeGit }> {
  return { ...(await computeMeta(inputs(over), ctx, { now: NOW, git })), git };
}

/** The event facts of a metadata-action-shaped row (compat/metadata-action.json, differential/metadata-action.json). */
export interface RowContext {
  event: string;
  ref: string;
  sha: string;
  pr?: { number: number; headRef: string; headSha: string; baseRef: string };
  defaultBranch?: string;
  commitDate?: string;
  baseRef?: string;
}

/** What the GitHub API answers for the repository of those rows. */
export interface RepositoryFacts {
  fullName: string;
  htmlUrl: string;
  description: string;
  license: string;
  defaultBranch: string;
}

/** The run context a row describes. */
export function rowContext(c: RowContext, r: RepositoryFacts): RunContext {
  const [owner = '', name = ''] = r.fullName.split('/');
  return {
    eventName: c.event,
    ref: c.ref,
    sha: c.sha,
    repo: {
      owner,
      name,
      fullName: r.fullName,
      htmlUrl: r.htmlUrl,
      defaultBranch: c.defaultBranch ?? r.defaultBranch,
      description: r.description,
      license: r.license,
    },
    serverUrl: 'https://github.com',
    runId: 1,
    runNumber: 1,
    actor: 'octocat',
    workflow: 'metadata',
    ...(c.pr ? { pr: { ...c.pr, fromFork: false } } : {}),
    ...(c.commitDate ? { commitDate: new Date(c.commitDate) } : {}),
    payload: c.baseRef !== undefined ? { base_ref: c.baseRef } : {},
  };
}

/**
 * A metadata-action-shaped row through this engine: its inputs as the action's settings, floating tags moving as
 * metadata-action moves them (forward-only is a default of ours, not a matter of tag syntax), the clock frozen at
 * `now`, git answering `commitDate` for the built commit.
 */
export function metaOfRow(
  inputs: Record<string, string>,
  ctx: RunContext,
  o: { now: Date; commitDate: Date; env?: Record<string, string> },
): Promise<MetaResult> {
  const settings = readSettings((n) => (n === 'floating-tags' ? 'always' : (inputs[n] ?? '')));
  return computeMeta(settings, ctx, {
    now: o.now,
    git: fakeGit({ commitDate: o.commitDate }),
    env: o.env ?? {},
  });
}
