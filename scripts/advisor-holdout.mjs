// The advisor measured on real Dockerfiles no corpus fixture was written from (#21): __tests__/dockerfile/holdout.json
// names each file (repository, path, commit) and the findings expected for --platforms linux/amd64,linux/arm64 on an
// amd64 builder. The files are not in this repository: read each at its commit into DIR as ID.Dockerfile (e.g. with
// `git show COMMIT:PATH` in a clone), then: node scripts/advisor-holdout.mjs DIR [--verbose] [--only ID-PREFIX]
// [--rows FILE] [--contexts CTX]. Rows go-H*/other-H* are the first set (2026-12-07), h2-* … h11?-* the later ones
// (h7-* … h11?-* labelled with build contexts); --only scores one set, --rows another file of rows in the same shape (a set not yet merged here). With
// --contexts, CTX/ID is the file's build context at that commit (its scripts and Makefiles), as `crossbuild lint`
// reads it in a checkout: `--context CTX/ID`.
// A finding counts when its kind and line match (or a line the row accepts; findings at an entry's own line are matched
// first); one a row calls acceptable is neither.
// With --contexts the advisor reads the scripts and Makefiles, and reports one that compiles as the emulated compile
// it is: an emulated-compile at a hidden-compile row's line meets that row (or is acceptable where it is).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/advisor-holdout.mjs DIR [--verbose] [--only ID-PREFIX] [--rows FILE]');
  process.exit(2);
}
const option = (name) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const only = option('--only') ?? '';
const rows = JSON.parse(
  readFileSync(option('--rows') ?? join(ROOT, '__tests__/dockerfile/holdout.json'), 'utf8'),
).filter((r) => r.id.startsWith(only));
const KINDS = ['emulated-compile', 'build-arch-binary', 'hidden-compile'];
const count = Object.fromEntries(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
let missing = 0;
for (const r of rows) {
  const file = join(dir, `${r.id}.Dockerfile`);
  if (!existsSync(file)) {
    missing++;
    continue;
  }
  const args = [join(ROOT, 'dist/cli/index.js'), 'lint', file, '--platforms', 'linux/amd64,linux/arm64'];
  args.push('--format', 'json', '--fail-on', 'none');
  const buildArgs = Object.entries(r.buildArgs ?? {}).map(([k, v]) => `${k}=${v}`);
  if (buildArgs.length > 0) args.push('--build-args', buildArgs.join('\n'));
  if (r.target) args.push('--target', r.target);
  // CTX/ID is the repository (the row's `context` a directory in it) or the context itself
  const dirOf = option('--contexts') && join(option('--contexts'), r.id);
  const sub = dirOf && r.context && r.context !== '.' ? join(dirOf, r.context) : undefined;
  const context = [sub, dirOf].find((d) => d && existsSync(d));
  if (context) args.push('--context', context);
  const got = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8' }));
  const used = new Set();
  const notes = [];
  const reads = (g, e) => context && e.kind === 'hidden-compile' && g.kind === 'emulated-compile';
  const meets = (g, e, lines) => (e.kind === g.kind || reads(g, e)) && lines(e).includes(g.line);
  // findings at an expected entry's own line take it first; then the lines it also accepts (order-independent)
  const matched = new Map();
  for (const lines of [(e) => [e.line], (e) => [e.line, ...(e.acceptLines ?? [])]])
    got.forEach((g, k) => {
      if (matched.has(k)) return;
      const i = r.expected.findIndex((e, j) => !used.has(j) && meets(g, e, lines));
      if (i < 0) return;
      used.add(i);
      matched.set(k, i);
    });
  for (const [k, g] of got.entries()) {
    const read = (e) => reads(g, e);
    if (matched.has(k)) {
      count[r.expected[matched.get(k)].kind].tp++;
    } else if (
      !(r.acceptable ?? []).some(
        (a) =>
          (a.kind === g.kind || read(a)) &&
          (a.line === undefined || [a.line, ...(a.acceptLines ?? [])].includes(g.line)),
      )
    ) {
      count[g.kind].fp++;
      notes.push(`false ${g.kind} at ${g.line}`);
    }
  }
  r.expected.forEach((e, j) => {
    if (used.has(j)) return;
    count[e.kind].fn++;
    notes.push(`missed ${e.kind} at ${e.line}`);
  });
  if (process.argv.includes('--verbose') && notes.length > 0)
    console.log(`${r.id} (${r.repo}): ${notes.join('; ')}`);
}
for (const k of KINDS) {
  const { tp, fp, fn } = count[k];
  const p = tp + fp === 0 ? 'n/a' : (tp / (tp + fp)).toFixed(2);
  const rc = tp + fn === 0 ? 'n/a' : (tp / (tp + fn)).toFixed(2);
  console.log(`${k}: ${tp} right, ${fp} false, ${fn} missed: precision ${p}, recall ${rc}`);
}
console.log(`${rows.length - missing} of ${rows.length} files read from ${dir}`);
