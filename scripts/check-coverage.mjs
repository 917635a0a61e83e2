// Unit-test coverage gate (issue 9): the unit tests alone (no engine) cover ≥ 92% of the lines of src/, and every
// source file of 20+ lines ≥ 60% — the entry files and the real process wrapper aside (they run only for real).
// Reads coverage/coverage-summary.json written by `npm run coverage`.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const EXEMPT = new Set(['src/index.ts', 'src/cli/index.ts', 'src/exec.ts']);
const summary = JSON.parse(readFileSync('coverage/coverage-summary.json', 'utf8'));
const problems = [];
const total = summary.total.lines.pct;
if (total < 92) problems.push(`src/ lines covered ${total}% < 92%`);
for (const [file, s] of Object.entries(summary)) {
  if (file === 'total') continue;
  const rel = relative(process.cwd(), file);
  if (EXEMPT.has(rel) || s.lines.total < 20) continue;
  if (s.lines.pct < 60) problems.push(`${rel}: ${s.lines.pct}% of ${s.lines.total} lines < 60%`);
}
console.log(`unit coverage of src/: ${total}% of lines`);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
