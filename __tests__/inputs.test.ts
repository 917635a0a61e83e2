import { describe, expect, test } from 'vitest';
import { InputError } from '../src/errors.js';
import { csvList, items, parsePlatforms, readSettings } from '../src/inputs.js';
import { inputLines } from '../src/lines.js';

const from =
  (m: Record<string, string>) =>
  (n: string): string =>
    m[n] ?? '';

describe('readSettings', () => {
  test('defaults when nothing is set', () => {
    const s = readSettings(from({}));
    expect(s.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(s.push).toBe('auto');
    expect(s['floating-tags']).toBe('forward-only');
    expect(s['retry-attempts']).toBe(6);
    expect(s.verify).toBe(true);
    expect(s.context).toBe('.');
    expect(s['qemu-image']).toMatch(/^tonistiigi\/binfmt:qemu-v10\.2\.3$/);
  });

  test.each([
    ['dry-run', 'yes', /dry-run: "yes" is not a boolean; use true or false/],
    ['push', 'maybe', /push: "maybe" is not one of auto, true, false/],
    ['driver', 'podman', /driver: "podman" is not one of auto, docker, docker-container, remote, kubernetes/],
    ['retry-attempts', '0', /retry-attempts: "0" must be a number from 1 to 10/],
    ['retry-wait', 'soon', /retry-wait: "soon" must be a number/],
    [
      'platforms',
      'linux/amd64,arm',
      /platforms: "linux\/amd64,arm" — "arm" is not os\/arch\[\/variant\]; did you mean linux\/arm\/v7\?/,
    ],
    ['platforms', 'arm64', /did you mean linux\/arm64\?/],
    ['build-args', 'FOO', /build-args: "FOO" is not KEY=value/],
    ['secrets', 'A=1\njust-a-token', /^secrets: line 2 is not KEY=value/],
    ['secrets', 'a-b=1\na.b=2', /^secrets: ids "a-b" and "a.b" differ only in punctuation; rename one/],
    ['emulation', 'ignore', /emulation: "ignore" is not one of warn, error, allow/],
  ])('%s=%j is rejected with one line naming the input', (name, value, msg) => {
    let err: unknown;
    try {
      readSettings(from({ [name]: value }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(msg);
    expect((err as Error).message).not.toContain('\n');
  });

  test.each([
    ['TRUE', true],
    ['false', false],
    ['', false],
  ])('boolean %j → %s', (raw, want) => {
    expect(readSettings(from({ 'dry-run': raw }))['dry-run']).toBe(want);
  });

  test('multi-line inputs keep commas inside values and drop comments', () => {
    const s = readSettings(
      from({ 'build-args': 'A=1,2\n# note\n\nB=x=y', platforms: 'linux/amd64\nlinux/ARM64, linux/s390x' }),
    );
    expect(s['build-args']).toEqual(['A=1,2', 'B=x=y']);
    expect(s.platforms).toEqual(['linux/amd64', 'linux/arm64', 'linux/s390x']);
  });
});

describe('endpoint: one builder node per line', () => {
  test.each<[Record<string, string>, { endpoint: string; platforms: string[] }[]]>([
    [{}, []],
    [
      { driver: 'remote', endpoint: 'tcp://buildkitd:1234' },
      [{ endpoint: 'tcp://buildkitd:1234', platforms: [] }],
    ],
    [{ endpoint: 'ci-context' }, [{ endpoint: 'ci-context', platforms: [] }]],
    [
      {
        driver: 'remote',
        endpoint:
          'tcp://amd64-node:1234\n# the arm box\ntcp://arm64-node:1234,platforms=linux/arm64,linux/arm',
      },
      [
        { endpoint: 'tcp://amd64-node:1234', platforms: [] },
        { endpoint: 'tcp://arm64-node:1234', platforms: ['linux/arm64', 'linux/arm/v7'] },
      ],
    ],
    [
      { driver: 'docker-container', endpoint: 'ci-context,platforms=linux/amd64' },
      [{ endpoint: 'ci-context', platforms: ['linux/amd64'] }],
    ],
  ])('%j', (inputs, want) => {
    expect(readSettings(from(inputs)).endpoint).toEqual(want);
  });

  test.each<[Record<string, string>, RegExp]>([
    [
      { driver: 'remote' },
      /^endpoint: driver: remote needs the buildkitd address, e\.g\. tcp:\/\/buildkitd:1234$/,
    ],
    [
      { driver: 'remote', endpoint: 'tcp://a:1\ntcp://b:1,platform=linux/arm64' },
      /^endpoint: line 2: "tcp:\/\/b:1,platform=linux\/arm64": unknown "platform"; write ENDPOINT\[,platforms=linux\/arm64,\.\.\.\], one node per line$/,
    ],
    [
      { driver: 'remote', endpoint: 'tcp://a:1,platforms=linux/arm64x' },
      /^endpoint: line 1: .*"linux\/arm64x" is not a platform/,
    ],
    [
      { driver: 'remote', endpoint: 'platforms=linux/arm64' },
      /^endpoint: line 1: .*does not start with an address/,
    ],
    [
      { driver: 'docker-container', endpoint: 'ctx-a\nctx-b' },
      /^endpoint: 2 lines make a multi-node builder only with driver: remote; set driver: remote or give one endpoint$/,
    ],
    [
      { driver: 'remote', endpoint: 'tcp://a:1\nbuildkitd:1234' },
      /^endpoint: "buildkitd:1234" is not an address; write tcp:\/\/HOST:PORT/,
    ],
    [
      { driver: 'remote', endpoint: 'tcp://a:1\ntcp://a:1,platforms=linux/arm64' },
      /^endpoint: "tcp:\/\/a:1" is given twice; give each buildkitd node once$/,
    ],
  ])('%j is refused with one line naming endpoint', (inputs, msg) => {
    expect(() => readSettings(from(inputs))).toThrow(InputError);
    expect(() => readSettings(from(inputs))).toThrow(msg);
  });
});

describe('list helpers', () => {
  test.each([
    ['a,b\nc', ['a', 'b', 'c']],
    [' a , ,b ', ['a', 'b']],
    ['', []],
  ])('items(%j)', (raw, want) => {
    expect(items(raw)).toEqual(want);
  });
  test('inputLines keeps commas', () => {
    expect(inputLines('x=1,2\r\ny=3')).toEqual(['x=1,2', 'y=3']);
  });
  test.each([
    ['linux/arm', ['linux/arm/v7']],
    ['linux/arm64/v8,linux/arm64', ['linux/arm64']],
    ['LINUX/AMD64/v1', ['linux/amd64']],
    ['linux/arm/v6', ['linux/arm/v6']],
  ])('platforms %j are spelled as buildx writes them into the index: %j', (raw, want) => {
    expect(parsePlatforms(raw)).toEqual(want);
  });
  test('duplicate platforms collapse', () => {
    expect(parsePlatforms('linux/amd64,linux/amd64,linux/arm/v7')).toEqual(['linux/amd64', 'linux/arm/v7']);
  });
});

describe('list inputs are read as build-push-action reads them (CSV)', () => {
  test.each([
    ['A=1\nB=2', ['A=1', 'B=2']],
    ['KEY=a,b', ['KEY=a,b']],
    ['"KEY=line1\nline2"\nOTHER=x', ['KEY=line1\nline2', 'OTHER=x']],
    ['"JSON={""a"": 1, ""b"": [2, 3]}"', ['JSON={"a": 1, "b": [2, 3]}']],
    ['# a comment\nA=1 # not a comment', ['A=1 # not a comment']],
    ['A="quoted"', ['A="quoted"']],
    ['\n\n  A=1  \n', ['A=1']],
  ])('%j → %j', (text, expected) => {
    expect(csvList('build-args', text)).toEqual(expected);
  });

  test('an unclosed quote names the input and the line, never the text', () => {
    const f = () => csvList('secrets', 'A=1\n"TOKEN=s3cr3t');
    expect(f).toThrow(/^secrets: a double quote is not closed/);
    try {
      f();
    } catch (err) {
      expect(String(err)).not.toContain('s3cr3t');
    }
  });
});
