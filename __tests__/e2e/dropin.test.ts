/**
 * Issue 11 acceptance on the real engine: inputs pasted from docker's action chain. A multi-line quoted secret
 * reaches the build byte for byte; a whole reference in `tags` is pushed under exactly that reference; a malformed
 * `logins` YAML fails with its line; no input error pushes anything.
 */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { runMain, type RunResult } from '../../scripts/local-runner.mjs';
import { tagPush } from '../fixtures/events.js';
import { dockerRun, manifest, REGISTRY, tagList, uniqueRepo, workspace } from './registry.js';
import { skipReal } from '../docker/real-engine.js';

/** The secret's hash is all the image keeps of it. */
const DOCKERFILE = `FROM ${REGISTRY}/fixtures/base:1
RUN --mount=type=secret,id=pem sha256sum /run/secrets/pem | cut -d' ' -f1 > /pem.sum
CMD ["cat", "/pem.sum"]
`;

const PEM =
  '-----BEGIN TEST KEY-----\nMIIBVQIBADANBg,kqhkiG9w0BAQ "quoted"\nline3=with=equals\n-----END TEST KEY-----';

function run(repo: string, inputs: Record<string, string>): Promise<RunResult> {
  const e = tagPush('v4.5.6');
  return runMain({
    inputs: {
      images: `${REGISTRY}/${repo}`,
      platforms: 'linux/amd64',
      cache: 'off',
      'retry-wait': '1',
      ...inputs,
    },
    github: e.env,
    event: e.payload,
    cwd: workspace({ Dockerfile: DOCKERFILE }),
  });
}

const failed = (r: RunResult) => /::error::(.*)/.exec(r.stdout)?.[1] ?? '';

describe.skipIf(skipReal)("inputs pasted from docker's actions, on the real engine", () => {
  test('a multi-line quoted secret (a PEM key with commas and quotes) reaches the build intact', async () => {
    const repo = uniqueRepo('secret');
    // as build-push-action takes it: the whole item quoted, inner quotes doubled
    const secrets = `"pem=${PEM.replace(/"/g, '""')}"`;
    const r = await run(repo, { secrets, tags: 'type=semver,pattern={{version}}' });
    expect(failed(r), r.stdout.slice(-3000)).toBe('');
    const want = createHash('sha256').update(PEM).digest('hex');
    expect(dockerRun('linux/amd64', `${REGISTRY}/${repo}:4.5.6`)).toBe(want);
    // masked, line by line, and never printed
    for (const line of PEM.split('\n')) expect(r.stdout).toContain(`::add-mask::${line}`);
    expect(r.stdout.replace(/::add-mask::.*\n/g, '')).not.toContain('MIIBVQIBADANBg');
  });

  test('a whole reference in tags is pushed under exactly that reference, nothing else', async () => {
    const repo = uniqueRepo('fullref');
    const r = await run(repo, { images: '', tags: `${REGISTRY}/${repo}:exact-ref-1` });
    expect(failed(r), r.stdout.slice(-3000)).toBe('');
    expect(await tagList(repo)).toEqual(['exact-ref-1']);
    expect((await manifest(repo, 'exact-ref-1'))?.digest).toBe(r.outputs.digest);
    expect(r.outputs.tags).toBe(`${REGISTRY}/${repo}:exact-ref-1`);
  });

  test.each([
    [
      'malformed logins YAML',
      { logins: `- registry: ${REGISTRY}\n  username: ci\n  password: "unclosed\n` },
      /^logins: not valid YAML at line 3 \(missing char\)/,
    ],
    [
      'an unclosed quote in secrets',
      { secrets: 'A=1\n"B=2' },
      /^secrets: a double quote is not closed \(line 2\)/,
    ],
    [
      'an invalid reference in tags',
      { tags: `${REGISTRY}/Upper/Case:1` },
      /^tags: ".*" is not a valid image reference/,
    ],
    ['an unknown tag rule type', { tags: 'type=semvr,pattern={{version}}' }, /^tags: /],
  ])('%s: one line naming the input, no build, nothing pushed', async (_n, inputs, message) => {
    const repo = uniqueRepo('inputerr');
    const r = await run(repo, inputs);
    expect(r.code).not.toBe(0);
    expect(failed(r)).toMatch(message);
    expect(r.stdout).not.toContain('buildx build');
    expect(r.stdout).not.toMatch(/\n\s+at /);
    expect(await tagList(repo)).toEqual([]);
  });
});
