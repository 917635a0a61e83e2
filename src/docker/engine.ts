/**
 * One probe of the engine whose facts are passed around, instead of asking docker/buildx again in every step:
 * dockerd's `GET /info` on its socket where the CLI would use that socket and the buildx plugin is where the CLI looks
 * (engine-api.ts), else `docker info --format '{{json .}}'`.
 */
import { StepError, messageOf } from '../errors.js';
import type { Runner } from '../exec.js';
import type { EngineApi } from './engine-api.js';
import { errorText } from '../retry.js';
import { objectOf, stringOf, type Json } from '../json.js';

export interface EngineFacts {
  serverVersion: string;
  clientVersion: string;
  /** e.g. `0.13.1+ds1`; '' when asked of dockerd's API (the CLI's plugin list is what costs `docker info` its time) */
  buildxVersion: string;
  buildxPath: string;
  /** images live in containerd: the docker driver can build and hold multi-platform images */
  containerdStore: boolean;
  /** daemon OS, `linux` */
  os: string;
  /** daemon architecture as Go/OCI names it: amd64, arm64, arm, s390x, ppc64le, riscv64, 386 */
  arch: string;
  /** `os/arch` of the daemon, e.g. linux/amd64 */
  platform: string;
  ncpu: number;
}

// `uname -m` names (what docker info reports) → OCI names.
const KERNEL_ARCH: Record<string, string> = {
  x86_64: 'amd64',
  aarch64: 'arm64',
  armv7l: 'arm',
  armv6l: 'arm',
  i386: '386',
  i686: '386',
  ppc64le: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  loongarch64: 'loong64',
  mips64: 'mips64',
};

export function ociArch(kernelArch: string): string {
  return KERNEL_ARCH[kernelArch] ?? kernelArch;
}

const FIX_DAEMON = 'start the Docker daemon (or set DOCKER_HOST) before this step';
const FIX_BUILDX = 'install the buildx plugin (docker-buildx package, or docker/setup-buildx-action)';

/** Facts from `docker info` JSON; throws one StepError naming what is missing and how to fix it. */
export function parseEngineInfo(json: string, stderr = ''): EngineFacts {
  let info: Json;
  try {
    info = objectOf(JSON.parse(json));
  } catch {
    throw new StepError(
      'docker',
      `\`docker info\` gave no JSON (${errorText(stderr) || 'empty output'}); ${FIX_DAEMON}`,
      'engine',
    );
  }
  const client = objectOf(info.ClientInfo);
  const plugins = Array.isArray(client.Plugins) ? client.Plugins.map(objectOf) : [];
  return factsOf(info, plugins, stringOf(client.Version), stderr);
}

/** The facts of dockerd's info and the CLI's plugin list. */
function factsOf(info: Json, plugins: Json[], clientVersion: string, stderr: string): EngineFacts {
  const serverVersion = stringOf(info.ServerVersion);
  const serverErrors = Array.isArray(info.ServerErrors)
    ? info.ServerErrors.map(stringOf).filter(Boolean)
    : [];
  if (serverVersion === '') {
    const why = errorText(stderr) || serverErrors[0] || 'no server version reported';
    throw new StepError('docker', `cannot reach the Docker daemon (${why}); ${FIX_DAEMON}`, 'engine');
  }
  const buildx = plugins.find((p) => stringOf(p.Name) === 'buildx');
  if (!buildx) throw new StepError('docker', `the buildx plugin is missing; ${FIX_BUILDX}`, 'engine');
  if (stringOf(buildx.Err) !== '') {
    throw new StepError(
      'docker',
      `the buildx plugin is broken (${stringOf(buildx.Err)}); ${FIX_BUILDX}`,
      'engine',
    );
  }
  const driverStatus = Array.isArray(info.DriverStatus) ? info.DriverStatus : [];
  const containerdStore = driverStatus.some(
    (row) => Array.isArray(row) && row[0] === 'driver-type' && row[1] === 'io.containerd.snapshotter.v1',
  );
  const os = stringOf(info.OSType) || 'linux';
  const arch = ociArch(stringOf(info.Architecture));
  return {
    serverVersion,
    clientVersion,
    buildxVersion: stringOf(buildx.Version),
    buildxPath: stringOf(buildx.Path),
    containerdStore,
    os,
    arch,
    platform: `${os}/${arch}`,
    ncpu: typeof info.NCPU === 'number' ? info.NCPU : 0,
  };
}

export async function probeEngine(runner: Runner, api?: EngineApi): Promise<EngineFacts> {
  if (api?.buildx !== undefined) {
    const info = await api.info().catch(() => undefined);
    // an unreachable or odd daemon: the CLI says what is wrong, in its words
    if (info && stringOf(info.ServerVersion) !== '')
      return factsOf(info, [{ Name: 'buildx', Path: api.buildx }], '', '');
  }
  let res;
  try {
    res = await runner.run('docker', ['info', '--format', '{{json .}}']);
  } catch (err) {
    // @actions/exec throws when the executable is not on PATH
    throw new StepError(
      'docker',
      `the docker CLI is not available (${messageOf(err)}); use a runner with Docker or install it first`,
      'engine',
    );
  }
  return parseEngineInfo(res.stdout, res.stderr);
}
