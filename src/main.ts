/** Wiring only: settings → metadata → plan → steps → outputs. Every failure becomes one setFailed line. */
import * as core from '@actions/core';
import * as github from '@actions/github';
import { toRunContext, type RunContext } from './context.js';
import { messageOf } from './errors.js';
import { parseLogins, secretsOf } from './docker/login.js';
import { createRunner } from './exec.js';
import { createGitReader } from './git.js';
import { apiTagLister } from './github-api.js';
import { readSettings, type Settings } from './inputs.js';
import { setMetaOutputs } from './outputs.js';
import { runPipeline } from './pipeline.js';
import { readDockerfile } from './dockerfile/read.js';
import { advise, hostPlatform, reportFindings } from './steps/advise.js';
import { dryRun } from './steps/dry-run.js';
import { computeMeta } from './tags/index.js';

/** Every secret is registered with the runner's masker before anything could print it. */
function maskSecrets(s: Settings): void {
  const values = [s.password, s['github-token'], ...s.secrets.map((l) => l.slice(l.indexOf('=') + 1))];
  values.push(...secretsOf(parseLogins(s.logins)));
  for (const v of values) if (v !== '') core.setSecret(v);
}

/** One line for the annotation; a multi-line error (verification lists every problem) keeps its detail in a group. */
function fail(message: string): void {
  const [first = '', ...detail] = message.split('\n');
  if (detail.length === 0) {
    core.setFailed(first);
    return;
  }
  core.startGroup('Error details');
  for (const d of detail) core.info(d);
  core.endGroup();
  core.setFailed(`${first} (listed in "Error details" and the job summary)`);
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
      await dryRun(settings, ctx, meta, dockerfile, warnings);
      return;
    }
    await runPipeline({ settings, ctx, meta, dockerfile, runner, warnings });
  } catch (err) {
    fail(messageOf(err));
  }
}
