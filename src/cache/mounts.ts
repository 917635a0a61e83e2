/**
 * Carrying `RUN --mount=type=cache` contents between runs. No --cache-to exports them, so a fresh runner
 * recompiles everything. Two helper builds on the same builder move them through a host directory:
 * inject (directory → cache mounts) before the build, extract (cache mounts → directory) after it.
 * Pure: which mounts, and the helper Dockerfiles and argv. Running them is dance.ts.
 *
 * BuildKit facts this relies on (measured on dockerd 26 / buildx 0.13, see __tests__/cache):
 * - a cache mount is found by its id (default: the cleaned target path) together with its uid/gid/mode:
 *   the same id with another uid is a different, empty cache. The helper repeats all four.
 * - the platform does not matter: a mount filled by an arm64 helper is seen by amd64 and s390x steps.
 * - `--no-cache` gives every cache mount a fresh empty directory, so the helpers bust their cache with a
 *   build argument instead.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { expandVars } from '../dockerfile/expand.js';
import { mountsOf, type ParsedDockerfile } from '../dockerfile/parse.js';
import { keyValue } from '../lines.js';

export interface CacheMount {
  /** the cache's identity as BuildKit sees it: the id= value, else the cleaned target */
  id: string;
  uid?: string;
  gid?: string;
  mode?: string;
}

export interface SkippedMount {
  line: number;
  reason: string;
  /** a mount the helper must not carry (rejected text), not merely one it cannot reproduce: worth a warning */
  invalid?: boolean;
}

const OPTIONS = ['uid', 'gid', 'mode'] as const;

/**
 * What a helper Dockerfile's RUN line may carry (#19): an id or uid/gid/mode can hold build-arg text, and a
 * space, comma, quote, `#`, `;`, `$` or newline there would add options, shell commands or whole instructions.
 * Strict classes rather than quoting: real ids are paths and names.
 */
const FIELD_CLASS: Record<keyof CacheMount, { re: RegExp; what: string }> = {
  id: { re: /^[A-Za-z0-9_./][A-Za-z0-9_./:@+-]*$/, what: 'letters, digits and . _ / : @ + - only' },
  uid: { re: /^\d{1,10}$/, what: 'decimal digits only' },
  gid: { re: /^\d{1,10}$/, what: 'decimal digits only' },
  mode: { re: /^0?[0-7]{3,4}$/, what: 'an octal mode such as 0755' },
};

/**
 * Why a mount cannot go into a helper Dockerfile, naming the field but never its value (a build-arg may be a
 * secret); undefined when it can.
 */
export function cacheMountProblem(m: CacheMount): string | undefined {
  for (const field of ['id', ...OPTIONS] as const) {
    const v = m[field];
    if (v === undefined) continue;
    const { re, what } = FIELD_CLASS[field];
    if (!re.test(v)) return `cache mount ${field} is not ${what}`;
  }
  return undefined;
}

function sameMount(a: CacheMount, b: CacheMount): boolean {
  return a.id === b.id && OPTIONS.every((o) => a[o] === b[o]);
}

/** Values ARGs take: declared defaults, overridden by the build's KEY=value build-args. */
export function argValues(parsed: ParsedDockerfile, buildArgs: readonly string[]): Map<string, string> {
  const vars = new Map<string, string>();
  for (const a of [...parsed.globalArgs, ...parsed.stages.flatMap((s) => s.args)]) {
    if (a.default !== undefined && !vars.has(a.name)) vars.set(a.name, a.default);
  }
  for (const l of buildArgs) {
    const [k, v] = keyValue(l);
    if (k !== '' && l.includes('=')) vars.set(k, v);
  }
  return vars;
}

/**
 * Every distinct cache mount in the Dockerfile's RUN steps. Mounts that cannot be reproduced by a helper
 * are skipped with the reason: `from=` (seeded from a stage) and ids that still hold a variable
 * (e.g. one per $TARGETARCH) after the known ARG values are filled in.
 */
export function cacheMountsIn(
  parsed: ParsedDockerfile,
  vars: ReadonlyMap<string, string>,
): { mounts: CacheMount[]; skipped: SkippedMount[] } {
  const mounts: CacheMount[] = [];
  const skipped: SkippedMount[] = [];
  for (const ins of parsed.instructions) {
    if (ins.keyword !== 'RUN') continue;
    for (const m of mountsOf(ins)) {
      if (m.type !== 'cache') continue;
      if (m.from !== undefined) {
        skipped.push({ line: ins.line, reason: `cache mount seeded from ${m.from} (from=) is not carried` });
        continue;
      }
      const raw = m.id ?? m.target ?? m.dst ?? m.destination ?? '';
      const text = expandVars(raw, vars);
      if (text === '' || text.includes('$')) {
        skipped.push({
          line: ins.line,
          reason: `cache mount id "${raw}" depends on a value not known before the build`,
        });
        continue;
      }
      const mount: CacheMount = {
        id: m.id !== undefined ? text : posix.normalize(text).replace(/(.)\/$/, '$1'),
      };
      for (const o of OPTIONS) {
        const v = m[o];
        if (v !== undefined) mount[o] = expandVars(v, vars);
      }
      const problem = cacheMountProblem(mount);
      if (problem !== undefined) {
        skipped.push({ line: ins.line, reason: `${problem}; the mount is not carried`, invalid: true });
        continue;
      }
      if (!mounts.some((x) => sameMount(x, mount))) mounts.push(mount);
    }
  }
  return { mounts, skipped };
}

/**
 * An explicit list, one per line: `/root/.cache/go-build` (an id, i.e. a target path without id=) or
 * `id=gomod,uid=1000,gid=1000,mode=0755`.
 */
export function parseCacheMounts(lines: readonly string[]): CacheMount[] {
  const out: CacheMount[] = [];
  for (const line of lines) {
    const mount: CacheMount = { id: '' };
    for (const part of line.split(',')) {
      const eq = part.indexOf('=');
      const key = eq < 0 ? 'id' : part.slice(0, eq).trim().toLowerCase();
      const value = (eq < 0 ? part : part.slice(eq + 1)).trim();
      if (key === 'id' || key === 'target') mount.id = value;
      else if (key === 'uid' || key === 'gid' || key === 'mode') mount[key] = value;
    }
    if (mount.id !== '' && !out.some((x) => sameMount(x, mount))) out.push(mount);
  }
  return out;
}

/** One sub-directory per mount: readable, and unique even when two ids sanitise alike. */
export function mountDir(m: CacheMount): string {
  const name =
    m.id
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60) || 'cache';
  const ident = [m.id, ...OPTIONS.map((o) => m[o] ?? '')].join('\0');
  return `${name}-${createHash('sha256').update(ident).digest('hex').slice(0, 8)}`;
}

function cacheFlag(m: CacheMount, target: string): string {
  // the last guard: every path to here (Dockerfile, cache-mounts input) has checked already
  const problem = cacheMountProblem(m);
  if (problem !== undefined) throw new Error(`${problem}; refusing to write it into a helper Dockerfile`);
  const opts = OPTIONS.flatMap((o) => (m[o] !== undefined ? [`${o}=${m[o]}`] : []));
  return ['--mount=type=cache', `id=${m.id}`, `target=${target}`, ...opts].join(',');
}

/** Changes every run so BuildKit never answers a helper step from its cache (see the header). */
const NONCE_ARG = 'CROSSBUILD_CACHE_DANCE';

/** Copies each mount's directory from the build context into the cache mount. */
export function injectDockerfile(helperImage: string, mounts: readonly CacheMount[]): string {
  const lines = mounts.map((m, i) => {
    const dir = mountDir(m);
    return `RUN ${cacheFlag(m, `/cache/${i}`)} --mount=type=bind,source=${dir},target=/seed/${i} cp -a /seed/${i}/. /cache/${i}/`;
  });
  return [`FROM ${helperImage}`, `ARG ${NONCE_ARG}`, ...lines, ''].join('\n');
}

/**
 * Copies each cache mount out into /out/DIR; the scratch stage makes the local export hold only those.
 * chmod u+w: Go marks its module cache read-only, which would leave a directory the runner cannot delete.
 */
export function extractDockerfile(helperImage: string, mounts: readonly CacheMount[]): string {
  const lines = mounts.map((m, i) => {
    const dir = mountDir(m);
    return `RUN ${cacheFlag(m, `/cache/${i}`)} mkdir -p /out/${dir} && cp -a /cache/${i}/. /out/${dir}/ && chmod -R u+w /out/${dir}`;
  });
  return [
    `FROM ${helperImage} AS extract`,
    `ARG ${NONCE_ARG}`,
    'RUN mkdir -p /out',
    ...lines,
    'FROM scratch',
    'COPY --from=extract /out/ /',
    '',
  ].join('\n');
}

export interface HelperBuild {
  /** '' for the current builder; must be the builder the real build uses: cache mounts live there */
  builder: string;
  nonce: string;
  /** build context: for inject the directory holding the mount directories */
  context: string;
  /** extract: the local directory the mounts are written to; inject: none (cache only) */
  dest?: string;
  /**
   * the helper's Dockerfile, written by the caller outside context and dest (buildx 0.13 copies a Dockerfile given on
   * stdin to a directory of its own under $TMPDIR and leaves it there: one per helper build on the runner)
   */
  file: string;
}

/** `docker buildx build` argv for a helper. */
export function helperArgv(h: HelperBuild): string[] {
  return [
    'buildx',
    'build',
    '--progress',
    'plain',
    ...(h.builder !== '' ? ['--builder', h.builder] : []),
    '--build-arg',
    `${NONCE_ARG}=${h.nonce}`,
    '--output',
    h.dest !== undefined ? `type=local,dest=${h.dest}` : 'type=cacheonly',
    '--file',
    h.file,
    // the context is a positional argument: after `--`, one starting with `-` is a path, not a flag
    '--',
    h.context,
  ];
}
