import { describe, expect, test } from 'vitest';
import {
  dockerfileReferences,
  loopbackReference,
  needsHostNetwork,
  setsNetwork,
  settingsReferences,
} from '../../src/docker/loopback.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';

describe('needsHostNetwork', () => {
  test.each<[string[], boolean]>([
    [['127.0.0.1:5000/acme/app'], true],
    [['localhost:5000/app'], true],
    [['localhost/app'], true],
    [['127.10.20.30/app:1'], true],
    [['[::1]:5000/app'], true],
    [['[::1]/app@sha256:' + '0'.repeat(64)], true],
    [['type=registry,ref=localhost:5000/cache,mode=max'], true],
    [['type=registry,ref=ghcr.io/acme/cache'], false],
    [['BASE_IMAGE=127.0.0.1:5000/base:1'], true],
    [['REGISTRY=localhost:5000'], true],
    [['base=docker-image://localhost:5000/base'], true],
    [['ghcr.io/acme/app', 'acme/app', 'alpine:3.20'], false],
    [['localhost'], false],
    [['HOST=localhost'], false],
    [['URL=http://127.0.0.1:8080/x'], false],
    [['localhost.example.com/app'], false],
    [['128.0.0.1:5000/app'], false],
    [['type=gha', 'type=local,src=/tmp/cache'], false],
    [[], false],
  ])('%j → %s', (values, want) => {
    expect(needsHostNetwork(values)).toBe(want);
  });

  test('says which value', () => {
    expect(loopbackReference(['ghcr.io/a/b', 'name=127.0.0.1:5000/a/b,enable=true'])).toBe(
      'name=127.0.0.1:5000/a/b,enable=true',
    );
  });
});

test.each<[string[], boolean]>([
  [['network=host'], true],
  [[' network=bridge'], true],
  [['image=moby/buildkit', 'memory=2g'], false],
  [[], false],
])('setsNetwork(%j) → %s', (opts, want) => {
  expect(setsNetwork(opts)).toBe(want);
});

test('settingsReferences: images line by line, caches, build args, build contexts', () => {
  expect(
    settingsReferences({
      images: 'ghcr.io/acme/app\nname=localhost:5000/app,enable=true',
      'cache-from': ['type=registry,ref=c'],
      'cache-to': ['type=inline'],
      'build-args': ['BASE=b'],
      'build-contexts': ['x=docker-image://d'],
    }),
  ).toEqual([
    'ghcr.io/acme/app',
    'name=localhost:5000/app,enable=true',
    'type=registry,ref=c',
    'type=inline',
    'BASE=b',
    'x=docker-image://d',
  ]);
});

test('dockerfileReferences: every FROM and the global ARG defaults', () => {
  const parsed = parseDockerfile(
    'ARG BASE=127.0.0.1:5000/base:1\nARG NODEF\nFROM ${BASE} AS build\nFROM alpine:3.20\nCOPY --from=build /a /a\n',
  );
  expect(dockerfileReferences(parsed)).toEqual(['${BASE}', 'alpine:3.20', '127.0.0.1:5000/base:1']);
  expect(needsHostNetwork(dockerfileReferences(parsed))).toBe(true);
  expect(dockerfileReferences(undefined)).toEqual([]);
});
