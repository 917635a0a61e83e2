import { describe, expect, test } from 'vitest';
import { scriptRun, shellFunctions } from '../../src/dockerfile/shell-functions.js';

const lines = (...l: string[]) => l.join('\n');

// a release script in the shape several Go projects use: functions per target, chosen by "$1"/"$2"
const RELEASE = lines(
  '#!/bin/bash',
  'ldflags="-s -w"',
  'BuildWinArm64() {',
  '  export GOOS=windows',
  '  export GOARCH=arm64',
  '  go build -o "$1" .',
  '}',
  'BuildDocker() {',
  '  go get example.invalid/driver@v1',
  '  go build -o ./bin/app -ldflags="$ldflags" .',
  '}',
  'BuildRelease() {',
  '  BuildWinArm64 app.exe',
  '}',
  'FetchWeb() {',
  '  curl -L https://example.invalid/dist.tar.gz | tar xz',
  '}',
  'if [ "$1" = "dev" ]; then',
  '  echo dev',
  'elif [ "$1" = "release" ]; then',
  '  FetchWeb',
  '  if [ "$2" = "docker" ]; then',
  '    BuildDocker',
  '  else',
  '    BuildRelease',
  '  fi',
  'else',
  '  echo "Parameter error"',
  'fi',
);

describe('shellFunctions', () => {
  test('each definition form, by name, with its lines', () => {
    const fns = shellFunctions(
      lines('a() {', '  x', '}', 'function b {', '  y', '}', 'function c() {', '  z', '}'),
    );
    expect([...fns].map(([n, f]) => `${n}:${f.body.trim()}:${f.from}-${f.to}`)).toEqual([
      'a:x:0-2',
      'b:y:3-5',
      'c:z:6-8',
    ]);
  });
});

describe('scriptRun: what a script run with arguments runs', () => {
  test('`release docker` takes BuildDocker (and FetchWeb), not the windows/arm64 build of another branch', () => {
    const run = scriptRun(RELEASE, ['release', 'docker']);
    expect(run).toContain('go build -o ./bin/app');
    expect(run).toContain('curl -L');
    expect(run).not.toContain('GOARCH=arm64');
    expect(run).not.toContain('Parameter error');
  });

  test('`release` alone takes the else branch: BuildRelease and what it calls', () => {
    const run = scriptRun(RELEASE, ['release']);
    expect(run).toContain('GOARCH=arm64');
    expect(run).not.toContain('./bin/app');
  });

  test('a function named by the first argument, and what it calls', () => {
    expect(scriptRun(RELEASE, ['BuildRelease'])).toContain('GOARCH=arm64');
    expect(scriptRun(RELEASE, ['FetchWeb'])).not.toContain('go build');
  });

  test('a test not on a positional argument keeps every branch', () => {
    const text = lines('if [ "$TARGETARCH" = arm64 ]; then', '  A=1', 'else', '  A=2', 'fi', 'go build .');
    expect(scriptRun(text, ['x'])).toBe(text);
  });

  test('no arguments, or no functions called from the top level: the whole text', () => {
    expect(scriptRun(RELEASE, [])).toContain('GOARCH=arm64');
    const lib = lines('build() {', '  go build .', '}');
    expect(scriptRun(lib, ['other'])).toBe(lib);
  });
});
