/** OCI labels and annotations. */
import { describe, expect, test, vi } from 'vitest';
import { compareKeys } from '../../src/labels.js';
import { events, SHA } from '../fixtures/events.js';
import { meta, NOW } from './run.js';

const OCI = 'org.opencontainers.image';

/** `created` is the commit time when the event has it (reproducible rebuilds), else the clock. */
function committed(e: { ctx: { commitDate?: Date } }): string {
  expect(e.ctx.commitDate).toBeDefined();
  return (e.ctx.commitDate as Date).toISOString();
}

describe('labels', () => {
  test('defaults on a stable tag', async () => {
    const r = await meta(events.tagStable.ctx, { tags: 'type=semver,pattern={{version}}' });
    // sorted by key, as metadata-action prints them
    expect(r.labels).toEqual([
      `${OCI}.created=${committed(events.tagStable)}`,
      `${OCI}.description=Widget service`,
      `${OCI}.licenses=Apache-2.0`,
      `${OCI}.revision=${SHA.tagStable}`,
      `${OCI}.source=https://github.com/acme/widget`,
      `${OCI}.title=widget`,
      `${OCI}.url=https://github.com/acme/widget`,
      `${OCI}.version=1.2.3`,
    ]);
    expect(r.json.labels[`${OCI}.version`]).toBe('1.2.3');
  });

  test('user lines override by key, empty values stay (as metadata-action), expressions render', async () => {
    const r = await meta(events.pushFeature.ctx, {
      labels: [
        `${OCI}.title=Widget`,
        `${OCI}.licenses=`,
        'com.example.branch={{branch}}',
        'com.example.list=a,b',
      ].join('\n'),
    });
    expect(r.json.labels).toEqual({
      [`${OCI}.title`]: 'Widget',
      [`${OCI}.description`]: 'Widget service',
      [`${OCI}.url`]: 'https://github.com/acme/widget',
      [`${OCI}.source`]: 'https://github.com/acme/widget',
      [`${OCI}.version`]: 'feature-foo-bar',
      [`${OCI}.created`]: committed(events.pushFeature),
      [`${OCI}.revision`]: SHA.feature,
      [`${OCI}.licenses`]: '',
      'com.example.branch': 'feature/foo-bar',
      'com.example.list': 'a,b',
    });
  });

  test('without a commit time (schedule) created is the clock', async () => {
    expect(events.schedule.ctx.commitDate).toBeUndefined();
    const r = await meta(events.schedule.ctx, {});
    expect(r.labels).toContain(`${OCI}.created=${NOW.toISOString()}`);
  });

  test('no tags → an empty version label (metadata-action prints every default key)', async () => {
    const r = await meta(events.pullRequest.ctx, { tags: 'type=ref,event=tag' });
    expect(r.version).toBe('');
    expect(r.labels).toContain(`${OCI}.version=`);
  });

  test('a line without = is ignored with a warning (metadata-action drops it silently)', async () => {
    const r = await meta(events.pushMain.ctx, { labels: 'no-equals-sign\ncom.example.a=1' });
    expect(r.labels).toContain('com.example.a=1');
    expect(r.labels.some((l) => l.startsWith('no-equals-sign'))).toBe(false);
    expect(r.warnings).toContain(
      'labels: "no-equals-sign" is not key=value; ignored (as docker/metadata-action does)',
    );
  });

  test.each([
    ['labels', 'com.example.a=1\n=x', 'labels: line 2 has an empty key; write KEY=value'],
    ['labels', '# comment\n\n  =  secret-ish', 'labels: line 3 has an empty key; write KEY=value'],
    ['annotations', '=x', 'annotations: line 1 has an empty key; write KEY=value'],
    ['annotations', 'a=1\nindex,manifest:=x', 'annotations: line 2 has an empty key; write KEY=value'],
  ])('%s %j: an empty key is refused, naming the line (#19)', async (input, text, message) => {
    await expect(meta(events.pushMain.ctx, { [input]: text })).rejects.toThrow(message);
  });
});

describe('annotations', () => {
  test('default to the label keys at manifest level; user lines add, override and keep levels', async () => {
    const r = await meta(events.tagStable.ctx, {
      tags: 'type=semver,pattern={{version}}',
      annotations: [
        `index:${OCI}.description=Multi-arch widget`,
        `${OCI}.title=Widget`,
        'manifest-descriptor,index-descriptor:com.example.sha={{sha}}',
        "com.example.built={{date 'YYYY-MM-DD'}}",
      ].join('\n'),
    });
    expect(r.annotations).toEqual([
      'manifest:com.example.built=2025-04-30',
      `manifest:${OCI}.created=${committed(events.tagStable)}`,
      `manifest:${OCI}.description=Widget service`,
      `manifest:${OCI}.licenses=Apache-2.0`,
      `manifest:${OCI}.revision=${SHA.tagStable}`,
      `manifest:${OCI}.source=https://github.com/acme/widget`,
      `manifest:${OCI}.title=Widget`,
      `manifest:${OCI}.url=https://github.com/acme/widget`,
      `manifest:${OCI}.version=1.2.3`,
      `index:${OCI}.description=Multi-arch widget`,
      `manifest-descriptor,index-descriptor:com.example.sha=${SHA.tagStable.slice(0, 7)}`,
    ]);
    expect(r.json.annotations).toEqual(r.annotations);
  });
});

describe('key order', () => {
  /** xorshift: the same strings on every run */
  function strings(seed: number, alphabet: string, n: number): string[] {
    let x = seed;
    const next = () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) / 2 ** 32;
    };
    return Array.from({ length: n }, () =>
      Array.from(
        { length: Math.floor(next() * 9) },
        () => alphabet[Math.floor(next() * alphabet.length)],
      ).join(''),
    );
  }

  test.each([
    ['plain keys', '_-.0123456789abcdefghijklmnopqrstuvwxyz'],
    ['the characters whose order differs from code points', '_-.09az'],
    ['keys localeCompare must decide (case, other punctuation)', 'aAbB_-.:/9'],
  ])('the same order as localeCompare: %s', (_, alphabet) => {
    const keys = strings(0x2545f491, alphabet, 4000);
    for (let i = 1; i < keys.length; i++) {
      const [a, b] = [keys[i - 1] as string, keys[i] as string];
      expect([a, b, compareKeys(a, b)]).toEqual([a, b, Math.sign(a.localeCompare(b))]);
    }
    expect([...keys].sort(compareKeys)).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
  });

  test('plain keys never reach localeCompare (its first call loads the collator)', () => {
    const spy = vi.spyOn(String.prototype, 'localeCompare');
    try {
      expect(compareKeys(`${OCI}.created`, `${OCI}.version`)).toBe(-1);
      expect(compareKeys('com.example.build_id', 'com.example.build-id')).toBe(-1);
      expect(spy).not.toHaveBeenCalled();
      expect(compareKeys('com.Example', 'com.example')).toBe(1);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
