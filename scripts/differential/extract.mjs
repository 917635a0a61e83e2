// Copies what record.mjs needs of a docker/metadata-action snapshot (a bare git directory, e.g. the one the
// `fetch` tool leaves under /work/.mirror/) into a scratch directory outside this repository:
// <dest>/ma-<commit>/{dist/,action.yml,package.json,source.json}. source.json names the commit and its version
// (the most specific release tag pointing at it, else `git describe --tags`). Nothing of the snapshot belongs in
// this repository.
//
//   node scripts/differential/extract.mjs <git-dir> [dest]      (dest: ~/differential)
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const [gitDir, destArg] = process.argv.slice(2);
if (!gitDir) {
  console.error('usage: extract.mjs <git-dir> [dest]');
  process.exit(2);
}
const git = (...args) => execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 64 * 1024 * 1024 });
const text = (...args) =>
  git(...args)
    .toString('utf8')
    .trim();

const commit = text('rev-parse', 'HEAD');
const pointing = text('tag', '--points-at', 'HEAD')
  .split('\n')
  .filter((t) => /^v\d+(\.\d+)*$/.test(t))
  .sort((a, b) => b.split('.').length - a.split('.').length);
const version = pointing[0] ?? text('describe', '--tags', 'HEAD');

const dest = resolve(destArg ?? join(homedir(), 'differential'), `ma-${commit}`);
const files = text('ls-tree', '-r', '--name-only', 'HEAD', 'dist/')
  .split('\n')
  .filter((f) => f && !f.endsWith('.map'));
for (const file of [...files, 'action.yml', 'package.json']) {
  const target = join(dest, file);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, git('show', `HEAD:${file}`));
}
const source = { repository: 'docker/metadata-action', commit, version, tags: pointing };
writeFileSync(join(dest, 'source.json'), `${JSON.stringify(source, null, 2)}\n`);
console.log(`${source.repository}@${commit} (${version}) -> ${dest}`);
