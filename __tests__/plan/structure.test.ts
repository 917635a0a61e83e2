/** container-structure-test files (#23): read with every key checked, and judged against configs and runs. */
import { describe, expect, test } from 'vitest';
import {
  commandProblems,
  contentNames,
  contentProblems,
  existenceProblems,
  fileResults,
  metadataProblems,
  modeString,
  parseStructureTests,
  type CommandTest,
  type FileContentTest,
  type FileExistenceTest,
} from '../../src/plan/structure.js';
import { mergeLayers, type PathStat } from '../../src/proof/rootfs.js';
import { WHOLE_LIMIT, type TarEntry } from '../../src/proof/tar.js';
import { entry } from '../fixtures/tar.js';

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

  test('file tests: existence (shouldExist defaults to true, owner checks only when given) and content', async () => {
    const [f] = await read(`schemaVersion: '2.0.0'
fileExistenceTests:
  - name: binary
    path: /usr/local/bin/app
    permissions: '-rwxr-xr-x'
    uid: 0
    isExecutableBy: any
  - name: no shell
    path: /bin/sh
    shouldExist: false
fileContentTests:
  - name: nsswitch
    path: /etc/nsswitch.conf
    expectedContents: ['hosts:\\s+files dns']
    excludedContents: ['mdns']
`);
    expect(f?.fileExistenceTests).toEqual([
      {
        name: 'binary',
        path: '/usr/local/bin/app',
        shouldExist: true,
        permissions: '-rwxr-xr-x',
        uid: 0,
        isExecutableBy: 'any',
      },
      { name: 'no shell', path: '/bin/sh', shouldExist: false },
    ]);
    expect(f?.fileContentTests).toEqual([
      {
        name: 'nsswitch',
        path: '/etc/nsswitch.conf',
        expectedContents: ['hosts:\\s+files dns'],
        excludedContents: ['mdns'],
      },
    ]);
    expect(f?.commandTests).toEqual([]);
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
      /:2: unknown key fileTests; the keys are schemaVersion, globalEnvVars, commandTests, fileExistenceTests, fileContentTests, metadataTest/,
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
      /:3: fileExistenceTests\[0\]: path is required/,
    ],
    [
      "schemaVersion: '2.0.0'\nfileExistenceTests:\n  - name: x\n    path: /a\n    permissions: '755'\n",
      /:3: fileExistenceTests\[0\]\.permissions: "755" is not a mode as ls prints it, e\.g\. -rwxr-xr-x/,
    ],
    [
      "schemaVersion: '2.0.0'\nfileExistenceTests:\n  - name: x\n    path: /a\n    isExecutableBy: everyone\n",
      /:3: fileExistenceTests\[0\]\.isExecutableBy: "everyone"; use owner, group, other or any/,
    ],
    [
      "schemaVersion: '2.0.0'\nfileExistenceTests:\n  - name: x\n    path: /a\n    uid: root\n",
      /:5: fileExistenceTests\[0\]\.uid must be a whole number/,
    ],
    [
      "schemaVersion: '2.0.0'\nfileContentTests:\n  - name: x\n    path: /a\n    expectedContents: ['[']\n",
      /:3: fileContentTests\[0\]\.expectedContents: \/\[\/ is not a regular expression/,
    ],
    [
      "schemaVersion: '2.0.0'\nfileContentTests:\n  - name: x\n    path: /a\n    contents: x\n",
      /:5: fileContentTests\[0\]: unknown key contents; the keys are name, path, expectedContents, excludedContents/,
    ],
    [
      "schemaVersion: '2.0.0'\nlicenseTests:\n  - debian: true\n",
      /:3: licenseTests: license tests are not run; remove it or run it with container-structure-test/,
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

describe('file tests against a platform image’s file system', () => {
  // a small merged file system, as the layer reader and mergeLayers make it from an image's layers
  const e = entry;
  const text = (path: string, body: string, over: Partial<TarEntry> = {}) =>
    e(path, { head: Buffer.from(body), size: Buffer.byteLength(body), ...over });
  const fs = mergeLayers([
    [
      e('usr', { type: 'dir', mode: 0o755 }),
      e('usr/bin', { type: 'dir', mode: 0o755 }),
      e('bin', { type: 'symlink', linkname: 'usr/bin', mode: 0o777 }),
      e('usr/bin/app', { mode: 0o755, uid: 0, gid: 0 }),
      e('usr/bin/su', { mode: 0o4755 }),
      e('tmp', { type: 'dir', mode: 0o1777 }),
      text('etc/nsswitch.conf', 'passwd: files\nhosts: files dns\n'),
      e('etc/resolv.conf', { type: 'symlink', linkname: '../run/resolv.conf' }),
      text('run/resolv.conf', 'nameserver 10.0.0.1\n'),
      e('home/app', { type: 'dir', mode: 0o750, uid: 65532, gid: 65532 }),
      e('big', { size: WHOLE_LIMIT + 1, head: Buffer.alloc(64) }),
      e('cut', { size: 100, head: Buffer.alloc(64) }),
    ],
    [e('usr/bin/.wh.su')],
  ]);
  const exists = (path: string, over: Partial<FileExistenceTest> = {}): FileExistenceTest => ({
    name: path,
    path,
    shouldExist: true,
    ...over,
  });

  test.each<[string, FileExistenceTest, string[]]>([
    ['a file', exists('/usr/bin/app', { permissions: '-rwxr-xr-x', uid: 0, gid: 0 }), []],
    ['through a linked directory', exists('/bin/app', { isExecutableBy: 'other' }), []],
    ['a link itself (lstat, as the tool)', exists('/bin', { permissions: 'Lrwxrwxrwx' }), []],
    ['a directory with the sticky bit', exists('/tmp', { permissions: 'dtrwxrwxrwx' }), []],
    ['an implicit parent directory', exists('/etc', { permissions: 'drwxr-xr-x', uid: 0 }), []],
    ['whited out by a later layer', exists('/usr/bin/su', { shouldExist: false }), []],
    ['missing', exists('/usr/bin/sh'), ['/usr/bin/sh does not exist']],
    ['present, should not be', exists('/usr/bin/app', { shouldExist: false }), ['/usr/bin/app exists']],
    [
      'wrong mode and owner',
      exists('/home/app', { permissions: 'drwxr-xr-x', uid: 0, gid: 0, isExecutableBy: 'other' }),
      [
        '/home/app is drwxr-x---, expected drwxr-xr-x',
        '/home/app is drwxr-x---, not executable by other',
        '/home/app is owned by uid 65532, expected 0',
        '/home/app has gid 65532, expected 0',
      ],
    ],
    ['$VAR in the path from the image env', exists('$APP_HOME/../app/'), []],
    ['an unset $VAR is empty', exists('${NOPE}/usr/bin/app'), []],
  ])('existence: %s', (_, t, want) => {
    const env = new Map([
      ['PATH', '/bin'],
      ['APP_HOME', '/home/app'],
    ]);
    expect(existenceProblems(t, fs, env)).toEqual(want);
  });

  const content = (path: string, expected: string[], excluded: string[] = []): FileContentTest => ({
    name: path,
    path,
    expectedContents: expected,
    excludedContents: excluded,
  });
  test.each<[string, FileContentTest, string[]]>([
    ['matches', content('/etc/nsswitch.conf', ['hosts:\\s+files dns\\n'], ['mdns']), []],
    ['through a link, as a process reads it', content('/etc/resolv.conf', ['nameserver 10\\.']), []],
    [
      'contradicted both ways',
      content('/etc/nsswitch.conf', ['myhostname'], ['files']),
      ['contents do not match /myhostname/', 'contents match /files/'],
    ],
    ['missing', content('/etc/hosts', []), ['/etc/hosts does not exist']],
    ['a directory', content('/tmp', []), ['/tmp is a directory']],
    [
      'too big',
      content('/big', []),
      [`/big is ${WHOLE_LIMIT + 1} bytes, over the 4 MiB a content test reads`],
    ],
    ['not read whole', content('/cut', []), ['/cut could not be read whole (a hard link to /cut?)']],
  ])('content: %s', (_, t, want) => {
    expect(contentProblems(t, fs)).toEqual(want);
  });

  test('modes print as Go prints them (what the tool compares)', () => {
    expect(
      [
        { type: 'file', mode: 0o644 },
        { type: 'file', mode: 0o4755 },
        { type: 'file', mode: 0o2711 },
        { type: 'dir', mode: 0o1777 },
        { type: 'symlink', mode: 0o777 },
        { type: 'other', mode: 0o600 },
      ].map((m) => modeString(m as Pick<PathStat, 'type' | 'mode'>)),
    ).toEqual(['-rw-r--r--', 'urwxr-xr-x', 'grwx--x--x', 'dtrwxrwxrwx', 'Lrwxrwxrwx', '?rw-------']);
  });

  test('fileResults: one row per test, labelled FILE: name; contentNames: the base names read whole', async () => {
    const [f] = await read(`schemaVersion: '2.0.0'
fileExistenceTests:
  - { name: app, path: /usr/bin/app }
fileContentTests:
  - { name: dns, path: /etc/resolv.conf, expectedContents: ['8\\.8\\.8\\.8'] }
`);
    const files = f ? [f] : [];
    expect(fileResults(files, fs, { config: { Env: [] } })).toEqual([
      { label: 'tests/structure.yaml: app', problems: [] },
      { label: 'tests/structure.yaml: dns', problems: ['contents do not match /8\\.8\\.8\\.8/'] },
    ]);
    expect([...contentNames(files)]).toEqual(['resolv.conf']);
  });
});
