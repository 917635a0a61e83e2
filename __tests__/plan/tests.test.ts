/** The `test` input's pure half (#23): reading the lines, each platform's environment, the docker run, the words. */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import {
  exitText,
  firstLines,
  lineProbe,
  parseTests,
  TEST_VARS,
  testArgv,
  testBuild,
  testBuildResult,
  testEnv,
  testRun,
  TestsFailed,
  type TestResult,
} from '../../src/plan/tests.js';

describe('parseTests: split as a shell splits, run without one', () => {
  test.each([
    ['/cluster-autoscaler --version', [['/cluster-autoscaler', '--version']]],
    [
      `sh -c 'test "$(uname -m)" = aarch64 && echo ok'`,
      [['sh', '-c', 'test "$(uname -m)" = aarch64 && echo ok']],
    ],
    [
      '/app "two words" three\n# a comment line\n\n/app --help # trailing',
      [
        ['/app', 'two words', 'three'],
        ['/app', '--help'],
      ],
    ],
    ['/app --arch $TARGETARCH --v=${VERSION}', [['/app', '--arch', '$TARGETARCH', '--v=$VERSION']]],
  ])('%j', (text, want) => {
    expect(parseTests(text).map((t) => t.argv)).toEqual(want);
  });

  test.each([
    ['/app --version | grep 1.2', /line 1: "\|" needs a shell.*write sh -c '\/app --version \| grep 1\.2'/],
    ['/app\n/app && /app', /line 2: "&&" needs a shell/],
    ['ls /bin/*', /line 1: "\/bin\/\*" needs a shell/],
    ['/app > out', /line 1: ">" needs a shell/],
  ])('%j fails naming the line', (text, want) => {
    let err: unknown;
    try {
      parseTests(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/^test: /);
    expect((err as Error).message).toMatch(want);
  });

  test('nothing given: no tests', () => {
    expect(parseTests('')).toEqual([]);
  });
});

describe('each platform’s environment', () => {
  test.each([
    ['linux/amd64', ['linux/amd64', 'linux', 'amd64', '']],
    ['linux/arm/v7', ['linux/arm/v7', 'linux', 'arm', 'v7']],
  ])('%s', (platform, [tp, os, arch, variant]) => {
    expect(testEnv(platform, '1.2.3')).toEqual({
      TARGETPLATFORM: tp,
      TARGETOS: os,
      TARGETARCH: arch,
      TARGETVARIANT: variant,
      VERSION: '1.2.3',
    });
    expect(Object.keys(testEnv(platform, ''))).toEqual([...TEST_VARS]);
  });

  test('the command’s $NAMEs are the platform’s; another name stays as written', () => {
    const [t] = parseTests('/app --arch $TARGETARCH --version=${VERSION} $HOME');
    expect(testArgv(t ?? { line: '', argv: [] }, testEnv('linux/arm64', '2.0.0'))).toEqual([
      '/app',
      '--arch',
      'arm64',
      '--version=2.0.0',
      '$HOME',
    ]);
  });
});

describe('the docker run of one test', () => {
  const [t] = parseTests('/app --version');
  const ref = '127.0.0.1:5000/acme/widget@sha256:' + 'a'.repeat(64);

  test('the command replaces the entrypoint; no network; the platform’s variables; removed when it ends', () => {
    const probe = lineProbe(t ?? { line: '', argv: [] }, testEnv('linux/arm64', '1.2.3'));
    const args = testRun(ref, 'linux/arm64', probe, {
      version: '1.2.3',
      network: false,
      name: 'crossbuild-test-x',
      pull: 'never',
    });
    expect(probe.label).toBe('/app --version');
    expect(probe.judge({ code: 0, stdout: '', stderr: '' })).toBeUndefined();
    expect(probe.judge({ code: 139, stdout: '', stderr: '' })).toBe('exited 139 (segmentation fault)');
    expect(args.join(' ')).toBe(
      `run --rm --name crossbuild-test-x --platform linux/arm64 --pull never --quiet --network none ` +
        `--env TARGETPLATFORM=linux/arm64 --env TARGETOS=linux --env TARGETARCH=arm64 --env TARGETVARIANT= ` +
        `--env VERSION=1.2.3 --entrypoint /app ${ref} --version`,
    );
  });

  test('test-network: true leaves docker’s default network; pull missing where the engine lacks the image', () => {
    const probe = { program: '/app', args: ['--x'], env: { MODE: 'test' } };
    const args = testRun(ref, 'linux/amd64', probe, {
      version: '',
      network: true,
      name: 'n',
      pull: 'missing',
    });
    expect(args).not.toContain('--network');
    // a probe's own variables come first, the platform's after them
    expect(args.join(' ')).toContain('--env MODE=test --env TARGETPLATFORM=linux/amd64');
    expect(args.slice(args.indexOf('--pull'), args.indexOf('--pull') + 2)).toEqual(['--pull', 'missing']);
  });
});

describe('one test run by the builder itself (no docker engine beside it)', () => {
  const ref = '127.0.0.1:5000/acme/widget@sha256:' + 'a'.repeat(64);
  const o = {
    version: '1.2.3',
    network: false,
    builder: 'crossbuild-x',
    run: 'r1',
    context: '/rt/t/context',
    file: '/rt/t/r1.Dockerfile',
    timeoutS: 120,
  };

  test('FROM the platform’s image, its variables as ENV, the program in exec form with no network; cacheonly', () => {
    const b = testBuild(
      ref,
      'linux/arm64',
      { program: '/app', args: ['--version'], env: { MODE: 'test' } },
      o,
    );
    expect(b.dockerfile).toBe(
      [
        `FROM ${ref}`,
        'ENV MODE="test"',
        'ENV TARGETPLATFORM="linux/arm64"',
        'ENV TARGETOS="linux"',
        'ENV TARGETARCH="arm64"',
        'ENV TARGETVARIANT=""',
        'ENV VERSION="1.2.3"',
        'ENV CROSSBUILD_TEST_RUN="r1"',
        'RUN --network=none ["/app","--version"]',
        '',
      ].join('\n'),
    );
    expect(b.command.join(' ')).toBe(
      'timeout --kill-after=10 120s docker buildx build --builder crossbuild-x --platform linux/arm64 ' +
        '--progress plain --output type=cacheonly --file /rt/t/r1.Dockerfile /rt/t/context',
    );
  });

  test('values reach the program as written: quotes, backslashes, $ and newlines escaped; test-network keeps the network', () => {
    const b = testBuild(
      ref,
      'linux/amd64',
      { program: 'sh', args: ['-c', 'echo "$X"'], env: { X: 'a$HOME "q" \\ b\nc' } },
      { ...o, network: true },
    );
    expect(b.dockerfile).toContain('ENV X="a\\$HOME \\"q\\" \\\\ b\\nc"');
    expect(b.dockerfile).toContain('RUN ["sh","-c","echo \\"$X\\""]');
  });

  // buildx's plain progress, as recorded from dockerd 26's BuildKit (buildx 0.13)
  const failed = `#4 [1/2] FROM ${ref}
#4 CACHED

#5 [2/2] RUN --network=none ["/busybox","sh","-c","uname -m; echo err >&2; exit 3"]
#5 0.063 aarch64
#5 0.064 err
#5 ERROR: process "/busybox sh -c uname -m; echo err >&2; exit 3" did not complete successfully: exit code: 3
------
 > [2/2] RUN --network=none ["/busybox","sh","-c","uname -m; echo err >&2; exit 3"]:
0.063 aarch64
------
ERROR: failed to solve: process "/busybox sh -c uname -m; echo err >&2; exit 3" did not complete successfully: exit code: 3
`;
  test.each([
    [
      'the program failed: its exit code and its output lines',
      failed,
      1,
      { code: 3, output: 'aarch64\nerr' },
    ],
    [
      'it passed',
      '#5 [2/2] RUN ["/app","--version"]\n#5 0.101 widget 1.2.3\n#5 DONE 0.1s\n',
      0,
      { code: 0, output: 'widget 1.2.3' },
    ],
    [
      'the build itself failed (no image): the build’s code, no output',
      'ERROR: failed to solve: 127.0.0.1:5000/acme/widget: not found\n',
      1,
      { code: 1, output: '' },
    ],
  ])('%s', (_, progress, code, want) => {
    expect(testBuildResult(progress, code)).toEqual(want);
  });
});

describe('how a test ended, in words', () => {
  test.each([
    [1, undefined, 'exited 1'],
    [139, undefined, 'exited 139 (segmentation fault)'],
    [132, undefined, 'exited 132 (illegal instruction)'],
    [137, 120, 'did not end within 120 s'],
    [125, undefined, 'could not be started by docker (exit 125)'],
    [126, undefined, 'is not executable in the image (exit 126)'],
    [127, undefined, 'was not found in the image (exit 127)'],
    [200, undefined, 'exited 200'],
  ])('%i (timeout %s) → %s', (code, timeout, want) => {
    expect(exitText(code, timeout)).toBe(want);
  });
});

describe('the failure', () => {
  const r = (platform: string, ok: boolean, exit?: string): TestResult => ({
    platform,
    test: '/app --version',
    ok,
    ms: 10,
    output: [],
    ...(exit ? { exit } : {}),
  });

  test('one failed test: one line naming the platform and the command', () => {
    const e = new TestsFailed([
      r('linux/amd64', true),
      r('linux/arm64', false, 'exited 139 (segmentation fault)'),
    ]);
    expect(e.message).toBe('test: linux/arm64: /app --version exited 139 (segmentation fault)');
    expect(e.kind).toBe('test');
    expect(e.results).toHaveLength(2);
  });

  test('several: a count, then one line each', () => {
    const e = new TestsFailed([r('linux/amd64', false, 'exited 1'), r('linux/arm64', false, 'exited 2')]);
    expect(e.message).toBe(
      'test: 2 tests failed:\n  linux/amd64: /app --version exited 1\n  linux/arm64: /app --version exited 2',
    );
  });

  test('the first lines of output, cut short', () => {
    expect(firstLines('a\n\nb\r\nc\nd\ne\nf', 3)).toEqual(['a', 'b', 'c']);
    expect(firstLines('x'.repeat(200), 1, 10)).toEqual([`${'x'.repeat(10)}…`]);
  });
});
