/** scripts/lint-workflows.mjs fails on a finding in a workflow or in a README example, and passes clean ones. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { tempDir } from '../scripts/temp.mjs';

const SCRIPT = join(import.meta.dirname, '../scripts/lint-workflows.mjs');
const GOOD = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04-arm\n    steps:\n      - run: echo ok\n';

function lintIn(workflow: string, readme: string) {
  const dir = tempDir('crossbuild-actionlint-');
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, '.github/workflows/ci.yml'), workflow);
  writeFileSync(join(dir, 'README.md'), readme);
  return spawnSync(process.execPath, [SCRIPT], { cwd: dir, encoding: 'utf8' });
}

test.each([
  ['clean workflow and README', GOOD, `# x\n\n\`\`\`yaml\n${GOOD}\`\`\`\n`, 0, /0 finding/],
  [
    'an unknown context property in the workflow',
    GOOD.replace('echo ok', 'echo ${{ github.nope }}'),
    '',
    1,
    /ci\.yml:6:.*"nope" is not defined/,
  ],
  [
    'a bad README example, reported at its README line',
    GOOD,
    `# x\n\n\`\`\`yaml\n${GOOD.replace('runs-on: ubuntu-24.04-arm', 'runs-on: ubuntu-latest\n    timeout-minutes: soon')}\`\`\`\n`,
    1,
    /README\.md:8:22: expecting a single \$\{/,
  ],
  [
    'invalid YAML',
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo a: b\n',
    '',
    1,
    /YAML is probably invalid/,
  ],
])('%s', (_name, workflow, readme, code, out) => {
  const r = lintIn(workflow, readme);
  expect(r.status, r.stderr + r.stdout).toBe(code);
  expect(r.stderr + r.stdout).toMatch(out);
});
