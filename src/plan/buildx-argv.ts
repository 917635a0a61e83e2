/**
 * The exact `docker buildx build` argv for a plan. Pure. Secret values never appear: they reach buildx
 * through environment variables named here and filled in by the effect that runs the command.
 */
import { keyValue } from '../lines.js';
export type OutputMode =
  /**
   * BuildKit pushes to every repository itself, with no user-visible tag: by digest (docker-container, remote,
   * kubernetes), or under a staging tag (the docker driver refuses push-by-digest; multi-node builders tag `latest`
   * anyway); the action reads it back, proves it and only then moves tags (src/steps/publish.ts)
   */
  | {
      kind: 'registry';
      names: string[];
      byDigest: boolean;
      load: boolean;
      /**
       * false: dockerd keeps no copy of what BuildKit pushed (`store=false`): no image to name, move and delete
       * afterwards, and buildx before 0.22, which has dockerd push that name a second time, stops at once
       * (`tag does not exist`, src/docker/build.ts pushedBeforeRepush) instead of sending every blob and manifest
       * through the registry again
       */
      store?: false;
    }
  /**
   * an OCI layout on disk: the action pushes it by digest itself, proves it from the layers and tags it only
   * after both (every driver can write one; the docker driver needs the containerd image store)
   */
  | { kind: 'oci-layout'; dest: string; load: boolean }
  /** push disabled: build (and optionally load) only */
  | { kind: 'build-only'; load: boolean }
  /** user-given --output lines */
  | { kind: 'custom'; outputs: string[] };

export interface BuildSpec {
  builder: string;
  context: string;
  file: string;
  platforms: string[];
  buildArgs: string[];
  buildContexts: string[];
  target: string;
  /** `id` → name of the env var that carries the value */
  secretEnvs: { id: string; env: string }[];
  secretFiles: string[];
  ssh: string[];
  cacheFrom: string[];
  cacheTo: string[];
  noCache: boolean;
  pull: boolean;
  labels: string[];
  annotations: string[];
  provenance: string;
  sbom: string;
  network: string;
  addHosts: string[];
  shmSize: string;
  ulimits: string[];
  /** entitlements: network.host, security.insecure */
  allow: string[];
  attests: string[];
  noCacheFilters: string[];
  cgroupParent: string;
  /** `build`, or a frontend method such as `check` */
  call: string;
  /** full references for `-t` (build-only and custom modes) */
  tags: string[];
  output: OutputMode;
  metadataFile: string;
}

function each(flag: string, values: readonly string[]): string[] {
  return values.flatMap((v) => [flag, v]);
}

function opt(flag: string, value: string): string[] {
  return value === '' ? [] : [flag, value];
}

export function buildxArgv(s: BuildSpec): string[] {
  const argv = ['buildx', 'build', '--progress', 'plain'];
  argv.push(...opt('--builder', s.builder));
  argv.push('--platform', s.platforms.join(','));
  argv.push(...opt('--file', s.file));
  argv.push('--metadata-file', s.metadataFile);
  argv.push(...each('--build-arg', s.buildArgs));
  argv.push(...each('--build-context', s.buildContexts));
  argv.push(...opt('--target', s.target));
  argv.push(
    ...each(
      '--secret',
      s.secretEnvs.map((x) => `id=${x.id},env=${x.env}`),
    ),
  );
  argv.push(...each('--secret', s.secretFiles.map(secretFile)));
  argv.push(...each('--ssh', s.ssh));
  argv.push(...each('--cache-from', s.cacheFrom));
  argv.push(...each('--cache-to', s.cacheTo));
  if (s.noCache) argv.push('--no-cache');
  if (s.pull) argv.push('--pull');
  argv.push(...each('--label', s.labels));
  argv.push(...each('--annotation', s.annotations));
  argv.push(...opt('--provenance', s.provenance));
  argv.push(...opt('--sbom', s.sbom));
  argv.push(...opt('--network', s.network));
  argv.push(...each('--add-host', s.addHosts));
  argv.push(...opt('--shm-size', s.shmSize));
  argv.push(...each('--ulimit', s.ulimits));
  argv.push(...each('--allow', s.allow));
  argv.push(...each('--attest', s.attests));
  argv.push(...each('--no-cache-filter', s.noCacheFilters));
  argv.push(...opt('--cgroup-parent', s.cgroupParent));
  if (s.call !== 'build') argv.push('--call', s.call);
  const out = s.output;
  switch (out.kind) {
    case 'registry':
      argv.push('--output', imageOutput(out));
      if (out.load) argv.push(...each('--tag', s.tags), '--load');
      break;
    case 'oci-layout':
      argv.push('--output', `type=oci,dest=${out.dest},tar=false`);
      // a second exporter (buildx/BuildKit 0.13+): the image in docker too, under its tags
      if (out.load) argv.push(...each('--tag', s.tags), '--load');
      break;
    case 'build-only':
      argv.push(...each('--tag', s.tags));
      if (out.load) argv.push('--load');
      break;
    case 'custom':
      argv.push(...each('--tag', s.tags), ...each('--output', out.outputs));
      break;
  }
  // the context is the one positional argument: after `--` (cobra), one starting with `-` is a path (#19)
  argv.push('--', s.context);
  return argv;
}

/** buildx's --output is CSV: several names are one quoted field. */
function imageOutput(out: Extract<OutputMode, { kind: 'registry' }>): string {
  const { names } = out;
  const name = names.length > 1 ? `"name=${names.join(',')}"` : `name=${names[0] ?? ''}`;
  return [
    'type=image',
    name,
    ...(out.byDigest ? ['push-by-digest=true', 'name-canonical=true'] : []),
    'push=true',
    ...(out.store === false ? ['store=false'] : []),
  ].join(',');
}

/** `id=path` (action syntax) → buildx `id=ID,src=PATH`; already-buildx syntax passes through. */
function secretFile(line: string): string {
  if (/(^|,)(src|source)=/.test(line)) return line;
  const [id, path] = keyValue(line);
  return `id=${id},src=${path}`;
}
