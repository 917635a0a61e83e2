import { describe, expect, test } from 'vitest';
import { adviseEmulation, type AdviseOptions } from '../../src/dockerfile/advisor.js';
import { parseDockerfile, type Instruction, type Stage } from '../../src/dockerfile/parse.js';
import { contextPath, runScripts, scriptPaths } from '../../src/dockerfile/scripts.js';
import { mayCompile, scriptCalls } from '../../src/dockerfile/compile-steps.js';

const lines = (...l: string[]) => l.join('\n');
const opts: AdviseOptions = { requested: ['linux/amd64', 'linux/arm64'], native: ['linux/amd64'] };
const brief = (text: string, scripts: Record<string, string>) =>
  adviseEmulation(parseDockerfile(text), { ...opts, scripts }).map((f) => `${f.line} ${f.kind} ${f.command}`);

describe('contextPath: where a script a RUN names sits in the build context', () => {
  test.each([
    ['./build.sh', '/src', '/src', 'build.sh'],
    ['hack/build.sh', '/src', '/src', 'hack/build.sh'],
    ['./hack/../scripts/b.sh', '/', '/', 'scripts/b.sh'],
    ['/src/hack/build.sh', '/src', '/src', 'hack/build.sh'],
    ['./build-ui.js', '/src/tools', '/src', 'tools/build-ui.js'],
    ['build.sh', '/work', '/work/app', undefined],
    ['/usr/local/bin/build.sh', '/src', '/src', undefined],
    ['../outside.sh', '/src', '/src', undefined],
    ['"./quoted.sh"', '/src', '/src', 'quoted.sh'],
    ['$DIR/build.sh', '/src', '/src', undefined],
  ])('%s in %s, context at %s → %s', (path, workdir, root, want) => {
    expect(contextPath(path, workdir, root)).toBe(want);
  });
});

describe('scriptPaths and runScripts', () => {
  const text = lines(
    'FROM golang AS build',
    'WORKDIR /src',
    'COPY . .',
    'RUN ./hack/build.sh && sh scripts/do.sh',
    'RUN go build -o /out/app . && /out/app version',
    'WORKDIR tools',
    'RUN node ./build-ui.js && node server.js && python3 manage.py check',
  );
  const parsed = parseDockerfile(text);
  test('every script path the RUNs name, relative to the context; programs that are not build scripts are not', () => {
    expect(scriptPaths(parsed)).toEqual(['hack/build.sh', 'scripts/do.sh', 'tools/build-ui.js']);
  });
  test('known where read, unknown where not; the binary the stage just built is not a script', () => {
    const stage = parsed.stages[0] as Stage;
    const at = (line: number) => stage.instructions.find((i) => i.line === line) as Instruction;
    const r = runScripts(stage, at(4), { 'hack/build.sh': 'go build ./...' });
    expect(r.known.map((k) => k.label)).toEqual(['./hack/build.sh']);
    expect(r.unknown.map((k) => k.label)).toEqual(['sh scripts/do.sh']);
    expect(runScripts(stage, at(5), {})).toEqual({ known: [], unknown: [] });
  });
  test('a COPY to a WORKDIR named without a trailing slash puts the file in that directory', () => {
    const p = parseDockerfile(
      lines(
        'FROM ubuntu:24.04',
        'WORKDIR /actions-runner',
        'COPY install_actions.sh /actions-runner',
        'RUN /actions-runner/install_actions.sh 2.300.0',
      ),
    );
    const stage = p.stages[0] as Stage;
    const run = stage.instructions.find((i) => i.keyword === 'RUN') as Instruction;
    expect(runScripts(stage, run, { 'install_actions.sh': 'curl -LO x' }).known.map((k) => k.path)).toEqual([
      '/actions-runner/install_actions.sh',
    ]);
  });
});

describe('the advisor reads the scripts it is given (#21 class 8 and 9)', () => {
  const emulated = (run: string) => lines('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', `RUN ${run}`);
  test.each([
    [
      'a script that compiles: an emulated compile, named through the script',
      'hack/build.sh',
      'set -e\nmake generate\ngo build -o /out/app ./cmd/app\n',
      ['4 emulated-compile ./hack/build.sh: make'],
    ],
    [
      'a script that downloads a release',
      'hack/install.sh',
      'curl -fsSL "$URL" | tar -xz -C /usr/local/bin\n',
      [],
    ],
    ['a script that adds users', 'hack/install.sh', 'addgroup -S app && adduser -S -G app app\n', []],
    ['a script that runs acceptance tests', 'hack/install.sh', 'bats test/*.bats\n', []],
  ])('%s', (_name, path, body, want) => {
    expect(brief(emulated(`./${path}`), { [path]: body })).toEqual(want);
  });

  test('a script not in the context stays a hidden compile; a build program run by node, read, is a compile', () => {
    expect(brief(emulated('./hack/elsewhere.sh'), {})).toEqual(['4 hidden-compile ./hack/elsewhere.sh']);
    expect(
      brief(emulated('node ./scripts/build-x.js'), {
        'scripts/build-x.js': "execSync('go build -o out ./cmd/x')",
      }),
    ).toEqual(['4 emulated-compile node ./scripts/build-x.js: go build']);
  });

  test('a script on $BUILDPLATFORM that hard-codes GOARCH: the other platforms get that binary', () => {
    const text = lines(
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN ./build.sh',
      'FROM alpine',
      'COPY --from=build /src/out/app /app',
    );
    const wrong = adviseEmulation(parseDockerfile(text), {
      ...opts,
      scripts: { 'build.sh': 'GOOS=linux GOARCH=amd64 go build -o out/app .' },
    });
    expect(wrong.map((f) => `${f.line} ${f.kind} ${f.platforms.join(',')}`)).toEqual([
      '4 build-arch-binary linux/arm64',
    ]);
    expect(wrong[0]?.message).toMatch(/GOARCH fixed to amd64/);
  });

  test('a script choosing GOARCH in branches on $TARGETPLATFORM builds for the target, when the stage declares it', () => {
    const script = lines(
      '#!/bin/sh',
      'if [ "$TARGETPLATFORM" = "linux/amd64" ]; then',
      '  export GOARCH=amd64',
      'elif [ "$TARGETPLATFORM" = "linux/arm64" ]; then',
      '  export GOARCH=arm64',
      'elif [ "$TARGETPLATFORM" = "linux/s390x" ]; then',
      '  export GOARCH=s390x',
      'fi',
      'go build -o bin/plugin ./cmd/plugin',
    );
    const file = (declare: boolean) =>
      lines(
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
        'COPY . /src',
        ...(declare ? ['ARG TARGETPLATFORM'] : []),
        'RUN cd /src && ./hack/build-go.sh',
        'FROM alpine',
        'COPY --from=build /src/bin/plugin /usr/bin/plugin',
      );
    expect(brief(file(true), { 'hack/build-go.sh': script })).toEqual([]);
    expect(brief(file(false), { 'hack/build-go.sh': script })).toEqual([
      '3 build-arch-binary ./hack/build-go.sh: go build',
    ]);
  });

  test('a script the RUN downloads and runs is a vendor installer, not a hidden compile', () => {
    const text = lines(
      'FROM ubuntu:22.04',
      'RUN wget https://example.invalid/llvm.sh && chmod +x llvm.sh && ./llvm.sh 16 all',
      'RUN ./build.sh',
    );
    expect(brief(text, {})).toEqual(['3 hidden-compile ./build.sh']);
  });

  test('running the binary just built (`./app version`) is not a hidden compile', () => {
    const text = emulated('go build -o app ./cmd/app') + '\nRUN ./app version';
    expect(brief(text, {})).toEqual(['4 emulated-compile go build']);
  });
});

describe('mayCompile: an unread script judged by its name and subcommand', () => {
  test.each([
    ['./build.sh', true],
    ['./do.sh gobuildstatic', true],
    ['./do.sh install', false],
    ['./do.sh goget', false],
    ['/usr/bin/jdk-download.sh', false],
    ['/mumble/scripts/choose_qt_version.sh', false],
    ['./scripts/install_qt.sh', false],
    ['./hack/make-rules.sh', true],
    ['./run.sh', true],
    ['bash hack/test-e2e.sh', false],
    ['./autogen.sh', false],
  ])('%s → %s', (run, want) => {
    const [call] = scriptCalls(run);
    expect(call && mayCompile(call)).toBe(want);
  });
});

describe('scriptCalls: what is a script run', () => {
  test.each([
    [
      'wget https://x.invalid/Miniforge3-Linux-$(uname -m).sh -O /tmp/mf.sh && /bin/bash /tmp/mf.sh -b',
      ['/bin/bash /tmp/mf.sh'],
    ],
    ['curl -fsSL -o get_helm.sh https://x.invalid/get-helm-3 && ./get_helm.sh', ['./get_helm.sh']],
    ['cd tools && ./build-all.sh linux', ['./build-all.sh']],
  ])('%s', (run, want) => {
    expect(scriptCalls(run).map((c) => c.label)).toEqual(want);
  });
});

describe('the context around the Dockerfile', () => {
  const file = lines(
    'FROM alpine:3.20',
    'ARG TARGETPLATFORM',
    'ARG BUILDPLATFORM',
    'RUN if [ "$BUILDPLATFORM" = "$TARGETPLATFORM" ]; then /app/version.sh; fi',
    'COPY app /usr/local/bin/app',
    'ENTRYPOINT ["/usr/local/bin/app"]',
  );

  test('one program copied from the context: every platform gets the same file, unless goreleaser builds the images', () => {
    expect(brief(file, {})).toEqual(['5 build-arch-binary COPY app']);
    const v1 = lines(
      'builds:',
      '  - goos: [linux]',
      'dockers:',
      '  - image_templates: ["x/app:{{ .Tag }}-amd64"]',
    );
    expect(brief(file, { '.goreleaser.yaml': v1 })).toEqual([]);
    expect(brief(file, { '.goreleaser.yml': 'builds:\n  - goos: [linux]\n' })).toEqual([
      '5 build-arch-binary COPY app',
    ]);
  });
});
