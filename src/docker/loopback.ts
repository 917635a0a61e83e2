/**
 * Whether a builder the action creates needs `--driver-opt network=host`: a docker-container builder runs in its
 * own network namespace, where localhost is the container, so it cannot reach a loopback registry (a workflow's
 * `services: registry`) unless it shares the host's network (#27). Pure.
 */
import type { ParsedDockerfile } from '../dockerfile/parse.js';
import type { Settings } from '../inputs.js';
import { isLoopback } from '../registry/reference.js';

/** The registry host of one value: `127.0.0.1:5000/app`, `docker-image://localhost/x`, or a bare `localhost:5000`. */
function registryHost(value: string): string | undefined {
  const ref = value.trim().replace(/^docker-image:\/\//, '');
  const slash = ref.indexOf('/');
  if (slash < 0) return /:\d+$/.test(ref) ? ref : undefined;
  return ref.slice(0, slash);
}

/** A value as written in an input: a reference, `KEY=reference` (build-args) or `type=registry,ref=reference`. */
function referencesIn(value: string): string[] {
  return value.split(',').map((field) => field.slice(field.indexOf('=') + 1));
}

/** The first value naming a loopback registry (localhost, 127.0.0.0/8, [::1], with or without a port). */
export function loopbackReference(values: readonly string[]): string | undefined {
  return values.find((v) =>
    referencesIn(v).some((ref) => {
      const host = registryHost(ref);
      return host !== undefined && isLoopback(host);
    }),
  );
}

export function needsHostNetwork(values: readonly string[]): boolean {
  return loopbackReference(values) !== undefined;
}

/** The user chose the builder's network (`driver-opts: network=...`): that choice stands. */
export function setsNetwork(driverOpts: readonly string[]): boolean {
  return driverOpts.some((o) => o.trim().startsWith('network='));
}

/** Bases a Dockerfile names: every FROM as written, and the defaults of the ARGs FROM lines can use. */
export function dockerfileReferences(parsed: ParsedDockerfile | undefined): string[] {
  if (!parsed) return [];
  const defaults = parsed.globalArgs.flatMap((a) => (a.default === undefined ? [] : [a.default]));
  return [...parsed.stages.map((s) => s.image), ...defaults];
}

/** What the inputs name as images, caches and build bases, as written (the images input line by line). */
export function settingsReferences(
  s: Pick<Settings, 'images' | 'cache-from' | 'cache-to' | 'build-args' | 'build-contexts'>,
): string[] {
  return [
    ...s.images.split(/\r?\n/),
    ...s['cache-from'],
    ...s['cache-to'],
    ...s['build-args'],
    ...s['build-contexts'],
  ];
}
