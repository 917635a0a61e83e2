/** Images (lowercase, enable=, no images) and registry tag sanitation. */
import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { sanitizeTag } from '../../src/tags/index.js';
import { events } from '../fixtures/events.js';
import { meta } from './run.js';

describe('images', () => {
  test.each([
    [
      'comma separated, uppercase',
      'ghcr.io/Acme/Widget,docker.io/acme/widget',
      ['ghcr.io/acme/widget', 'docker.io/acme/widget'],
    ],
    [
      'newline separated, duplicates',
      'ghcr.io/acme/widget\n\nGHCR.IO/acme/widget\n127.0.0.1:5000/fixtures/w',
      ['ghcr.io/acme/widget', '127.0.0.1:5000/fixtures/w'],
    ],
    [
      'name= with enable expressions',
      'name=ghcr.io/acme/a,enable={{is_default_branch}}\nname=docker.io/acme/b,enable=true',
      ['docker.io/acme/b'],
    ],
    ['quoted name=', 'name="ghcr.io/acme/c"', ['ghcr.io/acme/c']],
  ])('%s', async (_n, images, expected) => {
    const r = await meta(events.pushFeature.ctx, { images, tags: 'type=ref,event=branch\ntype=raw,value=x' });
    expect(r.images).toEqual(expected);
    expect(r.tags).toEqual(expected.flatMap((i) => [`${i}:feature-foo-bar`, `${i}:x`]));
    expect(r.json.tags).toEqual(r.tags);
  });

  test('no images: tags output holds the names, like metadata-action', async () => {
    const r = await meta(events.tagStable.ctx, { tags: 'type=semver,pattern={{version}}' });
    expect(r.images).toEqual([]);
    expect(r.tags).toEqual(['1.2.3', 'latest']);
  });

  test('every image gets every tag, image by image', async () => {
    const r = await meta(events.tagStable.ctx, {
      images: 'a/x\nb/y',
      tags: 'type=semver,pattern={{version}}',
    });
    expect(r.tags).toEqual(['a/x:1.2.3', 'a/x:latest', 'b/y:1.2.3', 'b/y:latest']);
  });
});

describe('tag sanitation', () => {
  const long = 'a'.repeat(200);
  const hash8 = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 8);
  test.each([
    ['feature/Foo Bar', 'feature-Foo-Bar', false],
    ['a//b??c', 'a-b-c', false],
    ['v1.2.3_build', 'v1.2.3_build', false],
    ['-rc1', 'rc1', true],
    ['..hidden', 'hidden', true],
    ['/x', 'x', true],
    ['_ok', '_ok', false],
    ['x'.repeat(128), 'x'.repeat(128), false],
    [long, `${'a'.repeat(119)}-${hash8(long)}`, true],
    ['---', '', true],
  ])('%j → %j (warns: %s)', (input, tag, warns) => {
    const s = sanitizeTag(input);
    expect(s.tag).toBe(tag);
    expect(s.warning !== undefined).toBe(warns);
    if (warns) expect(s.warning).toContain(`"${input}"`);
    expect(tag === '' || /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/.test(tag)).toBe(true);
  });

  test('long tags that differ only at the end stay distinct and deterministic', () => {
    const a = sanitizeTag(`${long}-one`).tag;
    const b = sanitizeTag(`${long}-two`).tag;
    expect(a).not.toBe(b);
    expect(a).toHaveLength(128);
    expect(sanitizeTag(`${long}-one`).tag).toBe(a);
  });

  test('through the engine: fixes warn, leading-char collisions dedupe, empty tags are dropped', async () => {
    const r = await meta(events.pushMain.ctx, {
      tags: ['-rc1', 'rc1', '---', `type=raw,value=${long}`].join('\n'),
    });
    expect(r.tagNames).toEqual(['rc1', `${'a'.repeat(119)}-${hash8(long)}`]);
    expect(r.warnings).toHaveLength(3);
    expect(r.warnings[2]).toContain(long);
  });
});
