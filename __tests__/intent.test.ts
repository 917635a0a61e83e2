/**
 * Decisions the Intent makes once, for every later stage: the job `mode` selects, whether the binaries are proven,
 * and the warnings that follow from the two.
 */
import { describe, expect, test } from 'vitest';
import { events } from './fixtures/events.js';
import { intentFor, SIMPLE_DOCKERFILE } from './fixtures/intent.js';
import type { StructureFile } from '../src/plan/structure.js';
import { metaFixture } from './fixtures/meta.js';

const meta = metaFixture(['ghcr.io/acme/widget'], ['1.2.3']);
const tag = events.tagStable.ctx;
const pr = events.pullRequest.ctx;

describe('the job mode selects', () => {
  test.each([
    ['', 'single'],
    ['all', 'single'],
    ['build', 'fan-out-build'],
    ['merge', 'merge'],
  ])('mode: %s → %s', (mode, job) => {
    expect(intentFor({ mode }, tag, meta).job).toBe(job);
  });
});

describe('verify-arch', () => {
  test.each([
    ['auto', 'a tag push', tag, true],
    ['auto', 'a pull request (no push)', pr, false],
    ['true', 'a pull request (no push)', pr, true],
    ['false', 'a tag push', tag, false],
  ])('verify-arch: %s on %s → %s', (v, _on, ctx, want) => {
    expect(intentFor({ 'verify-arch': v }, ctx, meta).verifyArch).toBe(want);
  });

  test('asked for with custom outputs: a warning before anything runs (nothing to read back)', () => {
    const i = intentFor({ 'verify-arch': 'true', outputs: 'type=local,dest=out' }, tag, meta);
    expect(i.warnings).toEqual([expect.stringMatching(/^verify-arch: custom outputs .*drop outputs/)]);
    expect(intentFor({ outputs: 'type=local,dest=out' }, tag, meta).warnings).toEqual([]);
  });
});

describe('which tests a run can run (#23)', () => {
  const file = (o: Partial<StructureFile>): StructureFile => ({
    path: 'tests/s.yaml',
    globalEnvVars: [],
    commandTests: [],
    fileExistenceTests: [],
    fileContentTests: [],
    ...o,
  });
  const command = {
    name: 'version',
    command: '/app',
    args: [],
    envVars: [],
    expectedOutput: [],
    excludedOutput: [],
    expectedError: [],
    excludedError: [],
    exitCode: 0,
  };
  const mixed = file({
    commandTests: [command],
    fileExistenceTests: [{ name: 'a', path: '/a', shouldExist: true }],
  });
  const commandsOnly = file({ commandTests: [command] });
  const metadataOnly = file({ metadataTest: { user: '' } });

  test.each<
    [string, Record<string, string>, typeof tag, StructureFile[], number, number[], RegExp | undefined]
  >([
    ['a push runs everything', { test: '/app' }, tag, [mixed], 1, [1], undefined],
    [
      'a pull request: the file tests on the layout, the commands dropped with a warning',
      { test: '/app' },
      pr,
      [mixed, commandsOnly, metadataOnly],
      0,
      [0, 0],
      /^test: 3 command\(s\) not run: this run does not push \(.*\); the structure files’ metadata and file tests ran on the build$/,
    ],
    [
      'a pull request with commands only: nothing runs, the warning says so',
      {},
      pr,
      [commandsOnly],
      0,
      [],
      /^test: 1 command\(s\) not run: this run does not push \([^;]*\)$/,
    ],
    [
      'custom outputs: nothing runs',
      { outputs: 'type=local,dest=out' },
      tag,
      [metadataOnly],
      0,
      [],
      /^test: not run: custom outputs push nothing to run$/,
    ],
    ['the merge job runs none (its build jobs did)', { mode: 'merge' }, tag, [mixed], 0, [], undefined],
  ])('%s', (_, inputs, ctx, files, tests, commandTests, warning) => {
    const i = intentFor(inputs, ctx, meta, SIMPLE_DOCKERFILE, files);
    expect(i.tests).toHaveLength(tests);
    expect(i.structure.map((f) => f.commandTests.length)).toEqual(commandTests);
    const said = i.warnings.filter((w) => w.startsWith('test:'));
    expect(said).toEqual(warning ? [expect.stringMatching(warning)] : []);
  });
});
