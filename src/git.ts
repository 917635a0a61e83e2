/**
 * Git facts for the tag engine, read lazily (only when a rule needs them) through the exec wrapper.
 * Released tags come from the remote (`git ls-remote --tags`), falling back to the GitHub API.
 */
import type { Runner } from './exec.js';
import { lastLine } from './exec.js';
import type { GitReader } from './tags/types.js';

/** What the GitHub API answers when git cannot (no remote, a shallow clone) or the event does not say. */
export interface RepoApi {
  /** all tag names */
  listTags(): Promise<string[]>;
  /** the committer date of a commit */
  commitDate(sha: string): Promise<Date | undefined>;
  /** the repository's own facts (a schedule's payload names no repository) */
  repository(): Promise<{ description: string; license: string; htmlUrl: string; defaultBranch: string }>;
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
  api: RepoApi | undefined,
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
    async isShallow() {
      const r = await runner.run('git', ['rev-parse', '--is-shallow-repository'], { cwd });
      return r.code === 0 && r.stdout.trim() === 'true';
    },
    async commitDate(sha) {
      const r = await runner.run('git', ['log', '-1', '--format=%cI', sha], { cwd });
      const d = r.code === 0 ? new Date(r.stdout.trim()) : undefined;
      if (d && !Number.isNaN(d.getTime())) return d;
      log(
        `git has no commit ${sha.slice(0, 12)} here (${lastLine(r.stderr)}); asking the GitHub API for its date`,
      );
      return api ? api.commitDate(sha) : undefined;
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
