/**
 * The README's "Coming from docker's actions" table is true: every Crossbuild input it names exists in action.yml,
 * every row that maps to nothing says why, and each of docker's five actions is covered.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const action = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, unknown>;
};
const table = /<!-- migration:start -->\n([\s\S]*?)<!-- migration:end -->/.exec(readme)?.[1] ?? '';
const rows = table
  .split('\n')
  .filter((l) => l.startsWith('| ') && !l.startsWith('| action') && !l.startsWith('|---'))
  .map((l) => l.split(' | ').map((c) => c.replace(/^\| |\s*\|$/g, '').trim()));

describe("README: docker's inputs → Crossbuild's", () => {
  test('the table is there and covers the five actions', () => {
    const actions = new Set(rows.map((r) => r[0]));
    expect([...actions].sort()).toEqual([
      'build-push-action',
      'login-action',
      'metadata-action',
      'setup-buildx-action',
      'setup-qemu-action',
    ]);
    expect(rows.length).toBeGreaterThan(50);
  });

  test.each(rows.map((r) => [`${r[0] ?? ''} ${r[1] ?? ''}`, r[2] ?? ''] as const))(
    '%s → %s',
    (_n, target) => {
      const named = /^`([a-z-]+)`/.exec(target)?.[1];
      if (named) {
        expect(Object.keys(action.inputs)).toContain(named);
        return;
      }
      expect(target).toMatch(/^not (needed|supported) — .{20,}/);
    },
  );
});
