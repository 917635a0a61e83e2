/**
 * The `test` commands (#23), run in every platform's image of the pushed index before any tag moves: `docker run
 * --platform P IMAGE@DIGEST` (QEMU runs a foreign platform), platforms side by side, each platform's commands in
 * order. A command past its timeout is killed by its container's name. Throws TestsFailed (kind `test`) when any
 * failed; the image docker ran is left as it found it.
 */
import { randomBytes } from 'node:crypto';
import {
  exitText,
  firstLines,
  testRun,
  TestsFailed,
  type TestCommand,
  type TestResult,
} from '../plan/tests.js';
import type { StepDeps } from './deps.js';

export interface TestSpec {
  /** IMAGE@DIGEST of the pushed index */
  ref: string;
  platforms: readonly string[];
  tests: readonly TestCommand[];
  version: string;
  network: boolean;
  timeoutS: number;
  /** the engine holds the image already (the docker driver's output): run it, never pull; else pull, then remove */
  local: boolean;
  /** ms since the run began (each result says when it started) */
  elapsed?: () => number;
}

async function runOne(d: StepDeps, spec: TestSpec, platform: string, test: TestCommand): Promise<TestResult> {
  const name = `crossbuild-test-${randomBytes(6).toString('hex')}`;
  const run = testRun(spec.ref, platform, test, {
    version: spec.version,
    network: spec.network,
    name,
    pull: spec.local ? 'never' : 'missing',
  });
  const killed = { timedOut: false };
  const timer = setTimeout(() => {
    killed.timedOut = true;
    void d.runner.run('docker', ['kill', name]).catch(() => undefined);
  }, spec.timeoutS * 1000);
  const at = spec.elapsed?.();
  try {
    const r = await d.runner.run('docker', run.args);
    const ok = r.code === 0 && !killed.timedOut;
    return {
      platform,
      test: test.line,
      ok,
      ms: r.ms,
      ...(at === undefined ? {} : { at }),
      ...(ok ? {} : { exit: exitText(r.code, killed.timedOut ? spec.timeoutS : undefined) }),
      output: firstLines(`${r.stdout}\n${r.stderr}`),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Every test on every platform; the results in platform order, then test order. */
export async function runTests(d: StepDeps, spec: TestSpec): Promise<TestResult[]> {
  const perPlatform = await Promise.all(
    spec.platforms.map(async (platform) => {
      const out: TestResult[] = [];
      for (const t of spec.tests) out.push(await runOne(d, spec, platform, t));
      return out;
    }),
  ).finally(async () => {
    // what docker pulled to run the tests goes again (nothing to wait for when it fails)
    if (!spec.local) await d.runner.run('docker', ['image', 'rm', spec.ref]).catch(() => undefined);
  });
  const results = perPlatform.flat();
  for (const r of results.filter((x) => !x.ok))
    d.log.info(
      `test: ${r.platform}: ${r.test} ${r.exit ?? ''}${r.output.length > 0 ? `:\n  ${r.output.join('\n  ')}` : ''}`,
    );
  if (results.some((r) => !r.ok)) throw new TestsFailed(results);
  return results;
}
