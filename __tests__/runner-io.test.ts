/**
 * runnerIO speaks the runner's protocol: the same calls write the same stdout lines and the same file blocks as
 * @actions/core (delimiters aside, which are random in both), in both of core's modes (file commands, and the stdout
 * commands of runners that set no GITHUB_OUTPUT/ENV/STATE).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '@actions/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { ActionIO } from '../src/action-io.js';
import { runnerIO } from '../src/runner-io.js';
import { tempDir } from '../scripts/temp.mjs';

const FILES = {
  GITHUB_OUTPUT: 'out',
  GITHUB_ENV: 'env',
  GITHUB_STATE: 'state',
  GITHUB_STEP_SUMMARY: 'summary',
};

/** Everything ActionIO says, through `io`: what reached stdout and each file, delimiters made one token. */
async function script(
  io: ActionIO,
  withFiles: boolean,
): Promise<{ stdout: string; files: string[]; exit: unknown }> {
  const dir = tempDir('crossbuild-io-');
  const saved = { ...process.env };
  for (const [v, f] of Object.entries(FILES)) {
    if (withFiles) {
      writeFileSync(join(dir, f), '');
      process.env[v] = join(dir, f);
    } else Reflect.deleteProperty(process.env, v);
  }
  const printed: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s) => printed.push(String(s)) > 0);
  let exit: unknown;
  try {
    io.info('hello 100%');
    io.warning('careful: a, b\nnext', { file: 'build/Dockerfile', startLine: 3, title: 'wrong-arch: x' });
    io.warning('line 0 is none', { startLine: 0, file: '' });
    io.notice('fyi %0A');
    await io.group('Build: linux/arm64', () => Promise.resolve());
    io.setSecret('s3cr3t%\r\n');
    io.setOutput('digest', 'sha256:1');
    io.setOutput('tags', 'a:1\nb:2');
    io.exportVariable('DOCKER_METADATA_OUTPUT_VERSION', '1.2.3');
    io.saveState('logins', '["ghcr.io"]');
    if (withFiles) await io.summary('## Crossbuild\n');
    io.setFailed('build: broke\nsecond line');
    exit = process.exitCode;
  } finally {
    spy.mockRestore();
    process.exitCode = undefined;
    process.env = saved;
  }
  const token = (s: string) => s.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIM');
  const files = withFiles ? Object.values(FILES).map((f) => token(readFileSync(join(dir, f), 'utf8'))) : [];
  return { stdout: token(printed.join('')), files, exit };
}

const coreIO = (): ActionIO => ({
  info: (m) => {
    core.info(m);
  },
  warning: (m, where) => {
    core.warning(m, where);
  },
  notice: (m) => {
    core.notice(m);
  },
  group: (n, fn) => core.group(n, fn),
  input: (n) => core.getInput(n),
  setSecret: (v) => {
    core.setSecret(v);
  },
  setOutput: (n, v) => {
    core.setOutput(n, v);
  },
  exportVariable: (n, v) => {
    core.exportVariable(n, v);
  },
  saveState: (n, v) => {
    core.saveState(n, v);
  },
  state: (n) => core.getState(n),
  summary: async (md) => {
    await core.summary.addRaw(md).write();
  },
  setFailed: (m) => {
    core.setFailed(m);
  },
});

describe('runnerIO writes what @actions/core writes', () => {
  test.each([
    ['file commands', true],
    ['stdout commands (no GITHUB_OUTPUT/ENV/STATE)', false],
  ])('%s', async (_, withFiles) => {
    const ours = await script(
      runnerIO(process.env, (s) => process.stdout.write(s)),
      withFiles,
    );
    core.summary.emptyBuffer();
    const theirs = await script(coreIO(), withFiles);
    expect(ours).toEqual(theirs);
    // the script is not empty on either side: what is compared says something
    expect(ours.stdout).toContain(
      '::warning title=wrong-arch%3A x,file=build/Dockerfile,line=3::careful: a, b%0Anext',
    );
    expect(ours.exit).toBe(1);
    if (withFiles) expect(ours.files[0]).toContain('digest<<DELIM\nsha256:1\nDELIM\n');
  });
});

describe('runnerIO reads what the runner gives', () => {
  const env = {
    INPUT_PLATFORMS: ' linux/amd64 ',
    'INPUT_SEP-TAGS': ' ',
    INPUT_BUILD_ARGS: 'A=1',
    STATE_builder: 'b1',
  };
  test.each([
    ['trimmed', 'platforms', 'linux/amd64'],
    ['a separator as written (metadata-action: a space)', 'sep-tags', ' '],
    ['spaces in a name are underscores', 'build args', 'A=1'],
    ['unset is empty', 'images', ''],
  ])('an input: %s', (_, name, value) => {
    expect(runnerIO(env, () => undefined).input(name)).toBe(value);
  });
  test('saved state comes from STATE_<name>; an unsaved name is empty', () => {
    const io = runnerIO(env, () => undefined);
    expect([io.state('builder'), io.state('logins')]).toEqual(['b1', '']);
  });
  test('a variable naming a missing file fails; no summary file is an error main reports', async () => {
    const io = runnerIO({ GITHUB_OUTPUT: '/nonexistent/out' }, () => undefined);
    expect(() => {
      io.setOutput('a', 'b');
    }).toThrow('Missing file at path: /nonexistent/out');
    await expect(io.summary('x')).rejects.toThrow(/GITHUB_STEP_SUMMARY/);
  });
  test('exportVariable also sets the variable for this process', () => {
    const dir = tempDir('crossbuild-io-');
    writeFileSync(join(dir, 'env'), '');
    const e: NodeJS.ProcessEnv = { GITHUB_ENV: join(dir, 'env') };
    runnerIO(e, () => undefined).exportVariable('X', '1');
    expect(e.X).toBe('1');
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});
