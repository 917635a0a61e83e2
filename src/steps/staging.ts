/**
 * The staging tag of the docker driver and of multi-node builders (src/plan/plan.ts says why and how it is named):
 * BuildKit pushes the image to every repository under a tag no user pulls. Once BuildKit's push is done everything
 * reads by digest, so the tag goes from every registry and from dockerd while the proof runs (with `load`, dockerd's
 * copy first gets the user's tags).
 */
import { docker } from '../docker/command.js';
import type { Plan } from '../plan/plan.js';
import type { RegistryClient } from '../registry/client.js';
import { removeStagingTag } from '../registry/pushed.js';
import { parseRepository, splitReference } from '../registry/reference.js';
import type { StepDeps } from './deps.js';

/** The staging references of the plan's output: `repository:tag` each. */
function stagingNames(plan: Plan): string[] {
  const out = plan.spec.output;
  return out.kind === 'registry' && !out.byDigest ? out.names : [];
}

/** `load` on the docker driver: the proven image gets the user's tags in docker. */
export async function loadTags(d: StepDeps, plan: Plan): Promise<void> {
  const from = stagingNames(plan)[0];
  if (from === undefined) return;
  for (const tag of plan.meta.tags.filter((t) => t.includes(':')))
    await docker(d.runner, 'load', ['image', 'tag', from, tag]);
}

/** Removes the staging tag from every registry (in parallel); returns the references left. */
export async function removeStagingTags(client: RegistryClient, plan: Plan): Promise<string[]> {
  const gone = await Promise.all(
    stagingNames(plan).map((name) => {
      const { image, ref } = splitReference(name);
      return removeStagingTag(client.forStep('staging'), parseRepository(image), ref).catch(() => false);
    }),
  );
  return stagingNames(plan).filter((_, i) => !gone[i]);
}

/**
 * Removes dockerd's copy under this run's staging name (with `load` the image stays under the user's tags, so this
 * is only an untag). Never throws: a copy left behind is nothing to fail a release for.
 */
export async function untagLocal(d: StepDeps, plan: Plan): Promise<void> {
  const names = stagingNames(plan);
  if (names.length > 0 && plan.driver === 'docker')
    await d.runner.run('docker', ['image', 'rm', ...names]).catch(() => undefined);
}
