/**
 * Dockerfile variable substitution for the values that decide a stage's base and platform:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}`, and the newer forms BuildKit's Dockerfile frontend accepts:
 * `${VAR#prefix}`, `${VAR%suffix}`, `${VAR/pattern/replacement}` and `${VAR//pattern/replacement}` (checked on dockerd
 * 26's BuildKit: `ARG X=${TARGETARCH/amd64/x64}` is x64 for amd64, arm64 for arm64; patterns taken literally here). A variable without a value stays as written, so callers can tell "unknown" from "empty".
 */
export function expandVars(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(
    // (a word may hold one level of `${…}`: `${TARGETVARIANT:+${TARGETVARIANT}l}`)
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+]|##?|%%?|\/\/?)((?:\$\{[^{}]*\}|[^}])*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (
      whole,
      braced: string | undefined,
      op: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      const name = braced ?? bare ?? '';
      const value = vars.get(name);
      const w = expandVars(word ?? '', vars);
      switch (op) {
        case ':-':
        case '-':
          return value !== undefined && (value !== '' || op === '-') ? value : w;
        case ':+':
        case '+':
          return value !== undefined && (value !== '' || op === '+') ? w : '';
        case undefined:
          return value ?? whole;
      }
      if (value === undefined) return whole;
      if (op.startsWith('#')) return value.startsWith(w) ? value.slice(w.length) : value;
      if (op.startsWith('%')) return w !== '' && value.endsWith(w) ? value.slice(0, -w.length) : value;
      // ${VAR/pattern/replacement}: the first match, ${VAR//pattern/replacement}: every one
      const slash = w.indexOf('/');
      const [pattern, replacement] = slash < 0 ? [w, ''] : [w.slice(0, slash), w.slice(slash + 1)];
      if (pattern === '') return value;
      return op === '//' ? value.split(pattern).join(replacement) : value.replace(pattern, replacement);
    },
  );
}

/** A text matched literally inside a RegExp. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Names of the variables a text refers to (`$A`, `${B}`, `${C:-x}`). */
export function varsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g))
    if (m[1] && !out.includes(m[1])) out.push(m[1]);
  return out;
}

/** The variables a script uses to choose something: not those it only prints (`echo "building for $TARGETPLATFORM"`). */
export function varsUsed(script: string): string[] {
  return varsIn(script.replace(/(^|[;&|\n])\s*(echo|printf)\b[^;&|\n]*/g, '$1'));
}
