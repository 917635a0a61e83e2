/**
 * Formats of the inputs buildx, docker and the registry would otherwise reject late (or silently ignore): checked
 * while the settings are read, before any effect, each failure one line naming the input and the fix. Pure.
 */
import { InputError } from './errors.js';
import { keyValue, splitFields } from './lines.js';

const ARCHES: Record<string, readonly string[]> = {
  amd64: ['v1', 'v2', 'v3', 'v4'],
  arm64: ['v8', 'v9'],
  arm: ['v5', 'v6', 'v7', 'v8'],
  '386': [],
  ppc64le: [],
  ppc64: [],
  s390x: [],
  riscv64: [],
  mips64le: [],
  mips64: [],
  mipsle: [],
  mips: [],
  loong64: [],
  wasm: [],
};
const OSES = new Set(['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'wasip1', 'js']);

/** Why `os/arch[/variant]` names no platform buildx knows, or undefined when it does. */
export function platformProblem(p: string): string | undefined {
  const [os = '', arch = '', variant] = p.split('/');
  if (!OSES.has(os)) return `"${os}" is not an OS buildx builds for`;
  const variants = ARCHES[arch];
  if (!variants)
    return `"${arch}" is not an architecture (amd64, arm64, arm, 386, ppc64le, s390x, riscv64, …)`;
  if (variant !== undefined && !variants.includes(variant)) {
    return variants.length === 0
      ? `${arch} has no variants`
      : `"${variant}" is not a variant of ${arch} (${variants.join(', ')})`;
  }
  return undefined;
}

type Check = (value: string) => string | undefined;

const csvKeys =
  (what: string, keys: readonly string[], values: Record<string, readonly string[]> = {}): Check =>
  (v) => {
    for (const f of splitFields(v, what)) {
      const [k, val] = keyValue(f);
      if (!f.includes('=')) return `"${f}" is not key=value`;
      if (!keys.includes(k)) return `unknown key "${k}" (use ${keys.join(', ')})`;
      const allowed = values[k];
      if (allowed && !allowed.includes(val)) return `${k}=${val}: use ${allowed.join(' or ')}`;
    }
    return undefined;
  };

const BOOL = ['true', 'false', '1', '0'];
const attest =
  (what: string, keys: readonly string[], values: Record<string, readonly string[]>): Check =>
  (v) =>
    BOOL.includes(v.toLowerCase()) ? undefined : csvKeys(what, keys, values)(v);

export const provenanceProblem = attest(
  'provenance',
  ['mode', 'builder-id', 'disabled', 'reproducible', 'inline-only', 'version', 'filename'],
  {
    mode: ['min', 'max'],
    disabled: BOOL,
  },
);
export const sbomProblem = attest('sbom', ['generator', 'disabled'], { disabled: BOOL });

const CACHE_TYPES = ['registry', 'local', 'gha', 's3', 'azblob', 'inline'];
export function cacheProblem(line: string, input: 'cache-from' | 'cache-to'): string | undefined {
  // cache-from takes a bare reference as type=registry,ref=… (buildx's shorthand)
  if (!line.includes('=')) return input === 'cache-from' ? undefined : `"${line}" needs type=…`;
  const fields = Object.fromEntries(splitFields(line, input).map(keyValue));
  const type = fields.type;
  if (type === undefined) return `"${line}" has no type= (${CACHE_TYPES.join(', ')})`;
  if (!CACHE_TYPES.includes(type)) return `type=${type} is not a cache type (${CACHE_TYPES.join(', ')})`;
  if (fields.mode !== undefined && !['min', 'max'].includes(fields.mode))
    return `mode=${fields.mode}: use min or max`;
  return undefined;
}

export function shmSizeProblem(v: string): string | undefined {
  return /^\d+(\.\d+)?\s*([bkmg]b?)?$/i.test(v) ? undefined : `"${v}" is not a size (e.g. 2g, 512m)`;
}

const ULIMITS = [
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack',
];
export function ulimitProblem(v: string): string | undefined {
  const m = /^([a-z]+)=(-?\d+|unlimited)(?::(-?\d+|unlimited))?$/.exec(v);
  if (!m) return `"${v}" is not name=soft[:hard] (e.g. nofile=1024:1024)`;
  return ULIMITS.includes(m[1] ?? '') ? undefined : `"${m[1] ?? ''}" is not a ulimit (${ULIMITS.join(', ')})`;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
export function addHostProblem(v: string): string | undefined {
  const m = /^([A-Za-z0-9][A-Za-z0-9.-]*)[:=](.+)$/.exec(v);
  const ip = m?.[2] ?? '';
  if (!m) return `"${v}" is not host:ip (e.g. db:10.0.0.5)`;
  if (ip === 'host-gateway' || IPV4.test(ip) || (/^\[?[0-9a-f:]+\]?$/i.test(ip) && ip.includes(':')))
    return undefined;
  return `"${ip}" is not an IP address (or host-gateway)`;
}

export function networkProblem(v: string): string | undefined {
  return ['default', 'none', 'host'].includes(v) ? undefined : `"${v}" is not default, none or host`;
}

export function sshProblem(v: string): string | undefined {
  return /^[A-Za-z0-9_.-]+(=[^,\s]+(,[^,\s]+)*)?$/.test(v)
    ? undefined
    : `"${v}" is not default or id=path[,path]`;
}

const SCHEMES = [
  'tcp',
  'unix',
  'ssh',
  'npipe',
  'docker-container',
  'kube-pod',
  'nerdctl-container',
  'podman-container',
];
/** The remote driver needs a URL; other drivers take a URL or a docker context name. */
export function endpointProblem(v: string, driver: string): string | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.+)$/.exec(v);
  if (m)
    return SCHEMES.includes(m[1] ?? '')
      ? undefined
      : `${m[1] ?? ''}:// is not a builder address (${SCHEMES.join(', ')})`;
  if (driver === 'remote') return `"${v}" is not an address; write tcp://HOST:PORT or unix:///PATH`;
  return /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/.test(v)
    ? undefined
    : `"${v}" is neither an address nor a docker context name`;
}

// registry[:port]/path[:tag][@digest], lowercase path (the distribution reference grammar, simplified)
const IMAGE_REF =
  /^([a-z0-9.-]+(:\d+)?\/)?[a-z0-9]+([._-]+[a-z0-9]+)*(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[0-9a-f]{64})?$/;
export function imageRefProblem(v: string): string | undefined {
  return IMAGE_REF.test(v) ? undefined : `"${v}" is not an image reference`;
}

export function nameProblem(v: string): string | undefined {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(v) ? undefined : `"${v}" is not a name (letters, digits, _ . -)`;
}

/** A run id goes into a tag name: tag characters, and short enough to leave room for commit and platform. */
export function runIdProblem(v: string): string | undefined {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/.test(v)
    ? undefined
    : `"${v}" is not a run id (up to 40 letters, digits, _ . -)`;
}

/** Throws InputError(input, …) for the first value `check` rejects. */
export function each(input: string, values: readonly string[], check: Check, fix = ''): void {
  for (const v of values) {
    const why = check(v);
    if (why !== undefined) throw new InputError(input, `${why}${fix ? `; ${fix}` : ''}`);
  }
}

/** A build context given as a remote source (buildx fetches it): nothing to find on disk. */
export function isRemoteContext(context: string): boolean {
  return /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/.test(context) || context === '-';
}
