/**
 * Dockerfile variable substitution for the values that decide a stage's base and platform:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}`. A variable without a value stays as written,
 * so callers can tell "unknown" from "empty".
 */
export function expandVars(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (
      whole,
      braced: string | undefined,
      op: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      const name = braced ?? bare ?? '';
      const value = vars.get(name);
      if (op === '-') return value !== undefined && value !== '' ? value : expandVars(word ?? '', vars);
      if (op === '+') return value !== undefined && value !== '' ? expandVars(word ?? '', vars) : '';
      return value ?? whole;
    },
  );
}

/** Names of the variables a text refers to (`$A`, `${B}`, `${C:-x}`). */
export function varsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g))
    if (m[1] && !out.includes(m[1])) out.push(m[1]);
  return out;
}
