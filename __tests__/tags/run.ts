/** Shared driver for the tag-engine tests: frozen clock, fake git, metadata-action-shaped inputs. */
import type { RunContext } from '../../src/context.js';
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
