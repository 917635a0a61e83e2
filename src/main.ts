/** Wiring only: settings → metadata → plan → steps → outputs. Every failure becomes one setFailed line. */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { join } from 'node:path';
import { toRunContext, type RunContext } from './context.js';
import { messageOf } from './errors.js';
import { createRunner } from './exec.js';
import { createGitReader } from './git.js';
import { apiTagLister } from './github-api.js';
import { readSettings, type Settings } from './inputs.js';
import { setMetaOutputs } from './outputs.js';
import { runPipeline } from './pipeline.js';
import { makePlan, planArgv } from './plan/plan.js';
import { readDockerfile } from './dockerfile/read.js';
import { advise, hostPlatform, reportFindings } from './steps/advise.js';
import { renderSummary } from './summary.js';
import { computeMeta } from './tags/index.js';

/** Every secret is registered with the runner's masker before anything could print it. */
function maskSecrets(s: Settings): void {
  const values = [s.password, s['github-token'], ...s.secrets.map((l) => l.slice(l.indexOf('=') + 1))];
  for (const line of s.logins.split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts.length >= 3 && !line.includes(':')) values.push(parts.slice(2).join(' '));
    const m = /password:\s*(.+)$/.exec(line);
    if (m?.[1]) values.push(m[1].trim().replace(/^["']|["']$/g, ''));
  }
  for (const v of values) if (v !== '') core.setSecret(v);
}

export async function main(): Promise<void> {
  core.saveState('isPost', 'true');
  try {
    const settings = readSettings((n) => core.getInput(n));
    maskSecrets(settings);
    const ctx: RunContext = toRunContext(github.context);
    const runner = createRunner();
    const cwd = process.cwd();
    const git = createGitReader(
      runner,
      cwd,
      apiTagLister(settings['github-token'], ctx.repo.owner, ctx.repo.name),
      (m) => {
        core.info(m);
      },
    );
    const meta = await computeMeta(settings, ctx, { now: new Date(), git });
    for (const w of meta.warnings) core.warning(w);
    setMetaOutputs(meta);
    const dockerfile = readDockerfile(settings);
    const findings = advise(settings, dockerfile, [hostPlatform()]);
    reportFindings(findings, dockerfile, settings.emulation);
    const warnings = [...meta.warnings, ...findings.map((f) => `${dockerfile.path}:${f.line}: ${f.message}`)];

    if (settings['dry-run']) {
      const driver = settings.driver === 'auto' || settings.driver === 'docker' ? 'docker' : 'other';
      const plan = makePlan({
        settings,
        ctx,
        meta,
        declaredArgs: dockerfile.declaredArgs,
        driver,
        builder: settings.builder,
        metadataFile: join(process.env.RUNNER_TEMP ?? '/tmp', 'crossbuild-metadata.json'),
      });
      const argv = planArgv(plan);
      await core.group('Plan (dry run: no docker, no registry)', () => {
        core.info(`version: ${meta.version}`);
        core.info(`tags:\n  ${meta.tags.join('\n  ')}`);
        core.info(`docker ${argv.join(' ')}`);
        return Promise.resolve();
      });
      const summary = renderSummary({ ctx, plan, argv, dryRun: true, steps: [], warnings });
      await core.summary.addRaw(summary).write();
      return;
    }
    await runPipeline({ settings, ctx, meta, dockerfile, runner, warnings });
  } catch (err) {
    core.setFailed(messageOf(err));
  }
}
