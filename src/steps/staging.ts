/**
 * The staging tag of the docker driver and of multi-node builders (src/plan/plan.ts says why): BuildKit pushes the
 * image to every repository under one per-run tag no user pulls, and dockerd keeps it under that name. Once the tags moved (or
 * the run failed), the staging tag goes from every registry and from docker; with `load`, docker gets the user's tags
 * first, on the proven image.
 */
import { docker } from '../docker/command.js';
import type { Plan } from '../plan/plan.js';
import type { RegistryClient } from '../registry/client.js';
import { removeStagingTag } from '../registry/push.js';
import { parseRepository } from '../registry/reference.js';
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
      const colon = name.lastIndexOf(':');
      const repo = parseRepository(name.slice(0, colon));
      return removeStagingTag(client.forStep('staging'), repo, name.slice(colon + 1)).catch(() => false);
    }),
  );
  return stagingNames(plan).filter((_, i) => !gone[i]);
}

/**
 * Untags dockerd's copy (the docker driver keeps what it pushed under the staging name). Only untags: the image stays
 * in docker under the user's tags when loaded, and its layers serve the next build. Nothing to wait for when it fails.
 */
export async function untagLocal(d: StepDeps, plan: Plan): Promise<void> {
  const names = stagingNames(plan);
  if (names.length > 0 && plan.driver === 'docker') await d.runner.run('docker', ['image', 'rm', ...names]);
}
