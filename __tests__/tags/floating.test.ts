/** Forward-only floating tags: latest / {{major}} / {{major}}.{{minor}} only move forward. */
import { describe, expect, test } from 'vitest';
import { events, fakeGit, tagPush } from '../fixtures/events.js';
import { meta } from './run.js';

const SEMVER = [
  'type=semver,pattern={{version}}',
  'type=semver,pattern={{major}}.{{minor}}',
  'type=semver,pattern={{major}}',
].join('\n');

describe('forward-only backports', () => {
  test.each([
    {
      name: 'backport v1.31.9 after v1.32.0: latest and 1 withheld, 1.31 applied',
      tag: 'v1.31.9',
      released: ['v1.30.0', 'v1.31.8', 'v1.32.0'],
      tags: ['1.31.9', '1.31'],
      floating: [
        ['1.31', true, 'applied: v1.31.9 is the greatest 1.31.x release'],
        ['1', false, 'withheld: v1.32.0 is greater'],
        ['latest', false, 'withheld: v1.32.0 is greater'],
      ],
    },
    {
      name: 'older patch on a line with a newer patch: everything floating withheld',
      tag: 'v1.31.9',
      released: ['v1.31.10', 'v1.32.0'],
      tags: ['1.31.9'],
      floating: [
        ['1.31', false, 'withheld: v1.31.10 is greater'],
        ['1', false, 'withheld: v1.32.0 is greater'],
        ['latest', false, 'withheld: v1.32.0 is greater'],
      ],
    },
    {
      name: 'prereleases never count: v1.32.1 over v1.33.0-rc.1',
      tag: 'v1.32.1',
      released: ['v1.32.0', 'v1.33.0-rc.1', 'v2.0.0-alpha.1'],
      tags: ['1.32.1', '1.32', '1', 'latest'],
      floating: [
        ['1.32', true, 'applied: v1.32.1 is the greatest 1.32.x release'],
        ['1', true, 'applied: v1.32.1 is the greatest 1.x release'],
        ['latest', true, 'applied: v1.32.1 is the greatest release'],
      ],
    },
    {
      name: 'maintenance of an old major: 1 applied, latest withheld by v2',
      tag: 'v1.9.0',
      released: ['v1.8.4', 'v2.0.0', 'not-a-version'],
      tags: ['1.9.0', '1.9', '1'],
      floating: [
        ['1.9', true, 'applied: v1.9.0 is the greatest 1.9.x release'],
        ['1', true, 'applied: v1.9.0 is the greatest 1.x release'],
        ['latest', false, 'withheld: v2.0.0 is greater'],
      ],
    },
    {
      name: 'the version being built counts even before it is listed',
      tag: 'v3.0.0',
      released: [],
      tags: ['3.0.0', '3.0', '3', 'latest'],
      floating: [
        ['3.0', true, 'applied: v3.0.0 is the greatest 3.0.x release'],
        ['3', true, 'applied: v3.0.0 is the greatest 3.x release'],
        ['latest', true, 'applied: v3.0.0 is the greatest release'],
      ],
    },
    {
      name: '0.x: {{major}} is 0 as in metadata-action (enable= leaves it out), judged like the rest',
      tag: 'v0.9.0',
      released: ['v0.8.0', 'v0.9.0'],
      tags: ['0.9.0', '0.9', '0', 'latest'],
      floating: [
        ['0.9', true, 'applied: v0.9.0 is the greatest 0.9.x release'],
        ['0', true, 'applied: v0.9.0 is the greatest 0.x release'],
        ['latest', true, 'applied: v0.9.0 is the greatest release'],
      ],
    },
  ])('$name', async ({ tag, released, tags, floating }) => {
    const git = fakeGit({ tags: released });
    const r = await meta(tagPush(tag).ctx, { tags: SEMVER }, git);
    expect(r.tagNames).toEqual(tags);
    expect(r.floating.map((d) => [d.tag, d.applied, d.reason])).toEqual(floating);
    expect(r.version).toBe(tags[0]);
    expect(git.calls.releasedTags).toBe(1);
  });

  test('match= applies to released tags too: other components are ignored', async () => {
    const rules =
      'type=semver,pattern={{major}},match=app-v(.*)\ntype=semver,pattern={{version}},match=app-v(.*)';
    const ahead = await meta(
      tagPush('app-v1.4.0').ctx,
      { tags: rules },
      fakeGit({ tags: ['app-v1.5.0', 'v0.1.0'] }),
    );
    expect(ahead.tagNames).toEqual(['1.4.0']);
    expect(ahead.floating[0]).toEqual({
      tag: '1',
      applied: false,
      reason: 'withheld: app-v1.5.0 is greater',
    });
    const alone = await meta(
      tagPush('app-v1.4.0').ctx,
      { tags: rules },
      fakeGit({ tags: ['app-v1.3.0', 'v1.9.9'] }),
    );
    expect(alone.tagNames).toEqual(['1', '1.4.0', 'latest']);
    // the first tag of the first rule, as metadata-action's version output
    expect(alone.version).toBe('1');
  });

  test('default rules on a backport tag: latest withheld too (ref,event=tag is judged when the tag is semver)', async () => {
    const r = await meta(tagPush('v1.31.9').ctx, {}, fakeGit({ tags: ['v1.32.0'] }));
    expect(r.tagNames).toEqual(['v1.31.9']);
    expect(r.floating).toEqual([{ tag: 'latest', applied: false, reason: 'withheld: v1.32.0 is greater' }]);
  });

  test('a non-semver tag has nothing to compare: latest applied without asking git', async () => {
    const git = fakeGit({ tags: ['v9.0.0'] });
    const r = await meta(events.tagNonSemver.ctx, {}, git);
    expect(r.tagNames).toEqual(['release-2024', 'latest']);
    expect(git.calls.releasedTags).toBe(0);
  });

  test('flavor prefix/suffix flow into the floating tags that are judged', async () => {
    const r = await meta(
      tagPush('v1.31.9').ctx,
      { tags: SEMVER, flavor: 'prefix=app-,onlatest=true' },
      fakeGit({ tags: ['v1.32.0'] }),
    );
    expect(r.tagNames).toEqual(['app-1.31.9', 'app-1.31']);
    expect(r.floating.map((d) => d.tag)).toEqual(['app-1.31', 'app-1', 'app-latest']);
  });
});

describe('when git is not needed or fails', () => {
  test.each([
    ['prerelease build (only {{version}} renders)', tagPush('v2.0.0-rc.1').ctx, ['2.0.0-rc.1']],
    ['branch push', events.pushMain.ctx, []],
    ['pull request', events.pullRequest.ctx, []],
    ['schedule', events.schedule.ctx, []],
  ])('%s: releasedTags() is never called', async (_n, ctx, tags) => {
    const git = fakeGit({ tags: new Error('must not be called') });
    const r = await meta(ctx, { tags: SEMVER }, git);
    expect(r.tagNames).toEqual(tags);
    expect(git.calls.releasedTags).toBe(0);
    expect(r.warnings.filter((w) => w.includes('floating'))).toEqual([]);
  });

  test('releasedTags() failing withholds floating tags (fail closed) and warns why, once', async () => {
    const git = fakeGit({ tags: new Error('git ls-remote: could not resolve host') });
    const r = await meta(tagPush('v1.31.9').ctx, { tags: SEMVER }, git);
    expect(r.tagNames).toEqual(['1.31.9']);
    expect(r.warnings).toEqual([
      'floating-tags: could not list released tags (git ls-remote: could not resolve host); floating tags withheld — give the job a git remote (actions/checkout) or github-token, or set floating-tags: always',
    ]);
    expect(r.floating.every((d) => !d.applied && d.reason.includes('released tags unavailable'))).toBe(true);
    expect(git.calls.releasedTags).toBe(1);
  });

  test('a floating decision names the tag as published (sanitised), so the plan can order it last', async () => {
    const git = fakeGit({ tags: ['v1.2.2'] });
    const r = await meta(
      tagPush('v1.2.3').ctx,
      { tags: 'type=semver,pattern={{version}}', flavor: 'prefix=rel/' },
      git,
    );
    expect(r.tagNames).toEqual(['rel-1.2.3', 'latest']);
    const r2 = await meta(
      tagPush('v1.2.3').ctx,
      { tags: 'type=semver,pattern={{major}}', flavor: 'prefix=rel/' },
      git,
    );
    expect(r2.floating.filter((f) => f.applied).map((f) => f.tag)).toEqual(['rel-1', 'latest']);
    expect(r2.floating.every((f) => r2.tagNames.includes(f.tag))).toBe(true);
  });

  test('floating-tags: always is metadata-action behaviour and never asks git', async () => {
    const git = fakeGit({ tags: ['v1.32.0'] });
    const r = await meta(tagPush('v1.31.9').ctx, { tags: SEMVER, 'floating-tags': 'always' }, git);
    expect(r.tagNames).toEqual(['1.31.9', '1.31', '1', 'latest']);
    expect(r.floating.map((d) => d.reason)).toEqual(Array(3).fill('applied: floating-tags is always'));
    expect(git.calls.releasedTags).toBe(0);
  });
});

describe('pep440 forward-only', () => {
  const PEP = 'type=pep440,pattern={{version}}\ntype=pep440,pattern={{major}}.{{minor}}';
  test.each([
    // a post-release is tagged with its exact version only (metadata-action), but counts as released
    ['1.0.0.post1', ['1.0.0'], ['1.0.0.post1']],
    ['1.0.0', ['1.0.0.post1'], ['1.0.0']],
    ['1.0.1', ['1.1.0rc1', '1.0.0.post3'], ['1.0.1', '1.0', 'latest']],
    ['1.0.0rc2', ['0.9'], ['1.0.0rc2']],
  ])('building %s with released %j → %j', async (tag, released, expected) => {
    const r = await meta(tagPush(tag).ctx, { tags: PEP }, fakeGit({ tags: released }));
    expect(r.tagNames).toEqual(expected);
  });
});
