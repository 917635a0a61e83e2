/**
 * The `test` input (#23): commands run in every platform's image of the release, on the pushed digest, before any
 * tag moves. Pure: reading the lines (split as a shell splits them, run without one: distroless and scratch images
 * have none), each platform's environment, the `docker run` that runs one, and the verdicts' wording.
 */
import { parse } from 'shell-quote';
import { InputError, StepError } from '../errors.js';
import { inputLines } from '../lines.js';

export interface TestCommand {
  /** the line as written (what the summary and the errors show) */
  line: string;
  /** program and arguments, `$NAME` left for the platform's environment */
  argv: string[];
}

/** Variables each test gets, per platform (and the only ones its arguments may name). */
export const TEST_VARS = ['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'VERSION'] as const;

const words = (line: string, env: (name: string) => string) => parse(line, env);

/** The `test` input's lines; a line a shell alone could run (a pipe, `&&`, a glob) fails naming it. */
export function parseTests(text: string): TestCommand[] {
  return inputLines(text).map((line, i) => {
    const argv: string[] = [];
    for (const w of words(line, (name) => `$${name}`)) {
      if (typeof w === 'string') argv.push(w);
      else if ('comment' in w) break;
      else {
        const what = 'op' in w && w.op === 'glob' ? w.pattern : 'op' in w ? w.op : '?';
        throw new InputError(
          'test',
          `line ${i + 1}: "${what}" needs a shell, and a test runs without one; write sh -c '${line.replace(/'/g, "'\\''")}' where the image has a shell`,
        );
      }
    }
    if (argv.length === 0) throw new InputError('test', `line ${i + 1} has no command`);
    return { line, argv };
  });
}

/** The environment a test of `platform` runs with. */
export function testEnv(platform: string, version: string): Record<(typeof TEST_VARS)[number], string> {
  const [os = '', arch = '', variant = ''] = platform.split('/');
  return {
    TARGETPLATFORM: platform,
    TARGETOS: os,
    TARGETARCH: arch,
    TARGETVARIANT: variant,
    VERSION: version,
  };
}

/** The command's words with this platform's `$NAME`s put in (an unknown name stays as written). */
export function testArgv(t: TestCommand, env: Readonly<Record<string, string>>): string[] {
  return t.argv.map((w) =>
    w.replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a?: string, b?: string) => env[a ?? b ?? ''] ?? m),
  );
}

/** One command to run in a platform's image, and how its run is judged (a problem, or undefined when it passed). */
export interface Probe {
  /** what the summary calls it: the `test` line, or `FILE: NAME` of a structure test */
  label: string;
  program: string;
  args: string[];
  /** besides the platform's variables */
  env: Record<string, string>;
  judge: (r: { code: number; stdout: string; stderr: string }) => string | undefined;
}

/** A `test` line: passes when it exits 0. */
export function lineProbe(t: TestCommand, env: Readonly<Record<string, string>>): Probe {
  const [program = '', ...args] = testArgv(t, env);
  return {
    label: t.line,
    program,
    args,
    env: {},
    judge: (r) => (r.code === 0 ? undefined : exitText(r.code)),
  };
}

/**
 * `docker run` of one probe: the platform's image of `ref` (IMAGE@DIGEST of the index), the program as the entrypoint
 * (the image's own is replaced), no network unless asked, removed when it ends.
 */
export function testRun(
  ref: string,
  platform: string,
  probe: Pick<Probe, 'program' | 'args' | 'env'>,
  /** pull: `never` where the engine holds what BuildKit pushed (the docker driver), else `missing` */
  o: { version: string; network: boolean; name: string; pull: 'never' | 'missing' },
): string[] {
  const env = { ...probe.env, ...testEnv(platform, o.version) };
  return [
    'run',
    '--rm',
    '--name',
    o.name,
    '--platform',
    platform,
    '--pull',
    o.pull,
    // docker's pull progress is not the test's output
    '--quiet',
    ...(o.network ? [] : ['--network', 'none']),
    ...Object.entries(env).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
    '--entrypoint',
    probe.program,
    ref,
    ...probe.args,
  ];
}

/** A Dockerfile ENV value: double-quoted, its quotes, backslashes and `$` escaped (nothing expands). */
const envValue = (v: string) => `"${v.replace(/[\\"$]/g, (c) => `\\${c}`).replace(/\n/g, '\\n')}"`;

/**
 * The same probe run by the builder itself, for builders with no docker engine beside them (remote, kubernetes,
 * docker-container): a Dockerfile `FROM` the platform's image of `ref` that `RUN`s the program in exec form (no
 * shell, the image's user, workdir and PATH), in a file of the run's own (buildx 0.13 leaves a copy of a Dockerfile given
 * on stdin under $TMPDIR) with an empty context, its result cached nowhere
 * (`type=cacheonly`, and `CROSSBUILD_TEST_RUN` unique to the run so no cached result stands in for a run). A multi-node
 * builder runs it on the node of that platform, natively where the node is. BuildKit shows the program's output as
 * one stream: a command test's error patterns are matched against both.
 */
export function testBuild(
  ref: string,
  platform: string,
  probe: Pick<Probe, 'program' | 'args' | 'env'>,
  o: {
    version: string;
    network: boolean;
    builder: string;
    run: string;
    /** an empty directory */
    context: string;
    /** where the caller writes `dockerfile`, outside `context` */
    file: string;
    timeoutS: number;
  },
): { command: string[]; dockerfile: string } {
  const env = { ...probe.env, ...testEnv(platform, o.version), CROSSBUILD_TEST_RUN: o.run };
  const dockerfile = [
    `FROM ${ref}`,
    ...Object.entries(env).map(([k, v]) => `ENV ${k}=${envValue(v)}`),
    `RUN ${o.network ? '' : '--network=none '}${JSON.stringify([probe.program, ...probe.args])}`,
    '',
  ].join('\n');
  // past the timeout coreutils' timeout stops the buildx client (124), which cancels the build; 10 s later it kills
  const command = ['timeout', '--kill-after=10', `${o.timeoutS}s`, 'docker', 'buildx', 'build'];
  command.push('--builder', o.builder, '--platform', platform, '--progress', 'plain');
  command.push('--output', 'type=cacheonly', '--file', o.file, o.context);
  return { command, dockerfile };
}

/**
 * What a testBuild's progress says of the run: the program's output (the lines of its `RUN` step) and its exit code
 * (0 when the build passed; from BuildKit's `did not complete successfully: exit code: N`, else the build's own).
 */
export function testBuildResult(progress: string, buildCode: number): { code: number; output: string } {
  const lines = progress.split('\n');
  const step = lines.map((l) => /^#(\d+) \[[^\]]*\] RUN /.exec(l)?.[1]).find((x) => x !== undefined);
  const output = lines
    .flatMap((l) => {
      const m = /^#(\d+) \d+\.\d+ (.*)$/.exec(l);
      return m && m[1] === step ? [m[2] ?? ''] : [];
    })
    .join('\n');
  if (buildCode === 0) return { code: 0, output };
  const code = /did not complete successfully: exit code: (\d+)/.exec(progress)?.[1];
  return { code: code === undefined ? buildCode : Number(code), output };
}

const SIGNALS: Record<number, string> = {
  4: 'illegal instruction',
  6: 'aborted',
  7: 'bus error',
  8: 'floating point exception',
  9: 'killed',
  11: 'segmentation fault',
  15: 'terminated',
};

/** How a test ended, in words: `exited 139 (segmentation fault)`. docker run's own codes (125–127) say why. */
export function exitText(code: number, timedOutS?: number): string {
  if (timedOutS !== undefined) return `did not end within ${timedOutS} s`;
  if (code === 125) return 'could not be started by docker (exit 125)';
  if (code === 126) return 'is not executable in the image (exit 126)';
  if (code === 127) return 'was not found in the image (exit 127)';
  const signal = code > 128 ? SIGNALS[code - 128] : undefined;
  return `exited ${code}${signal ? ` (${signal})` : ''}`;
}

/** One test's outcome on one platform (the `tests` output and the summary's table). */
export interface TestResult {
  platform: string;
  test: string;
  ok: boolean;
  ms: number;
  /** when it began, in ms since the run began */
  at?: number;
  /** how it ended when it failed (exitText) */
  exit?: string;
  /** its first lines of output */
  output: string[];
}

/** Tests that failed: no tag moves. Carries every result, so the summary shows the passing ones too. */
export class TestsFailed extends StepError {
  constructor(readonly results: readonly TestResult[]) {
    const failed = results.filter((r) => !r.ok).map((r) => `${r.platform}: ${r.test} ${r.exit ?? 'failed'}`);
    super(
      'test',
      failed.length === 1
        ? (failed[0] ?? '')
        : `${failed.length} tests failed:\n${failed.map((f) => `  ${f}`).join('\n')}`,
      'test',
    );
  }
}

/** The first lines a test printed, each cut short: what the summary shows of it. */
export function firstLines(text: string, lines = 5, width = 160): string[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, lines)
    .map((l) => (l.length > width ? `${l.slice(0, width)}…` : l));
}
