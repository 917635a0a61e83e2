/**
 * mode: build, after the platforms are pushed by digest, proven and read back: one staging reference per platform
 * (src/stage/stage.ts), written and confirmed (read back when the registry's answer does not name its digest). No
 * tag of the image moves here; the merge job does that.
 */
import { StepError } from '../errors.js';
import type { ImageTree } from '../registry/layout.js';
import { checkTags, putTags } from '../registry/push.js';
import { parseRepository } from '../registry/reference.js';
import { platformDescriptors, stageIndex, type StageSpec } from '../stage/stage.js';
import type { RegistryClient } from '../registry/client.js';
import type { StepDeps } from './deps.js';

export async function stagePlatforms(
  d: StepDeps,
  client: RegistryClient,
  spec: StageSpec,
  built: ImageTree,
  job: string,
  ms: number,
): Promise<string[]> {
  const repo = parseRepository(spec.image);
  const refs: string[] = [];
  for (const s of spec.refs) {
    const descriptors = platformDescriptors(built.root, s.platform);
    if (descriptors.length === 0)
      throw new StepError('stage', `${s.platform} is not in what was built; check platforms`, 'input');
    const root = stageIndex(descriptors, { platform: s.platform, sha: spec.sha, run: spec.run, job, ms });
    const tree: ImageTree = { root, children: [], blobs: [], path: (digest) => built.path(digest) };
    const problems = await checkTags(client, repo, tree, await putTags(client, repo, tree, [s.tag]));
    if (problems.length > 0) throw new StepError('stage', problems.join('; '), 'proof');
    refs.push(`${spec.image}:${s.tag}`);
    d.log.info(`staged ${s.platform} as ${spec.image}:${s.tag}`);
  }
  return refs;
}
