/** The action's RunSpec for a v1.2.3 tag push of `repo` built from `cwd`: the e2e suites' common release. */
import type { RunSpec } from '../../scripts/local-runner.mjs';
import { tagPush } from '../fixtures/events.js';
import { REGISTRY } from './registry.js';

export function tagPushSpec(
  repo: string,
  cwd: string,
  platforms: readonly string[],
  inputs: Record<string, string> = {},
): RunSpec {
  const e = tagPush('v1.2.3');
  return {
    inputs: {
      images: `${REGISTRY}/${repo}`,
      platforms: platforms.join(','),
      'floating-tags': 'always',
      // a registry cache would add an IMAGE:buildcache tag; the cache has its own test
      cache: 'off',
      ...inputs,
    },
    github: e.env,
    event: e.payload,
    cwd,
  };
}
