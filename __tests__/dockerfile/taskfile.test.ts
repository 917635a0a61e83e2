import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readContextScripts } from '../../src/context-scripts.js';
import { adviseEmulation, type AdviseOptions } from '../../src/dockerfile/advisor.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { renderTask, taskCalls, type TaskCall } from '../../src/dockerfile/taskfile.js';

const lines = (...l: string[]) => l.join('\n');
const call = (tasks: string[] = [], more: Partial<TaskCall> = {}): TaskCall => ({
  label: 'task',
  dir: '.',
  tasks,
  vars: new Map(),
  env: new Map(),
  ...more,
});

describe('taskCalls: every task a RUN runs, where and with what', () => {
  test.each([
    ['task', { dir: '.', tasks: [], vars: [], env: [] }],
    [
      'cd src && GOARCH=$TARGETARCH task -d cmd build:linux VERSION=1.2',
      {
        dir: 'src/cmd',
        tasks: ['build:linux'],
        vars: [['VERSION', '1.2']],
        env: [['GOARCH', '$TARGETARCH']],
      },
    ],
    [
      'go-task --taskfile=ci.yml -o prefixed build test',
      { dir: '.', tasks: ['build', 'test'], vars: [], env: [] },
    ],
    ['/usr/local/bin/task --dir=app default', { dir: 'app', tasks: ['default'], vars: [], env: [] }],
  ])('%s', (script, want) => {
    const [c] = taskCalls(script);
    expect({
      dir: c?.dir,
      tasks: c?.tasks,
      vars: [...(c?.vars ?? [])],
      env: [...(c?.env ?? [])],
    }).toEqual(want);
  });

  test('task --version and a word that only ends in task run no task', () => {
    expect(taskCalls('task --version && echo task && mytask build')).toEqual([]);
  });

  test('-t names the Taskfile', () => {
    expect(taskCalls('task -t build/Taskfile.ci.yml release')[0]?.file).toBe('build/Taskfile.ci.yml');
  });
});

describe('renderTask: the shell text task runs', () => {
  const file = (o: unknown) => JSON.stringify(o);
  test.each<[string, unknown, TaskCall, string[], string]>([
    [
      'cmds with a global var in a template',
      { vars: { GOARCH: 'amd64' }, tasks: { build: { cmds: ['GOARCH={{.GOARCH}} go build -o bin/app .'] } } },
      call(['build']),
      [],
      'GOARCH=amd64 go build -o bin/app .',
    ],
    [
      'the command line beats the task vars',
      {
        tasks: { build: { vars: { GOARCH: 'amd64' }, cmds: ['GOARCH={{.GOARCH}} go build .'] } },
      },
      call(['build'], { vars: new Map([['GOARCH', '$TARGETARCH']]) }),
      [],
      'GOARCH=$TARGETARCH go build .',
    ],
    [
      'a var the stage may set, read from the environment',
      { tasks: { build: { cmds: ['GOARCH={{.TARGETARCH}} go build .'] } } },
      call(['build']),
      ['TARGETARCH'],
      'GOARCH=${TARGETARCH} go build .',
    ],
    [
      '{{ARCH}} and sh: go env GOARCH are the build machine',
      {
        vars: { A: { sh: 'go env GOARCH' } },
        tasks: { default: { cmds: ['GOARCH={{ARCH}} go build -o a .', 'GOARCH={{.A}} go build -o b .'] } },
      },
      call(),
      [],
      'GOARCH= go build -o a .\nGOARCH= go build -o b .',
    ],
    [
      'env entries give way to the environment; deps and called tasks first',
      {
        env: { CGO_ENABLED: '0' },
        tasks: {
          gen: 'go generate ./...',
          build: {
            deps: ['gen'],
            env: { GOARCH: 'amd64' },
            cmds: [{ task: 'tools', vars: { WHAT: 'x' } }, { cmd: 'go build -o /out/app .' }],
          },
          tools: { cmds: ['echo {{.WHAT}} {{.MISSING | default "d"}}'] },
        },
      },
      call(['build'], { env: new Map([['GOARCH', '$TARGETARCH']]) }),
      [],
      lines(
        'export CGO_ENABLED=${CGO_ENABLED:-0}',
        'go generate ./...',
        'export CGO_ENABLED=${CGO_ENABLED:-0}',
        'export GOARCH=$TARGETARCH',
        'export CGO_ENABLED=${CGO_ENABLED:-0}',
        'echo x d',
        'go build -o /out/app .',
      ),
    ],
    [
      'a task that calls itself ends',
      { tasks: { a: { cmds: [{ task: 'a' }, 'true'] } } },
      call(['a']),
      [],
      'true',
    ],
    ['not a Taskfile', 'just text', call(['x']), [], ''],
  ])('%s', (_name, taskfile, c, stage, want) => {
    expect(renderTask(file(taskfile), c, new Set(stage))).toBe(want);
  });

  test('text that is not JSON renders nothing', () => {
    expect(renderTask('tasks:\n  a: x', call(['a']))).toBe('');
  });
});

describe('the advisor follows task into the Taskfile (#21)', () => {
  const opts: AdviseOptions = { requested: ['linux/amd64', 'linux/arm64'], native: ['linux/amd64'] };
  const brief = (text: string, scripts: Record<string, string>) =>
    adviseEmulation(parseDockerfile(text), { ...opts, scripts }).map(
      (f) => `${f.line} ${f.kind} ${f.platforms.join(',')}`,
    );
  const cross = (run: string, from = 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build') =>
    lines(
      from,
      'ARG TARGETOS TARGETARCH',
      'WORKDIR /src',
      'COPY . .',
      `RUN ${run}`,
      'FROM alpine',
      'COPY --from=build /src/bin/app /app',
    );
  const taskfile = (o: unknown) => ({ 'Taskfile.yml': JSON.stringify(o) });
  test.each<[string, string, Record<string, string>, string[]]>([
    [
      'GOARCH fixed in the Taskfile on the build platform',
      cross('task build'),
      taskfile({ env: { GOOS: 'linux', GOARCH: 'amd64' }, tasks: { build: ['go build -o bin/app .'] } }),
      ['5 build-arch-binary linux/arm64'],
    ],
    [
      'no GOARCH anywhere: the build machine',
      cross('task build'),
      taskfile({ tasks: { build: { cmds: ['go build -o bin/app ./cmd/app'] } } }),
      ['5 build-arch-binary linux/arm64'],
    ],
    [
      'the target given on the command line',
      cross('task build GOARCH=$TARGETARCH'),
      taskfile({ vars: { GOARCH: 'amd64' }, tasks: { build: ['GOARCH={{.GOARCH}} go build -o bin/app .'] } }),
      [],
    ],
    [
      'GOARCH given to task as a variable the task never maps into env: (an exporter before its fix)',
      cross('task generate build GOOS=${TARGETOS} GOARCH=${TARGETARCH}'),
      taskfile({
        tasks: {
          generate: ['go generate ./...'],
          build: { deps: ['build:server'] },
          'build:server': ['go build -o bin/app ./cmd/app'],
        },
      }),
      ['5 build-arch-binary linux/arm64'],
    ],
    [
      'the same, after the fix: the task maps the variables under env:',
      cross('task generate build GOOS=${TARGETOS} GOARCH=${TARGETARCH}'),
      taskfile({
        env: { GOOS: '{{ .GOOS }}', GOARCH: '{{ .GOARCH }}' },
        tasks: {
          generate: ['go generate ./...'],
          build: { deps: ['build:server'] },
          'build:server': ['go build -o bin/app ./cmd/app'],
        },
      }),
      [],
    ],
    [
      'the target in the environment beats the Taskfile env',
      cross('GOOS=$TARGETOS GOARCH=$TARGETARCH task build'),
      taskfile({ env: { GOARCH: 'amd64' }, tasks: { build: ['go build -o bin/app .'] } }),
      [],
    ],
    [
      'a Taskfile template reading TARGETARCH',
      cross('task build'),
      taskfile({ tasks: { build: ['GOOS=linux GOARCH={{.TARGETARCH}} go build -o bin/app .'] } }),
      [],
    ],
    [
      'a task that compiles under emulation',
      cross('task build', 'FROM golang:1.22 AS build'),
      taskfile({ tasks: { build: ['go build -o bin/app .'] } }),
      ['5 emulated-compile linux/arm64'],
    ],
    [
      'a task that only bundles',
      cross('task web', 'FROM node:20 AS build'),
      taskfile({ tasks: { web: ['npx vite build'] } }),
      [],
    ],
  ])('%s', (_name, text, scripts, want) => {
    expect(brief(text, scripts)).toEqual(want);
  });
});

describe('readContextScripts reads a Taskfile as JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossbuild-taskfile-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  test('the YAML a RUN task reads, and nothing it does not', async () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(
      join(dir, 'Taskfile.yml'),
      "version: '3'\nvars:\n  ARCH: &a amd64\ntasks:\n  build:\n    cmds:\n      - GOARCH={{.ARCH}} go build -o bin/app .\n",
    );
    writeFileSync(join(dir, 'sub/ci.yaml'), 'tasks: [unclosed\n');
    const parsed = parseDockerfile(
      lines('FROM golang', 'WORKDIR /src', 'COPY . .', 'RUN task build', 'RUN task -t sub/ci.yaml x'),
    );
    const got = await readContextScripts(parsed, dir);
    expect(JSON.parse(got['Taskfile.yml'] ?? '')).toEqual({
      version: '3',
      vars: { ARCH: 'amd64' },
      tasks: { build: { cmds: ['GOARCH={{.ARCH}} go build -o bin/app .'] } },
    });
    expect(got['sub/ci.yaml']).toBe('null');
    expect(Object.keys(got).sort()).toEqual(['Taskfile.yml', 'sub/ci.yaml']);
  });
});
