/**
 * What a shell script run with arguments runs: `./do.sh goget` (a function named by its first argument), `bash
 * build.sh release docker` (top-level `if [ "$1" = release ]` branches chosen by the arguments, then the functions the
 * chosen code calls). Pure text in, text out; the advisor judges only the code a call reaches.
 */
import { commandsIn } from './compile-steps.js';
import { withoutBrokenTests } from './branches.js';

interface ShellFunction {
  body: string;
  /** the definition's first and last line (0-based, inclusive) */
  from: number;
  to: number;
}

const DEFINITION =
  /^\s*(?:function\s+([A-Za-z_][\w-]*)\s*(?:\(\s*\))?|([A-Za-z_][\w-]*)\s*\(\s*\))\s*\{?\s*$/;

/** The script's shell functions (`name () {` / `function name {` … `}`), by name. */
export function shellFunctions(text: string): Map<string, ShellFunction> {
  const lines = text.split('\n');
  const out = new Map<string, ShellFunction>();
  for (let i = 0; i < lines.length; i++) {
    const m = DEFINITION.exec(lines[i] ?? '');
    const name = m?.[1] ?? m?.[2];
    if (!name || out.has(name)) continue;
    let depth = 0;
    let end = i;
    for (let j = i; j < lines.length; j++) {
      const l = lines[j] ?? '';
      depth += (l.match(/\{/g) ?? []).length - (l.match(/\}/g) ?? []).length;
      end = j;
      if (depth <= 0 && j > i) break;
    }
    out.set(name, { body: lines.slice(i + 1, end).join('\n'), from: i, to: end });
    i = end;
  }
  return out;
}

/**
 * What a script run with `args` runs: the function its first argument names and the functions that calls; else its
 * top-level code with branches on the positional arguments resolved (`if [ "$1" = "release" ]`), and the functions
 * that code calls. The whole text where it calls no function of its own.
 */
export function scriptRun(script: string, args: readonly string[]): string {
  // (a branch behind a broken `[` test never runs)
  const text = withoutBrokenTests(script);
  const fns = shellFunctions(text);
  const sub = args[0];
  const named = sub === undefined ? undefined : fns.get(sub);
  if (named) return withCalled([named.body], fns, sub).join('\n');
  const lines = text.split('\n');
  const inside = (i: number) => [...fns.values()].some((f) => i >= f.from && i <= f.to);
  const top = positional(lines.filter((_, i) => !inside(i)).join('\n'), args);
  const called = withCalled([top], fns);
  return called.length > 1 ? called.join('\n') : positional(text, args);
}

/** The bodies given and the functions they call, three levels deep. */
function withCalled(bodies: string[], fns: Map<string, ShellFunction>, self?: string): string[] {
  const out = [...bodies];
  let frontier = bodies;
  for (let level = 0; level < 3 && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const body of frontier)
      for (const { words } of commandsIn(body)) {
        const called = words[0] && words[0] !== self ? fns.get(words[0])?.body : undefined;
        if (called !== undefined && !out.includes(called) && !next.includes(called)) next.push(called);
      }
    out.push(...next);
    frontier = next;
  }
  return out;
}

/** `[ "$1" = "release" ]`, `[[ $2 == docker ]]`: the position and the value, or undefined for any other test. */
function positionalTest(cond: string): { n: number; value: string } | undefined {
  const m = /^\[\[?\s*["']?\$\{?([1-9])\}?["']?\s*==?\s*["']?([^"'\s\]]*)["']?\s*\]\]?$/.exec(cond.trim());
  return m ? { n: Number(m[1]), value: m[2] ?? '' } : undefined;
}

/**
 * The script with each `if`/`elif`/`else` chain whose every test is on a positional argument reduced to the branch the
 * arguments take (multi-line chains: `if …; then` on its own line). Other chains stay as written.
 */
function positional(text: string, args: readonly string[]): string {
  if (args.length === 0) return text;
  const out: string[] = [];
  const stack: { chosen: boolean; taking: boolean; taken: boolean }[] = [];
  const emitting = () => stack.every((f) => f.taking);
  for (const line of text.split('\n')) {
    const t = line.trim();
    const head = /^(if|elif)\s+(.*?)\s*;\s*then$/.exec(t);
    const test = head ? positionalTest(head[2] ?? '') : undefined;
    const frame = stack.at(-1);
    if (head?.[1] === 'if') {
      const take = test !== undefined && (args[test.n - 1] ?? '') === test.value;
      stack.push(
        test ? { chosen: true, taking: take, taken: take } : { chosen: false, taking: true, taken: false },
      );
      if (!test && emitting()) out.push(line);
      continue;
    }
    if (frame?.chosen && (head?.[1] === 'elif' || t === 'else' || t === 'fi')) {
      if (t === 'fi') stack.pop();
      else {
        const take = t === 'else' || (test !== undefined && (args[test.n - 1] ?? '') === test.value);
        frame.taking = !frame.taken && take;
        frame.taken ||= take;
      }
      continue;
    }
    if (t === 'fi' && frame) stack.pop();
    if (emitting()) out.push(line);
  }
  return out.join('\n');
}
