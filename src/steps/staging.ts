/**
 * The staging tag of the docker driver and of multi-node builders (src/plan/plan.ts says why and how it is named):
 * BuildKit pushes the image to every repository under a tag no user pulls. Once BuildKit's push is done everything
 * reads by digest, so the tag goes from every registry while the proof runs. dockerd keeps a copy only for `load` (it
 * first gets the user's tags) or for tests that run the image (it then keeps the repository's one local name,
 * localStagingName); otherwise BuildKit was told not to store one (`store=false`, src/plan/plan.ts).
 */
import { docker } from '../docker/command.js';
import type { EngineApi } from '../docker/engine-api.js';
import { dockerdCopy, type Plan } from '../plan/plan.js';
import type { RegistryClient } from '../registry/client.js';
import { removeStagingTag } from '../registry/pushed.js';
import { parseRepository, splitReference } from '../registry/reference.js';
import type { StepDeps } from './deps.js';

/** The staging references of the plan's output: `repository:tag` each. */
function stagingNames(plan: Plan): string[] {
  const out = plan.spec.output;
  return out.kind === 'registry' && !out.byDigest ? out.names : [];
}

/** The steps that move names in dockerd: its API where there is one (engine-api.ts), else the CLI. */
type LocalDeps = StepDeps & { engine?: EngineApi | undefined };

/** `docker image tag`, through the API first: the CLI, on its own or when the API fails, says what went wrong. */
async function tagLocal(d: LocalDeps, from: string, to: string): Promise<void> {
  if (d.engine) {
    const done = await d.engine.tag(from, to).then(
      () => true,
      () => false,
    );
    if (done) return;
  }
  await docker(d.runner, 'load', ['image', 'tag', from, to]);
}

/** `load` on the docker driver: the proven image gets the user's tags in docker. */
export async function loadTags(d: LocalDeps, plan: Plan): Promise<void> {
  const from = stagingNames(plan)[0];
  if (from === undefined) return;
  for (const tag of plan.meta.tags.filter((t) => t.includes(':'))) await tagLocal(d, from, tag);
}

/**
 * Removes the staging tag from every registry (in parallel); returns the references left. `pushed`: BuildKit's push
 * finished (every name is there).
 */
export async function removeStagingTags(
  client: RegistryClient,
  plan: Plan,
  pushed = false,
): Promise<string[]> {
  const gone = await Promise.all(
    stagingNames(plan).map((name) => {
      const { image, ref } = splitReference(name);
      return removeStagingTag(client.forStep('staging'), parseRepository(image), ref, pushed).catch(
        () => false,
      );
    }),
  );
  return stagingNames(plan).filter((_, i) => !gone[i]);
}

/**
 * dockerd's copy of a run keeps one name per repository: `REPO:crossbuild-push`, never pushed. Deleting an image's
 * last name costs ~0.6 s (containerd collects its garbage synchronously), more than a cached one-platform build; moving
 * a name costs ~20 ms. The copy a run before left under it becomes dangling, as the images raw `buildx build -t`
 * moves a tag off do (`docker image prune` removes them).
 */
const localStagingName = (reference: string): string => `${splitReference(reference).image}:crossbuild-push`;

/**
 * Takes this run's staging name off dockerd's copy: the copy moves to the repository's one local name (with `load` it
 * already has the user's tags, so this is only an untag). Never throws: a name left behind is nothing to fail a
 * release for.
 */
export async function untagLocal(d: LocalDeps, plan: Plan, load: boolean): Promise<void> {
  const names = stagingNames(plan);
  if (names.length === 0 || !dockerdCopy(plan)) return;
  if (!load) for (const n of names) await tagLocal(d, n, localStagingName(n)).catch(() => undefined);
  const api = d.engine;
  const failed = api
    ? await Promise.all(
        names.map((n) =>
          api.remove(n).then(
            () => false,
            () => true,
          ),
        ),
      )
    : [];
  const left = api ? names.filter((_, i) => failed[i]) : names;
  if (left.length > 0) await d.runner.run('docker', ['image', 'rm', ...left]).catch(() => undefined);
}
