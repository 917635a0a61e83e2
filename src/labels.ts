/**
 * OCI labels and annotations (https://github.com/opencontainers/image-spec/blob/main/annotations.md).
 * Pure: the clock and the context come in as arguments.
 */
import type { RunContext } from './context.js';
import { InputError } from './errors.js';
import { render, type ExprEnv } from './tags/expressions.js';
import { keyValue, parseKeyValueLines } from './tags/lines.js';

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

function merge(base: Map<string, string>, lines: string, input: string, env: ExprEnv): Map<string, string> {
  const out = new Map(base);
  for (const { key, value } of parseKeyValueLines(lines, input)) out.set(key, render(value, env, input));
  return out;
}

const toLines = (m: Map<string, string>): string[] =>
  [...m].filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`);

export function buildLabels(defaults: Map<string, string>, lines: string, env: ExprEnv): string[] {
  return toLines(merge(defaults, lines, 'labels', env));
}

const LEVEL = '(?:manifest|index|manifest-descriptor|index-descriptor)(?:\\[[^\\]]+\\])?';
const LEVELS = new RegExp(`^(${LEVEL}(?:,${LEVEL})*):(.+)$`);

/**
 * Annotations default to the OCI label keys at `manifest:` level (as docker/metadata-action does by
 * default): each platform image carries them, which is where `docker inspect`-style tools look.
 * A user line without a level is `manifest:` too; `index:key=v` etc. pass through.
 */
export function buildAnnotations(defaults: Map<string, string>, lines: string, env: ExprEnv): string[] {
  const base = new Map([...defaults].map(([k, v]) => [`manifest:${k}`, v]));
  const user = parseKeyValueLines(lines, 'annotations').map(({ key, value }) => {
    const m = LEVELS.exec(key);
    if (!m && key.includes(':')) {
      throw new InputError(
        'annotations',
        `"${key}" has an unknown level; use manifest:, index:, manifest-descriptor: or index-descriptor:`,
      );
    }
    return `${m ? key : `manifest:${key}`}=${value}`;
  });
  return toLines(merge(base, user.join('\n'), 'annotations', env));
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
