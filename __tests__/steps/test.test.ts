/** The `test` step with a hand-made engine: order, timeouts and what is removed afterwards. */
import { describe, expect, test } from 'vitest';
import type { ExecResult, Runner } from '../../src/exec.js';
import { parseTests, TestsFailed } from '../../src/plan/tests.js';
import { runTests, type TestSpec } from '../../src/steps/test.js';
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
