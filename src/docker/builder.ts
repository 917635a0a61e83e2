/**
 * Choosing the buildx builder: an existing one by name, the engine's own (docker driver, when the
 * containerd image store can hold multi-platform images), or a fresh one this run creates and removes.
 */
import { InputError } from '../errors.js';
import type { Runner } from '../exec.js';
import type { Driver } from '../inputs.js';
import { docker } from './command.js';
import type { EngineFacts } from './engine.js';
import { objectOf, stringOf } from '../json.js';
import { setsNetwork } from './loopback.js';
import { parseInspectPinned, type BuilderNode, type EndpointLine } from '../plan/nodes.js';

export interface BuilderInfo {
  name: string;
  driver: string;
  /** platforms of all nodes, deduplicated */
  platforms: string[];
  nodes: BuilderNode[];
}

export interface BuilderInputs {
  driver: Driver;
  'driver-opts': string[];
  'buildkitd-config-inline': string;
  'buildkitd-config': string;
  'buildkitd-flags': string;
  builder: string;
  /** one node each; several only with the remote driver (inputs.ts checks) */
  endpoint: readonly EndpointLine[];
  platforms: string[];
  /** a created docker-container builder shares the host's network (a loopback registry is in use) */
  hostNetwork?: boolean;
}

export interface BuilderDeps {
  runner: Runner;
  facts: EngineFacts;
  /** writes content to a new temporary file and returns its path */
  writeTempFile: (name: string, content: string) => Promise<string>;
  /** suffix of a created builder's name (random in production, fixed in tests) */
  randomId: () => string;
  /** DOCKER_CONTEXT when set: the docker driver's builder carries the context's name */
  dockerContext?: string;
  /** called before `buildx create`, so a builder left behind by a failed bootstrap is still cleaned up */
  willCreate?: (name: string) => void;
}

export interface ResolvedBuilder {
  name: string;
  driver: string;
  /** this run created it, so the post step removes it */
  created: boolean;
  platforms: string[];
  /** as `buildx ls` lists them; empty for the engine's own builder (not listed) */
  nodes: BuilderNode[];
}

/** `docker buildx ls --format json` prints one JSON object per builder per line. */
export function parseBuilderList(stdout: string): BuilderInfo[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{'))
    .map((l) => objectOf(JSON.parse(l)))
    .map((b) => {
      const nodes = (Array.isArray(b.Nodes) ? b.Nodes.map(objectOf) : []).map(nodeOf);
      return {
        name: stringOf(b.Name),
        driver: stringOf(b.Driver),
        platforms: [...new Set(nodes.flatMap((n) => n.platforms))],
        nodes,
      };
    });
}

/** One of `Nodes` (buildx builder/node.go MarshalJSON): Name, Endpoint, Platforms (pinned first), Status, ... */
function nodeOf(n: Record<string, unknown>): BuilderNode {
  const endpoint = stringOf(n.Endpoint);
  const platforms = Array.isArray(n.Platforms) ? n.Platforms.map(stringOf).filter(Boolean) : [];
  return { name: stringOf(n.Name), ...(endpoint ? { endpoint } : {}), platforms };
}

async function listBuilders(runner: Runner): Promise<BuilderInfo[]> {
  const res = await docker(runner, 'builder', ['buildx', 'ls', '--format', 'json']);
  return parseBuilderList(res.stdout);
}

/** The driver `auto` means for this engine. */
export function chooseDriver(driver: Driver, facts: EngineFacts): Exclude<Driver, 'auto'> {
  if (driver !== 'auto') return driver;
  return facts.containerdStore ? 'docker' : 'docker-container';
}

export async function resolveBuilder(inputs: BuilderInputs, deps: BuilderDeps): Promise<ResolvedBuilder> {
  const { runner, facts } = deps;
  if (inputs.builder !== '') {
    const found = (await listBuilders(runner)).find((b) => b.name === inputs.builder);
    if (!found) {
      throw new InputError(
        'builder',
        `no buildx builder named "${inputs.builder}"; create it first or leave builder empty`,
      );
    }
    return { ...found, nodes: await withInspectedPins(runner, found), created: false };
  }
  const driver = chooseDriver(inputs.driver, facts);
  if (driver === 'docker') {
    if (!facts.containerdStore && inputs.platforms.length > 1) {
      throw new InputError(
        'driver',
        'the docker driver builds several platforms only with the containerd image store; enable it ' +
          '(daemon.json "features": {"containerd-snapshotter": true}) or use driver: docker-container',
      );
    }
    // The engine's own builder is named after the docker context ("default" whenever DOCKER_HOST is set).
    // Not listed: `buildx ls` costs ~300 ms a run, and its platforms are the host's plus the registered
    // QEMU handlers, which the QEMU step has already checked.
    return {
      name: deps.dockerContext ?? 'default',
      driver: 'docker',
      created: false,
      platforms: [],
      nodes: [],
    };
  }
  const name = `crossbuild-${deps.randomId()}`;
  const argvs = createArgvs(name, driver, inputs, await nodeOptions(driver, inputs, deps));
  deps.willCreate?.(name);
  for (const args of argvs) await docker(runner, 'builder', args, { stream: true });
  const made = (await listBuilders(runner)).find((b) => b.name === name);
  return {
    name,
    driver,
    created: true,
    platforms: made?.platforms ?? [],
    nodes: withPinned(made?.nodes ?? [], inputs.endpoint),
  };
}

/** Options every node of a created builder gets: driver opts (plus network=host), buildkitd config and flags. */
async function nodeOptions(driver: string, inputs: BuilderInputs, deps: BuilderDeps): Promise<string[]> {
  const args: string[] = [];
  for (const o of inputs['driver-opts']) args.push('--driver-opt', o);
  if (inputs.hostNetwork && driver === 'docker-container' && !setsNetwork(inputs['driver-opts']))
    args.push('--driver-opt', 'network=host');
  if (inputs['buildkitd-config'] !== '') args.push('--buildkitd-config', inputs['buildkitd-config']);
  else if (inputs['buildkitd-config-inline'].trim() !== '') {
    const file = await deps.writeTempFile('buildkitd.toml', inputs['buildkitd-config-inline']);
    args.push('--buildkitd-config', file);
  }
  if (inputs['buildkitd-flags'] !== '') args.push('--buildkitd-flags', inputs['buildkitd-flags']);
  return args;
}

/**
 * `buildx create` for the first node, `create --append --node N-i` for each further one. `--bootstrap` goes on the
 * last call: buildx boots every node of the builder there, and a separate `buildx inspect --bootstrap` would cost
 * one more buildx start.
 */
function createArgvs(
  name: string,
  driver: string,
  inputs: Pick<BuilderInputs, 'endpoint'>,
  nodeOpts: readonly string[],
): string[][] {
  const lines: readonly (EndpointLine | undefined)[] =
    inputs.endpoint.length > 0 ? inputs.endpoint : [undefined];
  const several = lines.length > 1;
  return lines.map((line, i) => [
    'buildx',
    'create',
    ...(i > 0 ? ['--append'] : []),
    '--name',
    name,
    ...(several ? ['--node', `${name}-${i}`] : []),
    '--driver',
    driver,
    ...nodeOpts,
    ...(line?.platforms ?? []).flatMap((p) => ['--platform', p]),
    ...(i === lines.length - 1 ? ['--bootstrap'] : []),
    ...(line ? [line.endpoint] : []),
  ]);
}

/**
 * An existing multi-node builder: which platforms each node pins decides which node builds what, and only
 * `buildx inspect` says so. Without it (inspect failed) the nodes stand as listed.
 */
async function withInspectedPins(runner: Runner, b: BuilderInfo): Promise<BuilderNode[]> {
  if (b.nodes.length < 2) return b.nodes;
  const res = await runner.run('docker', ['buildx', 'inspect', b.name]);
  if (res.code !== 0) return b.nodes;
  const pins = parseInspectPinned(res.stdout);
  return b.nodes.map((n) => {
    const pinned = pins.get(n.name) ?? [];
    return pinned.length > 0 ? { ...n, pinned } : n;
  });
}

/** A created builder's nodes come in the order of the endpoint lines; buildx ls does not say what is pinned. */
function withPinned(nodes: BuilderNode[], lines: readonly EndpointLine[]): BuilderNode[] {
  return nodes.map((n, i) => {
    const pinned = lines[i]?.platforms ?? [];
    return pinned.length > 0 ? { ...n, pinned } : n;
  });
}

/** Post step: remove a builder this run created; a failure here is only worth a warning. */
export async function removeBuilder(runner: Runner, name: string): Promise<string | undefined> {
  const res = await runner.run('docker', ['buildx', 'rm', '--force', name]);
  return res.code === 0
    ? undefined
    : `could not remove builder ${name}: ${res.stderr.trim().split('\n').pop() ?? ''}`;
}
