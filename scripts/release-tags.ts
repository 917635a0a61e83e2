/**
 * Moves the action's major tags after a release: `node <bundle> vX.Y.Z` (the release workflow bundles this file
 * with ncc). Lists the repository's tags with git, decides with src/release/major-tags.ts (forward only), and
 * force-pushes only the tags that move. `--dry-run` prints the decisions.
 */
import { execFileSync } from 'node:child_process';
import { majorTagMoves } from '../src/release/major-tags.js';

const [release = '', flag] = process.argv.slice(2);
const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const released = git('tag', '--list', 'v*')
  .split('\n')
  .filter((t) => t !== '');
for (const m of majorTagMoves(release, released)) {
  console.log(`${m.tag}: ${m.move ? 'moves to' : 'stays;'} ${release} — ${m.reason}`);
  if (!m.move || flag === '--dry-run') continue;
  git('tag', '--force', m.tag, `${release}^{commit}`);
  git('push', '--force', 'origin', `refs/tags/${m.tag}`);
}
