/** OCI labels and annotations. */
import { describe, expect, test } from 'vitest';
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
