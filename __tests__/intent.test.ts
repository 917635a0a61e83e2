/**
 * Decisions the Intent makes once, for every later stage: the job `mode` selects, whether the binaries are proven,
 * and the warnings that follow from the two.
 */
import { describe, expect, test } from 'vitest';
import { events } from './fixtures/events.js';
import { intentFor } from './fixtures/intent.js';
import { metaFixture } from './fixtures/meta.js';

const meta = metaFixture(['ghcr.io/acme/widget'], ['1.2.3']);
const tag = events.tagStable.ctx;
const pr = events.pullRequest.ctx;

describe('the job mode selects', () => {
  test.each([
    ['', 'single'],
    ['all', 'single'],
    ['build', 'fan-out-build'],
    ['merge', 'merge'],
  ])('mode: %s → %s', (mode, job) => {
    expect(intentFor({ mode }, tag, meta).job).toBe(job);
  });
});

describe('verify-arch', () => {
  test.each([
    ['auto', 'a tag push', tag, true],
    ['auto', 'a pull request (no push)', pr, false],
    ['true', 'a pull request (no push)', pr, true],
    ['false', 'a tag push', tag, false],
  ])('verify-arch: %s on %s → %s', (v, _on, ctx, want) => {
    expect(intentFor({ 'verify-arch': v }, ctx, meta).verifyArch).toBe(want);
  });

  test('asked for with custom outputs: a warning before anything runs (nothing to read back)', () => {
    const i = intentFor({ 'verify-arch': 'true', outputs: 'type=local,dest=out' }, tag, meta);
    expect(i.warnings).toEqual([expect.stringMatching(/^verify-arch: custom outputs .*drop outputs/)]);
    expect(intentFor({ outputs: 'type=local,dest=out' }, tag, meta).warnings).toEqual([]);
  });
});
