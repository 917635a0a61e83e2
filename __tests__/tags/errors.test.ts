/** Invalid input: an InputError naming the input, with the fix in the message. */
import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { StepError } from '../../src/errors.js';
import type { MetaInputs } from '../../src/tags/types.js';
import { events, fakeGit } from '../fixtures/events.js';
import { meta } from './run.js';

describe('invalid input', () => {
  test.each<[Partial<MetaInputs>, string, RegExp]>([
    [{ tags: 'type=bogus' }, 'tags', /unknown type "bogus"; use one of schedule, semver/],
    [{ tags: 'type=semver' }, 'tags', /needs pattern=/],
    [{ tags: 'type=match,pattern=(' }, 'tags', /not a valid regular expression/],
    [
      { tags: 'type=semver,pattern={{version}},match=[' },
      'tags',
      /match=\[ is not a valid regular expression/,
    ],
    [{ tags: 'type=ref,event=push' }, 'tags', /event=branch, event=tag or event=pr/],
    [{ tags: 'type=ref' }, 'tags', /event=branch/],
    [{ tags: 'type=sha,format=medium' }, 'tags', /format=medium is not short or long/],
    [{ tags: 'type=raw' }, 'tags', /needs value=/],
    [{ tags: 'type=raw,value=x,colour=red' }, 'tags', /no "colour" attribute; it accepts/],
    [{ tags: 'type=raw,value=x,value=y' }, 'tags', /given twice/],
    [{ tags: 'type=raw,value=x,priority=high' }, 'tags', /priority=high is not an integer/],
    [{ tags: 'type=match,pattern=x,group=one' }, 'tags', /group=one/],
    [{ tags: 'type=raw,value=x,enable=maybe' }, 'tags', /evaluates to "maybe", not true or false/],
    [{ tags: 'type=raw,value="x' }, 'tags', /unclosed double quote/],
    [
      { tags: 'type=raw,value={{nope}}' },
      'tags',
      /unknown expression \{\{nope\}\}.*known here: \{\{branch\}\}/,
    ],
    [
      { tags: "type=raw,value={{date 'YYYY' tz='Mars/Olympus'}}" },
      'tags',
      /unknown time zone "Mars\/Olympus"/,
    ],
    [{ tags: "type=raw,value={{date 'YYYY' zone='UTC'}}" }, 'tags', /malformed/],
    // a bare field is the value (metadata-action), which type=edge does not take
    [{ tags: 'type=edge,x' }, 'tags', /type=edge has no "value" attribute/],
    [{ flavor: 'latest=sometimes' }, 'flavor', /latest must be auto, true or false/],
    [{ flavor: 'colour=red' }, 'flavor', /unknown key "colour"/],
    [{ flavor: 'prefix=a-,onlatest=yes' }, 'flavor', /onlatest=yes is not true or false/],
    [{ flavor: 'latest=true,onlatest=yes' }, 'flavor', /onlatest=yes is not true or false/],
    [{ flavor: 'prefix={{nope}}' }, 'flavor', /unknown expression/],
    [{ images: 'ghcr.io/acme/widget:1.0' }, 'images', /put tags in the tags input/],
    [{ images: 'ghcr.io/acme/widget@sha256:abc' }, 'images', /not a valid image name/],
    [{ images: 'bad image!!' }, 'images', /not a valid image name/],
    [{ images: 'name=ghcr.io/a/b,enable=perhaps' }, 'images', /not true or false/],
    [{ images: 'name=ghcr.io/a/b,tag=x' }, 'images', /a name= line takes only enable=/],
    [{ labels: 'a={{nope}}' }, 'labels', /unknown expression/],
    [{ annotations: 'bogus:key=v' }, 'annotations', /unknown level; use manifest:/],
    [{ annotations: 'k={{nope}}' }, 'annotations', /unknown expression/],
  ])('%o → %s', async (over, input, message) => {
    const err = await meta(events.pushMain.ctx, over).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).input).toBe(input);
    expect((err as InputError).message).toMatch(message);
    expect((err as InputError).message.startsWith(`${input}: `)).toBe(true);
    expect((err as InputError).message).not.toContain('\n');
  });

  test('git describe failing is a step error that says how to fix the checkout', async () => {
    const git = fakeGit({ describe: new Error('fatal: not a git repository') });
    const err = await meta(events.pushMain.ctx, { tags: 'type=describe' }, git).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StepError);
    expect((err as StepError).message).toBe(
      'tags: type=describe needs `git describe --tags --always`: fatal: not a git repository',
    );
  });

  test('a shallow clone: describe gives the bare commit, with a warning saying fetch-depth: 0', async () => {
    const shallow = await meta(
      events.pushMain.ctx,
      { tags: 'type=describe,pattern={{describe}}' },
      fakeGit({ describe: '6a6a912', shallow: true }),
    );
    expect(shallow.tagNames).toEqual(['6a6a912']);
    expect(shallow.warnings).toContain(
      'type=describe: the clone is shallow, so git describe sees no tag ("6a6a912"); check out with fetch-depth: 0',
    );
    const full = await meta(
      events.pushMain.ctx,
      { tags: 'type=describe,pattern={{describe}}' },
      fakeGit({ describe: 'v1.0.0-3-g6a6a912' }),
    );
    expect(full.warnings).toEqual([]);
  });
});
