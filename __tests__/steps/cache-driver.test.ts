import { describe, expect, test } from 'vitest';
import type { CachePlan } from '../../src/cache/plan.js';
import { fitCacheToDriver } from '../../src/steps/cache.js';

const registry: CachePlan = {
  mode: 'registry',
  why: 'cache: registry beside the image',
  cacheFrom: ['type=registry,ref=r/app:buildcache'],
  cacheTo: ['type=registry,ref=r/app:buildcache,mode=max,ignore-error=true'],
};

describe('cache exports and the docker driver', () => {
  test.each<[string, CachePlan, boolean, string[]]>([
    ['classic store: imports kept, exports dropped', registry, true, []],
    ['containerd store: unchanged', registry, false, registry.cacheTo],
    ['the user’s own lines are never rewritten', { ...registry, mode: 'user' }, true, registry.cacheTo],
  ])('%s', (_name, plan, classic, cacheTo) => {
    const got = fitCacheToDriver(plan, classic);
    expect(got.cacheTo).toEqual(cacheTo);
    expect(got.cacheFrom).toEqual(plan.cacheFrom);
    if (classic && plan.mode !== 'user')
      expect(got.why).toMatch(/no cache export: the docker driver exports cache only/);
  });
});
