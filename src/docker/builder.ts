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

export interface BuilderInfo {
  name: string;
  driver: string;
  /** platforms of all nodes, deduplicated */
  platforms: string[];
}

export interface BuilderInputs {
  driver: Driver;
  'driver-opts': string[];
  'buildkitd-config-inline': string;
  'buildkitd-config': string;
  'buildkitd-flags': string;
  builder: string;
  endpoint: string;
  platforms: string[];
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
}

/** `docker buildx ls --format json` prints one JSON object per builder per line. */
export function parseBuilderList(stdout: string): BuilderInfo[] {
  return stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('{'))
    .map((l) => objectOf(JSON.parse(l)))
    .map((b) => {
      const nodes = Array.isArray(b.Nodes) ? b.Nodes.map(objectOf) : [];
      const platforms = nodes.flatMap((n) => (Array.isArray(n.Platforms) ? n.Platforms.map(stringOf) : []));
      return {
        name: stringOf(b.Name),
        driver: stringOf(b.Driver),
        platforms: [...new Set(platforms.filter(Boolean))],
      };
    });
}

export async function listBuilders(runner: Runner): Promise<BuilderInfo[]> {
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
    return { ...found, created: false };
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
    return { name: deps.dockerContext ?? 'default', driver: 'docker', created: false, platforms: [] };
  }
  const name = `crossbuild-${deps.randomId()}`;
  const args = ['buildx', 'create', '--name', name, '--driver', driver];
  for (const o of inputs['driver-opts']) args.push('--driver-opt', o);
  if (inputs['buildkitd-config'] !== '') args.push('--buildkitd-config', inputs['buildkitd-config']);
  else if (inputs['buildkitd-config-inline'].trim() !== '') {
    const file = await deps.writeTempFile('buildkitd.toml', inputs['buildkitd-config-inline']);
    args.push('--buildkitd-config', file);
  }
  if (inputs['buildkitd-flags'] !== '') args.push('--buildkitd-flags', inputs['buildkitd-flags']);
  args.push('--bootstrap');
  if (inputs.endpoint !== '') args.push(inputs.endpoint);
  deps.willCreate?.(name);
  await docker(runner, 'builder', args, { stream: true });
  const made = (await listBuilders(runner)).find((b) => b.name === name);
  return { name, driver, created: true, platforms: made?.platforms ?? [] };
}

/** Post step: remove a builder this run created; a failure here is only worth a warning. */
export async function removeBuilder(runner: Runner, name: string): Promise<string | undefined> {
  const res = await runner.run('docker', ['buildx', 'rm', '--force', name]);
  return res.code === 0
    ? undefined
    : `could not remove builder ${name}: ${res.stderr.trim().split('\n').pop() ?? ''}`;
}
