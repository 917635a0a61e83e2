/** Reading untrusted JSON (registry answers, event payloads, docker's output) without casts. */
export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** The value as an object, `{}` for anything else. */
export function objectOf(v: unknown): Json {
  return isObject(v) ? v : {};
}

/** A string as is, a number as its decimal text, '' for anything else. */
export function stringOf(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** An array's objects, `[]` for anything else. */
export function objectsOf(v: unknown): Json[] {
  return Array.isArray(v) ? v.map(objectOf) : [];
}

/**
 * Untrusted text as JSON, `undefined` when it is not JSON. The parser's own error is dropped on purpose: it quotes
 * the text, which may be a credential helper's output or a hostile registry's body.
 */
export function parseJsonQuiet(text: string | Buffer): unknown {
  try {
    return JSON.parse(typeof text === 'string' ? text : text.toString('utf8'));
  } catch {
    return undefined;
  }
}
