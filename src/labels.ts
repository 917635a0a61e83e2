/**
 * OCI labels and annotations (https://github.com/opencontainers/image-spec/blob/main/annotations.md).
 * Pure: the clock and the context come in as arguments.
 */
import type { RunContext } from './context.js';
import { InputError } from './errors.js';
import { render, type ExprEnv } from './tags/expressions.js';
import { keyValue, parseKeyValueLines } from './lines.js';

/**
 * `created` is the commit time when the event carries it (as BUILD_DATE/SOURCE_DATE_EPOCH are), so rebuilding
 * the same commit yields the same image config; the clock only when the commit time is unknown.
 */
export function defaultLabels(ctx: RunContext, version: string, now: Date): Map<string, string> {
  const p = 'org.opencontainers.image.';
  return new Map([
    [`${p}title`, ctx.repo.name],
    [`${p}description`, ctx.repo.description],
    [`${p}url`, ctx.repo.htmlUrl],
    [`${p}source`, ctx.repo.htmlUrl],
    [`${p}version`, version],
    [`${p}created`, (ctx.commitDate ?? now).toISOString()],
    [`${p}revision`, ctx.sha],
    [`${p}licenses`, ctx.repo.license],
  ]);
}

const LEVEL = '(?:manifest|index|manifest-descriptor|index-descriptor)(?:\\[[^\\]]+\\])?';
const LEVELS = new RegExp(`^(${LEVEL}(?:,${LEVEL})*):(.+)$`);
const ONE_LEVEL = new RegExp(`^${LEVEL}$`);
const ONLY_LEVELS = new RegExp(`^${LEVEL}(?:,${LEVEL})*:$`);

/**
 * `=x` (or `index:=x`) names no label: buildx would pass `--label =x` on, and a registry shows an empty key.
 * Refused with the line number as written (blank and comment lines counted), never the value.
 */
function refuseEmptyKeys(lines: string, input: string): void {
  lines.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || !line.includes('=')) return;
    const key = keyValue(line)[0].trim();
    if (key === '' || (input === 'annotations' && ONLY_LEVELS.test(key)))
      throw new InputError(input, `line ${i + 1} has an empty key; write KEY=value`);
  });
}

function userLines(lines: string, input: string, env: ExprEnv): Map<string, string> {
  refuseEmptyKeys(lines, input);
  const out = new Map<string, string>();
  const invalid = (line: string) => {
    env.warn(`${input}: "${line}" is not key=value; ignored (as docker/metadata-action does)`);
  };
  for (const { key, value } of parseKeyValueLines(lines, invalid)) out.set(key, render(value, env, input));
  return out;
}

/**
 * Rank of each character of a plain key (`org.opencontainers.image.created`, `com.example.build-id`) in the order
 * `localeCompare` gives them (ICU's root collation: `_` `-` `.` before digits before letters).
 */
const PLAIN_ORDER = '_-.0123456789abcdefghijklmnopqrstuvwxyz';
const PLAIN_KEY = /^[a-z0-9._-]*$/;

/**
 * `a.localeCompare(b)` without its cost on the keys labels have: the first call loads ICU's collator (~6 ms, as much
 * as the rest of the tag engine). Keys of lowercase letters, digits and `._-` compare by the ranks above, which is the
 * same order (a differential test says so); any other key goes to localeCompare.
 */
export function compareKeys(a: string, b: string): number {
  if (!PLAIN_KEY.test(a) || !PLAIN_KEY.test(b)) return a.localeCompare(b);
  for (let i = 0; i < a.length && i < b.length; i++) {
    const d = PLAIN_ORDER.indexOf(a[i] as string) - PLAIN_ORDER.indexOf(b[i] as string);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Sorted by key; every key, empty values too (`org.opencontainers.image.version=` without a version), as metadata-action. */
const sorted = (m: Map<string, string>): [string, string][] => [...m].sort(([a], [b]) => compareKeys(a, b));

export function buildLabels(defaults: Map<string, string>, lines: string, env: ExprEnv): string[] {
  const all = new Map([...defaults, ...userLines(lines, 'labels', env)]);
  return sorted(all).map(([k, v]) => `${k}=${v}`);
}

/**
 * Annotations: the OCI label keys and the user's lines without a level, at each of `levels` (metadata-action's
 * DOCKER_METADATA_ANNOTATIONS_LEVELS, default `manifest`: each platform image carries them, where `docker
 * inspect`-style tools look); lines with a level (`index:key=v`, `manifest[linux/amd64]:k=v`) as written.
 */
export function buildAnnotations(
  defaults: Map<string, string>,
  lines: string,
  env: ExprEnv,
  levels: readonly string[] = ['manifest'],
): string[] {
  for (const l of levels)
    if (!ONE_LEVEL.test(l))
      throw new InputError(
        'annotations',
        `DOCKER_METADATA_ANNOTATIONS_LEVELS has "${l}"; use manifest, index, manifest-descriptor or index-descriptor`,
      );
  const plain = new Map(defaults);
  const leveled = new Map<string, string>();
  for (const [key, value] of userLines(lines, 'annotations', env)) {
    const m = LEVELS.exec(key);
    if (!m && /^[a-z-]+(\[[^\]]*\])?:/.test(key))
      throw new InputError(
        'annotations',
        `"${key}" has an unknown level; use manifest:, index:, manifest-descriptor: or index-descriptor:`,
      );
    (m ? leveled : plain).set(key, value);
  }
  return [
    ...levels.flatMap((l) => sorted(plain).map(([k, v]) => `${l}:${k}=${v}`)),
    ...sorted(leveled).map(([k, v]) => `${k}=${v}`),
  ];
}

/** `index,manifest:key=value` → its levels, key and value (a line without a level is `manifest:`). */
export function splitAnnotationKey(line: string): { levels: string[]; key: string; value: string } {
  const [k, value] = keyValue(line);
  const m = LEVELS.exec(k);
  if (!m) return { levels: ['manifest'], key: k, value };
  return { levels: (m[1] ?? '').split(/,(?![^[]*\])/), key: m[2] ?? '', value };
}

export function labelRecord(labels: string[]): Record<string, string> {
  return Object.fromEntries(labels.map(keyValue));
}
