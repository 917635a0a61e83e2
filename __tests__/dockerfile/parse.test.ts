import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { expandVars, varsIn } from '../../src/dockerfile/expand.js';
import { mountsOf, parseDockerfile, runScript, splitFlags } from '../../src/dockerfile/parse.js';

const ROOT = join(import.meta.dirname, '../..');

describe('logical lines and start lines', () => {
  test.each([
    [
      'one line each',
      'FROM a\nRUN x\n',
      [
        ['FROM', 1, 'a'],
        ['RUN', 2, 'x'],
      ],
    ],
    [
      'continuation joins with a space',
      'FROM a\nRUN go \\\n  build \\\n  ./...\nUSER 1',
      [
        ['FROM', 1, 'a'],
        ['RUN', 2, 'go   build   ./...'],
        ['USER', 5, '1'],
      ],
    ],
    [
      'comment inside a continuation is dropped',
      'FROM a\nRUN a \\\n# note\n  b\n',
      [
        ['FROM', 1, 'a'],
        ['RUN', 2, 'a   b'],
      ],
    ],
    [
      'blank line inside a continuation is dropped',
      'FROM a\nRUN a \\\n\n  b\n',
      [
        ['FROM', 1, 'a'],
        ['RUN', 2, 'a   b'],
      ],
    ],
    [
      'comments and blanks are skipped',
      '# hi\n\nFROM a\n  # indented comment\nRUN x',
      [
        ['FROM', 3, 'a'],
        ['RUN', 5, 'x'],
      ],
    ],
    [
      'keyword case and trailing space',
      'from a  \nrun x',
      [
        ['FROM', 1, 'a'],
        ['RUN', 2, 'x'],
      ],
    ],
    [
      'CRLF',
      'FROM a\r\nRUN x \\\r\n y\r\n',
      [
        ['FROM', 1, 'a'],
        ['RUN', 2, 'x  y'],
      ],
    ],
    [
      'escape=` directive',
      '# escape=`\nFROM a\nRUN dir `\n  c:\\\\',
      [
        ['FROM', 2, 'a'],
        ['RUN', 3, 'dir   c:\\\\'],
      ],
    ],
    [
      'escape directive only at the top',
      'FROM a\n# escape=`\nRUN x `\nUSER 1',
      [
        ['FROM', 1, 'a'],
        ['RUN', 3, 'x `'],
        ['USER', 4, '1'],
      ],
    ],
    [
      'trailing escape on the last line',
      'FROM a\nRUN x \\',
      [
        ['FROM', 1, 'a'],
        ['RUN', 2, 'x \\'],
      ],
    ],
  ])('%s', (_name, text, want) => {
    const got = parseDockerfile(text).instructions.map((i) => [i.keyword, i.line, i.args]);
    expect(got).toEqual(want);
  });
});

describe('heredocs', () => {
  test('RUN <<EOF body is consumed, not parsed as instructions', () => {
    const p = parseDockerfile('FROM a\nRUN <<EOF\nset -e\n# not a comment line\nFROM b\nEOF\nUSER 1\n');
    expect(p.instructions.map((i) => [i.keyword, i.line])).toEqual([
      ['FROM', 1],
      ['RUN', 2],
      ['USER', 7],
    ]);
    expect(p.stages).toHaveLength(1);
    expect(p.instructions[1]?.heredocs).toEqual([
      { name: 'EOF', body: 'set -e\n# not a comment line\nFROM b', stripTabs: false },
    ]);
  });

  test('<<-EOF strips leading tabs, also from the delimiter', () => {
    const p = parseDockerfile('FROM a\nRUN <<-"END" bash\n\tgo build\n\tEND\nUSER 1');
    expect(p.instructions[1]?.heredocs).toEqual([{ name: 'END', body: 'go build', stripTabs: true }]);
    expect(p.instructions[2]?.line).toBe(5);
  });

  test('two heredocs in one COPY', () => {
    const p = parseDockerfile("FROM a\nCOPY <<A <<'B' /dst/\na\nA\nb\nB\nUSER 1");
    expect(p.instructions[1]?.heredocs.map((h) => [h.name, h.body])).toEqual([
      ['A', 'a'],
      ['B', 'b'],
    ]);
    expect(p.instructions[2]?.line).toBe(7);
  });

  test('runScript includes the heredoc body', () => {
    const p = parseDockerfile('FROM a\nRUN <<EOF\ngo build ./cmd/x\nEOF\n');
    const run = p.instructions[1];
    if (!run) throw new Error('no RUN');
    expect(runScript(run)).toBe('<<EOF\ngo build ./cmd/x');
  });

  test('<< in ENV is not a heredoc', () => {
    const p = parseDockerfile('FROM a\nENV X=<<EOF\nUSER 1\n');
    expect(p.instructions.map((i) => i.keyword)).toEqual(['FROM', 'ENV', 'USER']);
  });
});

describe('stages and ARGs', () => {
  const text = [
    'ARG GO_IMAGE=golang:1.23',
    'ARG BASE',
    'FROM --platform=$BUILDPLATFORM ${GO_IMAGE} AS Build',
    'ARG TARGETOS TARGETARCH',
    'ARG VERSION=dev',
    'RUN go build',
    'FROM build AS test',
    'FROM ${BASE:-scratch}',
    'ARG VERSION',
    'COPY --from=build /out /',
  ].join('\n');
  const p = parseDockerfile(text);

  test('global args', () => {
    expect(p.globalArgs).toEqual([
      { name: 'GO_IMAGE', default: 'golang:1.23', line: 1 },
      { name: 'BASE', default: undefined, line: 2 },
    ]);
  });

  test('stages: name lower-cased, platform flag, image as written', () => {
    expect(p.stages.map((s) => [s.index, s.name, s.image, s.platform, s.line])).toEqual([
      [0, 'build', '${GO_IMAGE}', '$BUILDPLATFORM', 3],
      [1, 'test', 'build', undefined, 7],
      [2, undefined, '${BASE:-scratch}', undefined, 8],
    ]);
  });

  test('per-stage args, several per line', () => {
    expect(p.stages[0]?.args.map((a) => [a.name, a.default])).toEqual([
      ['TARGETOS', undefined],
      ['TARGETARCH', undefined],
      ['VERSION', 'dev'],
    ]);
    expect(p.stages[2]?.args.map((a) => a.name)).toEqual(['VERSION']);
  });

  test('declaredArgs: every name once, in order', () => {
    expect(p.declaredArgs).toEqual(['GO_IMAGE', 'BASE', 'TARGETOS', 'TARGETARCH', 'VERSION']);
  });

  test('stage instructions exclude the FROM', () => {
    expect(p.stages[2]?.instructions.map((i) => i.keyword)).toEqual(['ARG', 'COPY']);
  });
});

describe('flags and mounts', () => {
  test.each([
    ['--platform=linux/amd64 img', [['platform', 'linux/amd64']], 'img'],
    [
      '--from=build --chown=1:1 /a /b',
      [
        ['from', 'build'],
        ['chown', '1:1'],
      ],
      '/a /b',
    ],
    ['--network=none echo', [['network', 'none']], 'echo'],
    ['--link /a /b', [['link', '']], '/a /b'],
    ['--mount="type=cache,target=/x y" go build', [['mount', 'type=cache,target=/x y']], 'go build'],
    ['echo --not-a-flag', [], 'echo --not-a-flag'],
  ])('%s', (text, flags, rest) => {
    const got = splitFlags(text);
    expect(got.flags.map((f) => [f.name, f.value])).toEqual(flags);
    expect(got.rest).toBe(rest);
  });

  test('RUN with several --mount flags across continuation lines', () => {
    const p = parseDockerfile(
      'FROM a\nRUN --mount=type=cache,target=/root/.cache/go-build \\\n    --mount=type=bind,from=deps,source=/x,target=/y,readonly \\\n    go build\n',
    );
    const run = p.instructions[1];
    if (!run) throw new Error('no RUN');
    expect(mountsOf(run)).toEqual([
      { type: 'cache', target: '/root/.cache/go-build' },
      { type: 'bind', from: 'deps', source: '/x', target: '/y', readonly: 'true' },
    ]);
    expect(run.args).toBe('go build');
  });
});

describe('expandVars', () => {
  const vars = new Map([
    ['A', 'x'],
    ['EMPTY', ''],
    ['ARCH', 'amd64'],
    ['PAIR', 'linux-amd64-v2'],
  ]);
  test.each([
    ['$A', 'x'],
    ['${A}:1', 'x:1'],
    ['${MISSING}', '${MISSING}'],
    ['${MISSING:-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${A:-d}', 'x'],
    ['${A:+y}', 'y'],
    ['${MISSING:+y}', ''],
    ['$BUILDPLATFORM', '$BUILDPLATFORM'],
    ['${EMPTY-d}', ''],
    ['${MISSING-d}', 'd'],
    ['${EMPTY+y}', 'y'],
    ['${ARCH/amd64/x64}', 'x64'],
    ['${ARCH/arm64/x64}', 'amd64'],
    ['${PLAT//\\//_}', '${PLAT//\\//_}'],
    ['${PAIR//-/_}', 'linux_amd64_v2'],
    ['${PAIR#linux-}', 'amd64-v2'],
    ['${PAIR%-v2}', 'linux-amd64'],
    ['${MISSING/a/b}', '${MISSING/a/b}'],
    // a word holding a reference (pleroma's `?job=${TARGETARCH}${TARGETVARIANT:+${TARGETVARIANT}l}`, set 17)
    ['${ARCH}${EMPTY:+${EMPTY}l}', 'amd64'],
    ['${A:+${A}l}-${ARCH}', 'xl-amd64'],
  ])('%s → %s', (text, want) => {
    expect(expandVars(text, vars)).toBe(want);
  });

  test('varsIn', () => {
    expect(varsIn('${A}/$B:${C:-$A}')).toEqual(['A', 'B', 'C']);
  });
});

test('the reference Dockerfile parses into a $BUILDPLATFORM build stage and a runtime stage', () => {
  const p = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  expect(p.globalArgs.map((a) => a.name)).toEqual(['GO_IMAGE', 'BASE_IMAGE']);
  expect(p.stages.map((s) => [s.name, s.image, s.platform])).toEqual([
    ['build', '${GO_IMAGE}', '$BUILDPLATFORM'],
    [undefined, '${BASE_IMAGE}', undefined],
  ]);
  expect(p.declaredArgs).toEqual(
    expect.arrayContaining(['VERSION', 'GIT_COMMIT', 'BUILD_DATE', 'TARGETARCH']),
  );
  const build = p.stages[0]?.instructions.filter((i) => i.keyword === 'RUN').pop();
  expect(build && mountsOf(build).map((m) => m.target)).toEqual(['/root/.cache/go-build', '/go/pkg/mod']);
});
