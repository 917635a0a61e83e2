import { describe, expect, test } from 'vitest';
import { events, SHA } from '../fixtures/events.js';

describe('event fixtures', () => {
  test.each(Object.entries(events))('%s: the context is what the env + payload give', (_name, f) => {
    expect(f.ctx.eventName).toBe(f.env.GITHUB_EVENT_NAME);
    expect(f.ctx.ref).toBe(f.env.GITHUB_REF);
    expect(f.ctx.sha).toBe(f.env.GITHUB_SHA);
    expect(f.ctx.repo.fullName).toBe('acme/widget');
  });

  test.each([
    ['tagStable', 'refs/tags/v1.2.3', undefined, '2025-04-29T16:30:00.000Z'],
    ['tagPrerelease', 'refs/tags/v2.0.0-rc.1', undefined, '2025-04-28T09:00:00.000Z'],
    ['tagNonSemver', 'refs/tags/release-2024', undefined, '2024-12-31T23:59:59.000Z'],
    ['pushMain', 'refs/heads/main', undefined, '2025-04-30T08:15:00.000Z'],
    ['pushFeature', 'refs/heads/feature/foo-bar', undefined, '2025-04-30T07:00:00.000Z'],
    [
      'pullRequest',
      'refs/pull/42/merge',
      { number: 42, headRef: 'feat/x', baseRef: 'main', fromFork: false },
      undefined,
    ],
    [
      'pullRequestTarget',
      'refs/heads/main',
      { number: 43, headRef: 'fix/typo', baseRef: 'main', fromFork: true },
      undefined,
    ],
    ['schedule', 'refs/heads/main', undefined, undefined],
    ['workflowDispatch', 'refs/heads/main', undefined, undefined],
  ] as const)('%s → ref %s, pr %o, commit date %s', (name, ref, pr, commitDate) => {
    const { ctx } = events[name];
    expect(ctx.ref).toBe(ref);
    if (pr) expect(ctx.pr).toMatchObject(pr);
    else expect(ctx.pr).toBeUndefined();
    expect(ctx.commitDate?.toISOString()).toBe(commitDate);
  });

  test('pull_request_target builds on the base commit, the head sha is the fork’s', () => {
    expect(events.pullRequestTarget.ctx.sha).toBe(SHA.main);
    expect(events.pullRequestTarget.ctx.pr?.headSha).toBe(SHA.forkHead);
  });

  test('push payload repository gives default branch, license and url', () => {
    expect(events.pushMain.ctx.repo).toMatchObject({
      defaultBranch: 'main',
      license: 'Apache-2.0',
      htmlUrl: 'https://github.com/acme/widget',
      description: 'Widget service',
    });
  });
});
