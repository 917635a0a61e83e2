import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { isLockfile, readLockfiles } from '../../src/cache/lockfiles.js';
import { tempDir } from '../../scripts/temp.mjs';

test.each([
  ['go.sum', true],
  ['Cargo.lock', true],
  ['requirements.txt', true],
  ['requirements-dev.txt', true],
  ['package.json', false],
  ['go.mod', false],
  ['requirements.in', false],
])('isLockfile(%s) = %s', (name, yes) => {
  expect(isLockfile(name)).toBe(yes);
});

test('readLockfiles: root and direct sub-directories, sorted, skipping dependency folders', async () => {
  const dir = tempDir('crossbuild-lock-');
  try {
    const files: Record<string, string> = {
      'go.sum': 'g',
      'web/package-lock.json': 'p',
      'api/requirements.txt': 'r',
      'api/deep/Cargo.lock': 'too deep',
      'node_modules/x/package-lock.json': 'dependency',
      '.github/go.sum': 'hidden',
      'README.md': 'no',
    };
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir, path, '..'), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    expect(await readLockfiles(dir)).toEqual([
      { name: 'api/requirements.txt', content: 'r' },
      { name: 'go.sum', content: 'g' },
      { name: 'web/package-lock.json', content: 'p' },
    ]);
    expect(await readLockfiles(join(dir, 'missing'))).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
