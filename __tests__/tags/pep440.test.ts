import { describe, expect, test } from 'vitest';
import { parsePep440 } from '../../src/tags/index.js';
import { pep440Scheme } from '../../src/tags/versions.js';
import { events, tagPush } from '../fixtures/events.js';
import { meta } from './run.js';

describe('pep440 parse', () => {
  test.each([
    ['1.0.0', '1.0.0', false],
    ['v1.0', '1.0', false],
    ['1.0.0rc1', '1.0.0rc1', true],
    ['1.0.0-RC1', '1.0.0rc1', true],
    ['1.0.0.alpha.2', '1.0.0a2', true],
    ['1.0.0beta', '1.0.0b0', true],
    ['1.0.0c3', '1.0.0rc3', true],
    ['1.0.0.dev1', '1.0.0.dev1', true],
    ['1.0.0-dev', '1.0.0.dev0', true],
    // a post-release gets only its exact version, as a prerelease does (metadata-action)
    ['1.0.0.post1', '1.0.0.post1', true],
    ['1.0.0-1', '1.0.0.post1', true],
    ['1.0.0.rev2', '1.0.0.post2', true],
    ['1.0.0.post1.dev2', '1.0.0.post1.dev2', true],
    ['1!2.0', '1!2.0', false],
    // a local version as metadata-action renders it (the library's clean(): segments joined by commas, so the tag
    // is `1.0-ubuntu-1`); versions still compare by the canonical form
    ['1.0+Ubuntu-1', '1.0+ubuntu,1', false],
  ])('%s → %s (prerelease %s)', (raw, normalized, pre) => {
    const v = pep440Scheme.parse(raw);
    expect(v?.version).toBe(normalized);
    expect(v?.prerelease).toBe(pre);
  });

  test.each(['', 'release-2024', '1.0.0-beta.x', 'v', '1..0'])('%j is not pep440', (raw) => {
    expect(parsePep440(raw)).toBeUndefined();
  });

  test('ordering follows PEP 440', () => {
    const sorted = [
      '1.0.dev1',
      '1.0a1.dev1',
      '1.0a1',
      '1.0a1.post1',
      '1.0b2',
      '1.0rc1',
      '1.0',
      '1.0.post1.dev1',
      '1.0.post1',
      '1.0.1',
      '1!0.1',
    ];
    const shuffled = [...sorted].reverse();
    const parsed = shuffled.map((s) => pep440Scheme.parse(s)).filter((v) => v !== undefined);
    expect(parsed.sort((a, b) => pep440Scheme.compare(a, b)).map((v) => v.raw)).toEqual(sorted);
  });
});

describe('pep440 rule', () => {
  const rules =
    'type=pep440,pattern={{version}}\ntype=pep440,pattern={{major}}.{{minor}}\ntype=pep440,pattern={{raw}}';
  test.each([
    ['1.0.0rc1', ['1.0.0rc1']],
    ['1.0.0.dev1', ['1.0.0.dev1']],
    ['v1.0.0-beta.2', ['1.0.0b2', 'v1.0.0-beta.2']],
    ['1.0.0.post1', ['1.0.0.post1']],
    ['v1.2', ['1.2', 'v1.2', 'latest']],
    ['2!1.0', ['2-1.0', '1.0', 'latest']],
  ])('tag %s → %j', async (tag, expected) => {
    const r = await meta(tagPush(tag).ctx, { tags: rules, 'floating-tags': 'always' });
    expect(r.tagNames).toEqual(expected);
    expect(r.version).toBe(expected[0]);
  });

  test('value= feeds a version on a branch push', async () => {
    const r = await meta(events.pushMain.ctx, {
      tags: 'type=pep440,pattern={{major}}.{{minor}},value=3.11.4',
      'floating-tags': 'always',
    });
    expect(r.tagNames).toEqual(['3.11', 'latest']);
  });
});
