/**
 * container-structure-test files (schemaVersion 2.0.0, the format Google's tool reads) for the `structure-tests`
 * input (#23). Pure: reading a file (every key checked: an unknown one or a wrong type fails naming the file, line
 * and key), and judging a platform image's config against `metadataTest`, its file system against the file tests
 * and a command's run against its test. The YAML library is loaded only when a file is given.
 */
import type { Node } from 'yaml';
import type { PathStat, RootFs } from '../proof/rootfs.js';
import { posix } from 'node:path';
import { InputError } from '../errors.js';
import { keyValue } from '../lines.js';
import { WHOLE_LIMIT } from '../proof/tar.js';
import { objectOf, stringOf, type Json } from '../json.js';
import { lineProbe, testEnv, type Probe, type TestCommand } from './tests.js';

interface KeyValue {
  key: string;
  value: string;
  isRegex?: boolean;
}

export interface CommandTest {
  name: string;
  command: string;
  args: string[];
  envVars: KeyValue[];
  expectedOutput: string[];
  excludedOutput: string[];
  expectedError: string[];
  excludedError: string[];
  exitCode: number;
}

export interface MetadataTest {
  env?: KeyValue[];
  labels?: KeyValue[];
  exposedPorts?: string[];
  unexposedPorts?: string[];
  volumes?: string[];
  unmountedVolumes?: string[];
  entrypoint?: string[];
  cmd?: string[];
  workdir?: string;
  user?: string;
}

const EXECUTABLE_BY = { owner: 0o100, group: 0o010, other: 0o001, any: 0o111 } as const;

export interface FileExistenceTest {
  name: string;
  path: string;
  shouldExist: boolean;
  /** as Go prints a file mode, e.g. `-rwxr-xr-x`, `drwxr-xr-x`, `Lrwxrwxrwx` */
  permissions?: string;
  uid?: number;
  gid?: number;
  isExecutableBy?: keyof typeof EXECUTABLE_BY;
}

export interface FileContentTest {
  name: string;
  path: string;
  expectedContents: string[];
  excludedContents: string[];
}

export interface StructureFile {
  path: string;
  globalEnvVars: KeyValue[];
  commandTests: CommandTest[];
  fileExistenceTests: FileExistenceTest[];
  fileContentTests: FileContentTest[];
  metadataTest?: MetadataTest;
}

type Kind = 'string' | 'strings' | 'int' | 'bool' | 'pairs' | 'pairsRegex';

const COMMAND_KEYS: Record<string, Kind> = {
  name: 'string',
  command: 'string',
  args: 'strings',
  envVars: 'pairs',
  expectedOutput: 'strings',
  excludedOutput: 'strings',
  expectedError: 'strings',
  excludedError: 'strings',
  exitCode: 'int',
};
const METADATA_KEYS: Record<string, Kind> = {
  env: 'pairsRegex',
  labels: 'pairsRegex',
  exposedPorts: 'strings',
  unexposedPorts: 'strings',
  volumes: 'strings',
  unmountedVolumes: 'strings',
  entrypoint: 'strings',
  cmd: 'strings',
  workdir: 'string',
  user: 'string',
};
const EXISTENCE_KEYS: Record<string, Kind> = {
  name: 'string',
  path: 'string',
  shouldExist: 'bool',
  permissions: 'string',
  uid: 'int',
  gid: 'int',
  isExecutableBy: 'string',
};
const CONTENT_KEYS: Record<string, Kind> = {
  name: 'string',
  path: 'string',
  expectedContents: 'strings',
  excludedContents: 'strings',
};
const TOP_KEYS = new Set([
  'schemaVersion',
  'globalEnvVars',
  'commandTests',
  'fileExistenceTests',
  'fileContentTests',
  'metadataTest',
]);
/** Parts of the format Crossbuild does not run: named, so a file with them fails instead of passing unread. */
const NOT_YET: Record<string, string> = {
  licenseTests: 'license tests are not run',
  containerRunOptions: 'containerRunOptions are not taken: each command runs as a `test` line does',
  setup: 'setup commands are not run',
  teardown: 'teardown commands are not run',
};

type Yaml = typeof import('yaml');

const WHOLE_MIB = WHOLE_LIMIT >> 20;

/** Reads the files of the `structure-tests` input: `files` are their paths and texts. */
export async function parseStructureTests(
  files: readonly { path: string; text: string }[],
): Promise<StructureFile[]> {
  if (files.length === 0) return [];
  const yaml = await import('yaml');
  return files.map((f) => readFile(yaml, f.path, f.text));
}

function readFile(yaml: Yaml, path: string, text: string): StructureFile {
  const lines = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const at = (n: Node | null | undefined) => (n?.range ? lines.linePos(n.range[0]).line : 1);
  const fail = (n: Node | null | undefined, what: string): never => {
    throw new InputError('structure-tests', `${path}:${at(n)}: ${what}`);
  };
  const [problem] = doc.errors;
  if (problem) fail(null, `not YAML (${problem.message.split('\n')[0] ?? ''})`);
  const reader = new Reader(yaml, fail);
  const top = reader.map(doc.contents, 'the file');
  for (const [key, node] of top) {
    if (NOT_YET[key])
      fail(node, `${key}: ${NOT_YET[key]}; remove it or run it with container-structure-test`);
    if (!TOP_KEYS.has(key)) fail(node, `unknown key ${key}; the keys are ${[...TOP_KEYS].join(', ')}`);
  }
  const version = top.get('schemaVersion');
  if ((version ? reader.scalar(version, 'schemaVersion') : '') !== '2.0.0')
    fail(version ?? doc.contents, 'schemaVersion must be "2.0.0"');
  const metadata = top.get('metadataTest');
  const each = <T>(key: string, read: (r: Reader, n: Node, i: number) => T): T[] => {
    const n = top.get(key);
    return n ? reader.list(n, key).map((x, i) => read(reader, x, i)) : [];
  };
  return {
    path,
    globalEnvVars: top.has('globalEnvVars')
      ? reader.pairs(top.get('globalEnvVars'), 'globalEnvVars', false)
      : [],
    commandTests: each('commandTests', commandTest),
    fileExistenceTests: each('fileExistenceTests', existenceTest),
    fileContentTests: each('fileContentTests', contentTest),
    ...(metadata ? { metadataTest: reader.fields(metadata, 'metadataTest', METADATA_KEYS) } : {}),
  };
}

/** Fails naming the key when one of its patterns is not a regular expression. */
function checkRegexes(reader: Reader, n: Node, where: string, got: Record<string, unknown>, keys: string[]) {
  for (const key of keys)
    for (const p of (got[key] as string[] | undefined) ?? []) {
      try {
        new RegExp(p);
      } catch {
        reader.fail(n, `${where}.${key}: /${p}/ is not a regular expression`);
      }
    }
}

/** name and path, which every file test needs. */
function required(reader: Reader, n: Node, where: string, got: Record<string, unknown>, keys: string[]) {
  for (const key of keys) if (!got[key]) reader.fail(n, `${where}: ${key} is required`);
}

function commandTest(reader: Reader, n: Node, i: number): CommandTest {
  const where = `commandTests[${i}]`;
  const got = reader.fields(n, where, COMMAND_KEYS) as Partial<CommandTest>;
  required(reader, n, where, got, ['name', 'command']);
  checkRegexes(reader, n, where, got, ['expectedOutput', 'excludedOutput', 'expectedError', 'excludedError']);
  return {
    name: got.name ?? '',
    command: got.command ?? '',
    args: got.args ?? [],
    envVars: got.envVars ?? [],
    expectedOutput: got.expectedOutput ?? [],
    excludedOutput: got.excludedOutput ?? [],
    expectedError: got.expectedError ?? [],
    excludedError: got.excludedError ?? [],
    exitCode: got.exitCode ?? 0,
  };
}

const PERMISSIONS = /^([dalTLDpSugct?]+|-)([r-][w-][x-]){3}$/;

function existenceTest(reader: Reader, n: Node, i: number): FileExistenceTest {
  const where = `fileExistenceTests[${i}]`;
  const got = reader.fields(n, where, EXISTENCE_KEYS) as Partial<FileExistenceTest> & Record<string, unknown>;
  required(reader, n, where, got, ['name', 'path']);
  if (got.permissions !== undefined && !PERMISSIONS.test(got.permissions))
    reader.fail(
      n,
      `${where}.permissions: "${got.permissions}" is not a mode as ls prints it, e.g. -rwxr-xr-x`,
    );
  const by = got.isExecutableBy;
  if (by !== undefined && !(by in EXECUTABLE_BY))
    reader.fail(n, `${where}.isExecutableBy: "${by}"; use owner, group, other or any`);
  return {
    name: got.name ?? '',
    path: got.path ?? '',
    shouldExist: got.shouldExist ?? true,
    ...(got.permissions !== undefined ? { permissions: got.permissions } : {}),
    ...(got.uid !== undefined ? { uid: got.uid } : {}),
    ...(got.gid !== undefined ? { gid: got.gid } : {}),
    ...(by !== undefined ? { isExecutableBy: by } : {}),
  };
}

function contentTest(reader: Reader, n: Node, i: number): FileContentTest {
  const where = `fileContentTests[${i}]`;
  const got = reader.fields(n, where, CONTENT_KEYS) as Partial<FileContentTest>;
  required(reader, n, where, got, ['name', 'path']);
  checkRegexes(reader, n, where, got, ['expectedContents', 'excludedContents']);
  return {
    name: got.name ?? '',
    path: got.path ?? '',
    expectedContents: got.expectedContents ?? [],
    excludedContents: got.excludedContents ?? [],
  };
}

/** Typed reads of YAML nodes; every wrong shape fails naming the key and its line. */
class Reader {
  constructor(
    private readonly yaml: Yaml,
    readonly fail: (n: Node | null | undefined, what: string) => never,
  ) {}

  map(n: Node | null | undefined, what: string): Map<string, Node | null> {
    if (!this.yaml.isMap(n)) return this.fail(n, `${what} must be a map`);
    const out = new Map<string, Node | null>();
    for (const item of n.items) {
      const key = this.yaml.isScalar(item.key) ? String(item.key.value) : '';
      out.set(key, (item.value as Node | null) ?? null);
    }
    return out;
  }

  list(n: Node | null | undefined, what: string): Node[] {
    if (!this.yaml.isSeq(n)) return this.fail(n, `${what} must be a list`);
    return n.items as Node[];
  }

  scalar(n: Node | null | undefined, what: string): string {
    const v: unknown = this.yaml.isScalar(n) ? n.value : undefined;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return this.fail(n, `${what} must be a single value`);
  }

  pairs(n: Node | null | undefined, what: string, regex: boolean): KeyValue[] {
    return this.list(n, what).map((item, i) => {
      const m = this.fields(item, `${what}[${i}]`, {
        key: 'string',
        value: 'string',
        ...(regex ? { isRegex: 'bool' } : {}),
      });
      if (typeof m.key !== 'string') return this.fail(item, `${what}[${i}]: key is required`);
      return {
        key: m.key,
        value: typeof m.value === 'string' ? m.value : '',
        ...(m.isRegex === true ? { isRegex: true } : {}),
      };
    });
  }

  /** A map whose keys are all in `keys`, each read as its kind. */
  fields(n: Node | null | undefined, what: string, keys: Record<string, Kind>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of this.map(n, what)) {
      if (NOT_YET[key]) this.fail(value ?? n, `${what}.${key}: ${NOT_YET[key]}`);
      const kind = keys[key];
      if (!kind)
        this.fail(value ?? n, `${what}: unknown key ${key}; the keys are ${Object.keys(keys).join(', ')}`);
      out[key] = this.read(value, `${what}.${key}`, kind);
    }
    return out;
  }

  private read(n: Node | null, what: string, kind: Kind | undefined): unknown {
    if (kind === 'strings') return this.list(n, what).map((x, i) => this.scalar(x, `${what}[${i}]`));
    if (kind === 'pairs' || kind === 'pairsRegex') return this.pairs(n, what, kind === 'pairsRegex');
    const v = this.scalar(n, what);
    if (kind === 'int') {
      if (!/^-?\d+$/.test(v)) this.fail(n, `${what} must be a whole number`);
      return Number(v);
    }
    if (kind === 'bool') {
      if (v !== 'true' && v !== 'false') this.fail(n, `${what} must be true or false`);
      return v === 'true';
    }
    return v;
  }
}

const has = (list: readonly string[], want: KeyValue) =>
  list.some((v) => (want.isRegex ? new RegExp(want.value).test(v) : v === want.value));

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => stringOf(x)) : []);

/** An image config's `Env`, by name. */
const envOf = (config: Json): Map<string, string> =>
  new Map(strings(objectOf(config.config).Env).map(keyValue));

/** What an image config contradicts of `metadataTest`, one line each. */
export function metadataProblems(config: Json, m: MetadataTest): string[] {
  const c = objectOf(config.config);
  const env = envOf(config);
  const labels = objectOf(c.Labels);
  const ports = Object.keys(objectOf(c.ExposedPorts));
  const volumes = Object.keys(objectOf(c.Volumes));
  const exposed = (p: string) => ports.includes(p) || ports.includes(`${p}/tcp`);
  const same = (a: unknown, b: readonly string[]) => JSON.stringify(strings(a)) === JSON.stringify(b);
  const shown = (v: string | undefined) => (v === undefined ? 'not set' : `"${v}"`);
  const out: string[] = [];
  for (const e of m.env ?? [])
    if (!has(env.has(e.key) ? [env.get(e.key) ?? ''] : [], e))
      out.push(`env ${e.key} is ${shown(env.get(e.key))}`);
  for (const l of m.labels ?? []) {
    const v = l.key in labels ? stringOf(labels[l.key]) : undefined;
    if (!has(v === undefined ? [] : [v], l)) out.push(`label ${l.key} is ${shown(v)}`);
  }
  for (const p of m.exposedPorts ?? []) if (!exposed(p)) out.push(`port ${p} is not exposed`);
  for (const p of m.unexposedPorts ?? []) if (exposed(p)) out.push(`port ${p} is exposed`);
  for (const v of m.volumes ?? []) if (!volumes.includes(v)) out.push(`volume ${v} is not declared`);
  for (const v of m.unmountedVolumes ?? []) if (volumes.includes(v)) out.push(`volume ${v} is declared`);
  if (m.entrypoint && !same(c.Entrypoint, m.entrypoint))
    out.push(`entrypoint is ${JSON.stringify(strings(c.Entrypoint))}`);
  if (m.cmd && !same(c.Cmd, m.cmd)) out.push(`cmd is ${JSON.stringify(strings(c.Cmd))}`);
  if (m.workdir !== undefined && stringOf(c.WorkingDir) !== m.workdir)
    out.push(`workdir is "${stringOf(c.WorkingDir)}"`);
  if (m.user !== undefined && stringOf(c.User) !== m.user) out.push(`user is "${stringOf(c.User)}"`);
  return out;
}

/** A mode as Go prints it (container-structure-test compares `permissions` with this): `drwxr-xr-x`, `urwxr-xr-x`. */
export function modeString(s: Pick<PathStat, 'type' | 'mode'>): string {
  const flags: [boolean, string][] = [
    [s.type === 'dir', 'd'],
    [s.type === 'symlink', 'L'],
    [(s.mode & 0o4000) !== 0, 'u'],
    [(s.mode & 0o2000) !== 0, 'g'],
    [(s.mode & 0o1000) !== 0, 't'],
    [s.type === 'other', '?'],
  ];
  const kind =
    flags
      .filter(([on]) => on)
      .map(([, c]) => c)
      .join('') || '-';
  return (
    kind +
    ['r', 'w', 'x', 'r', 'w', 'x', 'r', 'w', 'x']
      .map((c, i) => ((s.mode & (1 << (8 - i))) !== 0 ? c : '-'))
      .join('')
  );
}

/** `$VAR` and `${VAR}` from the image's env (container-structure-test expands them in an existence test's path). */
function expandEnv(path: string, vars: ReadonlyMap<string, string>): string {
  return path.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a?: string, b?: string) => vars.get(a ?? b ?? '') ?? '');
}

/** What the image's file system contradicts of an existence test, one line each (lstat: a link is a link). */
export function existenceProblems(
  t: FileExistenceTest,
  fs: Pick<RootFs, 'stat'>,
  env: ReadonlyMap<string, string>,
): string[] {
  const path = expandEnv(t.path, env);
  const st = fs.stat(path);
  if (!st) return t.shouldExist ? [`${path} does not exist`] : [];
  if (!t.shouldExist) return [`${path} exists`];
  const out: string[] = [];
  const mode = modeString(st);
  if (t.permissions !== undefined && mode !== t.permissions)
    out.push(`${path} is ${mode}, expected ${t.permissions}`);
  if (t.isExecutableBy && (st.mode & EXECUTABLE_BY[t.isExecutableBy]) === 0)
    out.push(`${path} is ${mode}, not executable by ${t.isExecutableBy}`);
  if (t.uid !== undefined && st.uid !== t.uid)
    out.push(`${path} is owned by uid ${st.uid}, expected ${t.uid}`);
  if (t.gid !== undefined && st.gid !== t.gid) out.push(`${path} has gid ${st.gid}, expected ${t.gid}`);
  return out;
}

/** What a file's contents contradict of a content test, one line each (links followed, as a process reads it). */
export function contentProblems(t: FileContentTest, fs: Pick<RootFs, 'file' | 'stat'>): string[] {
  const f = fs.file(t.path);
  if (!f) return [fs.stat(t.path)?.type === 'dir' ? `${t.path} is a directory` : `${t.path} does not exist`];
  if (f.size > WHOLE_LIMIT)
    return [`${t.path} is ${f.size} bytes, over the ${WHOLE_MIB} MiB a content test reads`];
  if (f.head.length < f.size) return [`${t.path} could not be read whole (a hard link to ${f.target}?)`];
  const text = f.head.toString('utf8');
  return [
    ...t.expectedContents.filter((p) => !new RegExp(p).test(text)).map((p) => `contents do not match /${p}/`),
    ...t.excludedContents.filter((p) => new RegExp(p).test(text)).map((p) => `contents match /${p}/`),
  ];
}

/** How many file tests (existence and content: answered from the layers) a structure file has. */
export const fileTestCount = (f: StructureFile): number =>
  f.fileExistenceTests.length + f.fileContentTests.length;

/** The base names of the files a structure file's content tests read (the layer reader keeps those whole). */
export const contentNames = (files: readonly StructureFile[]): Set<string> =>
  new Set(files.flatMap((f) => f.fileContentTests.map((t) => posix.basename(t.path))));

/** What a platform image's file system contradicts of each file test, by the test's label. */
export function fileResults(
  files: readonly StructureFile[],
  fs: Pick<RootFs, 'file' | 'stat'>,
  config: Json,
): { label: string; problems: string[] }[] {
  const env = envOf(config);
  return files.flatMap((f) => [
    ...f.fileExistenceTests.map((t) => ({
      label: `${f.path}: ${t.name}`,
      problems: existenceProblems(t, fs, env),
    })),
    ...f.fileContentTests.map((t) => ({ label: `${f.path}: ${t.name}`, problems: contentProblems(t, fs) })),
  ]);
}

/** What a command's run contradicts of its test, one line each. */
export function commandProblems(
  t: CommandTest,
  r: { code: number; stdout: string; stderr: string },
): string[] {
  const out: string[] = [];
  if (r.code !== t.exitCode) out.push(`exit code ${r.code}, expected ${t.exitCode}`);
  for (const p of t.expectedOutput)
    if (!new RegExp(p).test(r.stdout)) out.push(`output does not match /${p}/`);
  for (const p of t.excludedOutput) if (new RegExp(p).test(r.stdout)) out.push(`output matches /${p}/`);
  for (const p of t.expectedError)
    if (!new RegExp(p).test(r.stderr)) out.push(`error output does not match /${p}/`);
  for (const p of t.excludedError) if (new RegExp(p).test(r.stderr)) out.push(`error output matches /${p}/`);
  return out;
}

/** A command test as a probe: the file's and the test's variables set, its expectations as the judge. */
function commandProbe(f: StructureFile, t: CommandTest): Probe {
  return {
    label: `${f.path}: ${t.name}`,
    program: t.command,
    args: t.args,
    env: Object.fromEntries([...f.globalEnvVars, ...t.envVars].map((kv) => [kv.key, kv.value])),
    judge: (r) => {
      const problems = commandProblems(t, r);
      return problems.length === 0 ? undefined : problems.join('; ');
    },
  };
}

/** What runs in one platform's image, in order: the `test` lines, then each structure file's command tests. */
export function probesFor(
  platform: string,
  version: string,
  tests: readonly TestCommand[],
  structure: readonly StructureFile[],
): Probe[] {
  const env = testEnv(platform, version);
  return [
    ...tests.map((t) => lineProbe(t, env)),
    ...structure.flatMap((f) => f.commandTests.map((t) => commandProbe(f, t))),
  ];
}
