/**
 * Git facts for the tag engine, read lazily (only when a rule needs them) through the exec wrapper.
 * Released tags come from the remote (`git ls-remote --tags`), falling back to the GitHub API.
 */
import type { Runner } from './exec.js';
import { lastLine } from './exec.js';
import type { GitReader } from './tags/types.js';

export interface TagLister {
  /** all tag names through the GitHub API */
  listTags(): Promise<string[]>;
}

/** `refs/tags/v1.0.0^{}` lines → unique tag names. */
export function parseLsRemoteTags(out: string): string[] {
  const names = new Set<string>();
  for (const line of out.split('\n')) {
    const m = /\trefs\/tags\/(.+?)(\^\{\})?$/.exec(line.trim());
    if (m?.[1]) names.add(m[1]);
  }
  return [...names];
}

export function createGitReader(
  runner: Runner,
  cwd: string,
  api: TagLister | undefined,
  log: (m: string) => void,
): GitReader {
  return {
    async describe() {
      const r = await runner.run('git', ['describe', '--tags', '--always'], { cwd });
      if (r.code !== 0) {
        throw new Error(
          `git describe failed (${lastLine(r.stderr)}); check out the repository with fetch-depth: 0 so tags are present`,
        );
      }
      return r.stdout.trim();
    },
    async releasedTags() {
      const r = await runner.run('git', ['ls-remote', '--tags', 'origin'], { cwd });
      if (r.code === 0) return parseLsRemoteTags(r.stdout);
      log(`git ls-remote --tags origin failed (${lastLine(r.stderr)}); asking the GitHub API for tags`);
      if (!api) throw new Error('no git remote and no GitHub token to list released tags');
      return api.listTags();
    },
  };
}
