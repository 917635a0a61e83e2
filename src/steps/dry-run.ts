/** dry-run: the whole plan and everything the real run would do, as outputs, log and summary; no docker. */
import type { Log } from '../action-io.js';
import { loginArgs } from '../logins.js';
import { shellQuote } from '../shell.js';
import type { Intent } from '../intent.js';
import { indexPlan, planFor } from '../plan/from-intent.js';
import { planArgv, pushTargets, type Plan, type PublishPlan } from '../plan/plan.js';
import type { StageSpec } from '../stage/stage.js';
import { fileTestCount, probesFor } from '../plan/structure.js';
import { testBuild, testRun, type Probe } from '../plan/tests.js';
import { assembleResult, type Result } from '../result.js';
import { decideCache } from './cache.js';

/** The registry work after the build, as comment lines (it is HTTP, not docker commands). */
function registryLines(
  plan: PublishPlan & Pick<Partial<Plan>, 'stageTag'>,
  stage?: StageSpec,
  /** BuildKit pushed it (a build); the merge job pushes its index itself */
  buildkit = false,
  /** the tests, run after the read-back and the proof, before any tag */
  tests: readonly string[] = [],
): string[] {
  // a build not pushed: only what reads its layout (a structure file's metadata and file tests)
  if (!plan.push) return [...tests];
  const digest = 'sha256:<index digest>';
  const how = plan.stageTag ? `under :${plan.stageTag}` : 'by digest';
  const lines = pushTargets(plan.meta).map((i) =>
    buildkit
      ? `# registry: read back ${i}@${digest} (BuildKit pushed it ${how}), prove each platform from its layers`
      : `# registry: push ${i}@${digest} by digest (blobs, manifests, index), read it back`,
  );
  lines.push(...tests);
  if (stage && plan.tagPlan.length === 0) {
    for (const r of stage.refs) lines.push(`# registry: stage ${r.platform} as ${stage.image}:${r.tag}`);
    return lines;
  }
  for (const floating of [false, true]) {
    for (const t of plan.tagPlan) {
      const tags = t.order.filter((x) => t.floating.includes(x) === floating);
      if (tags.length > 0)
        lines.push(`# registry: tag ${tags.map((x) => `${t.image}:${x}`).join(' ')} → ${digest}`);
    }
  }
  if (stage) lines.push(`# registry: remove ${stage.refs.map((r) => `${stage.image}:${r.tag}`).join(' ')}`);
  if (plan.stageTag)
    lines.push(
      `# registry: remove ${pushTargets(plan.meta)
        .map((i) => `${i}:${plan.stageTag ?? ''}`)
        .join(' ')}`,
    );
  return lines;
}

/** The attestation, when the run signs one: how, where it goes, what it must show. */
function attestLines(intent: Intent): string[] {
  const a = intent.attest;
  if (!a) return [];
  const how =
    a.signer.kind === 'key'
      ? 'with attest-key'
      : `keyless: an OIDC token (${a.signer.token === 'github' ? "GitHub's" : 'SIGSTORE_ID_TOKEN'}) for a certificate from ${a.signer.fulcio}`;
  const witnesses = [a.rekor && `log ${a.rekor}`, a.tsa && `timestamp ${a.tsa}`].filter(Boolean).join(', ');
  const expect = [a.identity.san, a.identity.issuer].filter(Boolean).join(' from ');
  return [
    `# attest: sign the SLSA provenance (${how}${witnesses ? `; ${witnesses}` : ''}), attach it to ${pushTargets(intent.meta).join(', ')}@sha256:<index digest> as an OCI referrer, read it back and verify${expect ? ` (signer ${expect})` : ''}; then the tags`,
  ];
}

/** Each platform's `test` commands, as the real run starts them (the digest and the container's name unknown yet). */
function testLines(intent: Intent, plan: Plan): string[] {
  const ref = `${pushTargets(intent.meta)[0] ?? ''}@sha256:<index digest>`;
  const o = {
    version: intent.meta.version,
    network: intent.settings['test-network'],
    name: 'crossbuild-test-<id>',
    pull: plan.driver === 'docker' ? ('never' as const) : ('missing' as const),
  };
  const run = (p: string, probe: Probe) => {
    if (plan.driver === 'docker') return shellQuote(['docker', ...testRun(ref, p, probe, o)]);
    // any other builder runs it itself, its Dockerfile in a file of the run's own
    const b = testBuild(ref, p, probe, {
      ...o,
      builder: plan.spec.builder,
      run: '<id>',
      context: '<dir>/context',
      file: '<dir>/<id>.Dockerfile',
      timeoutS: intent.settings['test-timeout'],
    });
    return `cat > '<dir>/<id>.Dockerfile' <<'EOF'\n${b.dockerfile}EOF\n${shellQuote(b.command)}`;
  };
  return [
    ...intent.structure
      .filter((f) => f.metadataTest)
      .map((f) => `# test: ${f.path}: metadataTest, against each platform's config`),
    ...intent.structure
      .filter((f) => fileTestCount(f) > 0)
      .map(
        (f) =>
          `# test: ${f.path}: ${fileTestCount(f)} file test(s), against each platform's layers ${plan.push ? 'read back from the registry' : 'in the build’s layout'}`,
      ),
    ...plan.platforms.flatMap((p) =>
      probesFor(p, o.version, intent.tests, intent.structure).map((probe) => run(p, probe)),
    ),
  ];
}

/** mode: merge builds nothing: it reads the staged platforms, checks them and makes the index. */
function mergeLines(stage: StageSpec | undefined): string[] {
  if (!stage) return ['# nothing to merge: this run does not push'];
  return [
    ...stage.refs.map(
      (r) =>
        `# registry: read ${stage.image}:${r.tag} (${r.platform}): commit ${stage.sha.slice(0, 12)}, platform`,
    ),
    `# registry: make one index of ${stage.refs.length} platform(s)`,
  ];
}

export async function dryRun(
  intent: Intent,
  log: Log,
  env: NodeJS.ProcessEnv,
  tempDir: string,
): Promise<Result> {
  const s = intent.settings;
  if (intent.job === 'merge') return dryMerge(intent, log);
  // without docker the engine is unknown: `auto` is shown as the docker driver (containerd image store)
  const driver = s.driver === 'auto' || s.driver === 'docker' ? 'docker' : 'other';
  const cache = await decideCache(log, intent, env, tempDir, false);
  // what the real run passes: the named builder, the engine's own (docker driver), or one it creates
  const builder = s.builder || (driver === 'docker' ? 'default' : 'crossbuild-<id>');
  const plan = planFor(intent, tempDir, { name: builder, driver }, cache);
  const argv = planArgv(plan);
  const around = {
    before: intent.logins.map((l) => shellQuote(['docker', ...loginArgs(l)])),
    after: registryLines(plan, intent.stage, true, [...testLines(intent, plan), ...attestLines(intent)]),
  };
  await log.group('Plan (dry run: no docker, no registry)', () => {
    log.info(`version: ${intent.meta.version}`);
    log.info(`tags:\n  ${intent.meta.tags.join('\n  ')}`);
    for (const c of [...around.before, shellQuote(['docker', ...argv]), ...around.after]) log.info(c);
    return Promise.resolve();
  });
  return assembleResult(intent, [{ argv, cache: cache.why, around }]);
}

async function dryMerge(intent: Intent, log: Log): Promise<Result> {
  const lines = [
    ...mergeLines(intent.stage),
    ...registryLines(indexPlan(intent), intent.stage, false, attestLines(intent)),
  ];
  await log.group('Plan (dry run, mode: merge: no docker, no registry)', () => {
    for (const l of lines) log.info(l);
    return Promise.resolve();
  });
  return assembleResult(intent, [{ around: { before: lines, after: [] } }]);
}
