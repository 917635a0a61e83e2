/**
 * `crossbuild`: the same run as the action (settings → intent → plan → steps → result) from a terminal or any CI.
 * Exit codes: 0 done, 1 lint findings, 2 bad input, 3 build or push failed, 4 verification, proof or a test failed,
 * 5 internal error (a bug: please report it); from the failure's kind (src/errors.ts), never from its text.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { readContextBinaries, readContextScripts } from '../context-scripts.js';
import { adviseEmulation } from '../dockerfile/advisor.js';
import { parseDockerfile } from '../dockerfile/parse.js';
import { failureOf, firstLine, InputError, type Failure, type FailureKind } from '../errors.js';
import { createRunner, type Runner } from '../exec.js';
import { parsePlatforms } from '../inputs.js';
import { hostPlatform, run } from '../main.js';
import { post } from '../post.js';
import { inputLines, keyValue } from '../lines.js';
import { inputEnvName, parseArgs, helpText, UsageError, type CliArgs } from './args.js';
import { applyOverrides, ciKind, detectContext, type GitFacts } from './context.js';
import { githubFromEnv } from '../context.js';
import { readEventPayload } from '../github-event.js';
import { engineApi, type EngineApi } from '../docker/engine-api.js';
import { OUTPUTS } from './inputs.generated.js';
import { CliIO } from './io.js';
import { asJson, asSarif, asText, failsAt, type FileFindings } from './lint.js';
import { testImage, testReport } from './test.js';
import { verifyImage, verifyText } from './verify.js';

export const EXIT = { ok: 0, findings: 1, input: 2, build: 3, verify: 4, internal: 5 } as const;

export interface CliDeps {
  env: NodeJS.ProcessEnv;
  cwd: string;
  runner: Runner;
  stdout: (text: string) => void;
  stderr: (line: string) => void;
  version: string;
  fetch?: typeof fetch;
  /** all of stdin (for --password-stdin) */
  stdin?: () => Promise<string>;
  /** dockerd's API where the CLI would use a local socket (tests with a fake runner leave it out) */
  engine?: () => EngineApi | undefined;
}

const EXIT_OF_KIND: Record<FailureKind, number> = {
  input: EXIT.input,
  engine: EXIT.build,
  registry: EXIT.build,
  proof: EXIT.verify,
  test: EXIT.verify,
  attest: EXIT.verify,
  internal: EXIT.internal,
};

/** Which exit code a run's failure means: from its kind, never from its text. */
export function exitCodeOf(failure: Failure | undefined): number {
  return failure ? EXIT_OF_KIND[failure.kind] : EXIT.ok;
}

async function gitFacts(runner: Runner, cwd: string): Promise<GitFacts> {
  const git = async (...args: string[]) => {
    const r = await runner.run('git', args, { cwd }).catch(() => undefined);
    return r?.code === 0 ? r.stdout.trim() : '';
  };
  const [sha, tag, branch, when, remote] = await Promise.all([
    git('rev-parse', 'HEAD'),
    git('describe', '--tags', '--exact-match', 'HEAD'),
    git('rev-parse', '--abbrev-ref', 'HEAD'),
    git('log', '-1', '--format=%cI'),
    git('remote', 'get-url', 'origin'),
  ]);
  const commitDate = when ? new Date(when) : undefined;
  return {
    sha,
    ...(tag ? { tag } : {}),
    branch: branch === 'HEAD' ? '' : branch,
    ...(commitDate && !Number.isNaN(commitDate.getTime()) ? { commitDate } : {}),
    remote,
    dirName: basename(cwd),
  };
}

/** A Dockerfile named on the command line; one that cannot be read is the user's to fix. */
function readLintFile(cwd: string, file: string): string {
  try {
    return readFileSync(resolve(cwd, file), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    if (code === 'ENOENT') throw new InputError('lint', `no such file: ${file}`);
    throw new InputError(
      file,
      `cannot read it (${code}); name a Dockerfile by its path, or relative to ${cwd}`,
    );
  }
}

/** The files a lint argument names: itself, or what a glob (`*`, `?`, `[…]`, `{a,b}`) matches, sorted. */
async function lintFiles(cwd: string, arg: string): Promise<string[]> {
  if (!/[*?[{]/.test(arg)) return [arg];
  const { glob } = await import('tinyglobby');
  const found = await glob(arg, { cwd, onlyFiles: true, absolute: false, expandDirectories: false });
  if (found.length === 0) throw new InputError('lint', `no such file: ${arg}`);
  return found.sort();
}

async function lint(args: CliArgs, d: CliDeps): Promise<number> {
  const platforms = parsePlatforms(args.inputs.platforms ?? 'linux/amd64,linux/arm64');
  const buildArgs = Object.fromEntries(inputLines(args.inputs['build-args'] ?? '').map(keyValue));
  const named = args.files.length > 0 ? args.files : [args.inputs.file || 'Dockerfile'];
  const files = (await Promise.all(named.map((f) => lintFiles(d.cwd, f)))).flat();
  const results: FileFindings[] = [];
  for (const file of files) {
    const parsed = parseDockerfile(readLintFile(d.cwd, file));
    // the scripts its RUNs name, from the context (--context, else the Dockerfile's directory)
    const context = resolve(d.cwd, args.inputs.context || dirname(resolve(d.cwd, file)));
    const scripts = await readContextScripts(parsed, context);
    const binaries = readContextBinaries(parsed, context);
    results.push({
      file,
      findings: adviseEmulation(parsed, {
        requested: platforms,
        native: [hostPlatform(process.arch)],
        buildArgs,
        ...(args.inputs.target ? { target: args.inputs.target } : {}),
        scripts,
        binaries,
      }),
    });
  }
  d.stdout(
    args.format === 'sarif'
      ? asSarif(results, d.version)
      : args.format === 'json'
        ? asJson(results)
        : asText(results),
  );
  return failsAt(results, args.failOn) ? EXIT.findings : EXIT.ok;
}

/** As `docker login --password-stdin`: all of stdin, one trailing newline (\n or \r\n) removed. */
export function passwordFromStdin(text: string): string {
  return text.replace(/\r?\n$/, '');
}

/** The inputs with the password read from stdin when --password-stdin asks for it. */
async function withStdinPassword(args: CliArgs, d: CliDeps): Promise<Record<string, string>> {
  if (!args.passwordStdin) return args.inputs;
  if (d.env[inputEnvName('password')] !== undefined)
    throw new UsageError(`--password-stdin and ${inputEnvName('password')} both give a password; use one`);
  if (!d.stdin) throw new UsageError('--password-stdin: no stdin to read');
  const password = passwordFromStdin(await d.stdin());
  if (password === '') throw new UsageError('--password-stdin: stdin held no password');
  return { ...args.inputs, password };
}

async function build(args: CliArgs, d: CliDeps): Promise<number> {
  const inputs = await withStdinPassword(args, d);
  const io = new CliIO(inputs, d.env, d.stderr);
  // masked from the first line printed (the action's runner masks its secrets before the step starts)
  if (args.passwordStdin) io.setSecret(inputs.password ?? '');
  const overrides = {
    ...(args.ref ? { ref: args.ref } : {}),
    ...(args.sha ? { sha: args.sha } : {}),
    ...(args.event ? { event: args.event } : {}),
  };
  const ctx =
    ciKind(d.env) === 'github'
      ? applyOverrides(githubFromEnv(d.env, readEventPayload(d.env)), overrides)
      : detectContext(d.env, await gitFacts(d.runner, d.cwd), overrides);
  const failure = await run({
    io,
    runner: d.runner,
    context: () => ctx,
    // released tags come from `git ls-remote` (the action's GitHub API fallback is not bundled here)
    repoApi: () => undefined,
    env: { ...d.env, RUNNER_TEMP: d.env.RUNNER_TEMP ?? d.env.TMPDIR ?? '/tmp' },
    cwd: d.cwd,
    now: () => new Date(),
    hostPlatform: hostPlatform(process.arch),
    ...(d.engine ? { engine: d.engine } : {}),
    ...(d.fetch ? { fetch: d.fetch } : {}),
  });
  // the post step's work, in the same process: log out, remove a created builder and temporary files
  await post(io, d.runner);
  if (args.json) {
    const outputs = Object.fromEntries(
      OUTPUTS.filter((o) => io.outputs[o] !== undefined).map((o) => [o, io.outputs[o]]),
    );
    d.stdout(
      JSON.stringify(
        { ok: io.failed === undefined, ...(io.failed ? { error: firstLine(io.failed) } : {}), outputs },
        null,
        2,
      ),
    );
  } else if (io.failed === undefined) {
    d.stderr(`done: ${io.outputs.digest ?? io.outputs.version ?? ''}`);
  }
  return exitCodeOf(failure);
}

/** `crossbuild test IMAGE`: every result printed, the failed ones too; exit 4 when one failed. */
async function test(args: CliArgs, d: CliDeps): Promise<number> {
  const t = await testImage(args, d);
  d.stdout(testReport(t.results, args.json, t.digest));
  if (!t.failed) return EXIT.ok;
  d.stderr(`crossbuild: ${firstLine(t.failed.message)}`);
  return exitCodeOf(failureOf(t.failed));
}

export async function cli(argv: readonly string[], d: CliDeps): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    d.stderr(`crossbuild: ${err.message}`);
    return EXIT.input;
  }
  if (args.help) {
    d.stdout(helpText());
    return EXIT.ok;
  }
  return runCommand(args, d);
}

/** `crossbuild verify IMAGE`: exit 4 when no attestation verifies. */
async function verify(args: CliArgs, d: CliDeps): Promise<number> {
  const r = await verifyImage(args, d);
  d.stdout(args.json ? JSON.stringify({ ok: r.verified.length > 0, ...r }, null, 2) : verifyText(r));
  return r.verified.length > 0 ? EXIT.ok : EXIT.verify;
}

async function runCommand(args: CliArgs, d: CliDeps): Promise<number> {
  try {
    if (args.command === 'lint') return await lint(args, d);
    if (args.command === 'test') return await test(args, d);
    if (args.command === 'verify') return await verify(args, d);
    return await build(args, d);
  } catch (err) {
    // a bad flag or file is the user's to fix (2); anything else escaping the run is a bug (5)
    const f = err instanceof UsageError ? { ...failureOf(err), kind: 'input' as const } : failureOf(err);
    d.stderr(`crossbuild: ${f.kind === 'internal' ? 'internal error: ' : ''}${f.message}`);
    return exitCodeOf(f);
  }
}

export function defaultCliDeps(version: string): CliDeps {
  return {
    env: process.env,
    cwd: process.cwd(),
    runner: createRunner(process.stderr),
    stdout: (t) => {
      process.stdout.write(`${t}\n`);
    },
    stderr: (l) => {
      process.stderr.write(`${l}\n`);
    },
    version,
    stdin: readStdin,
    engine: () => engineApi(process.env),
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
