/**
 * Line and field syntax of multi-line inputs: tags, flavor, images, labels, annotations, logins, build args, outputs…
 * (docker/metadata-action's block syntax, so users can paste their blocks). Pure.
 */
import { InputError } from './errors.js';

/** `KEY=value` → [KEY, value]; the value keeps any further `=`. The one splitter for such lines. */
export function keyValue(line: string): [string, string] {
  const eq = line.indexOf('=');
  return eq < 0 ? [line, ''] : [line.slice(0, eq), line.slice(eq + 1)];
}

/** Non-empty trimmed lines; `#` starts a comment line. */
export function inputLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Split on commas outside double quotes; `""` inside quotes is a literal quote. */
export function splitFields(line: string, input: string): string[] {
  const fields: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === '"') {
      if (quoted && line.charAt(i + 1) === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === ',' && !quoted) {
      fields.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (quoted) throw new InputError(input, `unclosed double quote in "${line}"; close the quote or remove it`);
  fields.push(cur.trim());
  return fields.filter((f) => f !== '');
}

export interface Field {
  key: string;
  value: string;
}

/** `key=value,key="a,b"` → fields in order; a field without `=` has key ''. */
export function parseFields(line: string, input: string): Field[] {
  return splitFields(line, input).map((f) => {
    const eq = f.indexOf('=');
    if (eq < 0) return { key: '', value: f };
    return { key: f.slice(0, eq).trim().toLowerCase(), value: unquote(f.slice(eq + 1).trim(), '"') };
  });
}

/** A value in matching quotes (any of `quotes`), without them. */
export function unquote(v: string, quotes = `"'`): string {
  return v.length >= 2 && quotes.includes(v.charAt(0)) && v.endsWith(v.charAt(0)) ? v.slice(1, -1) : v;
}

/**
 * `key=value` lines (labels, annotations). The value is everything after the first `=`, commas included,
 * because label values are free text. A line with no key is handed to `invalid` and skipped (metadata-action
 * drops it silently; callers warn).
 */
export function parseKeyValueLines(text: string, invalid: (line: string) => void): Field[] {
  return inputLines(text).flatMap((line) => {
    const eq = line.indexOf('=');
    const key = eq < 0 ? '' : line.slice(0, eq).trim();
    if (key === '') {
      invalid(line);
      return [];
    }
    return [{ key, value: line.slice(eq + 1).trim() }];
  });
}
