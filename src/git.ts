/**
 * Git facts for the tag engine, read lazily (only when a rule needs them) through the exec wrapper.
 * Released tags come from the remote (`git ls-remote --tags`), falling back to the GitHub API.
 */
import type { Runner } from './exec.js';
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
          `git describe failed (${gitError(r.stderr)}); check out the repository with fetch-depth: 0 so tags are present`,
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
        `git has no commit ${sha.slice(0, 12)} here (${gitError(r.stderr)}); asking the GitHub API for its date`,
      );
      return api ? api.commitDate(sha) : undefined;
    },
    async releasedTags() {
      const r = await runner.run('git', ['ls-remote', '--tags', 'origin'], { cwd });
      if (r.code === 0) return parseLsRemoteTags(r.stdout);
      const why = `git ls-remote --tags origin failed (${gitError(r.stderr)})`;
      if (!api) throw new Error(`${why}, and no GitHub token to ask the API`);
      log(`${why}; asking the GitHub API for tags`);
      return api.listTags();
    },
  };
}

/**
 * What git said went wrong: its first `fatal:` or `error:` line (git follows it with advice such as "Please make sure
 * you have the correct access rights and the repository exists."), else its last line.
 */
export function gitError(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const said = lines.find((l) => /^(fatal|error):/.test(l));
  return said ? said.replace(/^(fatal|error):\s*/, '') : (lines.at(-1) ?? 'no message');
}
