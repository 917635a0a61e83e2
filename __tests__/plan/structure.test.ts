/** container-structure-test files (#23): read with every key checked, and judged against configs and runs. */
import { describe, expect, test } from 'vitest';
import {
  commandProblems,
  metadataProblems,
  parseStructureTests,
  type CommandTest,
} from '../../src/plan/structure.js';

const FILE = `schemaVersion: '2.0.0'
globalEnvVars:
  - key: MODE
    value: test
commandTests:
  - name: version
    command: /app
    args: ['--version']
    expectedOutput: ['^1\\.2\\.3$']
  - name: refuses a bad flag
    command: /app
    args: ['--nope']
    envVars: [{ key: LANG, value: C }]
    exitCode: 2
    expectedError: ['unknown flag']
    excludedOutput: ['panic']
metadataTest:
  entrypoint: ['/app']
  cmd: []
  user: '65534:65534'
  workdir: /
  exposedPorts: ['8080']
  env:
    - key: PATH
      value: '/usr/local/bin.*'
      isRegex: true
  labels:
    - key: org.opencontainers.image.source
      value: https://github.com/acme/widget
`;

const read = (text: string, path = 'tests/structure.yaml') => parseStructureTests([{ path, text }]);

describe('reading a file', () => {
  test('every part the format has, with defaults', async () => {
    const [f] = await read(FILE);
    expect(f?.globalEnvVars).toEqual([{ key: 'MODE', value: 'test' }]);
    expect(f?.commandTests).toEqual([
      {
        name: 'version',
        command: '/app',
        args: ['--version'],
        envVars: [],
        expectedOutput: ['^1\\.2\\.3$'],
        excludedOutput: [],
        expectedError: [],
        excludedError: [],
        exitCode: 0,
      },
      {
        name: 'refuses a bad flag',
        command: '/app',
        args: ['--nope'],
        envVars: [{ key: 'LANG', value: 'C' }],
        expectedOutput: [],
        excludedOutput: ['panic'],
        expectedError: ['unknown flag'],
        excludedError: [],
        exitCode: 2,
      },
    ]);
    expect(f?.metadataTest).toMatchObject({
      entrypoint: ['/app'],
      cmd: [],
      user: '65534:65534',
      exposedPorts: ['8080'],
    });
    expect(f?.metadataTest?.env).toEqual([{ key: 'PATH', value: '/usr/local/bin.*', isRegex: true }]);
  });

  test.each([
    [
      "schemaVersion: '2.0.0'\ncommandTests:\n  - name: x\n    command: /a\n    expectedOutputs: ['y']\n",
      /:5: commandTests\[0\]: unknown key expectedOutputs; the keys are name, command,/,
    ],
    ["schemaVersion: '1.0.0'\n", /:1: schemaVersion must be "2\.0\.0"/],
    ['commandTests: []\n', /:1: schemaVersion must be "2\.0\.0"/],
    [
      "schemaVersion: '2.0.0'\nfileTests: []\n",
      /:2: unknown key fileTests; the keys are schemaVersion, globalEnvVars, commandTests, metadataTest/,
    ],
    ["schemaVersion: '2.0.0'\ncommandTests:\n  - command: /a\n", /:3: commandTests\[0\]: name is required/],
    [
      "schemaVersion: '2.0.0'\ncommandTests:\n  - name: x\n    command: /a\n    exitCode: one\n",
      /:5: commandTests\[0\]\.exitCode must be a whole number/,
    ],
    [
      "schemaVersion: '2.0.0'\ncommandTests:\n  - name: x\n    command: /a\n    args: /b\n",
      /:5: commandTests\[0\]\.args must be a list/,
    ],
    [
      "schemaVersion: '2.0.0'\ncommandTests:\n  - name: x\n    command: /a\n    expectedOutput: ['(']\n",
      /:3: commandTests\[0\]\.expectedOutput: \/\(\/ is not a regular expression/,
    ],
    [
      "schemaVersion: '2.0.0'\nmetadataTest:\n  labels:\n    - value: x\n",
      /:4: metadataTest\.labels\[0\]: key is required/,
    ],
    [
      "schemaVersion: '2.0.0'\nfileExistenceTests:\n  - name: x\n",
      /:3: fileExistenceTests: file existence tests are not run yet; remove it or run it with container-structure-test/,
    ],
    [
      "schemaVersion: '2.0.0'\ncommandTests:\n  - name: x\n    command: /a\n    setup: [['/b']]\n",
      /:5: commandTests\[0\]\.setup: setup commands are not run/,
    ],
    ["schemaVersion: '2.0.0'\n  bad: [\n", /^structure-tests: tests\/structure\.yaml:1: not YAML/],
    ['- a\n- b\n', /:1: the file must be a map/],
  ])('%j fails naming the file, line and key', async (text, want) => {
    await expect(read(text)).rejects.toThrow(want);
    await expect(read(text)).rejects.toThrow(/^structure-tests: tests\/structure\.yaml:\d+: /);
  });

  test('no file: nothing read (and no YAML library loaded)', async () => {
    expect(await parseStructureTests([])).toEqual([]);
  });
});

describe('metadataTest against an image config', () => {
  const config = {
    architecture: 'arm64',
    config: {
      Env: ['PATH=/usr/local/bin:/usr/bin', 'MODE=prod'],
      Entrypoint: ['/app'],
      User: '65534:65534',
      WorkingDir: '/',
      ExposedPorts: { '8080/tcp': {} },
      Volumes: { '/data': {} },
      Labels: { 'org.opencontainers.image.source': 'https://github.com/acme/widget' },
    },
  };
  test.each([
    [
      { entrypoint: ['/app'], user: '65534:65534', workdir: '/', exposedPorts: ['8080'], volumes: ['/data'] },
      [],
    ],
    [
      {
        env: [
          { key: 'PATH', value: '/usr/local/bin.*', isRegex: true },
          { key: 'MODE', value: 'prod' },
        ],
      },
      [],
    ],
    [
      {
        env: [
          { key: 'MODE', value: 'test' },
          { key: 'HOME', value: '/' },
        ],
      },
      ['env MODE is "prod"', 'env HOME is not set'],
    ],
    [
      { labels: [{ key: 'org.opencontainers.image.source', value: 'https://github.com/acme/other' }] },
      ['label org.opencontainers.image.source is "https://github.com/acme/widget"'],
    ],
    [{ entrypoint: ['/bin/sh'], cmd: ['--serve'] }, ['entrypoint is ["/app"]', 'cmd is []']],
    [
      { exposedPorts: ['9090'], unexposedPorts: ['8080'], unmountedVolumes: ['/data'] },
      ['port 9090 is not exposed', 'port 8080 is exposed', 'volume /data is declared'],
    ],
    [{ user: 'root', workdir: '/srv' }, ['workdir is "/"', 'user is "65534:65534"']],
  ])('%j → %j', (m, want) => {
    expect(metadataProblems(config, m)).toEqual(want);
  });
});

describe('a command test against its run', () => {
  const t: CommandTest = {
    name: 'v',
    command: '/app',
    args: [],
    envVars: [],
    expectedOutput: ['^1\\.2\\.3'],
    excludedOutput: ['panic'],
    expectedError: [],
    excludedError: ['warning'],
    exitCode: 0,
  };
  test.each([
    [{ code: 0, stdout: '1.2.3\n', stderr: '' }, []],
    [{ code: 1, stdout: '1.2.3\n', stderr: '' }, ['exit code 1, expected 0']],
    [
      { code: 0, stdout: 'dev\npanic: x', stderr: 'warning: y' },
      ['output does not match /^1\\.2\\.3/', 'output matches /panic/', 'error output matches /warning/'],
    ],
  ])('%j → %j', (r, want) => {
    expect(commandProblems(t, r)).toEqual(want);
  });
});
