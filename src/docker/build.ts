/**
 * Running `docker buildx build` (argv from src/plan/buildx-argv.ts) and reading what it made from the
 * metadata file. A failure says whether it was a passing registry fault (a push-by-digest build pushes as
 * it goes; re-running it is cheap because every step is cached) or a build error that must fail at once.
 */
import { StepError } from '../errors.js';
import type { Runner } from '../exec.js';
import { errorText, isTransientRegistryError } from '../retry.js';
import { stringOf } from '../json.js';

export interface BuildResult {
  /** index (or manifest) digest: containerimage.digest */
  digest: string;
  /** config digest of a single-platform image; '' for an index */
  imageId: string;
  raw: Record<string, unknown>;
  ms: number;
  /** Dockerfile steps served from cache, of all steps (a step per stage instruction per platform) */
  cache?: { cached: number; steps: number };
  /** the base images as BuildKit resolved them, `NAME[:TAG]@sha256:…` (for the provenance) */
  bases?: string[];
  /**
   * the docker driver's second push (`pushing NAME with docker`, buildx's own after BuildKit's) failed, after
   * BuildKit had pushed `digest`: what it said. The metadata file was not written (raw holds the digest and name).
   */
  repush?: string;
}

export class BuildError extends StepError {
  constructor(
    detail: string,
    readonly transient: boolean,
    /** full build output, for a debug group */
    readonly output: string,
  ) {
    super('build', detail, 'engine');
    this.name = 'BuildError';
  }
}

export interface BuildOptions {
  metadataFile: string;
  readFile: (path: string) => Promise<string>;
  /** secret values for the build, by env var name (never in argv) */
  env?: Record<string, string>;
  cwd?: string;
  stream?: boolean;
}

export function parseMetadata(text: string): Omit<BuildResult, 'ms'> {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new StepError(
      'build',
      'buildx wrote no readable metadata file; is buildx older than 0.6?',
      'engine',
    );
  }
  const digest = stringOf(raw['containerimage.digest']);
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw new StepError(
      'build',
      'the metadata file has no containerimage.digest; the build produced no image',
      'engine',
    );
  }
  return { digest, imageId: stringOf(raw['containerimage.config.digest']), raw };
}

/** `docker ARGV` (argv starts with `buildx build`); throws BuildError on failure. */
export async function runBuild(
  runner: Runner,
  argv: readonly string[],
  opts: BuildOptions,
): Promise<BuildResult> {
  const res = await runner.run('docker', argv, {
    stream: opts.stream ?? true,
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  if (res.code !== 0) {
    const output = `${res.stderr}\n${res.stdout}`;
    const why = errorText(res.stderr) || `exit code ${res.code}`;
    const pushed = pushedBeforeRepush(res.stderr);
    if (pushed)
      return {
        ...pushed,
        ms: res.ms,
        cache: cacheStats(res.stderr),
        bases: baseImages(res.stderr),
        repush: why.split('\n').join(' | '),
      };
    const transient = isTransientRegistryError(output);
    throw new BuildError(why.split('\n').join(' | '), transient, output);
  }
  return {
    ...parseMetadata(await opts.readFile(opts.metadataFile)),
    ms: res.ms,
    cache: cacheStats(res.stderr),
    bases: baseImages(res.stderr),
  };
}

/**
 * With the docker driver buildx 0.13 pushes twice: BuildKit's exporter pushes the index (`pushing manifest for
 * NAME@sha256:D … done`, its step DONE; it retries a 5xx or 429 itself), then buildx has dockerd push the same name
 * again (a step `pushing NAME with docker`, no retries: one fault fails the build). When only that second push
 * failed, the registry already holds D whole (it accepted the index after every manifest, and each manifest after its
 * blobs): the digest, the config of a one-platform image, and the metadata buildx would have written for them.
 * Anything else (BuildKit's own step failed, another step failed, no such lines): undefined.
 */
export function pushedBeforeRepush(progress: string): Omit<BuildResult, 'ms'> | undefined {
  const lines = progress.split('\n').map((l) => l.trim());
  const failed = new Set(lines.flatMap((l) => /^#(\d+) ERROR:/.exec(l)?.[1] ?? []));
  const [, step, name] = lines.flatMap((l) => /^#(\d+) pushing (\S+) with docker$/.exec(l) ?? []);
  if (failed.size !== 1 || step === undefined || !failed.has(step) || name === undefined) return undefined;
  const done = new Set(lines.flatMap((l) => /^#(\d+) DONE\b/.exec(l)?.[1] ?? []));
  // every name, pushed by a finished step of BuildKit's
  const pushed = new Map<string, { step: string; digest: string }>();
  for (const l of lines) {
    const m = /^#(\d+) pushing manifest for (\S+)@(sha256:[0-9a-f]{64})(?: [\d.]+s)? done$/.exec(l);
    if (m && done.has(m[1] as string))
      pushed.set(m[2] as string, { step: m[1] as string, digest: m[3] as string });
  }
  const each = name.split(',').map((n) => pushed.get(n));
  const first = each[0];
  if (!first || each.some((p) => p?.digest !== first.digest)) return undefined;
  const { step: id, digest } = first;
  const configs = new Set(
    lines.flatMap((l) => new RegExp(`^#${id} exporting config (sha256:[0-9a-f]{64})`).exec(l)?.[1] ?? []),
  );
  const index = lines.some((l) => l.startsWith(`#${id} exporting manifest list `));
  const imageId = !index && configs.size === 1 ? ([...configs][0] as string) : '';
  return {
    digest,
    imageId,
    raw: {
      'containerimage.digest': digest,
      ...(imageId ? { 'containerimage.config.digest': imageId } : {}),
      'image.name': name,
    },
  };
}

/** The images the stages start from, as BuildKit resolved them: `#6 [linux/arm64 stage-1 1/2] FROM NAME@sha256:…`. */
export function baseImages(progress: string): string[] {
  const found = new Set<string>();
  for (const m of progress.matchAll(/^#\d+ \[[^\]]*\d+\/\d+\] FROM (\S+@sha256:[0-9a-f]{64})\s*$/gm))
    found.add(m[1] as string);
  return [...found];
}

/**
 * Build steps served from cache, from buildx's plain progress (`#7 [build 3/6] RUN …` then `#7 CACHED`).
 * Only Dockerfile steps (`[stage n/m]`) count; metadata loads, context transfers and exports do not.
 */
export function cacheStats(progress: string): { cached: number; steps: number } {
  const steps = new Set<string>();
  const cached = new Set<string>();
  for (const line of progress.split('\n')) {
    const m = /^#(\d+) (\[[^\]]*\d+\/\d+\]|CACHED$)/.exec(line.trim());
    if (!m) continue;
    if (m[2] === 'CACHED') cached.add(m[1] as string);
    else steps.add(m[1] as string);
  }
  return { cached: [...cached].filter((id) => steps.has(id)).length, steps: steps.size };
}

/** For withRetry around a push-by-digest build. */
export function isTransientBuild(err: unknown, attempt: number): boolean {
  return err instanceof BuildError && isTransientRegistryError(err.output, attempt);
}
