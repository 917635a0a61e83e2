/** latest=auto, flavor prefix/suffix/onlatest, priorities and the main version. */
import { describe, expect, test } from 'vitest';
import { events, SHA, tagPush } from '../fixtures/events.js';
import { meta } from './run.js';

const V = 'type=semver,pattern={{version}}';

describe('latest', () => {
  test.each([
    ['semver on a stable tag', events.tagStable, V, '', ['1.2.3', 'latest']],
    ['semver on a prerelease', events.tagPrerelease, V, '', ['2.0.0-rc.1']],
    ['pep440 on a stable tag', events.tagStable, 'type=pep440,pattern={{version}}', '', ['1.2.3', 'latest']],
    ['match on a tag push', events.tagNonSemver, 'type=match,pattern=\\d+', '', ['2024', 'latest']],
    // latest follows any match that produced a tag (metadata-action), on a branch too
    [
      'match with value= on a branch',
      events.pushMain,
      'type=match,pattern=ma,value={{branch}}',
      '',
      ['ma', 'latest'],
    ],
    ['raw on a tag push', events.tagStable, 'type=raw,value=stable', '', ['stable']],
    ['ref,event=branch', events.pushMain, 'type=ref,event=branch', '', ['main']],
    [
      'a raw rule outranking semver',
      events.tagStable,
      `${V}\ntype=raw,value=top,priority=2000`,
      '',
      ['top', '1.2.3'],
    ],
    [
      'sha below semver',
      events.tagStable,
      `type=sha\n${V}`,
      '',
      ['1.2.3', `sha-${SHA.tagStable.slice(0, 7)}`, 'latest'],
    ],
    [
      'latest=true on a branch',
      events.pushFeature,
      'type=ref,event=branch',
      'latest=true',
      ['feature-foo-bar', 'latest'],
    ],
    ['latest=false on a stable tag', events.tagStable, V, 'latest=false', ['1.2.3']],
  ])('%s', async (_n, ev, tags, flavor, expected) => {
    const r = await meta(ev.ctx, { tags, flavor });
    expect(r.tagNames).toEqual(expected);
  });
});

describe('flavor prefix / suffix', () => {
  test.each([
    ['prefix=app-', V, ['app-1.2.3', 'latest']],
    ['prefix=app-,onlatest=true', V, ['app-1.2.3', 'app-latest']],
    ['suffix=-alpine', V, ['1.2.3-alpine', 'latest']],
    ['suffix=-alpine,onlatest=true', V, ['1.2.3-alpine', 'latest-alpine']],
    ['prefix=app-,onlatest=true\nsuffix=-slim,onlatest=true', V, ['app-1.2.3-slim', 'app-latest-slim']],
    // a rule's own prefix/suffix replace the flavor's (an empty one too)
    ['prefix=app-\nsuffix=-slim', `${V},prefix=v`, ['v1.2.3-slim', 'latest']],
    ['prefix=app-\nsuffix=-slim', `${V},prefix=,suffix=`, ['1.2.3', 'latest']],
    // sha and pr rules carry their own default prefix, so the flavor's does not apply
    ['prefix=app-', 'type=sha', [`sha-${SHA.tagStable.slice(0, 7)}`]],
    ['prefix={{branch}}x-,onlatest=true', V, ['x-1.2.3', 'x-latest']],
    ['prefix=app-', 'type=semver,pattern={{major}},prefix={{major}}.x-', ['1.x-1', 'latest']],
  ])('flavor %j with %j', async (flavor, tags, expected) => {
    const r = await meta(events.tagStable.ctx, { tags, flavor, 'floating-tags': 'always' });
    expect(r.tagNames).toEqual(expected);
  });

  test('prefix expressions render per event', async () => {
    const r = await meta(events.pushFeature.ctx, { tags: 'type=raw,value=x', flavor: 'prefix={{branch}}-' });
    expect(r.tagNames).toEqual(['feature-foo-bar-x']);
  });
});

describe('priorities and the main version', () => {
  test.each([
    [
      'semver patterns keep their written order; version is the first tag (metadata-action)',
      ['type=semver,pattern={{major}}.{{minor}}', V, 'type=ref,event=tag'],
      ['1.2', '1.2.3', 'v1.2.3', 'latest'],
      '1.2',
    ],
    [
      'priority= reorders',
      ['type=raw,value=first,priority=1', 'type=raw,value=second'],
      ['second', 'first'],
      'second',
    ],
    ['equal priority keeps order', ['type=raw,value=a', 'type=raw,value=b'], ['a', 'b'], 'a'],
    [
      'duplicates collapse to the first',
      ['type=ref,event=tag', 'type=raw,value={{tag}}'],
      ['v1.2.3', 'latest'],
      'v1.2.3',
    ],
    [
      'defaults: schedule 1000 > semver 900 > match 800 > describe 750 > edge/ref > raw 200 > sha 100',
      ['type=sha', 'type=raw,value=r', 'type=ref,event=tag', 'type=describe', 'type=match,pattern=\\d', V],
      [
        '1.2.3',
        '1',
        'v20250430-cluster-autoscaler-chart-9.46.6-81-g6a6a912b4',
        'v1.2.3',
        'r',
        'sha-c0ffee0',
        'latest',
      ],
      '1.2.3',
    ],
    [
      'describe outranks ref',
      ['type=ref,event=tag', 'type=describe,pattern=d-{{describe}}'],
      ['d-cluster-autoscaler-chart-9.46.6-81-g6a6a912b4', 'v1.2.3'],
      'd-cluster-autoscaler-chart-9.46.6-81-g6a6a912b4',
    ],
  ])('%s', async (_n, lines, expected, version) => {
    const r = await meta(events.tagStable.ctx, { tags: lines.join('\n'), 'floating-tags': 'always' });
    expect(r.tagNames).toEqual(expected);
    expect(r.version).toBe(version);
  });

  test('a prerelease renders every pattern as {{version}} except exactly {{raw}}; duplicates collapse', async () => {
    const tags = [
      'type=semver,pattern={{major}}.{{minor}}',
      'type=semver,pattern=v{{major}}',
      'type=semver,pattern={{raw}}',
    ];
    const r = await meta(events.tagPrerelease.ctx, { tags: tags.join('\n') });
    expect(r.tagNames).toEqual(['2.0.0-rc.1', 'v2.0.0-rc.1']);
    expect(r.rules.map((x) => x.tags)).toEqual([['2.0.0-rc.1'], ['2.0.0-rc.1'], ['v2.0.0-rc.1']]);
  });

  test('rules that did not fire are not listed; rule text is kept as written', async () => {
    const r = await meta(events.pushMain.ctx, {
      tags: 'type=ref,event=branch\ntype=ref,event=pr\n# a comment\nlatest-main',
    });
    expect(r.rules).toEqual([
      { rule: 'type=ref,event=branch', tags: ['main'] },
      { rule: 'latest-main', tags: ['latest-main'] },
    ]);
  });

  test('semver on a non-semver tag warns and produces nothing', async () => {
    const r = await meta(events.tagNonSemver.ctx, { tags: `${V}\ntype=ref,event=tag` });
    expect(r.tagNames).toEqual(['release-2024', 'latest']);
    expect(r.warnings).toEqual([`${V}: "release-2024" is not a valid semver version; rule skipped`]);
  });

  test('quoted values may contain commas', async () => {
    const r = await meta(events.pushMain.ctx, { tags: 'type=raw,value="a,b",suffix=-x' });
    expect(r.tagNames).toEqual(['a-b-x']);
  });
});

describe('describe rule', () => {
  test('git describe is asked once for several describe rules, never when none is enabled', async () => {
    const two = await meta(events.pushMain.ctx, {
      tags: 'type=describe\ntype=describe,pattern={{describe}}',
    });
    expect(two.git.calls.describe).toBe(1);
    const off = await meta(events.pushMain.ctx, {
      tags: 'type=describe,enable={{is_not_default_branch}}\ntype=sha',
    });
    expect(off.git.calls.describe).toBe(0);
    expect(off.tagNames).toEqual([`sha-${SHA.main.slice(0, 7)}`]);
  });

  test('date comes from the frozen clock in UTC even just before midnight elsewhere', async () => {
    const r = await meta(tagPush('v1.0.0').ctx, { tags: 'type=describe' });
    expect(r.tagNames[0]).toBe('v20250430-cluster-autoscaler-chart-9.46.6-81-g6a6a912b4');
  });
});
