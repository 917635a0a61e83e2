/**
 * The `test` commands and `structure-tests` files (#23), run in every platform's image of the pushed index before any
 * tag moves: `docker run --platform P IMAGE@DIGEST` (QEMU runs a foreign platform), platforms side by side, each
 * platform's commands in order; a structure file's metadataTest is judged from the platform's config, run-free. A
 * command past its timeout is killed by its container's name. A builder other than the docker driver runs each
 * command itself instead (testBuild: no docker engine needed beside it, each platform on its own node). Throws
 * TestsFailed (kind `test`) when any failed; the image docker ran is left as it found it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { messageOf, StepError } from '../errors.js';
import type { Json } from '../json.js';
import {
  contentNames,
  fileResults,
  fileTestCount,
  metadataProblems,
  probesFor,
  type StructureFile,
} from '../plan/structure.js';
import type { RootFs } from '../proof/rootfs.js';
import { WHOLE_LIMIT } from '../proof/tar.js';
import {
  exitText,
  firstLines,
  testBuild,
  testBuildResult,
  testRun,
  TestsFailed,
  type Probe,
  type TestCommand,
  type TestResult,
} from '../plan/tests.js';
import type { StepDeps } from './deps.js';

export interface TestSpec {
  /** IMAGE@DIGEST of the pushed index */
  ref: string;
  platforms: readonly string[];
  tests: readonly TestCommand[];
  structure?: readonly StructureFile[];
  /** each platform's image config (a structure file's metadataTest reads it) */
  configs?: Readonly<Record<string, Json>>;
  /**
   * a platform image's file system, every layer read from the registry and hashed, the files named in `whole` (base
   * names) kept whole: what the file tests read (needed only when a structure file has them)
   */
  files?: (platform: string, whole: ReadonlySet<string>) => Promise<RootFs>;
  version: string;
  network: boolean;
  timeoutS: number;
  /** the engine holds the image already (the docker driver's output): run it, never pull; else pull, then remove */
  local: boolean;
  /**
   * run each command on this buildx builder instead of `docker run` (builders with no docker engine beside them:
   * remote, kubernetes, docker-container): testBuild
   */
  builder?: string;
  /** ms since the run began (each result says when it started) */
  elapsed?: () => number;
}

/** The result row of one probe's run (`problem` undefined when it passed). */
function resultOf(
  platform: string,
  probe: Probe,
  r: { ms: number; output: string },
  problem: string | undefined,
  at: number | undefined,
): TestResult {
  return {
    platform,
    test: probe.label,
    ok: problem === undefined,
    ms: r.ms,
    ...(at === undefined ? {} : { at }),
    ...(problem === undefined ? {} : { exit: problem }),
    output: firstLines(r.output),
  };
}

/** One probe run by the builder (testBuild), under `timeout`. */
async function runOnBuilder(
  d: StepDeps,
  spec: TestSpec,
  builder: { name: string; dir: string },
  platform: string,
  probe: Probe,
): Promise<TestResult> {
  const run = randomBytes(6).toString('hex');
  const file = join(builder.dir, `${run}.Dockerfile`);
  const { command, dockerfile } = testBuild(spec.ref, platform, probe, {
    version: spec.version,
    network: spec.network,
    builder: builder.name,
    run,
    context: join(builder.dir, 'context'),
    file,
    timeoutS: spec.timeoutS,
  });
  await writeFile(file, dockerfile);
  const at = spec.elapsed?.();
  const [program = 'timeout', ...args] = command;
  const r = await d.runner.run(program, args).catch((err: unknown) => {
    // no coreutils `timeout` on this runner (the wrapper throws for a missing program)
    throw new StepError(
      'test',
      `${platform}: ${probe.label}: cannot start ${program} (${messageOf(err)})`,
      'engine',
    );
  });
  // 124: timeout ended it (137: it had to kill it)
  const timedOut = r.code === 124 || r.code === 137;
  const ran = testBuildResult(`${r.stderr}\n${r.stdout}`, r.code);
  const problem = timedOut
    ? exitText(r.code, spec.timeoutS)
    : probe.judge({ code: ran.code, stdout: ran.output, stderr: ran.output });
  return resultOf(platform, probe, { ms: r.ms, output: ran.output }, problem, at);
}

async function runOne(d: StepDeps, spec: TestSpec, platform: string, probe: Probe): Promise<TestResult> {
  const name = `crossbuild-test-${randomBytes(6).toString('hex')}`;
  const args = testRun(spec.ref, platform, probe, {
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
    const r = await d.runner.run('docker', args);
    const problem = killed.timedOut ? exitText(r.code, spec.timeoutS) : probe.judge(r);
    return resultOf(platform, probe, { ms: r.ms, output: `${r.stdout}\n${r.stderr}` }, problem, at);
  } finally {
    clearTimeout(timer);
  }
}

/** A structure file's metadataTest on one platform: read from its config, nothing run. */
function metadataResults(spec: TestSpec, platform: string): TestResult[] {
  return (spec.structure ?? []).flatMap((f) => {
    if (!f.metadataTest) return [];
    const problems = metadataProblems(spec.configs?.[platform] ?? {}, f.metadataTest);
    return [
      {
        platform,
        test: `${f.path}: metadataTest`,
        ok: problems.length === 0,
        ms: 0,
        ...(problems.length > 0 ? { exit: problems.join('; ') } : {}),
        output: [],
      },
    ];
  });
}

/**
 * A structure file's fileExistenceTests and fileContentTests on one platform: answered from its layers, nothing run.
 * A content test's file reached through a link is read whole in a second pass under its target's name.
 */
async function fileTestResults(spec: TestSpec, platform: string): Promise<TestResult[]> {
  const files = (spec.structure ?? []).filter((f) => fileTestCount(f) > 0);
  if (files.length === 0) return [];
  const at = spec.elapsed?.();
  const started = Date.now();
  const results = (label: string, problems: string[]): TestResult => ({
    platform,
    test: label,
    ok: problems.length === 0,
    ms: Date.now() - started,
    ...(at === undefined ? {} : { at }),
    ...(problems.length > 0 ? { exit: problems.join('; ') } : {}),
    output: [],
  });
  if (!spec.files) return files.map((f) => results(`${f.path}: file tests`, ['no layers to read']));
  const whole = contentNames(files);
  let fs: RootFs;
  try {
    fs = await spec.files(platform, whole);
    const behindLinks = files
      .flatMap((f) => f.fileContentTests.map((t) => fs.file(t.path)))
      .filter((f) => f !== undefined && f.head.length < Math.min(f.size, WHOLE_LIMIT))
      .map((f) => posix.basename(f?.target ?? ''));
    if (behindLinks.length > 0) fs = await spec.files(platform, new Set([...whole, ...behindLinks]));
  } catch (err) {
    return files.map((f) => results(`${f.path}: file tests`, [`layers not read: ${messageOf(err)}`]));
  }
  return fileResults(files, fs, spec.configs?.[platform] ?? {}).map((r) => results(r.label, r.problems));
}

/** Every test on every platform; the results in platform order, then test order (metadata first). */
export async function runTests(d: StepDeps, spec: TestSpec): Promise<TestResult[]> {
  // on a builder: a directory of the run's own holding an empty build context and each probe's Dockerfile
  const dir = spec.builder ? await mkdtemp(join(d.tempDir, 'crossbuild-test-')) : undefined;
  if (dir) await mkdir(join(dir, 'context'));
  const builder = spec.builder && dir ? { name: spec.builder, dir } : undefined;
  const perPlatform = await Promise.all(
    spec.platforms.map(async (platform) => {
      const out = [...metadataResults(spec, platform), ...(await fileTestResults(spec, platform))];
      for (const p of probesFor(platform, spec.version, spec.tests, spec.structure ?? []))
        out.push(
          await (builder ? runOnBuilder(d, spec, builder, platform, p) : runOne(d, spec, platform, p)),
        );
      return out;
    }),
  ).finally(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    // what docker pulled to run the tests goes again (nothing to wait for when it fails)
    else if (!spec.local) await d.runner.run('docker', ['image', 'rm', spec.ref]).catch(() => undefined);
  });
  const results = perPlatform.flat();
  for (const r of results.filter((x) => !x.ok))
    d.log.info(
      `test: ${r.platform}: ${r.test} ${r.exit ?? ''}${r.output.length > 0 ? `:\n  ${r.output.join('\n  ')}` : ''}`,
    );
  if (results.some((r) => !r.ok)) throw new TestsFailed(results);
  return results;
}
