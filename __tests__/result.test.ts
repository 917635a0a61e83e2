/** The Result: what the intent knows, then each phase's part (src/result.ts assembleResult). */
import { describe, expect, test } from 'vitest';
import { assembleResult } from '../src/result.js';
import { events } from './fixtures/events.js';
import { intentFor } from './fixtures/intent.js';
import { metaFixture } from './fixtures/meta.js';

const tag = events.tagStable.ctx;
const meta = metaFixture(['ghcr.io/acme/widget'], ['1.2.3']);

describe('the Result is assembled from the intent and the phases’ parts', () => {
  const intent = intentFor({}, tag, { ...meta, warnings: ['from the tag engine'] });

  test('base fields from the intent; parts in order, a later one replacing what it repeats; warnings joined', () => {
    const r = assembleResult(intent, [
      { argv: ['buildx', 'build'], warnings: ['first'] },
      { digest: 'sha256:a', rows: [{ platform: 'linux/amd64', digest: 'sha256:b' }] },
      { rows: [], warnings: ['second'] },
    ]);
    expect(r.push).toBe(true);
    expect(r.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(r.argv).toEqual(['buildx', 'build']);
    expect(r.digest).toBe('sha256:a');
    expect(r.rows).toEqual([]);
    expect(r.warnings).toEqual(['from the tag engine', 'first', 'second']);
    expect(r.failure).toBeUndefined();
  });

  test('no parts: what the intent alone knows', () => {
    const r = assembleResult(intent, []);
    expect(r.steps).toEqual([]);
    expect(r.digest).toBeUndefined();
    expect(r.warnings).toEqual(['from the tag engine']);
  });
});
