/** The command line without a process: flags from action.yml, CI context detection, lint output, exit codes. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { helpText, parseArgs } from '../src/cli/args.js';
import { ciKind, detectContext, repoFromRemote, type GitFacts } from '../src/cli/context.js';
import { githubFromEnv } from '../src/context.js';
import { INPUTS } from '../src/cli/inputs.generated.js';
import { CliIO } from '../src/cli/io.js';
import { asSarif, asText, failsAt } from '../src/cli/lint.js';
import type { FailureKind } from '../src/errors.js';
import { cli, exitCodeOf, passwordFromStdin, type CliDeps } from '../src/cli/main.js';
import { FakeRunner } from './fixtures/runner.js';
import { adviseEmulation } from '../src/dockerfile/advisor.js';
import { parseDockerfile } from '../src/dockerfile/parse.js';
import { tempDir } from '../scripts/temp.mjs';

const ACTION = readFileSync(new URL('../action.yml', import.meta.url), 'utf8');
const SECRET = 'Hunter2Secret';
const SECRET_INPUTS = ['github-token', 'password', 'logins', 'secrets'];

describe('flags come from action.yml', () => {
  test('every input of action.yml is a flag but the secret ones, and --help lists each as it is given', () => {
    const names = [...(ACTION.split('\noutputs:')[0] ?? '').matchAll(/^ {2}([a-z][\w-]*):\s*$/gm)].map(
      (m) => m[1] ?? '',
    );
    expect(names.length).toBeGreaterThan(50);
    expect(INPUTS.map((i) => i.name)).toEqual(names);
    expect(INPUTS.filter((i) => i.secret).map((i) => i.name)).toEqual(SECRET_INPUTS);
    const help = helpText();
    for (const n of names) {
      if (SECRET_INPUTS.includes(n)) {
        expect(help).not.toMatch(new RegExp(`^\\s*--${n}(\\s|$)`, 'm'));
        expect(help).toMatch(new RegExp(`INPUT_${n.toUpperCase().replace(/-/g, '_')}.* \\(not a flag\\)`));
      } else expect(help).toContain(`--${n}`);
    }
  });

  test('--help says how secrets arrive: stdin or the environment, never argv (#19)', () => {
    const help = helpText();
    expect(help).toContain('--password-stdin');
    expect(help).toContain('INPUT_GITHUB_TOKEN, INPUT_PASSWORD, INPUT_LOGINS, INPUT_SECRETS');
    expect(help).toContain('  --password-stdin or INPUT_PASSWORD (not a flag)');
    // the runner fills in ${{ github.token }}; the command does not
    expect(help).not.toContain('(default ${{');
  });

  test.each([
    [['--password', SECRET], 'use --password-stdin or INPUT_PASSWORD'],
    [[`--password=${SECRET}`], 'use --password-stdin or INPUT_PASSWORD'],
    [['--logins', `ghcr.io me ${SECRET}`], 'use INPUT_LOGINS'],
    [['build', '--secrets', `npm=${SECRET}`], 'use INPUT_SECRETS, or --secret-envs ID=ENVVAR'],
    [['plan', `--github-token=${SECRET}`], 'use INPUT_GITHUB_TOKEN'],
  ])('%j is refused without echoing the value (#19)', async (argv, how) => {
    expect(() => parseArgs(argv)).toThrow(how);
    const err: string[] = [];
    const d: CliDeps = {
      env: {},
      cwd: tmpdir(),
      runner: new FakeRunner(),
      stdout: () => undefined,
      stderr: (l) => err.push(l),
      version: '0.2.0',
    };
    expect(await cli(argv, d)).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^crossbuild: --[a-z-]+ would put a secret on the command line \(visible in ps/);
    expect(err[0]).not.toContain(SECRET);
  });

  test('--password-stdin is a switch; it takes no value', () => {
    expect(parseArgs(['plan', '--username', 'me', '--password-stdin'])).toMatchObject({
      passwordStdin: true,
      inputs: { username: 'me' },
    });
    expect(parseArgs([]).passwordStdin).toBe(false);
    expect(() => parseArgs(['--password-stdin=x'])).toThrow('--password-stdin takes no value');
  });

  test.each([
    ['s3cr3t\n', 's3cr3t'],
    ['s3cr3t\r\n', 's3cr3t'],
    ['s3cr3t', 's3cr3t'],
    ['s3cr3t\n\n', 's3cr3t\n'],
    [' spaced pass \n', ' spaced pass '],
  ])('passwordFromStdin(%j) → %j, as docker login', (text, want) => {
    expect(passwordFromStdin(text)).toBe(want);
  });

  test.each<[string[], Partial<ReturnType<typeof parseArgs>>]>([
    [[], { command: 'build', inputs: {} }],
    [
      ['plan', '--images', 'ghcr.io/a/b'],
      { command: 'plan', inputs: { images: 'ghcr.io/a/b', 'dry-run': 'true' } },
    ],
    [['--build-args', 'A=1', '--build-args=B=2'], { inputs: { 'build-args': 'A=1\nB=2' } }],
    [['--push', '--load', 'false'], { inputs: { push: 'true', load: 'false' } }],
    [
      ['--ref', 'v1.2.3', '--sha', 'abc', '--event', 'schedule', '--json'],
      { ref: 'v1.2.3', sha: 'abc', event: 'schedule', json: true },
    ],
    [
      ['lint', 'a/Dockerfile', 'b/Dockerfile', '--format', 'sarif', '--fail-on', 'error'],
      { command: 'lint', files: ['a/Dockerfile', 'b/Dockerfile'], format: 'sarif', failOn: 'error' },
    ],
  ])('%j', (argv, want) => {
    expect(parseArgs(argv)).toMatchObject(want);
  });

  test.each([
    [['--no-such-flag', 'x'], 'unknown flag --no-such-flag'],
    [['--images'], '--images needs a value'],
    [['deploy'], '"deploy" is not one of build, plan, lint'],
    [['build', 'extra'], 'unexpected argument "extra"'],
    [['lint', '--format', 'xml'], '"xml" is not one of text, json, sarif'],
  ])('%j fails: %s', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });

  test('inputs: flag, then INPUT_* env, then action.yml default (expressions left out)', () => {
    const io = new CliIO(
      { platforms: 'linux/arm64' },
      { INPUT_PUSH: 'false', INPUT_PLATFORMS: 'ignored' },
      () => undefined,
    );
    expect(io.input('platforms')).toBe('linux/arm64');
    expect(io.input('push')).toBe('false');
    expect(io.input('floating-tags')).toBe('forward-only');
    expect(io.input('github-token')).toBe('');
  });

  test('INPUT_GITHUB-TOKEN as the runner names it, or INPUT_GITHUB_TOKEN as a shell can export it', () => {
    const env = (e: Record<string, string>) => new CliIO({}, e, () => undefined);
    expect(env({ 'INPUT_GITHUB-TOKEN': 'a' }).input('github-token')).toBe('a');
    expect(env({ INPUT_GITHUB_TOKEN: 'b' }).input('github-token')).toBe('b');
    expect(env({ 'INPUT_GITHUB-TOKEN': 'a', INPUT_GITHUB_TOKEN: 'b' }).input('github-token')).toBe('a');
    expect(env({ INPUT_CACHE_MOUNTS: 'off' }).input('cache-mounts')).toBe('off');
  });

  test('secrets are masked in everything printed', () => {
    const lines: string[] = [];
    const io = new CliIO({}, {}, (l) => lines.push(l));
    io.setSecret('s3cr3t');
    io.info('login with s3cr3t');
    io.setFailed('login: s3cr3t rejected');
    expect(lines.join('\n')).not.toContain('s3cr3t');
    expect(lines).toEqual(['login with ***', 'error: login: *** rejected']);
  });
});

describe('context from the CI or the local repository', () => {
  const git: GitFacts = {
    sha: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
    branch: 'main',
    remote: 'git@github.com:acme/widget.git',
    dirName: 'widget',
    commitDate: new Date('2025-04-30T12:00:00Z'),
  };

  test.each<[string, Record<string, string>, Partial<GitFacts>, object]>([
    [
      'local branch',
      {},
      {},
      {
        eventName: 'push',
        ref: 'refs/heads/main',
        sha: git.sha,
        repo: { fullName: 'acme/widget', htmlUrl: 'https://github.com/acme/widget' },
      },
    ],
    ['local exact tag', {}, { tag: 'v1.2.3' }, { ref: 'refs/tags/v1.2.3' }],
    [
      'GitLab tag pipeline',
      {
        GITLAB_CI: 'true',
        CI_COMMIT_TAG: 'v2.0.0',
        CI_COMMIT_SHA: 'abc',
        CI_PROJECT_PATH: 'group/sub/app',
        CI_PROJECT_URL: 'https://gitlab.com/group/sub/app',
        CI_PIPELINE_SOURCE: 'push',
        CI_PIPELINE_ID: '77',
      },
      {},
      {
        eventName: 'push',
        ref: 'refs/tags/v2.0.0',
        sha: 'abc',
        runId: 77,
        repo: { owner: 'group/sub', name: 'app' },
      },
    ],
    [
      'GitLab branch',
      {
        GITLAB_CI: 'true',
        CI_COMMIT_BRANCH: 'main',
        CI_COMMIT_SHA: 'abc',
        CI_PROJECT_PATH: 'g/app',
        CI_PIPELINE_SOURCE: 'push',
      },
      {},
      { ref: 'refs/heads/main' },
    ],
    [
      'GitLab schedule',
      {
        GITLAB_CI: 'true',
        CI_COMMIT_BRANCH: 'main',
        CI_COMMIT_SHA: 'abc',
        CI_PROJECT_PATH: 'g/app',
        CI_PIPELINE_SOURCE: 'schedule',
      },
      {},
      { eventName: 'schedule' },
    ],
    [
      'GitLab merge request from a fork',
      {
        GITLAB_CI: 'true',
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_MERGE_REQUEST_IID: '12',
        CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: 'fix',
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
        CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '9',
        CI_MERGE_REQUEST_PROJECT_ID: '1',
        CI_COMMIT_SHA: 'abc',
        CI_PROJECT_PATH: 'g/app',
      },
      {},
      { eventName: 'pull_request', pr: { number: 12, headRef: 'fix', baseRef: 'main', fromFork: true } },
    ],
    [
      'Cloud Build tag',
      { BUILD_ID: 'b-1', TAG_NAME: 'v1.32.6', COMMIT_SHA: 'def', REPO_NAME: 'autoscaler' },
      {},
      { eventName: 'push', ref: 'refs/tags/v1.32.6', sha: 'def' },
    ],
    [
      'Cloud Build pull request',
      {
        BUILD_ID: 'b-2',
        BRANCH_NAME: 'fix',
        _PR_NUMBER: '7',
        _HEAD_BRANCH: 'fix',
        _BASE_BRANCH: 'master',
        COMMIT_SHA: 'def',
      },
      {},
      { eventName: 'pull_request', ref: 'refs/pull/7/head', pr: { number: 7, baseRef: 'master' } },
    ],
  ])('%s', (_name, env, extra, want) => {
    expect(detectContext(env, { ...git, ...extra })).toMatchObject(want);
  });

  test('overrides win', () => {
    expect(detectContext({}, git, { ref: 'v1.0.0', sha: 'x', event: 'schedule' })).toMatchObject({
      ref: 'refs/tags/v1.0.0',
      sha: 'x',
      eventName: 'schedule',
    });
    expect(detectContext({}, git, { ref: 'feature/x' }).ref).toBe('refs/heads/feature/x');
  });

  test.each([
    ['https://github.com/acme/widget.git', 'acme/widget'],
    ['git@gitlab.com:group/sub/app.git', 'group/sub/app'],
    ['ssh://git@source.example:2222/team/tool', 'team/tool'],
    ['not a url', undefined],
  ])('repoFromRemote(%s)', (url, full) => {
    const r = repoFromRemote(url);
    expect(r ? `${r.owner}/${r.name}` : undefined).toBe(full);
  });

  test('GitHub Actions from its variables and event file, as @actions/github reads them', () => {
    const ctx = githubFromEnv(
      {
        GITHUB_EVENT_NAME: 'push',
        GITHUB_REF: 'refs/tags/v1.2.3',
        GITHUB_SHA: 'abc',
        GITHUB_REPOSITORY: 'acme/widget',
        GITHUB_RUN_ID: '5',
      },
      { head_commit: { id: 'abc', timestamp: '2025-04-30T12:00:00Z' }, repository: { description: 'w' } },
    );
    expect(ctx).toMatchObject({
      eventName: 'push',
      ref: 'refs/tags/v1.2.3',
      runId: 5,
      repo: { fullName: 'acme/widget', description: 'w' },
    });
    expect(ctx.commitDate?.toISOString()).toBe('2025-04-30T12:00:00.000Z');
  });

  test('which CI', () => {
    expect([
      ciKind({ GITHUB_ACTIONS: 'true' }),
      ciKind({ GITLAB_CI: 'true' }),
      ciKind({ BUILD_ID: '1', COMMIT_SHA: 'a' }),
      ciKind({}),
    ]).toEqual(['github', 'gitlab', 'cloudbuild', 'local']);
  });
});

describe('lint output', () => {
  const WRONG =
    'FROM --platform=$BUILDPLATFORM golang AS b\nARG GOARCH\nRUN go build -o /a-$GOARCH .\nFROM golang AS c\nRUN go build -o /c .\nFROM scratch\nCOPY --from=b /a /a\nCOPY --from=c /c /c\n';
  const results = [
    {
      file: 'Dockerfile',
      findings: adviseEmulation(parseDockerfile(WRONG), {
        requested: ['linux/amd64', 'linux/arm64'],
        native: ['linux/amd64'],
      }),
    },
  ];

  test('SARIF 2.1.0, valid against the schema', () => {
    const require = createRequire(import.meta.url);
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    // the schema is draft-04 and its patterns are not unicode-clean
    const Ajv = require('ajv-draft-04') as new (o: object) => {
      compile(s: object): ((d: unknown) => boolean) & { errors?: unknown };
    };
    const validate = new Ajv({ strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
    const doc: unknown = JSON.parse(asSarif(results, '0.2.0'));
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(
      (
        doc as {
          runs: {
            results: {
              ruleId: string;
              locations: { physicalLocation: { region: { startLine: number } } }[];
            }[];
          }[];
        }
      ).runs[0]?.results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.region.startLine]),
    ).toEqual([
      ['build-arch-binary', 3],
      ['emulated-compile', 5],
    ]);
  });

  test('text, and the exit rule', () => {
    expect(asText(results)).toMatch(/^Dockerfile:3: error: \[build-arch-binary\]/);
    expect(asText(results)).toMatch(/2 findings in 1 file$/);
    expect([failsAt(results, 'warning'), failsAt(results, 'error'), failsAt(results, 'none')]).toEqual([
      true,
      true,
      false,
    ]);
    expect(
      failsAt(
        [{ file: 'x', findings: (results[0]?.findings ?? []).filter((f) => f.kind === 'emulated-compile') }],
        'error',
      ),
    ).toBe(false);
  });
});

// the kind decides; the message's wording never does (a proof failure reworded still exits 4)
test.each<[FailureKind | 'none', string, number]>([
  ['none', '', 0],
  ['input', 'platforms: "arm" is not os/arch', 2],
  ['input', 'emulation: compile steps would run under QEMU', 2],
  ['engine', 'build: ERROR: failed to solve', 3],
  ['registry', 'push: PUT … 503 Service Unavailable', 3],
  ['proof', 'verify: the registry does not hold what was built', 4],
  ['proof', 'anything at all', 4],
  ['engine', 'verify-arch: worded like a proof', 3],
  ['internal', "Cannot read properties of undefined (reading 'x')", 5],
])('%s "%s" exits %d', (kind, message, code) => {
  expect(exitCodeOf(kind === 'none' ? undefined : { phase: 'p', kind, message, detail: [] })).toBe(code);
});

describe('cli() end to end with a fake runner', () => {
  const WS = tempDir('crossbuild-cli-unit-');
  writeFileSync(
    join(WS, 'Dockerfile'),
    'FROM golang AS b\nRUN go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\n',
  );
  const git = () =>
    new FakeRunner()
      .on(['git', 'rev-parse', 'HEAD'], { stdout: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00\n' })
      .on(['git', 'describe'], { stdout: 'v1.4.0\n' })
      .on(['git', 'rev-parse', '--abbrev-ref'], { stdout: 'main\n' })
      .on(['git', 'log'], { stdout: '2025-04-30T12:00:00Z\n' })
      .on(['git', 'remote'], { stdout: 'https://github.com/acme/widget.git\n' })
      .on(['git', 'ls-remote'], { stdout: '' });
  function deps(runner: FakeRunner, env: Record<string, string> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const d: CliDeps = {
      env,
      cwd: WS,
      runner,
      stdout: (t) => out.push(t),
      stderr: (l) => err.push(l),
      version: '0.2.0',
    };
    return { d, out, err };
  }

  test('--password-stdin: the password read from stdin logs in; it is never printed (#19)', async () => {
    const runner = git();
    const a = deps(runner);
    let reads = 0;
    a.d.stdin = () => {
      reads++;
      return Promise.resolve(`${SECRET}\n`);
    };
    const argv = ['plan', '--images', 'ghcr.io/acme/widget', '--registry', 'ghcr.io', '--username', 'octo'];
    expect(await cli([...argv, '--password-stdin'], a.d), a.err.join('\n')).toBe(0);
    expect(reads).toBe(1);
    expect(a.err.join('\n')).toContain('docker login ghcr.io --username octo --password-stdin');
    expect([...a.err, ...a.out].join('\n')).not.toContain(SECRET);
    // without it the login has no password: the run stops at the input check, naming it
    const b = deps(git());
    expect(await cli(argv, b.d)).toBe(2);
    expect(b.err.join('\n')).toMatch(/error: password: login to ghcr.io needs a password/);
  });

  test('--password-stdin with INPUT_PASSWORD also set, or an empty stdin, is refused', async () => {
    const both = deps(git(), { INPUT_PASSWORD: SECRET });
    both.d.stdin = () => Promise.resolve('other\n');
    expect(await cli(['plan', '--username', 'octo', '--password-stdin'], both.d)).toBe(2);
    expect(both.err).toEqual([
      'crossbuild: --password-stdin and INPUT_PASSWORD both give a password; use one',
    ]);
    const empty = deps(git());
    empty.d.stdin = () => Promise.resolve('\n');
    expect(await cli(['plan', '--username', 'octo', '--password-stdin'], empty.d)).toBe(2);
    expect(empty.err).toEqual(['crossbuild: --password-stdin: stdin held no password']);
  });

  test('secrets from INPUT_* in the environment still work', async () => {
    const a = deps(git(), {
      INPUT_LOGINS: `- registry: quay.io\n  username: robot\n  password: ${SECRET}\n`,
    });
    expect(await cli(['plan', '--images', 'ghcr.io/acme/widget'], a.d), a.err.join('\n')).toBe(0);
    expect(a.err.join('\n')).toContain('docker login quay.io --username robot --password-stdin');
    expect(a.err.join('\n')).not.toContain(SECRET);
  });

  test('--help, and a bad flag exits 2', async () => {
    const a = deps(new FakeRunner());
    expect(await cli(['--help'], a.d)).toBe(0);
    expect(a.out[0]).toContain('Usage: crossbuild');
    const b = deps(new FakeRunner());
    expect(await cli(['--nope'], b.d)).toBe(2);
    expect(b.err).toEqual(['crossbuild: unknown flag --nope (see crossbuild --help)']);
  });

  test('plan from the local repository: the exact tag on HEAD is the version; --json on stdout; no docker', async () => {
    const runner = git();
    const a = deps(runner);
    const code = await cli(
      ['plan', '--images', 'ghcr.io/acme/widget', '--tags', 'type=semver,pattern={{version}}', '--json'],
      a.d,
    );
    expect(code, a.err.join('\n')).toBe(0);
    const doc = JSON.parse(a.out.join('\n')) as { ok: boolean; outputs: Record<string, string> };
    expect(doc.ok).toBe(true);
    expect(doc.outputs.version).toBe('1.4.0');
    expect(doc.outputs.labels).toContain('org.opencontainers.image.source=https://github.com/acme/widget');
    expect(runner.calls.filter((c) => c.cmd === 'docker')).toEqual([]);
    // the advisor's finding is printed as a warning at its line
    expect(a.err.join('\n')).toMatch(/warning: Dockerfile:2: .*go build/);
  });

  test('under GitHub Actions the context comes from GITHUB_* and the event file', async () => {
    const event = join(WS, 'event.json');
    writeFileSync(event, JSON.stringify({ head_commit: { id: 'abc', timestamp: '2025-04-30T12:00:00Z' } }));
    const a = deps(new FakeRunner().on(['git'], { stdout: '' }), {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_REF: 'refs/heads/main',
      GITHUB_SHA: 'abc',
      GITHUB_REPOSITORY: 'acme/widget',
      GITHUB_EVENT_PATH: event,
    });
    expect(await cli(['plan', '--images', 'ghcr.io/acme/widget', '--json'], a.d)).toBe(0);
    expect(
      (JSON.parse(a.out.join('\n')) as { outputs: Record<string, string> }).outputs['tag-names'],
    ).toContain('main');
  });

  test('exit codes: bad input 2, a failed build 3', async () => {
    const bad = deps(git());
    expect(await cli(['--images', 'ghcr.io/acme/widget', '--platforms', 'linux/arm64x'], bad.d)).toBe(2);
    expect(bad.err.join('\n')).toMatch(/error: platforms: .*"arm64x" is not an architecture/);
    const broken = deps(
      git().on(['docker', 'info'], { throws: new Error('Unable to locate executable file: docker') }),
    );
    expect(
      await cli(
        ['--images', 'ghcr.io/acme/widget', '--tags', 'type=semver,pattern={{version}}', '--json'],
        broken.d,
      ),
    ).toBe(3);
    expect(JSON.parse(broken.out.join('\n'))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^docker: the docker CLI is not available/) as unknown,
    });
  });

  test('lint: findings exit 1 at --fail-on warning, 0 at error (an emulated compile is a warning)', async () => {
    const a = deps(new FakeRunner());
    expect(await cli(['lint', '--platforms', 'linux/amd64,linux/arm64'], a.d)).toBe(1);
    expect(a.out[0]).toMatch(/^Dockerfile:2: warning: \[emulated-compile\]/);
    const b = deps(new FakeRunner());
    expect(
      await cli(
        [
          'lint',
          'Dockerfile',
          '--platforms',
          'linux/amd64,linux/arm64',
          '--fail-on',
          'error',
          '--format',
          'json',
        ],
        b.d,
      ),
    ).toBe(0);
    expect((JSON.parse(b.out[0] ?? '[]') as unknown[]).length).toBe(1);
  });

  test('lint: a missing Dockerfile, or a glob matching nothing, is bad input (2) on one line', async () => {
    const a = deps(new FakeRunner());
    expect(await cli(['lint', 'missing/Dockerfile'], a.d)).toBe(2);
    expect(a.err).toEqual(['crossbuild: lint: no such file: missing/Dockerfile']);
    const b = deps(new FakeRunner());
    expect(await cli(['lint', 'missing/*.Dockerfile'], b.d)).toBe(2);
    expect(b.err).toEqual(['crossbuild: lint: no such file: missing/*.Dockerfile']);
  });

  test('lint: a glob names every file it matches, relative or absolute, in order', async () => {
    const dir = tempDir('crossbuild-cli-glob-');
    mkdirSync(join(dir, 'images'));
    writeFileSync(join(dir, 'images', 'b.Dockerfile'), 'FROM golang:1.22\nRUN go build -o /app .\n');
    writeFileSync(join(dir, 'images', 'a.Dockerfile'), 'FROM alpine:3.20\nRUN apk add curl\n');
    writeFileSync(join(dir, 'images', 'notes.txt'), 'RUN go build\n');
    const a = deps(new FakeRunner());
    a.d.cwd = dir;
    expect(await cli(['lint', 'images/*.Dockerfile', '--format', 'json', '--fail-on', 'none'], a.d)).toBe(0);
    const files = (JSON.parse(a.out[0] ?? '[]') as { file: string }[]).map((f) => f.file);
    // a.Dockerfile has nothing to say; notes.txt is not matched
    expect(files).toEqual(['images/b.Dockerfile']);
    const b = deps(new FakeRunner());
    expect(await cli(['lint', `${dir}/images/*.Dockerfile`, '--fail-on', 'none'], b.d)).toBe(0);
    expect(b.out.join('\n')).toMatch(/^1 finding in 2 files$/m);
  });

  test('lint: the scripts a RUN names are read from the Dockerfile’s directory: one that compiles is a compile, one that downloads nothing', async () => {
    const dir = tempDir('crossbuild-cli-scripts-');
    mkdirSync(join(dir, 'hack'));
    writeFileSync(
      join(dir, 'hack', 'build.sh'),
      '#!/bin/sh\nset -e\nCGO_ENABLED=0 go build -o /out/app ./cmd/app\n',
    );
    writeFileSync(
      join(dir, 'hack', 'fetch.sh'),
      '#!/bin/sh\ncurl -fsSL https://example.invalid/x.tar.gz | tar -xz\n',
    );
    writeFileSync(
      join(dir, 'Dockerfile'),
      'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN ./hack/fetch.sh\nRUN sh hack/build.sh\nRUN ./hack/missing.sh\n',
    );
    const a = deps(new FakeRunner());
    expect(
      await cli(
        ['lint', join(dir, 'Dockerfile'), '--platforms', 'linux/amd64,linux/arm64', '--format', 'json'],
        a.d,
      ),
    ).toBe(1);
    const found = (JSON.parse(a.out[0] ?? '[]') as { line: number; kind: string; command: string }[]).map(
      (f) => `${f.line} ${f.kind} ${f.command}`,
    );
    expect(found).toEqual([
      '5 emulated-compile sh hack/build.sh: go build',
      '6 hidden-compile ./hack/missing.sh',
    ]);
  });

  test('lint: a Dockerfile named by its absolute path is read from there, not under the working directory', async () => {
    const dir = tempDir('crossbuild-cli-abs-');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM golang:1.22\nRUN go build -o /app .\n');
    const a = deps(new FakeRunner());
    expect(await cli(['lint', join(dir, 'Dockerfile'), '--format', 'json', '--fail-on', 'none'], a.d)).toBe(
      0,
    );
    expect(a.err).toEqual([]);
    const findings = JSON.parse(a.out[0] ?? '[]') as { file: string }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.file))).toEqual(new Set([join(dir, 'Dockerfile')]));
  });

  test('a crash inside the command is an internal error (5), not bad input', async () => {
    const a = deps(new FakeRunner());
    a.d.stdout = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'write')");
    };
    expect(await cli(['lint', '--platforms', 'linux/amd64'], a.d)).toBe(5);
    expect(a.err).toEqual([
      "crossbuild: internal error: Cannot read properties of undefined (reading 'write')",
    ]);
  });
});
