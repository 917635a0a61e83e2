/** The `test` step with a hand-made engine: order, timeouts and what is removed afterwards. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ExecResult, Runner } from '../../src/exec.js';
import { StepError } from '../../src/errors.js';
import { parseTests, TestsFailed } from '../../src/plan/tests.js';
import { parseStructureTests } from '../../src/plan/structure.js';
import { mergeLayers } from '../../src/proof/rootfs.js';
import { readTar } from '../../src/proof/tar.js';
import { runTests, type TestSpec } from '../../src/steps/test.js';
import { chunked, tar } from '../fixtures/tar.js';
import { RecordingIO } from '../fixtures/io.js';

const REF = '127.0.0.1:5000/acme/widget@sha256:' + 'a'.repeat(64);

function engine(answer: (args: readonly string[]) => Promise<Partial<ExecResult>> | Partial<ExecResult>) {
  const calls: string[][] = [];
  const runner: Runner = {
    async run(_cmd, args) {
      calls.push([...args]);
      const a = await answer(args);
      return { code: 0, stdout: '', stderr: '', ms: 5, ...a };
    },
  };
  const d = {
    runner,
    log: new RecordingIO(),
    policy: { attempts: 1, waitMs: 0 },
    state: { save: () => undefined },
    tempDir: '/tmp',
  };
  return { d, calls };
}

const spec = (o: Partial<TestSpec> = {}): TestSpec => ({
  ref: REF,
  platforms: ['linux/amd64', 'linux/arm64'],
  tests: parseTests('/app --version\n/app selftest'),
  version: '1.2.3',
  network: false,
  timeoutS: 60,
  local: true,
  ...o,
});

describe('runTests', () => {
  test('each platform’s commands in order, platforms side by side; the results in platform then test order', async () => {
    const { d, calls } = engine((args) => ({
      stdout: `ran ${args[args.indexOf('--platform') + 1] ?? ''}\n`,
    }));
    const results = await runTests(d, spec());
    expect(results.map((r) => [r.platform, r.test, r.ok])).toEqual([
      ['linux/amd64', '/app --version', true],
      ['linux/amd64', '/app selftest', true],
      ['linux/arm64', '/app --version', true],
      ['linux/arm64', '/app selftest', true],
    ]);
    expect(results[2]?.output).toEqual(['ran linux/arm64']);
    // the engine held the image: nothing pulled, nothing to remove
    expect(calls.every((c) => c[0] === 'run' && c.includes('never'))).toBe(true);
  });

  test('a failing command fails the step with every result; the others still ran', async () => {
    const { d } = engine((args) =>
      args.includes('linux/arm64') && args.includes('--version')
        ? { code: 139, stderr: 'Segmentation fault\n' }
        : {},
    );
    const err = await runTests(d, spec()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TestsFailed);
    const f = err as TestsFailed;
    expect(f.message).toBe('test: linux/arm64: /app --version exited 139 (segmentation fault)');
    expect(f.results.filter((r) => r.ok)).toHaveLength(3);
    expect(f.results.find((r) => !r.ok)?.output).toEqual(['Segmentation fault']);
  });

  test('past its timeout a command is killed by its container’s name and counts as failed', async () => {
    let release: (r: Partial<ExecResult>) => void = () => undefined;
    const { d, calls } = engine((args) => {
      if (args[0] === 'kill') {
        release({ code: 137 });
        return {};
      }
      return new Promise((resolve) => (release = resolve));
    });
    const err = await runTests(
      d,
      spec({ platforms: ['linux/amd64'], tests: parseTests('/app serve'), timeoutS: 0.05 }),
    ).catch((e: unknown) => e);
    expect((err as Error).message).toBe('test: linux/amd64: /app serve did not end within 0.05 s');
    const name = calls[0]?.[calls[0].indexOf('--name') + 1];
    expect(calls[1]).toEqual(['kill', name]);
  });

  test('an engine that had to pull the image removes it afterwards, also when a test failed', async () => {
    const { d, calls } = engine((args) => (args[0] === 'run' ? { code: 1 } : {}));
    await expect(runTests(d, spec({ local: false, platforms: ['linux/amd64'] }))).rejects.toThrow(
      TestsFailed,
    );
    expect(calls.filter((c) => c[0] === 'run').every((c) => c.includes('missing'))).toBe(true);
    expect(calls.at(-1)).toEqual(['image', 'rm', REF]);
  });
});

describe('file tests: answered from each platform’s layers, nothing run', () => {
  const structure = async () =>
    parseStructureTests([
      {
        path: 'tests/files.yaml',
        text: `schemaVersion: '2.0.0'
fileExistenceTests:
  - { name: binary, path: /app, permissions: '-rwxr-xr-x', isExecutableBy: any }
fileContentTests:
  - { name: config, path: /etc/app.conf, expectedContents: ['\\nlisten = :8080\\n'] }
`,
      },
    ]);
  // arm64's /app lost its execute bits; /etc/app.conf is a link to a file of another name, its line past the head
  const layer = (platform: string) =>
    tar([
      { path: 'app', content: 'ELF', mode: platform === 'linux/arm64' ? 0o644 : 0o755 },
      { path: 'etc/app.conf', type: 'symlink', linkname: '/opt/app/settings.conf' },
      { path: 'opt/app/settings.conf', content: `# ${'x'.repeat(100)}\nlisten = :8080\n` },
    ]);

  test('each platform’s file system judged; a file behind a link read whole in a second pass', async () => {
    const asked: string[][] = [];
    const files = async (platform: string, whole: ReadonlySet<string>) => {
      asked.push([platform, ...whole]);
      return mergeLayers([await readTar(chunked(layer(platform)), { whole })]);
    };
    const { d, calls } = engine(() => ({}));
    const err = await runTests(d, spec({ tests: [], structure: await structure(), files })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TestsFailed);
    const results = (err as TestsFailed).results;
    expect(results.map((r) => [r.platform, r.test, r.ok, r.exit ?? ''])).toEqual([
      ['linux/amd64', 'tests/files.yaml: binary', true, ''],
      ['linux/amd64', 'tests/files.yaml: config', true, ''],
      [
        'linux/arm64',
        'tests/files.yaml: binary',
        false,
        '/app is -rw-r--r--, expected -rwxr-xr-x; /app is -rw-r--r--, not executable by any',
      ],
      ['linux/arm64', 'tests/files.yaml: config', true, ''],
    ]);
    // first the names the tests give, then the link's target too; no container was started
    expect(asked).toEqual([
      ['linux/amd64', 'app.conf'],
      ['linux/arm64', 'app.conf'],
      ['linux/amd64', 'app.conf', 'settings.conf'],
      ['linux/arm64', 'app.conf', 'settings.conf'],
    ]);
    expect(calls).toEqual([]);
  });

  test('layers that cannot be read fail the file’s tests naming why', async () => {
    const { d } = engine(() => ({}));
    const files = () => Promise.reject(new Error('layer sha256:ab does not match its digest'));
    const err = await runTests(d, spec({ tests: [], structure: await structure(), files })).catch(
      (e: unknown) => e,
    );
    expect((err as TestsFailed).message).toBe(
      [
        'test: 2 tests failed:',
        ...['amd64', 'arm64'].map(
          (a) =>
            `  linux/${a}: tests/files.yaml: file tests layers not read: layer sha256:ab does not match its digest`,
        ),
      ].join('\n'),
    );
  });
});

describe('on a builder other than the docker driver: each command run by the builder itself', () => {
  test('a build per platform and command (its Dockerfile in a file of the run, empty context), output and exit code from its progress', async () => {
    const calls: { cmd: string; args: readonly string[]; input: string; context: string[] }[] = [];
    const runner: Runner = {
      run(cmd, args, opts) {
        const dockerfile = readFileSync(args[args.indexOf('--file') + 1] ?? '', 'utf8');
        calls.push({ cmd, args, input: opts?.input ?? dockerfile, context: readdirSync(args.at(-1) ?? '') });
        const platform = args[args.indexOf('--platform') + 1] ?? '';
        const failing = platform === 'linux/arm64' && dockerfile.includes('selftest');
        const progress = `#5 [2/2] RUN ["/app"]\n#5 0.1 ran ${platform}\n${
          failing
            ? '#5 ERROR: process "/app selftest" did not complete successfully: exit code: 2\n'
            : '#5 DONE 0.1s\n'
        }`;
        return Promise.resolve({ code: failing ? 1 : 0, stdout: '', stderr: progress, ms: 5 });
      },
    };
    const d = { ...engine(() => ({})).d, runner };
    const err = await runTests(d, spec({ builder: 'crossbuild-x', local: false })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TestsFailed);
    const results = (err as TestsFailed).results;
    expect(results.map((r) => [r.platform, r.test, r.ok, r.exit ?? '', r.output.join('|')])).toEqual([
      ['linux/amd64', '/app --version', true, '', 'ran linux/amd64'],
      ['linux/amd64', '/app selftest', true, '', 'ran linux/amd64'],
      ['linux/arm64', '/app --version', true, '', 'ran linux/arm64'],
      ['linux/arm64', '/app selftest', false, 'exited 2', 'ran linux/arm64'],
    ]);
    // timeout wraps each build; nothing goes through docker run, nothing is pulled into docker or removed from it
    expect(calls.map((c) => c.cmd)).toEqual(['timeout', 'timeout', 'timeout', 'timeout']);
    expect(calls[0]?.args.slice(0, 6)).toEqual([
      '--kill-after=10',
      '60s',
      'docker',
      'buildx',
      'build',
      '--builder',
    ]);
    expect(calls[0]?.input).toMatch(/^FROM 127\.0\.0\.1:5000\/acme\/widget@sha256:a{64}\n/);
    // the context was an empty directory of the run's own, the Dockerfile beside it; both gone afterwards
    const context = calls[0]?.args.at(-1) ?? '';
    expect(context).toMatch(/crossbuild-test-[^/]+\/context$/);
    expect(calls.map((c) => c.context)).toEqual([[], [], [], []]);
    expect(dirname(calls[0]?.args[calls[0].args.indexOf('--file') + 1] ?? '')).toBe(dirname(context));
    expect(existsSync(dirname(context))).toBe(false);
  });

  test('a runner without coreutils timeout: one line naming the test and the program, kind engine', async () => {
    const runner: Runner = {
      run: () => Promise.reject(new Error('Unable to locate executable file: timeout')),
    };
    const d = { ...engine(() => ({})).d, runner };
    const err = await runTests(d, spec({ builder: 'b', platforms: ['linux/amd64'] })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StepError);
    expect((err as StepError).kind).toBe('engine');
    expect((err as StepError).message).toBe(
      'test: linux/amd64: /app --version: cannot start timeout (Unable to locate executable file: timeout)',
    );
  });

  test('past its timeout (timeout exits 124) a command counts as failed', async () => {
    const runner: Runner = {
      run: () => Promise.resolve({ code: 124, stdout: '', stderr: '#5 CANCELED\n', ms: 60_000 }),
    };
    const d = { ...engine(() => ({})).d, runner };
    const err = await runTests(d, spec({ builder: 'b', tests: parseTests('/app serve') })).catch(
      (e: unknown) => e,
    );
    expect((err as TestsFailed).results.map((r) => r.exit)).toEqual([
      'did not end within 60 s',
      'did not end within 60 s',
    ]);
  });
});
