/**
 * Action inputs, read once into a typed, validated Settings object whose keys are action.yml's input names.
 * Pure: the input source is a function, so tests feed a map and main feeds core.getInput.
 */
import { parseTests, type TestCommand } from './plan/tests.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { cacheMountProblem, parseCacheMounts, type CacheMount } from './cache/mounts.js';
import { ENDPOINT_SYNTAX, parseEndpointLine, type EndpointLine } from './plan/nodes.js';
import { InputError } from './errors.js';
import { parseSigstore, type SigstoreOptions } from './attest/options.js';
import { normalizePlatform } from './platform.js';
import { secretEnvName } from './secrets.js';
import { inputLines, keyValue } from './lines.js';
import type { MetaInputs } from './tags/types.js';
import * as v from './validate.js';

type Tri = 'auto' | 'true' | 'false';
export type Driver = 'auto' | 'docker' | 'docker-container' | 'remote' | 'kubernetes';

/** The tag engine's inputs (images, tags, flavor, labels, annotations, floating-tags) plus everything else. */
export interface Settings extends MetaInputs {
  'github-token': string;
  'dry-run': boolean;
  qemu: Tri;
  'qemu-image': string;
  driver: Driver;
  'driver-opts': string[];
  'buildkitd-config-inline': string;
  builder: string;
  /** one node per line; several make a multi-node remote builder */
  endpoint: EndpointLine[];
  registry: string;
  username: string;
  password: string;
  logins: string;
  context: string;
  file: string;
  platforms: string[];
  'build-args': string[];
  'build-contexts': string[];
  target: string;
  secrets: string[];
  'secret-files': string[];
  'secret-envs': string[];
  ssh: string[];
  cache: 'auto' | 'gha' | 'registry' | 'local' | 'off';
  /** 'auto', 'off', or explicit mount lines */
  /** parsed and checked here, once */
  'cache-mounts': 'auto' | 'off' | CacheMount[];
  'cache-mounts-helper': string;
  'cache-from': string[];
  'cache-to': string[];
  'no-cache': boolean;
  pull: boolean;
  push: Tri;
  load: boolean;
  outputs: string[];
  provenance: string;
  sbom: string;
  network: string;
  'add-hosts': string[];
  'shm-size': string;
  ulimit: string[];
  'retry-attempts': number;
  'retry-wait': number;
  verify: boolean;
  'verify-arch': Tri;
  emulation: 'warn' | 'error' | 'allow';
  'per-arch-tags': boolean;
  'skip-unchanged': boolean;
  /** fan-out: build and stage here, or merge what build jobs staged, or both in one job */
  mode: 'all' | 'build' | 'merge';
  'run-id': string;
  /** the `test` input, read (src/plan/tests.ts) */
  test: TestCommand[];
  /** paths of container-structure-test files (read with the Dockerfile, src/main.ts) */
  'structure-tests': string[];
  'test-timeout': number;
  'test-network': boolean;
  'buildkitd-config': string;
  'buildkitd-flags': string;
  cleanup: boolean;
  logout: boolean;
  allow: string[];
  attests: string[];
  'no-cache-filters': string[];
  'cgroup-parent': string;
  call: string;
  'sep-tags': string;
  'sep-labels': string;
  'sep-annotations': string;
  summary: boolean;
  /** a Sigstore-signed provenance attestation on the index before tags move (src/attest/) */
  attest: Tri;
  /** a PEM private key (or a path to one) to sign with instead of keyless */
  'attest-key': string;
  sigstore: SigstoreOptions;
}

export type InputSource = (name: string) => string;

/**
 * A list input as build-push-action reads it (csv-parse, relaxed quotes): one item per record, so a quoted item
 * may span lines or hold commas (a PEM key, a JSON blob: `"KEY=line1\nline2"`); a record's fields are joined back
 * with commas (`KEY=a,b` stays whole); lines starting with `#` are comments. An unclosed quote fails naming the
 * input and the line only (the text may be a secret).
 */
export function csvList(name: string, text: string): string[] {
  if (text.trim() === '') return [];
  let records: string[][];
  try {
    records = parseCsv(text, {
      columns: false,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      comment: '#',
      comment_no_infix: true,
    }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new InputError(
      name,
      `a double quote is not closed${line ? ` (line ${line})` : ''}; quote a whole item ("KEY=value with, commas") and close it`,
    );
  }
  return records.map((r) => r.join(',').trim()).filter((s) => s !== '');
}

/** Items separated by newlines or commas (platforms, images). */
export function items(text: string): string[] {
  return inputLines(text)
    .flatMap((l) => l.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function bool(name: string, raw: string, dflt: boolean): boolean {
  const v = raw.trim().toLowerCase();
  if (v === '') return dflt;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new InputError(name, `"${raw}" is not a boolean; use true or false`);
}

function oneOf<T extends string>(name: string, raw: string, allowed: readonly T[], dflt: T): T {
  const v = raw.trim().toLowerCase();
  if (v === '') return dflt;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new InputError(name, `"${raw}" is not one of ${allowed.join(', ')}`);
}

function num(name: string, raw: string, dflt: number, min: number, max: number): number {
  const t = raw.trim();
  if (t === '') return dflt;
  const n = Number(t);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new InputError(name, `"${raw}" must be a number from ${min} to ${max}`);
  }
  return n;
}

const ARCH_SHORTHAND: Record<string, string> = {
  amd64: 'linux/amd64',
  x86_64: 'linux/amd64',
  arm64: 'linux/arm64',
  aarch64: 'linux/arm64',
  arm: 'linux/arm/v7',
  armv7: 'linux/arm/v7',
  armhf: 'linux/arm/v7',
  armv6: 'linux/arm/v6',
  s390x: 'linux/s390x',
  ppc64le: 'linux/ppc64le',
  riscv64: 'linux/riscv64',
  '386': 'linux/386',
  i386: 'linux/386',
};

/** `os/arch[/variant]`, lowercase; the message suggests the likely intended platform. */
export function parsePlatforms(raw: string): string[] {
  const out: string[] = [];
  const entries = inputLines(raw)
    .flatMap((l) => l.split(','))
    .map((x) => x.trim());
  if (entries.includes('')) {
    throw new InputError(
      'platforms',
      `"${raw.trim()}" has an empty entry; separate platforms with single commas`,
    );
  }
  for (const p of entries) {
    const v = p.toLowerCase();
    if (!/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(v)) {
      const hint = ARCH_SHORTHAND[v] ?? ARCH_SHORTHAND[v.replace(/^linux\//, '')];
      throw new InputError(
        'platforms',
        `"${raw.trim()}" — "${p}" is not os/arch[/variant]` + (hint ? `; did you mean ${hint}?` : ''),
      );
    }
    const canonical = normalizePlatform(v);
    const why = v.includes('/') ? platformProblemOf(canonical) : undefined;
    if (why) throw new InputError('platforms', `"${p}" — ${why}`);
    if (!out.includes(canonical)) out.push(canonical);
  }
  return out;
}

/** `endpoint` lines: `ENDPOINT[,platforms=P1,P2]` each (a remote builder's nodes, like setup-buildx's append). */
function parseEndpoints(raw: string): EndpointLine[] {
  return inputLines(raw).map((l, i) => {
    const e = parseEndpointLine(l);
    if (typeof e === 'string') throw new InputError('endpoint', `line ${i + 1}: ${e}; ${ENDPOINT_SYNTAX}`);
    return e;
  });
}

function checkEndpoints(s: Settings): void {
  const addresses = s.endpoint.map((e) => e.endpoint);
  v.each('endpoint', addresses, (e) => v.endpointProblem(e, s.driver));
  if (s.driver === 'remote' && addresses.length === 0 && s.builder === '')
    throw new InputError('endpoint', 'driver: remote needs the buildkitd address, e.g. tcp://buildkitd:1234');
  if (addresses.length > 1 && s.driver !== 'remote')
    throw new InputError(
      'endpoint',
      `${addresses.length} lines make a multi-node builder only with driver: remote; set driver: remote or give one endpoint`,
    );
  const twice = addresses.find((a, i) => addresses.indexOf(a) !== i);
  if (twice !== undefined)
    throw new InputError('endpoint', `"${twice}" is given twice; give each buildkitd node once`);
}

const platformProblemOf = (p: string): string | undefined => v.platformProblem(p);

function cacheMounts(raw: string): Settings['cache-mounts'] {
  const v = raw.trim().toLowerCase();
  if (v === '' || v === 'auto') return 'auto';
  if (v === 'off' || v === 'false') return 'off';
  return inputLines(raw).map((l, i) => {
    const [m] = parseCacheMounts([l]);
    // each mount goes into a helper Dockerfile's RUN line (#19)
    const why = m ? cacheMountProblem(m) : 'has no id or target';
    if (!m || why !== undefined)
      throw new InputError(
        'cache-mounts',
        `line ${i + 1}: ${why ?? ''}; write a target path or id=NAME[,uid=N,gid=N,mode=0755]`,
      );
    return m;
  });
}

export function readSettings(get: InputSource): Settings {
  const settings: Settings = {
    ...metaInputs(get),
    ...setupInputs(get),
    ...buildInputs(get),
    ...cacheInputs(get),
    ...releaseInputs(get),
    ...attestInputs(get),
  };
  checkKeyValueLists(settings);
  checkSecretIds(settings.secrets);
  checkLoad(settings);
  checkFormats(settings);
  return settings;
}

type Part<K extends keyof Settings> = Pick<Settings, K>;

/** What the tag engine reads (metadata-action's inputs), and how the outputs are joined. */
function metaInputs(
  s: InputSource,
): Part<
  | 'images'
  | 'tags'
  | 'flavor'
  | 'labels'
  | 'annotations'
  | 'floating-tags'
  | 'github-token'
  | 'sep-tags'
  | 'sep-labels'
  | 'sep-annotations'
> {
  return {
    images: s('images'),
    tags: s('tags'),
    flavor: s('flavor'),
    labels: s('labels'),
    annotations: s('annotations'),
    'floating-tags': oneOf('floating-tags', s('floating-tags'), ['forward-only', 'always'], 'forward-only'),
    'github-token': s('github-token'),
    // as metadata-action's inputs: taken as written (a space or a comma is a separator too)
    'sep-tags': s('sep-tags') || '\n',
    'sep-labels': s('sep-labels') || '\n',
    'sep-annotations': s('sep-annotations') || '\n',
  };
}

/** QEMU, the builder and the logins (setup-qemu, setup-buildx and login actions' inputs). */
function setupInputs(
  s: InputSource,
): Part<
  | 'qemu'
  | 'qemu-image'
  | 'driver'
  | 'driver-opts'
  | 'buildkitd-config-inline'
  | 'buildkitd-config'
  | 'buildkitd-flags'
  | 'builder'
  | 'endpoint'
  | 'registry'
  | 'username'
  | 'password'
  | 'logins'
  | 'cleanup'
  | 'logout'
> {
  return {
    qemu: oneOf('qemu', s('qemu'), ['auto', 'true', 'false'], 'auto'),
    'qemu-image': s('qemu-image').trim() || 'tonistiigi/binfmt:qemu-v10.2.3',
    driver: oneOf(
      'driver',
      s('driver'),
      ['auto', 'docker', 'docker-container', 'remote', 'kubernetes'],
      'auto',
    ),
    'driver-opts': inputLines(s('driver-opts')),
    'buildkitd-config-inline': s('buildkitd-config-inline'),
    'buildkitd-config': s('buildkitd-config').trim(),
    'buildkitd-flags': s('buildkitd-flags').trim(),
    builder: s('builder').trim(),
    endpoint: parseEndpoints(s('endpoint')),
    registry: s('registry').trim(),
    username: s('username').trim(),
    password: s('password'),
    logins: s('logins'),
    cleanup: bool('cleanup', s('cleanup'), true),
    logout: bool('logout', s('logout'), true),
  };
}

/** The build itself (build-push-action's inputs). */
function buildInputs(
  s: InputSource,
): Part<
  | 'context'
  | 'file'
  | 'platforms'
  | 'build-args'
  | 'build-contexts'
  | 'target'
  | 'secrets'
  | 'secret-files'
  | 'secret-envs'
  | 'ssh'
  | 'pull'
  | 'outputs'
  | 'provenance'
  | 'sbom'
  | 'network'
  | 'add-hosts'
  | 'shm-size'
  | 'ulimit'
  | 'allow'
  | 'attests'
  | 'cgroup-parent'
  | 'call'
> {
  const platforms = parsePlatforms(s('platforms') || 'linux/amd64,linux/arm64');
  if (platforms.length === 0)
    throw new InputError('platforms', 'no platform given; e.g. linux/amd64,linux/arm64');
  return {
    context: s('context').trim() || '.',
    file: s('file').trim(),
    platforms,
    'build-args': csvList('build-args', s('build-args')),
    'build-contexts': csvList('build-contexts', s('build-contexts')),
    target: s('target').trim(),
    secrets: csvList('secrets', s('secrets')),
    'secret-files': csvList('secret-files', s('secret-files')),
    'secret-envs': csvList('secret-envs', s('secret-envs')),
    ssh: csvList('ssh', s('ssh')),
    pull: bool('pull', s('pull'), false),
    outputs: csvList('outputs', s('outputs')),
    provenance: s('provenance').trim(),
    sbom: s('sbom').trim(),
    network: s('network').trim(),
    'add-hosts': items(s('add-hosts')),
    'shm-size': s('shm-size').trim(),
    ulimit: csvList('ulimit', s('ulimit')),
    allow: items(s('allow')),
    attests: csvList('attests', s('attests')),
    'cgroup-parent': s('cgroup-parent').trim(),
    call: s('call').trim() || 'build',
  };
}

function cacheInputs(
  s: InputSource,
): Part<
  | 'cache'
  | 'cache-mounts'
  | 'cache-mounts-helper'
  | 'cache-from'
  | 'cache-to'
  | 'no-cache'
  | 'no-cache-filters'
> {
  return {
    cache: oneOf('cache', s('cache'), ['auto', 'gha', 'registry', 'local', 'off'], 'auto'),
    'cache-mounts': cacheMounts(s('cache-mounts')),
    'cache-mounts-helper': s('cache-mounts-helper').trim() || 'busybox:1.36',
    'cache-from': csvList('cache-from', s('cache-from')),
    'cache-to': csvList('cache-to', s('cache-to')),
    'no-cache': bool('no-cache', s('no-cache'), false),
    'no-cache-filters': items(s('no-cache-filters')),
  };
}

/** What happens to the build: push, load, proof, tags, the fan-out and the run's own switches. */
function releaseInputs(
  s: InputSource,
): Part<
  | 'dry-run'
  | 'push'
  | 'load'
  | 'retry-attempts'
  | 'retry-wait'
  | 'verify'
  | 'verify-arch'
  | 'emulation'
  | 'per-arch-tags'
  | 'skip-unchanged'
  | 'mode'
  | 'run-id'
  | 'test'
  | 'structure-tests'
  | 'test-timeout'
  | 'test-network'
  | 'summary'
> {
  return {
    'dry-run': bool('dry-run', s('dry-run'), false),
    push: oneOf('push', s('push'), ['auto', 'true', 'false'], 'auto'),
    load: bool('load', s('load'), false),
    'retry-attempts': num('retry-attempts', s('retry-attempts'), 6, 1, 10),
    'retry-wait': num('retry-wait', s('retry-wait'), 0.5, 0, 60),
    verify: bool('verify', s('verify'), true),
    'verify-arch': oneOf('verify-arch', s('verify-arch'), ['auto', 'true', 'false'], 'auto'),
    emulation: oneOf('emulation', s('emulation'), ['warn', 'error', 'allow'], 'warn'),
    'per-arch-tags': bool('per-arch-tags', s('per-arch-tags'), false),
    'skip-unchanged': bool('skip-unchanged', s('skip-unchanged'), false),
    mode: oneOf('mode', s('mode'), ['all', 'build', 'merge'], 'all'),
    'run-id': s('run-id').trim(),
    test: parseTests(s('test')),
    'structure-tests': inputLines(s('structure-tests')),
    'test-timeout': num('test-timeout', s('test-timeout'), 120, 1, 3600),
    'test-network': bool('test-network', s('test-network'), false),
    summary: bool('summary', s('summary'), true),
  };
}

/** The provenance attestation: whether, with which key or Sigstore. */
function attestInputs(s: InputSource): Part<'attest' | 'attest-key' | 'sigstore'> {
  return {
    attest: oneOf('attest', s('attest'), ['auto', 'true', 'false'], 'auto'),
    'attest-key': s('attest-key').trim(),
    sigstore: parseSigstore(s('sigstore')),
  };
}

/** Lines buildx reads as KEY=value. */
function checkKeyValueLists(settings: Settings): void {
  for (const [name, list] of [
    ['build-args', settings['build-args']],
    ['build-contexts', settings['build-contexts']],
    ['secrets', settings.secrets],
    ['secret-files', settings['secret-files']],
    ['secret-envs', settings['secret-envs']],
  ] as const) {
    const at = list.findIndex((l) => !/^[^=\s]+=/.test(l));
    if (at >= 0) {
      // a secrets line is never echoed: it may be (part of) the secret
      const what = name === 'secrets' ? `line ${at + 1}` : `"${list[at] ?? ''}"`;
      throw new InputError(name, `${what} is not KEY=value; write one KEY=value per line`);
    }
  }
}

/** Secrets reach buildx through env vars named after their ids; two ids must not share one. */
function checkSecretIds(secrets: readonly string[]): void {
  const envNames = new Map<string, string>();
  for (const l of secrets) {
    const [id] = keyValue(l);
    const other = envNames.get(secretEnvName(id));
    if (other !== undefined && other !== id) {
      throw new InputError('secrets', `ids "${other}" and "${id}" differ only in punctuation; rename one`);
    }
    envNames.set(secretEnvName(id), id);
  }
}

function checkLoad(s: Settings): void {
  if (s.load && s.platforms.length > 1 && s.driver !== 'docker' && s.driver !== 'auto') {
    throw new InputError(
      'load',
      'a multi-platform image can be loaded only with the docker driver (containerd store)',
    );
  }
}

/** Every input with a format buildx or the registry would check later, checked now. */
function checkFormats(s: Settings): void {
  v.each('provenance', s.provenance ? [s.provenance] : [], v.provenanceProblem);
  v.each('sbom', s.sbom ? [s.sbom] : [], v.sbomProblem);
  v.each('cache-from', s['cache-from'], (l) => v.cacheProblem(l, 'cache-from'));
  v.each('cache-to', s['cache-to'], (l) => v.cacheProblem(l, 'cache-to'));
  v.each('shm-size', s['shm-size'] ? [s['shm-size']] : [], v.shmSizeProblem);
  v.each('ulimit', s.ulimit, v.ulimitProblem);
  v.each('add-hosts', s['add-hosts'], v.addHostProblem);
  v.each('network', s.network ? [s.network] : [], v.networkProblem);
  v.each('ssh', s.ssh, v.sshProblem);
  checkEndpoints(s);
  v.each('qemu-image', [s['qemu-image']], v.imageRefProblem);
  v.each('cache-mounts-helper', [s['cache-mounts-helper']], v.imageRefProblem);
  v.each('builder', s.builder ? [s.builder] : [], v.nameProblem);
  v.each('target', s.target ? [s.target] : [], v.nameProblem);
  v.each('run-id', s['run-id'] ? [s['run-id']] : [], v.runIdProblem);
  v.each('allow', s.allow, (a) =>
    /^(network\.host|security\.insecure|device(=.+)?)$/.test(a)
      ? undefined
      : `"${a}" is not network.host, security.insecure or device`,
  );
  v.each('attests', s.attests, (a) =>
    /(^|,)type=(provenance|sbom)(,|$)/.test(a) ? undefined : `"${a}" has no type=provenance or type=sbom`,
  );
  v.each('no-cache-filters', s['no-cache-filters'], v.nameProblem);
  v.each('call', [s.call], (c) =>
    /^(build|check|outline|targets|subrequests\.describe)$/.test(c)
      ? undefined
      : `"${c}" is not build, check, outline or targets`,
  );
  if (s.call !== 'build' && (s.mode !== 'all' || s.outputs.length > 0))
    throw new InputError(
      'call',
      `call: ${s.call} builds nothing to push or hand over; use it in a job of its own with mode: all`,
    );
  v.each('driver-opts', s['driver-opts'], (o) => (o.includes('=') ? undefined : `"${o}" is not key=value`));
  v.each('outputs', s.outputs, (o) =>
    /(^|,)type=\w+/.test(o) ? undefined : `"${o}" has no type= (e.g. type=local,dest=out)`,
  );
}
