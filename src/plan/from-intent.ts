/** The Plan of an Intent once the builder and the cache plan are known (the real run and the dry run alike). Pure. */
import { join } from 'node:path';
import type { CachePlan } from '../cache/plan.js';
import { runsImage, type Intent } from '../intent.js';
import { makePlan, stagingTag, tagPlan, type Plan, type PublishPlan } from './plan.js';

/** Where buildx writes its metadata file and the OCI layout. */
const metadataFile = (tempDir: string): string => join(tempDir, 'crossbuild-metadata.json');
const layoutDir = (tempDir: string): string => join(tempDir, 'crossbuild-oci');

export function planFor(
  intent: Intent,
  tempDir: string,
  builder: { name: string; driver: string; nodes?: number },
  cache: Pick<CachePlan, 'cacheFrom' | 'cacheTo'>,
  runTag = stagingTag(intent.ctx.sha),
): Plan {
  return makePlan({
    settings: intent.settings,
    ctx: intent.ctx,
    meta: intent.meta,
    push: intent.push,
    job: intent.job,
    verifyArch: intent.verifyArch,
    testsLayout: !intent.push && intent.structure.length > 0,
    runsImage: runsImage(intent),
    declaredArgs: intent.dockerfile.declaredArgs,
    driver: builder.driver === 'docker' ? 'docker' : 'other',
    builder: builder.name,
    metadataFile: metadataFile(tempDir),
    layoutDir: layoutDir(tempDir),
    nodes: builder.nodes ?? 1,
    runTag,
    cacheFrom: cache.cacheFrom,
    cacheTo: cache.cacheTo,
  });
}

/**
 * The tags and checks of a build, without a build: mode: merge publishes the index it makes from the staged platforms,
 * skip-unchanged the index it found for this commit.
 */
export function indexPlan(intent: Intent): PublishPlan {
  const s = intent.settings;
  return {
    meta: intent.meta,
    platforms: s.platforms,
    push: intent.push,
    tagPlan: intent.push ? tagPlan(intent.meta) : [],
    verify: intent.push && s.verify,
    verifyArch: false,
    perArchTags: intent.push && s['per-arch-tags'],
  };
}
