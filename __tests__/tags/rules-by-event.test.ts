/** Every rule type against every event kind (latest off, so each row shows only what the rule makes). */
import { describe, expect, test } from 'vitest';
import { events, type EventName } from '../fixtures/events.js';
import { meta } from './run.js';

type Row = Partial<Record<EventName, string[]>>;

const ALL = Object.keys(events) as EventName[];
const each = (f: (e: EventName) => string[]): Row => Object.fromEntries(ALL.map((e) => [e, f(e)]));
const shaOf = (e: EventName): string => events[e].ctx.sha;

const table: Record<string, Row> = {
  'type=schedule': { schedule: ['nightly'] },
  "type=schedule,pattern={{date 'YYYYMMDD-HHmm' tz='Asia/Tokyo'}}": { schedule: ['20250430-2134'] },
  'type=semver,pattern={{version}}': { tagStable: ['1.2.3'], tagPrerelease: ['2.0.0-rc.1'] },
  'type=semver,pattern={{major}}.{{minor}}': { tagStable: ['1.2'], tagPrerelease: ['2.0.0-rc.1'] },
  'type=semver,pattern=v{{major}}': { tagStable: ['v1'], tagPrerelease: ['2.0.0-rc.1'] },
  'type=semver,pattern={{raw}}': { tagStable: ['v1.2.3'], tagPrerelease: ['v2.0.0-rc.1'] },
  'type=semver,pattern={{version}},value=3.4.5': each(() => ['3.4.5']),
  'type=pep440,pattern={{version}}': { tagStable: ['1.2.3'], tagPrerelease: ['2.0.0rc1'] },
  'type=match,pattern=release-(\\d+),group=1': { tagNonSemver: ['2024'] },
  'type=match,pattern=v\\d+': { tagStable: ['v1'], tagPrerelease: ['v2'] },
  // {{branch}} is the branch GITHUB_REF names, as in metadata-action: none on pull_request (refs/pull/N/merge), the
  // base branch on pull_request_target
  'type=match,pattern=(\\w+)/,group=1,value={{branch}}': {
    pushFeature: ['feature'],
  },
  // the schedule payload names no repository, so the default branch is unknown there
  'type=edge': { pushMain: ['edge'], workflowDispatch: ['edge'] },
  'type=edge,branch=feature/foo-bar': { pushFeature: ['edge'] },
  'type=ref,event=branch': {
    pushMain: ['main'],
    pushFeature: ['feature-foo-bar'],
    schedule: ['main'],
    workflowDispatch: ['main'],
  },
  'type=ref,event=tag': {
    tagStable: ['v1.2.3'],
    tagPrerelease: ['v2.0.0-rc.1'],
    tagNonSemver: ['release-2024'],
  },
  'type=ref,event=pr': { pullRequest: ['pr-42'], pullRequestTarget: ['pr-43'] },
  'type=ref,event=pr,prefix=review-': { pullRequest: ['review-42'], pullRequestTarget: ['review-43'] },
  'type=raw,value={{branch}}': {
    pushMain: ['main'],
    pushFeature: ['feature-foo-bar'],
    pullRequestTarget: ['main'],
    schedule: ['main'],
    workflowDispatch: ['main'],
  },
  '{{tag}}': { tagStable: ['v1.2.3'], tagPrerelease: ['v2.0.0-rc.1'], tagNonSemver: ['release-2024'] },
  'type=raw,value={{base_ref}}': {
    tagStable: ['main'],
    tagPrerelease: ['main'],
    tagNonSemver: ['main'],
    pullRequest: ['main'],
    pullRequestTarget: ['main'],
  },
  'type=raw,value=dev,enable={{is_default_branch}}': {
    pushMain: ['dev'],
    schedule: ['dev'],
    workflowDispatch: ['dev'],
  },
  'type=raw,value=branch-build,enable={{is_not_default_branch}}': {
    ...each(() => ['branch-build']),
    pushMain: [],
    schedule: [],
    workflowDispatch: [],
  },
  'type=raw,value=b{{sha}}': each((e) => [`b${shaOf(e).slice(0, 7)}`]),
  "type=raw,value={{commit_date 'YYYYMMDD-HHmm'}}": {
    ...each(() => ['20250430-1234']),
    tagStable: ['20250429-1630'],
    tagPrerelease: ['20250428-0900'],
    tagNonSemver: ['20241231-2359'],
    pushMain: ['20250430-0815'],
    pushFeature: ['20250430-0700'],
  },
  'type=sha': each((e) => [`sha-${shaOf(e).slice(0, 7)}`]),
  'type=sha,format=long,prefix=': each((e) => [shaOf(e)]),
  'type=describe': each(() => ['v20250430-cluster-autoscaler-chart-9.46.6-81-g6a6a912b4']),
  "type=describe,pattern={{describe}}-{{date 'YYMMDD'}}": each(() => [
    'cluster-autoscaler-chart-9.46.6-81-g6a6a912b4-250430',
  ]),
  'type=raw,value=latest-main,enable=false': {},
};

const rows = Object.entries(table).flatMap(([rule, row]) => ALL.map((e) => [rule, e, row[e] ?? []] as const));

describe('rule × event', () => {
  test.each(rows)('%s on %s → %j', async (rule, event, expected) => {
    const r = await meta(events[event].ctx, { tags: rule, flavor: 'latest=false' });
    expect(r.tagNames).toEqual(expected);
    expect(r.tags).toEqual(expected);
    expect(r.version).toBe(expected[0] ?? '');
  });
});

describe('default rules when tags is empty', () => {
  test.each([
    ['tagStable', ['v1.2.3', 'latest']],
    ['tagPrerelease', ['v2.0.0-rc.1']],
    ['tagNonSemver', ['release-2024', 'latest']],
    ['pushMain', ['main']],
    ['pushFeature', ['feature-foo-bar']],
    ['pullRequest', ['pr-42']],
    ['pullRequestTarget', ['pr-43']],
    // metadata-action's defaults: a schedule gets nightly and its branch
    ['schedule', ['nightly', 'main']],
    ['workflowDispatch', ['main']],
  ] as const)('%s → %j', async (event, expected) => {
    const r = await meta(events[event].ctx);
    expect(r.tagNames).toEqual(expected);
    expect(r.rules.every((x) => x.rule.startsWith('default: '))).toBe(true);
    expect(r.version).toBe(expected[0]);
  });

  test('metadata-action behaviour (floating-tags: always) gives a prerelease tag push latest too', async () => {
    const r = await meta(events.tagPrerelease.ctx, { 'floating-tags': 'always' });
    expect(r.tagNames).toEqual(['v2.0.0-rc.1', 'latest']);
  });
});
