/** Whole references in `tags`, as build-push-action users write them (or paste metadata-action's output). */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { tagPlan } from '../../src/plan/plan.js';
import { events } from '../fixtures/events.js';
import { meta } from './run.js';

describe('full references in tags', () => {
  test('only references: used exactly, no default rules, no latest', async () => {
    const r = await meta(events.tagStable.ctx, {
      tags: 'ghcr.io/acme/app:1.2.3\nacme/app:stable\n127.0.0.1:5000/acme/app:v1',
    });
    expect(r.tags).toEqual(['ghcr.io/acme/app:1.2.3', 'acme/app:stable', '127.0.0.1:5000/acme/app:v1']);
    expect(r.references).toEqual([
      { image: 'ghcr.io/acme/app', tag: '1.2.3' },
      { image: 'acme/app', tag: 'stable' },
      { image: '127.0.0.1:5000/acme/app', tag: 'v1' },
    ]);
    expect(r.floating).toEqual([]);
    expect(r.rules).toEqual([]);
  });

  test('mixed with rules: rules apply to images, references stand alone; each repository gets its own tags', async () => {
    const r = await meta(events.tagStable.ctx, {
      images: 'ghcr.io/acme/app',
      tags: 'type=semver,pattern={{version}}\nquay.io/acme/app:edge',
      'floating-tags': 'always',
    });
    expect(r.tags).toEqual(['ghcr.io/acme/app:1.2.3', 'ghcr.io/acme/app:latest', 'quay.io/acme/app:edge']);
    expect(tagPlan(r)).toEqual([
      { image: 'ghcr.io/acme/app', order: ['1.2.3', 'latest'], floating: ['latest'] },
      { image: 'quay.io/acme/app', order: ['edge'], floating: [] },
    ]);
  });

  test.each([
    ['ghcr.io/Acme/app:1.2.3', /not a valid image reference/],
    ['ghcr.io/acme/app:-bad', /not a valid image reference/],
    ['ghcr.io/acme/app@sha256:abc', /not a valid image reference/],
  ])('%s: one line naming tags', async (line, msg) => {
    const err = await meta(events.tagStable.ctx, { tags: line }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/^tags: /);
    expect((err as InputError).message).toMatch(msg);
  });

  test("a bare rule with a colon in an expression is still a rule ({{date 'HH:mm'}})", async () => {
    const r = await meta(events.tagStable.ctx, { tags: "{{date 'HH:mm'}}-x\ntype=raw,value=a" });
    expect(r.references).toEqual([]);
    expect(r.tagNames).toEqual(['12-34-x', 'a']);
  });
});
