import { describe, expect, test } from 'vitest';
import { adviseEmulation, type AdviseOptions } from '../../src/dockerfile/advisor.js';
import { makeCalls, makeIncludes, renderMake, type MakeCall } from '../../src/dockerfile/make.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { makefileScripts, scriptPaths } from '../../src/dockerfile/scripts.js';

const lines = (...l: string[]) => l.join('\n');
const call = (targets: string[] = [], more: Partial<MakeCall> = {}): MakeCall => ({
  label: 'make',
  dir: '.',
  targets,
  overrides: new Map(),
  env: new Map(),
  ...more,
});

/** chamber's Makefile after its fix (set 15): `linux` builds the rule of the arch the caller names */
const PER_ARCH_RULES = lines(
  'linux: dist/app-$(VERSION)-linux-$(TARGETARCH)',
  '\tcp $^ app',
  'dist/app-$(VERSION)-linux-amd64:',
  '\tGOOS=linux GOARCH=amd64 go build -o $@',
  'dist/app-$(VERSION)-linux-arm64:',
  '\tGOOS=linux GOARCH=arm64 go build -o $@',
);

describe('makeCalls: every make a RUN runs, where and with what', () => {
  test.each([
    ['make', { dir: '.', targets: [], env: [], overrides: [] }],
    [
      'cd src && GOARCH=$TARGETARCH make -C cmd -j4 build VERSION="1.2"',
      {
        dir: 'src/cmd',
        targets: ['build'],
        env: [['GOARCH', '$TARGETARCH']],
        overrides: [['VERSION', '1.2']],
      },
    ],
    [
      'cd /go/src/app; gmake -f build.mk static',
      { dir: '/go/src/app', targets: ['static'], env: [], overrides: [] },
    ],
    [
      'env CGO_ENABLED=0 make -Cdeploy image',
      { dir: 'deploy', targets: ['image'], env: [['CGO_ENABLED', '0']], overrides: [] },
    ],
  ])('%s', (script, want) => {
    const [c] = makeCalls(script);
    expect(c && { dir: c.dir, targets: c.targets, env: [...c.env], overrides: [...c.overrides] }).toEqual(
      want,
    );
  });
  test('a script run after a cd is found where the cd left the shell', () => {
    const text = lines(
      'FROM debian',
      'COPY . /source',
      'RUN cd /source/helpers/ && ./install_x.sh && cd .. && sh tools/b.sh',
    );
    expect(scriptPaths(parseDockerfile(text))).toEqual(['helpers/install_x.sh', 'tools/b.sh']);
  });
  test('a part of the context copied on its own is found where it was copied', () => {
    const text = lines(
      'FROM debian',
      'COPY helpers /source/helpers',
      'COPY build.sh Makefile /usr/local/src/',
      'COPY go.mod ./',
      'WORKDIR /source/pdns',
      'RUN cd /source/helpers && ./install_q.sh && /usr/local/src/build.sh && make -C /usr/local/src',
    );
    expect(scriptPaths(parseDockerfile(text)).slice(0, 3)).toEqual([
      'helpers/install_q.sh',
      'build.sh',
      'Makefile',
    ]);
  });
  test('-f names the Makefile; no make, no call', () => {
    expect(makeCalls('make -f build.mk x')[0]?.file).toBe('build.mk');
    expect(makeCalls('cmake --build . && go build ./...')).toEqual([]);
  });
});

describe('renderMake: the shell text make runs, with the architecture knobs as GNU make sets them', () => {
  const go = 'build:\n\tGOARCH=$(GOARCH) go build -o bin/app .';
  test.each<[string, string, MakeCall, string]>([
    [
      'a recipe fixing the architecture',
      'static-linux:\n\t@GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build -o app .\n',
      call(['static-linux']),
      'GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build -o app .',
    ],
    [
      '?= keeps the environment: the stage may set it',
      `GOARCH ?= amd64\n${go}`,
      call(['build'], { stageNames: new Set(['GOARCH']) }),
      'GOARCH=${GOARCH:-amd64} go build -o bin/app .',
    ],
    [
      '?= where the stage names no such variable: the default',
      `GO ?= go\nGOARCH ?= amd64\nbuild:\n\tGOARCH=$(GOARCH) $(GO) build .`,
      call(['build'], { stageNames: new Set(['VERSION']) }),
      'GOARCH=amd64 go build .',
    ],
    [
      '?= keeps the call environment',
      `GOARCH ?= amd64\n${go}`,
      call(['build'], { env: new Map([['GOARCH', '$TARGETARCH']]) }),
      'export GOARCH=$TARGETARCH\nGOARCH=$TARGETARCH go build -o bin/app .',
    ],
    [
      ':= beats the environment; the command line beats both (and is exported)',
      `GOARCH := amd64\n${go}`,
      call(['build'], { overrides: new Map([['GOARCH', '$TARGETARCH']]) }),
      'export GOARCH=$TARGETARCH\nGOARCH=$TARGETARCH go build -o bin/app .',
    ],
    [
      ':= beats the environment',
      `GOARCH := amd64\n${go}`,
      call(['build'], { env: new Map([['GOARCH', 'arm64']]) }),
      'export GOARCH=amd64\nGOARCH=amd64 go build -o bin/app .',
    ],
    [
      'go env GOARCH is the environment (the stage may set it)',
      `GOARCH ?= $(shell go env GOARCH)\n${go}`,
      call([], { stageNames: new Set(['GOARCH']) }),
      'GOARCH=${GOARCH} go build -o bin/app .',
    ],
    [
      'go env GOARCH with no GOARCH in the environment: the build machine',
      `GOARCH ?= $(shell go env GOARCH)\n${go}`,
      call(),
      'GOARCH= go build -o bin/app .',
    ],
    [
      'uname -m is the build machine',
      `ARCH := $(shell uname -m)\nbuild:\n\tGOARCH=$(ARCH) go build .`,
      call(),
      'GOARCH= go build .',
    ],
    [
      'the first target is the goal; prerequisites first; $(MAKE) followed; $$ is $',
      lines(
        'all: gen bin',
        'gen:',
        '\tgo generate ./...',
        'bin:',
        '\t-$(MAKE) inner',
        'inner:',
        '\tfor f in a b; do echo $$f; done',
      ),
      call(),
      'go generate ./...\nfor f in a b; do echo $f; done',
    ],
    [
      'a recursive make given an environment: its recipes see it (tendermint build-linux)',
      lines(
        'build:',
        '\tgo build -o build/app ./cmd/app',
        'build-linux:',
        '\tGOOS=linux GOARCH=amd64 $(MAKE) build',
      ),
      call(['build-linux']),
      'export GOOS=linux GOARCH=amd64\ngo build -o build/app ./cmd/app',
    ],
    [
      'an exported Makefile variable reaches the recipes',
      'export GOARCH = amd64\nall:\n\tgo build ./cmd/x',
      call(),
      'export GOARCH=amd64\ngo build ./cmd/x',
    ],
    [
      'conditionals: a decided one takes its branch',
      lines(
        'OS := linux',
        'ifeq ($(OS),darwin)',
        'ARCH = arm64',
        'else',
        'ARCH = amd64',
        'endif',
        'b:',
        '\tGOARCH=$(ARCH) go build',
      ),
      call(),
      'GOARCH=amd64 go build',
    ],
    [
      'a target-specific assignment and .DEFAULT_GOAL',
      '.DEFAULT_GOAL := two\none:\n\techo one\ntwo:\n\techo two',
      call(),
      'echo two',
    ],
    [
      'an unknown function stays as written',
      'V = $(word 2,$(subst /, ,$(P)))\nx:\n\techo $(V)',
      call(),
      'echo $(word 2,)',
    ],
    [
      'a conditional on the machine (uname -m): what its branches set is the machine arch',
      lines(
        'LOCAL_ARCH ?= $(shell uname -m)',
        'ifneq ($(GOARCH),)',
        '    TARGET_ARCH ?= $(GOARCH)',
        'else ifeq ($(LOCAL_ARCH),x86_64)',
        '    TARGET_ARCH ?= amd64',
        'else ifeq ($(shell echo $(LOCAL_ARCH) | head -c 5),armv8)',
        '    TARGET_ARCH ?= arm64',
        'endif',
        'b:',
        '\tGOARCH=$(TARGET_ARCH) go build',
      ),
      call(),
      'GOARCH= go build',
    ],
    [
      'the same Makefile with GOARCH given',
      'ifneq ($(GOARCH),)\n TARGET_ARCH ?= $(GOARCH)\nelse ifeq ($(shell uname -m),x86_64)\n TARGET_ARCH ?= amd64\nendif\nb:\n\tGOARCH=$(TARGET_ARCH) go build',
      call([], { env: new Map([['GOARCH', '$TARGETARCH']]) }),
      'GOARCH=$TARGETARCH go build',
    ],
    [
      'export alone exports every variable; unexport takes one back; += appends; != is a shell',
      lines('export', 'A = x', 'B = y', 'unexport B', 'A += z', 'C != uname -s', 'all:', '\techo $(C)'),
      call(),
      'export A=x z\nexport C=$(uname -s)\necho $(uname -s)',
    ],
    [
      'ifdef / ifndef on what the Makefile or the command line defines; define blocks are skipped',
      lines(
        'V = 1',
        'ifdef V',
        'X = yes',
        'endif',
        'ifndef W',
        'Y = no-w',
        'endif',
        'define BLOCK',
        'GOARCH=amd64',
        'endef',
        'all:',
        '\techo $(X) $(Y)',
      ),
      call(),
      'echo yes no-w',
    ],
    [
      'an inline recipe after a semicolon; a target-specific variable is not a prerequisite',
      lines('all: build ; echo done', 'build: GOFLAGS = -trimpath', 'build:', '\tgo build $(GOFLAGS) .'),
      call(),
      'go build  .\necho done',
    ],
    [
      '$(strip), ${VAR} and $X (a one-letter name) forms',
      lines('X = amd64', 'S = $(strip  a   b )', 'all:', '\techo ${X} $X $(S)'),
      call(),
      'echo amd64 amd64 a b',
    ],
    [
      '$(call) binds its arguments',
      'BUILD = GOARCH=$(2) go build -o $(1) .\nx:\n\t$(call BUILD,bin/app,amd64)',
      call(),
      'GOARCH=amd64 go build -o bin/app .',
    ],
    [
      // set 15 (chamber): `linux: dist/app-$(VERSION)-linux-$(TARGETARCH)` with a rule per arch, TARGETARCH given by the
      // Dockerfile: each platform runs its own rule, read with the variable in place of the value
      'a goal named by the stage variable, the Makefile having a rule for each value',
      PER_ARCH_RULES,
      call(['linux'], {
        overrides: new Map([
          ['VERSION', '${VERSION}'],
          ['TARGETARCH', '${TARGETARCH}'],
        ]),
        stageNames: new Set(['VERSION', 'TARGETARCH']),
      }),
      lines(
        'export VERSION=${VERSION}',
        'export TARGETARCH=${TARGETARCH}',
        'GOOS=linux GOARCH=${TARGETARCH} go build -o dist/app-${VERSION}-linux-${TARGETARCH}',
        'cp dist/app-${VERSION}-linux-${TARGETARCH} app',
      ),
    ],
    [
      'no rule for any value: nothing to run',
      lines(
        'linux: dist/app-linux-$(TARGETARCH)',
        '\tcp $^ app',
        'dist/app-darwin-arm64:',
        '\tgo build -o $@',
      ),
      call(['linux'], {
        overrides: new Map([['TARGETARCH', '${TARGETARCH}']]),
        stageNames: new Set(['TARGETARCH']),
      }),
      lines('export TARGETARCH=${TARGETARCH}', 'cp dist/app-linux-${TARGETARCH} app'),
    ],
  ])('%s', (_, text, c, want) => {
    expect(renderMake(text, c)).toBe(want);
  });
  test('includes are read through the callback (bounded)', () => {
    const files: Record<string, string> = { 'common.mk': 'GOARCH ?= amd64', 'loop.mk': 'include loop.mk' };
    expect(makeIncludes('include common.mk\n-include $(X).mk\nsinclude a.mk b.mk')).toEqual([
      'common.mk',
      'a.mk',
      'b.mk',
    ]);
    expect(renderMake(`include common.mk loop.mk\n${go}`, call(), (p) => files[p])).toBe(
      'GOARCH=amd64 go build -o bin/app .',
    );
  });
});

describe('the advisor follows make into the Makefile it is given (#21)', () => {
  const opts: AdviseOptions = { requested: ['linux/amd64', 'linux/arm64'], native: ['linux/amd64'] };
  const brief = (text: string, scripts: Record<string, string>) =>
    adviseEmulation(parseDockerfile(text), { ...opts, scripts }).map(
      (f) => `${f.line} ${f.kind} ${f.platforms.join(',')}`,
    );
  const cross = (run: string) =>
    lines(
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      'ARG TARGETARCH',
      'WORKDIR /src',
      'COPY . .',
      `RUN ${run}`,
      'FROM alpine',
      'COPY --from=build /src/app /app',
    );
  test.each<[string, string, string, Record<string, string>, string[]]>([
    [
      // set 15 (chamber before its fix): the per-arch name is copied to the one the image takes
      'a recipe building one arch-named file, copied by make to the name the image copies, per platform',
      lines(
        'FROM golang:1.13-alpine AS build',
        'WORKDIR /src',
        'COPY . .',
        'ARG VERSION',
        'RUN make linux VERSION=${VERSION}',
        'FROM scratch',
        'COPY --from=build /src/app /app',
      ),
      'Makefile',
      {
        Makefile: lines(
          'linux: dist/app-$(VERSION)-linux-amd64',
          '\tcp $^ app',
          'dist/app-$(VERSION)-linux-amd64:',
          '\tGOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build -o $@',
        ),
      },
      ['5 emulated-compile linux/arm64', '5 build-arch-binary linux/arm64'],
    ],
    [
      'the same with the arch from TARGETARCH (the fix): one rule per arch, an emulated compile only',
      lines(
        'FROM golang:1.13-alpine AS build',
        'WORKDIR /src',
        'COPY . .',
        'ARG TARGETARCH',
        'ARG VERSION',
        'RUN make linux VERSION=${VERSION} TARGETARCH=${TARGETARCH}',
        'FROM scratch',
        'COPY --from=build /src/app /app',
      ),
      'Makefile',
      {
        Makefile: PER_ARCH_RULES,
      },
      ['6 emulated-compile linux/arm64'],
    ],
    [
      // set 15 (escalator): `ENVVAR ?= CGO_ENABLED=0` and `ARCH` from TARGETPLATFORM by $(if …)
      'a variable of assignments before GOARCH=$(if …) from the platform, on the build platform',
      lines(
        'FROM --platform=$BUILDPLATFORM golang:1.24 AS build',
        'ARG TARGETPLATFORM',
        'ARG ENVVAR=CGO_ENABLED=0',
        'WORKDIR /src',
        'COPY . .',
        'RUN make build ENVVAR=$ENVVAR',
        'FROM alpine',
        'COPY --from=build /src/app /app',
      ),
      'Makefile',
      {
        Makefile: lines(
          'ENVVAR ?= CGO_ENABLED=0',
          'ARCH=$(if $(TARGETPLATFORM),$(lastword $(subst /, ,$(TARGETPLATFORM))),amd64)',
          'app:',
          '\t$(ENVVAR) GOARCH=$(ARCH) go build -o app .',
          'build: app',
        ),
      },
      [],
    ],
    [
      // set 17 (celestia-node): the prefix is the first make's environment only; the second builds cel-key (named after
      // its package: no -o) for the build machine, and the image copies it
      'GOARCH=$TARGETARCH before one make of two: the other one builds for the build machine',
      lines(
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
        'ARG TARGETOS TARGETARCH',
        'WORKDIR /src',
        'COPY . .',
        'RUN GOOS=${TARGETOS} GOARCH=${TARGETARCH} make build && make cel-key',
        'FROM alpine',
        'COPY --from=build /src/build/celestia /bin/celestia',
        'COPY --from=build /src/./cel-key /bin/cel-key',
      ),
      'Makefile',
      { Makefile: 'build:\n\tgo build -o build/ ./cmd/celestia\ncel-key:\n\tgo build ./cmd/cel-key' },
      ['5 build-arch-binary linux/arm64'],
    ],
    [
      'the same with the prefix on both makes: correct',
      lines(
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
        'ARG TARGETOS TARGETARCH',
        'WORKDIR /src',
        'COPY . .',
        'RUN GOARCH=${TARGETARCH} make build && GOARCH=${TARGETARCH} make cel-key && make install',
        'FROM alpine',
        'COPY --from=build /src/build/celestia /bin/celestia',
        'COPY --from=build /src/./cel-key /bin/cel-key',
      ),
      'Makefile',
      {
        Makefile:
          'build:\n\tgo build -o build/ ./cmd/celestia\ncel-key:\n\tgo build ./cmd/cel-key\ninstall:\n\tinstall -m 755 build/celestia /usr/local/bin/',
      },
      [],
    ],
    [
      'a recipe with GOARCH=amd64 on the build platform',
      cross('make static-linux'),
      'Makefile',
      { Makefile: 'static-linux:\n\tGOOS=linux GOARCH=amd64 go build -o app .' },
      ['5 build-arch-binary linux/arm64'],
    ],
    [
      'a recipe re-running make with GOARCH=amd64, in a stage built per platform from the whole context (`COPY /`)',
      lines(
        'FROM golang:1.22-alpine AS build',
        'COPY / /src',
        'WORKDIR /src',
        'RUN make build-linux',
        'FROM alpine',
        'COPY --from=build /src/build/app /app',
      ),
      'Makefile',
      {
        Makefile:
          'build:\n\tgo build -o build/app ./cmd/app\nbuild-linux:\n\tGOOS=linux GOARCH=amd64 $(MAKE) build',
      },
      ['4 emulated-compile linux/arm64', '4 build-arch-binary linux/arm64'],
    ],
    [
      'a loop building every arch of a list; the image copies its own by $TARGETARCH',
      lines(
        'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
        'WORKDIR /src',
        'COPY . .',
        'RUN make build-multiarch',
        'FROM alpine',
        'ARG TARGETOS',
        'ARG TARGETARCH',
        'COPY --from=build /src/bin/app-$TARGETOS-$TARGETARCH /app',
      ),
      'Makefile',
      {
        Makefile:
          'ARCHS ?= arm64 amd64 arm\nbuild-multiarch:\n\tfor arch in $(ARCHS); do \\\n\t\tGOOS=linux GOARCH=$${arch} go build -o "bin/app-linux-$${arch}" . ;\\\n\tdone',
      },
      [],
    ],
    [
      'the target arch passed on the command line',
      cross('make build GOARCH=$TARGETARCH'),
      'Makefile',
      { Makefile: `GOARCH ?= amd64\nbuild:\n\tGOARCH=$(GOARCH) go build -o app .` },
      [],
    ],
    [
      'the target arch in make environment',
      cross('GOARCH=$TARGETARCH make'),
      'Makefile',
      { Makefile: 'build:\n\tgo build -o app .' },
      [],
    ],
    [
      'a default no one overrides',
      cross('make'),
      'Makefile',
      { Makefile: `ARCH ?= amd64\nbuild:\n\tGOARCH=$(ARCH) go build -o app .` },
      ['5 build-arch-binary linux/arm64'],
    ],
    [
      'the build machine by uname -m',
      cross('make -C src'),
      'src/Makefile',
      { 'src/Makefile': 'A := $(shell uname -m)\nb:\n\tGOARCH=$(A) go build -o ../app .' },
      ['5 build-arch-binary linux/arm64'],
    ],
    [
      'an agent per OS whose GOOS make fills from $@, GOARCH fixed, the image copying it by a pattern (a tracing agent before its fix)',
      lines(
        'FROM golang:1.18 AS builder',
        'WORKDIR /src',
        'COPY . .',
        'RUN make -C tools/agent linux',
        'FROM golang:1.20',
        'COPY --from=builder /src/bin/agent*linux* /usr/local/bin/agent',
      ),
      'tools/agent/Makefile',
      {
        'tools/agent/Makefile': [
          'ARCH ?= amd64',
          'OUT_DIR := $(dir $(realpath $(firstword $(MAKEFILE_LIST))))../../bin',
          'PLATFORMS := linux darwin',
          'os = $(word 1, $@)',
          '$(PLATFORMS):',
          '\tmkdir -p $(OUT_DIR)',
          '\tGOOS=$(os) GOARCH=$(ARCH) go build -o $(OUT_DIR)/agent-$(os)-$(ARCH) ./cmd',
        ].join('\n'),
      },
      ['4 emulated-compile linux/arm64', '4 build-arch-binary linux/arm64'],
    ],
    [
      'a recipe running a context script that builds through ${GO} (an injector webhook)',
      lines('FROM golang:1.26-alpine AS builder', 'WORKDIR /src', 'COPY . .', 'RUN make'),
      'Makefile',
      {
        Makefile:
          '.DEFAULT_GOAL := default\ndefault :\n\tbash scripts/build.sh\nimage :\n\tscripts/build-image.sh',
        'scripts/build.sh': 'GO=${GO:-go}\nGOOS=${GOOS:-linux}\n${GO} build -o bin/webhook ./cmd/webhook',
      },
      ['4 emulated-compile linux/arm64'],
    ],
    [
      'a context script run only in the arm64 branch fetches for arm64 alone; the undeclared ARG is the one cause',
      lines(
        'FROM debian:bookworm AS build',
        'COPY arm64-fix/libs.sh arm64-fix/libs.sh',
        'RUN if [ "$TARGETARCH" = "arm64" ]; then bash arm64-fix/libs.sh; else echo skip; fi',
        'FROM alpine',
        'COPY --from=build /opt/lib /opt/lib',
      ),
      'arm64-fix/libs.sh',
      {
        'arm64-fix/libs.sh':
          'curl -fsSLo /tmp/l.zip https://example.org/native-linux-aarch64.zip\nunzip /tmp/l.zip -d /opt/lib',
      },
      ['3 build-arch-binary linux/arm64'],
    ],
    [
      'a make that only bundles is no emulated compile',
      lines('FROM node:20', 'WORKDIR /app', 'COPY . .', 'RUN make dist'),
      'Makefile',
      { Makefile: 'dist:\n\tnpx vite build' },
      [],
    ],
    [
      'a make that compiles under emulation, named through make',
      lines('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN make'),
      'Makefile',
      { Makefile: 'all:\n\tgo build -o app .' },
      ['4 emulated-compile linux/arm64'],
    ],
  ])('%s', (_, dockerfile, path, scripts, want) => {
    expect(scriptPaths(parseDockerfile(dockerfile))).toContain(path);
    expect(brief(dockerfile, scripts)).toEqual(want);
  });
  test('a RUN bind-mounting the context reads its Makefile; a scripts-directory program is a script', () => {
    const text = lines(
      'FROM --platform=$BUILDPLATFORM golang AS b',
      'ARG TARGETARCH',
      'WORKDIR /src',
      'RUN --mount=type=bind,target=/src make GOARCH=${TARGETARCH} operator && .ci/build && linux/arm64',
      'FROM scratch',
      'COPY --from=b /src/operator /operator',
    );
    expect(scriptPaths(parseDockerfile(text))).toEqual(['.ci/build', 'GNUmakefile', 'makefile', 'Makefile']);
    const mk =
      'TARGET_ARCH ?= $(shell uname -m)\noperator:\n\tGOARCH=$(TARGET_ARCH) go build -o operator ./operator';
    expect(brief(text, { Makefile: mk }).map((f) => f.split(' ').slice(0, 2).join(' '))).toEqual([
      '4 build-arch-binary',
    ]);
  });
  test('a platform ARG a read script uses is seen: the stage builds for the target', () => {
    const text = lines(
      'FROM --platform=$BUILDPLATFORM rust:1.83 AS build',
      'ARG TARGETPLATFORM',
      'COPY cross-arch-build.sh /build/cross-arch-build.sh',
      'WORKDIR /build',
      'RUN ./cross-arch-build.sh',
      'FROM alpine',
      'COPY --from=build /build/weaver /weaver/weaver',
      'ENTRYPOINT ["/weaver/weaver"]',
    );
    const script =
      'case "$TARGETPLATFORM" in linux/arm64) T=aarch64-unknown-linux-gnu ;; *) T=x86_64-unknown-linux-gnu ;; esac\ncp target/$T/release/weaver weaver';
    expect(brief(text, { 'cross-arch-build.sh': script })).toEqual([]);
    expect(brief(text, { 'cross-arch-build.sh': 'cp prebuilt/weaver weaver' })).toEqual([
      '7 build-arch-binary linux/arm64',
    ]);
  });
  test('a Makefile the stage never copied (sources it fetched) is not the context one', () => {
    const fetched = lines(
      'FROM buildpack-deps:bookworm',
      'RUN curl -fsSLO https://x/y.tgz && tar xzf y.tgz',
      'WORKDIR /y',
      'RUN make',
    );
    expect(brief(fetched, { Makefile: 'all:\n\tnpx vite build' })).toEqual([
      '4 emulated-compile linux/arm64',
    ]);
    const copied = lines('FROM golang', 'WORKDIR /y', 'COPY Makefile go.mod ./', 'RUN make deps');
    expect(brief(copied, { Makefile: 'deps:\n\tgo mod download' })).toEqual([]);
  });
  test('make install after the stage compiled copies what was built; alone it compiles', () => {
    const twice = lines('FROM buildpack-deps:bookworm', 'WORKDIR /src', 'RUN make', 'RUN make install');
    expect(brief(twice, {})).toEqual(['3 emulated-compile linux/arm64']);
    expect(brief(lines('FROM buildpack-deps:bookworm', 'RUN make -C /src install'), {})).toEqual([
      '2 emulated-compile linux/arm64',
    ]);
    const elsewhere = lines(
      'FROM buildpack-deps:bookworm',
      'RUN cd /a && make',
      'RUN cd /b/build && make install',
    );
    expect(brief(elsewhere, {})).toEqual([
      '2 emulated-compile linux/arm64',
      '3 emulated-compile linux/arm64',
    ]);
  });
  test('on a plain distribution image with no compiler installed, make and configure build nothing native', () => {
    const perl = (packages: string) =>
      lines(
        'FROM debian:bookworm-slim',
        `RUN apt-get update && apt-get install -y ${packages}`,
        'COPY check_health /src',
        'RUN cd /src && autoreconf && ./configure && make && make install',
      );
    expect(brief(perl('autoconf automake make'), {})).toEqual([]);
    expect(brief(perl('autoconf automake make gcc'), {})).toEqual(['4 emulated-compile linux/arm64']);
    expect(brief(lines('FROM buildpack-deps:bookworm', 'RUN ./configure && make'), {})).toEqual([
      '2 emulated-compile linux/arm64',
    ]);
  });
  test('a script run with a subcommand runs that function (and the ones it calls), not the whole script', () => {
    const doSh = lines(
      '#!/bin/sh',
      'goget () {',
      '  go mod download',
      '}',
      '_ldflags() {',
      '  go build -ldflags "$1" .',
      '}',
      'function static {',
      '  CGO_ENABLED=0 _ldflags -s',
      '}',
      'case "$1" in goget|static) "$@" ;; esac',
    );
    const text = lines(
      'FROM golang',
      'WORKDIR /app',
      'COPY . .',
      'RUN ./do.sh goget',
      'RUN ./do.sh static',
      'RUN ./do.sh other',
    );
    expect(brief(text, { 'do.sh': doSh })).toEqual([
      '5 emulated-compile linux/arm64',
      '6 emulated-compile linux/arm64',
    ]);
  });
  test('without the Makefile, make stays what it was (an emulated C compile)', () => {
    expect(brief(lines('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN make'), {})).toEqual([
      '4 emulated-compile linux/arm64',
    ]);
  });
});

describe('makefileScripts: the context scripts the recipes of a Makefile run', () => {
  test('relative to the Makefile, not absolute or variable paths', () => {
    const mk = 'default:\n\tbash scripts/build.sh\n\t./hack/gen.sh x\n\t/usr/bin/tool.sh\n\t$(SCRIPTS)/a.sh';
    expect(makefileScripts('tools/agent/Makefile', mk)).toEqual([
      'tools/agent/scripts/build.sh',
      'tools/agent/hack/gen.sh',
    ]);
  });
});
