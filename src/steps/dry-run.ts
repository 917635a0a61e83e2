/** dry-run: the whole plan and everything the real run would do, as outputs, log and summary; no docker. */
import type { Log } from '../action-io.js';
import { loginArgs } from '../docker/login.js';
import { shellQuote } from '../exec.js';
import type { Intent } from '../intent.js';
import { planFor } from '../plan/from-intent.js';
import { planArgv, type Plan } from '../plan/plan.js';
import { newResult, type Result } from '../result.js';
import { decideCache } from './cache.js';

/** The registry work after the build, as comment lines (it is HTTP, not docker commands). */
export function registryLines(plan: Plan): string[] {
  if (!plan.push) return [];
  const digest = 'sha256:<index digest>';
  const lines = plan.meta.images.map(
    (i) => `# registry: push ${i}@${digest} by digest (blobs, manifests, index), read it back`,
  );
  for (const floating of [false, true]) {
    for (const t of plan.tagPlan) {
      const tags = t.order.filter((x) => t.floating.includes(x) === floating);
      if (tags.length > 0)
        lines.push(`# registry: tag ${tags.map((x) => `${t.image}:${x}`).join(' ')} → ${digest}`);
    }
  }
  return lines;
}

export async function dryRun(
  intent: Intent,
  log: Log,
  env: NodeJS.ProcessEnv,
  tempDir: string,
): Promise<Result> {
  const s = intent.settings;
  // without docker the engine is unknown: `auto` is shown as the docker driver (containerd image store)
  const driver = s.driver === 'auto' || s.driver === 'docker' ? 'docker' : 'other';
  const cache = await decideCache(log, intent, env, tempDir, false);
  // what the real run passes: the named builder, the engine's own (docker driver), or one it creates
  const builder = s.builder || (driver === 'docker' ? 'default' : 'crossbuild-<id>');
  const plan = planFor(intent, tempDir, { name: builder, driver }, cache);
  const result = newResult(intent);
  const argv = planArgv(plan);
  result.argv = argv;
  result.cache = cache.why;
  const around = {
    before: intent.logins.map((l) => shellQuote(['docker', ...loginArgs(l)])),
    after: registryLines(plan),
  };
  result.around = around;
  await log.group('Plan (dry run: no docker, no registry)', () => {
    log.info(`version: ${intent.meta.version}`);
    log.info(`tags:\n  ${intent.meta.tags.join('\n  ')}`);
    for (const c of [...around.before, shellQuote(['docker', ...argv]), ...around.after]) log.info(c);
    return Promise.resolve();
  });
  return result;
}
