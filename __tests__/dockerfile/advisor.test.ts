import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  adviseEmulation,
  neededStages,
  normalizePlatform,
  type AdviseOptions,
} from '../../src/dockerfile/advisor.js';
import { compileSteps, compilerAfter } from '../../src/dockerfile/compile-steps.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';

const ROOT = join(import.meta.dirname, '../..');
const THREE = ['linux/amd64', 'linux/arm64', 'linux/s390x'];
const opts: AdviseOptions = { requested: THREE, native: ['linux/amd64', 'linux/386'] };
const lines = (...l: string[]): string => l.join('\n') + '\n';

/** [kind, line, stage, platforms, command] per finding */
function brief(text: string, o: AdviseOptions = opts): [string, number, string, string[], string][] {
  return adviseEmulation(parseDockerfile(text), o).map((f) => [
    f.kind,
    f.line,
    f.stage,
    f.platforms,
    f.command,
  ]);
}

describe('emulated compile steps', () => {
  test.each<[string, string, ReturnType<typeof brief>]>([
    [
      'single stage go build: emulated for the non-native platforms',
      lines('FROM golang:1.23', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /app .'),
      [['emulated-compile', 4, 'stage 0', ['linux/arm64', 'linux/s390x'], 'go build']],
    ],
    [
      'builder on $BUILDPLATFORM that cross-compiles: nothing to say',
      lines(
        'FROM --platform=$BUILDPLATFORM golang:1.23 AS build',
        'ARG TARGETOS TARGETARCH',
        'RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /app .',
        'FROM scratch',
        'COPY --from=build /app /app',
      ),
      [],
    ],
    [
      '--platform=$TARGETPLATFORM is emulated like no flag',
      lines(
        'FROM --platform=${TARGETPLATFORM} rust:1 AS b',
        'RUN cargo build --release',
        'FROM scratch',
        'COPY --from=b /t /t',
      ),
      [['emulated-compile', 2, 'b', ['linux/arm64', 'linux/s390x'], 'cargo build']],
    ],
    ['unused stage is ignored', lines('FROM gcc:13 AS unused', 'RUN make', 'FROM alpine', 'RUN echo hi'), []],
    [
      'stage reached through FROM <stage> and its platform inherited',
      lines('FROM gcc:13 AS deps', 'RUN make -C vendor', 'FROM deps AS app', 'RUN echo', 'FROM app'),
      [['emulated-compile', 2, 'deps', ['linux/arm64', 'linux/s390x'], 'make']],
    ],
    [
      'FROM <stage> of a $BUILDPLATFORM stage stays on the build platform',
      lines(
        'FROM --platform=$BUILDPLATFORM node:20 AS deps',
        'FROM deps AS app',
        'RUN npm ci',
        'FROM scratch',
        'COPY --from=app /a /a',
      ),
      [],
    ],
    [
      'stage reached only through RUN --mount=from=',
      lines(
        'FROM gcc:13 AS lib',
        'RUN gcc -shared -o /t/libx.so x.c',
        'FROM debian:12',
        'RUN --mount=from=lib,source=/t,target=/t cp /t/libx.so /usr/lib/',
      ),
      [['emulated-compile', 2, 'lib', ['linux/arm64', 'linux/s390x'], 'gcc']],
    ],
    [
      'stage referenced by index',
      lines('FROM gcc:13', 'RUN gcc -O2 -o /hello hello.c', 'FROM scratch', 'COPY --from=0 /hello /hello'),
      [['emulated-compile', 2, 'stage 0', ['linux/arm64', 'linux/s390x'], 'gcc']],
    ],
    [
      'ARG in FROM naming a stage, overridden by a build arg',
      lines(
        'ARG BUILDER=fast',
        'FROM golang AS slow',
        'RUN go build',
        'FROM --platform=$BUILDPLATFORM golang AS fast',
        'ARG TARGETARCH',
        'RUN GOARCH=$TARGETARCH go build',
        'FROM ${BUILDER}',
      ),
      // nothing emulated; the image is the build stage itself, so it holds the build machine's golang (#21 class 1)
      [
        [
          'build-arch-binary',
          4,
          'fast',
          ['linux/arm64', 'linux/s390x'],
          'FROM --platform=$BUILDPLATFORM golang',
        ],
      ],
    ],
    [
      'heredoc RUN script with a compile step, after continuations',
      lines(
        'FROM debian:12',
        'RUN apt-get update && \\',
        '    apt-get install -y gcc make',
        'RUN <<EOF',
        'set -e',
        'cd /src',
        'CC=gcc make -j2',
        'EOF',
      ),
      [['emulated-compile', 4, 'stage 0', ['linux/arm64', 'linux/s390x'], 'make']],
    ],
    [
      'a fixed foreign --platform is emulated for every target',
      lines('FROM --platform=linux/arm64 golang AS b', 'RUN go build', 'FROM scratch', 'COPY --from=b /a /a'),
      [['emulated-compile', 2, 'b', ['linux/arm64'], 'go build']],
    ],
    [
      'a platform given through an unknown ARG is not guessed',
      lines('ARG P', 'FROM --platform=$P golang AS b', 'RUN go build', 'FROM scratch', 'COPY --from=b /a /a'),
      [],
    ],
    [
      'dotnet publish; pip install where the stage installed a compiler',
      lines(
        'FROM mcr.microsoft.com/dotnet/sdk:8.0',
        'RUN dotnet publish -c Release -o /out',
        'RUN apt-get update && apt-get install -y gcc python3-dev',
        'RUN pip install -r requirements.txt',
      ),
      [
        ['emulated-compile', 2, 'stage 0', ['linux/arm64', 'linux/s390x'], 'dotnet publish'],
        ['emulated-compile', 4, 'stage 0', ['linux/arm64', 'linux/s390x'], 'pip install'],
      ],
    ],
    [
      'pip install and npm ci with no compiler in the stage: wheels and prebuilt packages, nothing compiled',
      lines('FROM python:3.12-slim', 'RUN pip install -r requirements.txt', 'FROM node:20', 'RUN npm ci'),
      [],
    ],
    [
      'maven: bytecode is the same for every platform',
      lines(
        'FROM maven:3 AS jar',
        'RUN mvn -B package',
        'FROM eclipse-temurin:21',
        'COPY --from=jar /t/app.jar /',
      ),
      [],
    ],
  ])('%s', (_name, text, want) => {
    expect(brief(text)).toEqual(want);
  });

  test('native platforms are never emulated; arm64/v8 and arm64 are the same platform', () => {
    const text = lines('FROM golang', 'RUN go build');
    expect(
      brief(text, { requested: ['linux/amd64', 'linux/arm64/v8'], native: ['linux/amd64', 'linux/arm64'] }),
    ).toEqual([]);
    expect(brief(text, { requested: ['linux/arm/v7'], native: ['linux/amd64'] })).toEqual([
      ['emulated-compile', 2, 'stage 0', ['linux/arm/v7'], 'go build'],
    ]);
  });

  test('--target picks the root stage', () => {
    const text = lines(
      'FROM golang AS build',
      'RUN go build',
      'FROM alpine AS small',
      'RUN echo',
      'FROM build',
    );
    expect(brief(text, { ...opts, target: 'small' })).toEqual([]);
    expect(brief(text).map((f) => f[1])).toEqual([2]);
  });

  test('the message names the platforms and the fix names the Go recipe', () => {
    const [f] = adviseEmulation(
      parseDockerfile(lines('FROM golang:1.23 AS build', 'RUN go build ./cmd/app')),
      opts,
    );
    expect(f?.message).toBe(
      'Dockerfile line 2 (stage "build"): `go build` runs under QEMU emulation for linux/arm64, linux/s390x; compiling under emulation is several times slower than cross-compiling',
    );
    expect(f?.fix).toContain('FROM --platform=$BUILDPLATFORM');
    expect(f?.fix).toContain('ARG TARGETOS TARGETARCH');
    expect(f?.fix).toContain('GOOS=$TARGETOS GOARCH=$TARGETARCH');
  });
});

describe('build-arch binaries from a $BUILDPLATFORM stage (the cluster-autoscaler v1.32.6 class)', () => {
  test.each<[string, string, ReturnType<typeof brief>]>([
    [
      'go build on $BUILDPLATFORM with no GOARCH',
      lines(
        'FROM --platform=$BUILDPLATFORM golang:1.23 AS build',
        'RUN CGO_ENABLED=0 go build -o /ca .',
        'FROM scratch',
        'COPY --from=build /ca /ca',
      ),
      [['build-arch-binary', 2, 'build', ['linux/arm64', 'linux/s390x'], 'go build']],
    ],
    [
      'ARG TARGETARCH declared but never reaching go build (v1.32.6: GOOS set, GOARCH forgotten)',
      lines(
        'FROM --platform=$BUILDPLATFORM golang:1.23 AS build',
        'ARG TARGETOS TARGETARCH',
        'RUN CGO_ENABLED=0 GOOS=$TARGETOS go build -o /ca .',
        'FROM scratch',
        'COPY --from=build /ca /ca',
      ),
      [['build-arch-binary', 3, 'build', ['linux/arm64', 'linux/s390x'], 'go build']],
    ],
    [
      'GOARCH set through ENV in the stage is fine',
      lines(
        'FROM --platform=$BUILDPLATFORM golang AS build',
        'ARG TARGETARCH',
        'ENV GOARCH=$TARGETARCH',
        'RUN go build -o /a .',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [],
    ],
    [
      'GOARCH set in the base stage is inherited',
      lines(
        'FROM --platform=$BUILDPLATFORM golang AS base',
        'ARG TARGETARCH',
        'ENV GOARCH=${TARGETARCH}',
        'FROM base AS build',
        'RUN go build -o /a .',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [],
    ],
    [
      'GOARCH in a heredoc script is fine',
      lines(
        'FROM --platform=$BUILDPLATFORM golang AS build',
        'ARG TARGETARCH',
        'RUN <<EOF',
        'export GOARCH="$TARGETARCH"',
        'go build -o /a .',
        'EOF',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [],
    ],
    [
      'Cluster Autoscaler v1.32.6: ARG GOARCH with no value, $GOARCH only in the -o path',
      lines(
        'FROM --platform=$BUILDPLATFORM golang:1.23 AS builder',
        'WORKDIR /workspace',
        'ARG GOARCH',
        'ARG LDFLAGS_FLAG',
        'COPY . .',
        'RUN CGO_ENABLED=0 GOOS=linux go build -o cluster-autoscaler-$GOARCH $LDFLAGS_FLAG',
        'FROM gcr.io/distroless/static:nonroot',
        'ARG GOARCH',
        'COPY --from=builder /workspace/cluster-autoscaler-$GOARCH /cluster-autoscaler',
      ),
      [['build-arch-binary', 6, 'builder', ['linux/arm64', 'linux/s390x'], 'go build']],
    ],
    [
      'GOARCH assigned from an ARG with no value is unset too',
      lines(
        'FROM --platform=$BUILDPLATFORM golang AS build',
        'ARG ARCH',
        'RUN GOARCH=$ARCH go build -o /a .',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [['build-arch-binary', 3, 'build', ['linux/arm64', 'linux/s390x'], 'go build']],
    ],
    [
      'echo $GOARCH sets nothing',
      lines(
        'FROM --platform=$BUILDPLATFORM golang AS build',
        'ARG TARGETARCH',
        'RUN echo "building for $GOARCH" && go build -o /a .',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [['build-arch-binary', 3, 'build', ['linux/arm64', 'linux/s390x'], 'go build']],
    ],
    [
      'ARG GOARCH=$TARGETARCH is fine',
      lines(
        'FROM --platform=$BUILDPLATFORM golang AS build',
        'ARG TARGETARCH',
        'ARG GOARCH=$TARGETARCH',
        'ENV GOARCH=$GOARCH',
        'RUN go build -o /a .',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [],
    ],
    [
      'an ARG passed on to GOARCH in the RUN is fine when it follows TARGETARCH',
      lines(
        'FROM --platform=$BUILDPLATFORM golang AS build',
        'ARG TARGETARCH',
        'ARG ARCH=${TARGETARCH:-amd64}',
        'RUN CGO_ENABLED=0 GOARCH=${ARCH} go build -o /a .',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [],
    ],
    [
      'GOARCH cut from TARGETPLATFORM is fine',
      lines(
        'FROM --platform=$BUILDPLATFORM golang AS build',
        'ARG TARGETPLATFORM',
        'RUN export GOARCH=$(echo $TARGETPLATFORM | cut -d/ -f2) && go build -o /a .',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [],
    ],
    [
      'xx-go --wrap is fine',
      lines(
        'FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx',
        'FROM --platform=$BUILDPLATFORM golang AS build',
        'COPY --from=xx / /',
        'ARG TARGETPLATFORM',
        'RUN xx-go --wrap && go build -o /a .',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [],
    ],
    [
      'TARGETARCH used but never declared in the stage is empty',
      lines(
        'FROM --platform=$BUILDPLATFORM golang AS build',
        'RUN GOARCH=$TARGETARCH go build -o /a .',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [['build-arch-binary', 2, 'build', ['linux/arm64', 'linux/s390x'], 'go build']],
    ],
    [
      'a hard-coded GOARCH=amd64 is wrong for every other target',
      lines(
        'FROM --platform=$BUILDPLATFORM golang AS build',
        'ENV GOARCH amd64',
        'RUN go build -o /a .',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [['build-arch-binary', 3, 'build', ['linux/arm64', 'linux/s390x'], 'go build']],
    ],
    [
      'a global ARG GOARCH=arm64 re-declared in the stage: arm64 binaries for amd64 and s390x',
      lines(
        'ARG GOARCH=arm64',
        'FROM --platform=$BUILDPLATFORM golang AS build',
        'ARG GOARCH',
        'RUN go build -o /a .',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [['build-arch-binary', 4, 'build', ['linux/amd64', 'linux/s390x'], 'go build']],
    ],
    [
      'cargo build without --target',
      lines(
        'FROM --platform=$BUILDPLATFORM rust AS build',
        'RUN cargo build --release',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [['build-arch-binary', 2, 'build', ['linux/arm64', 'linux/s390x'], 'cargo build']],
    ],
    [
      'cargo build --target from TARGETARCH is fine',
      lines(
        'FROM --platform=$BUILDPLATFORM rust AS build',
        'ARG TARGETARCH',
        'RUN T=$([ "$TARGETARCH" = arm64 ] && echo aarch64 || echo x86_64) && cargo build --release --target $T-unknown-linux-gnu',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [],
    ],
    [
      'cargo build --target fixed to one triple: the other platforms get that arch (zola style)',
      lines(
        'FROM --platform=$BUILDPLATFORM rust AS build',
        'RUN cargo build --release --target aarch64-unknown-linux-gnu',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [['build-arch-binary', 2, 'build', ['linux/amd64', 'linux/s390x'], 'cargo build']],
    ],
    [
      'only the build platform requested: no wrong binary possible',
      lines(
        'FROM --platform=$BUILDPLATFORM golang AS build',
        'RUN go build -o /a .',
        'FROM scratch',
        'COPY --from=build /a /a',
      ),
      [],
    ],
  ])('%s', (name, text, want) => {
    const o = name.startsWith('only the build platform') ? { ...opts, requested: ['linux/amd64'] } : opts;
    expect(brief(text, o)).toEqual(want);
  });

  test('the message says which platforms get which binaries', () => {
    const text = lines(
      'FROM --platform=$BUILDPLATFORM golang AS build',
      'RUN go build -o /a .',
      'FROM scratch',
      'COPY --from=build /a /a',
    );
    const [f] = adviseEmulation(parseDockerfile(text), opts);
    expect(f?.message).toContain('the images for linux/arm64, linux/s390x would get linux/amd64 binaries');
    expect(f?.fix).toContain('GOOS=$TARGETOS GOARCH=$TARGETARCH');
  });

  // #21: a wrong-arch finding says why and gives the fix that works for that file
  test.each([
    [
      'a default on ARG TARGETARCH in the stage',
      [
        'FROM --platform=$BUILDPLATFORM golang AS build',
        'ARG TARGETARCH=amd64',
        'RUN GOARCH=$TARGETARCH go build -o /a .',
      ],
      /GOARCH fixed to amd64 \(ARG TARGETARCH=amd64 \(line 2\) replaces the TARGETARCH BuildKit sets for each platform\)/,
      /^remove the default: ARG TARGETARCH without a value is each platform's own \(line 2\)$/,
    ],
    [
      'a global default, declared again in the stage',
      [
        'ARG TARGETARCH=arm64',
        'FROM --platform=$BUILDPLATFORM golang AS build',
        'ARG TARGETARCH',
        'RUN GOARCH=$TARGETARCH go build -o /a .',
      ],
      /GOARCH fixed to arm64 \(ARG TARGETARCH=arm64 \(line 1, a global ARG the stage declares again\)/,
      /^remove the default: .*\(line 1\)$/,
    ],
    [
      'TARGETARCH never declared in the stage',
      ['FROM --platform=$BUILDPLATFORM golang AS build', 'RUN GOARCH=$TARGETARCH go build -o /a .'],
      /GOARCH unset \(\$TARGETARCH is empty: the stage never declares ARG TARGETARCH\)/,
      /^declare ARG TARGETARCH in the stage/,
    ],
    [
      'GOARCH hard-coded in a target-platform stage',
      ['FROM golang AS build', 'RUN GOARCH=amd64 go build -o /a .'],
      /runs on each target platform with GOARCH fixed to amd64, so the images for linux\/arm64, linux\/s390x would get linux\/amd64 binaries/,
      /^drop the fixed GOARCH/,
    ],
  ])('%s', (_name, body, message, fix) => {
    const text = lines(...body, 'FROM scratch', 'COPY --from=build /a /a');
    const wrong = adviseEmulation(parseDockerfile(text), opts).filter((f) => f.kind === 'build-arch-binary');
    expect(wrong).toHaveLength(1);
    expect(wrong[0]?.message).toMatch(message);
    expect(wrong[0]?.fix).toMatch(fix);
  });

  test('the image itself built on $BUILDPLATFORM (or pinned): one finding at its FROM, naming what it builds there; scratch has no base', () => {
    const built = lines(
      'FROM --platform=$BUILDPLATFORM golang',
      'RUN go build -o /usr/bin/a .',
      'ENTRYPOINT ["/usr/bin/a"]',
    );
    // one cause, one finding: the image's FROM, naming the compile there too
    const f = adviseEmulation(parseDockerfile(built), opts);
    expect(f.map((x) => `${x.line} ${x.kind}`)).toEqual(['1 build-arch-binary']);
    expect(f[0]?.message).toMatch(
      /would hold linux\/amd64 files of golang \(its shell, libraries and tools\); what it builds or fetches there is too \(line 2: `go build`\)$/,
    );
    expect(f[0]?.fix).toMatch(/^drop --platform from the image's FROM/);
    // no compile of its own: the base finding
    const based = lines('FROM --platform=$BUILDPLATFORM golang', 'RUN apk add --no-cache curl');
    const b = adviseEmulation(parseDockerfile(based), opts);
    expect(b.map((x) => `${x.line} ${x.kind}`)).toEqual(['1 build-arch-binary']);
    expect(b[0]?.message).toMatch(/would hold linux\/amd64 files of golang/);
    const scratch = lines('FROM --platform=$BUILDPLATFORM scratch', 'COPY app /app');
    expect(adviseEmulation(parseDockerfile(scratch), opts)).toEqual([]);
    // only the build platform's arch requested: nothing wrong
    expect(adviseEmulation(parseDockerfile(built), { ...opts, requested: ['linux/amd64'] })).toEqual([]);
  });

  test('a GOARCH build-arg is one fixed arch for every platform', () => {
    const text = lines(
      'FROM --platform=$BUILDPLATFORM golang AS build',
      'ARG GOARCH',
      'RUN go build -o /a .',
      'FROM scratch',
      'COPY --from=build /a /a',
    );
    const [f] = adviseEmulation(parseDockerfile(text), { ...opts, buildArgs: { GOARCH: 'amd64' } });
    expect(f?.platforms).toEqual(['linux/arm64', 'linux/s390x']);
    expect(f?.message).toContain(
      'with GOARCH fixed to amd64, so the images for linux/arm64, linux/s390x would get linux/amd64 binaries',
    );
  });
});

test('a default-fixed TARGETARCH that only picks distribution packages picks nothing wrong; naming a file with it does (set 15)', () => {
  const two: AdviseOptions = { requested: ['linux/amd64', 'linux/arm64'], native: ['linux/amd64'] };
  const text = (run: string) =>
    lines(
      'ARG TARGETARCH=amd64',
      'FROM ubuntu:noble AS base',
      'ARG TARGETARCH',
      `RUN ${run}`,
      'FROM base',
      'ENTRYPOINT ["/usr/bin/tool"]',
    );
  // apt installs the build of the platform it runs on, whatever the test says (firmware-action's iucode-tool)
  expect(
    brief(
      text('apt-get update && if [ "${TARGETARCH}" = amd64 ]; then apt-get install -y iucode-tool; fi'),
      two,
    ),
  ).toEqual([]);
  expect(
    brief(text('curl -fsSL -o /usr/bin/tool https://example.com/tool-linux-${TARGETARCH}'), two).map((f) => [
      f[0],
      f[1],
    ]),
  ).toEqual([['build-arch-binary', 4]]);
});

test('the reference Dockerfile gets no findings for the three platforms', () => {
  const parsed = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  expect(adviseEmulation(parsed, opts)).toEqual([]);
  expect(
    adviseEmulation(parsed, { requested: ['linux/arm/v7', 'linux/ppc64le'], native: ['linux/amd64'] }),
  ).toEqual([]);
});

test('neededStages follows FROM, COPY --from and RUN --mount=from, and nothing else', () => {
  const p = parseDockerfile(
    lines(
      'FROM a AS x',
      'FROM b AS y',
      'FROM x AS z',
      'FROM c AS w',
      'FROM d',
      'COPY --from=z /a /a',
      'RUN --mount=from=w cat /b',
    ),
  );
  expect(neededStages(p, undefined, new Map()).map((s) => s.name ?? s.index)).toEqual(['x', 'z', 'w', 4]);
});

describe('compilerAfter: a compiler a later RUN removed is gone', () => {
  test.each<[string[], boolean]>([
    [['apk add --no-cache gcc musl-dev'], true],
    [
      [
        'apk add --no-cache --virtual build-deps gcc musl-dev && pip install -r r.txt && apk del --no-cache build-deps',
      ],
      false,
    ],
    [['apk add -t .deps build-base', 'pip install x', 'apk del .deps'], false],
    [['apt-get install -y build-essential', 'apt-get purge -y --auto-remove build-essential'], false],
    [['apt-get install -y build-essential', 'apt-get remove -y curl'], true],
    [['apk del .deps', 'apk add --virtual .deps gcc'], true],
    [['PKGS=() && PKGS+=(build-essential) && PKGS+=(git) && apt-get install -y "${PKGS[@]}"'], true],
    [['PKGS=(git curl) && apt-get install -y "${PKGS[@]}"'], false],
  ])('%j → %s', (scripts, want) => {
    expect(compilerAfter(scripts)).toBe(want);
  });
  test('in the advisor: an install in a stage built FROM one that removed its compiler compiles nothing', () => {
    const text = [
      'FROM python:3.12-alpine AS env',
      'RUN apk add --virtual build-deps gcc musl-dev && pip install -r r.txt && apk del build-deps',
      'FROM env AS docs',
      'RUN pip install sphinx',
    ].join('\n');
    const got = adviseEmulation(parseDockerfile(text), {
      requested: ['linux/arm64'],
      native: ['linux/amd64'],
      target: 'docs',
    });
    expect(got.map((f) => `${f.line} ${f.kind}`)).toEqual(['2 emulated-compile']);
  });
});

describe('compileSteps: command position only', () => {
  test.each([
    ['apt-get install -y gcc make golang', []],
    ['go build ./... && go test ./...', ['go build']],
    ['CGO_ENABLED=0 GOOS=linux go install ./cmd/x', ['go install']],
    ['cd /src; make -j$(nproc) && make install', ['make', 'make install']],
    // cmake's configure compiles and runs its test programs, as autotools' configure does (set 15: a RUN of its own)
    ['cmake -B b && cmake --build b', ['cmake', 'cmake --build']],
    ['cmake .. -G Ninja && ninja -j4 install', ['cmake', 'ninja']],
    ['cmake -DCMAKE_POLICY_VERSION_MINIMUM=3.5 -DENABLE_OPENSSL=ON ..', ['cmake']],
    ['cmake -E make_directory build && cmake --install build', []],
    ['cmake --version', []],
    // setuptools: build_ext compiles the extension modules (set 19); `setup.py --version` does nothing of the kind
    ['python3 setup.py build_ext --inplace -j 8', ['setup.py build_ext']],
    ['python setup.py bdist_wheel', ['setup.py bdist_wheel']],
    ['python3 setup.py --version', []],
    // the project's own gem, built from its gemspec and installed from the file (set 15)
    ['gem build app.gemspec && gem install ./app-*.gem --no-document', []],
    ['gem install pg_query -v 5.1.0', ['gem install']],
    // set 16: a command after options; test and bench build the package and its dependencies
    ['stack --no-terminal --install-ghc test --only-dependencies', ['stack test']],
    ['cabal v2-build all', ['cabal v2-build']],
    ['stack --version', []],
    ['pip --disable-pip-version-check install .', ['pip install']],
    ['pip install -U wheel setuptools-rust', []],
    ['debuild --no-sign --build=any | tee log', ['debuild']],
    ['meson setup b && meson compile -C b', ['meson compile']],
    ['${VCPKG_ROOT}/vcpkg install --triplet=x64-linux', ['vcpkg install']],
    ['bazel build //cmd:app && bazel test //...', ['bazel build']],
    ['cabal update && cabal install --only-dependencies', ['cabal install']],
    ['go install tool && go build ./cmd/x', ['go install', 'go build']],
    ['/usr/bin/gcc -o x x.c | tee log', ['gcc']],
    ['if true; then cargo build; fi', ['cargo build']],
    ['yarn --frozen-lockfile', ['yarn']],
    ['yarn build', []],
    ['npm run build', []],
    ['python3 -m pip install .', ['python3 -m pip install']],
    ['pip install --only-binary=:all: numpy', []],
    ['./gradlew bootJar', []],
    ['go install golang.org/x/tools/cmd/stringer@v0.20.0', ['go install']],
    // #21: product vs tool installs, build programs, dependency-only compiles
    ['cargo install --locked --path . --root /out', ['cargo install --path']],
    ['cargo install --path=crates/cli', ['cargo install --path']],
    ['cargo install cargo-chef --locked', ['cargo install']],
    ['cargo chef cook --release --recipe-path recipe.json', ['cargo chef cook']],
    ['cargo chef prepare --recipe-path recipe.json', []],
    ['cargo +nightly chef cook --release --recipe-path recipe.json', ['cargo chef cook']],
    ['cargo +nightly build --release --bin app', ['cargo build']],
    ['IPE_KEEP_SYSPKG_CACHE=1 install-php-extensions redis imagick intl', ['install-php-extensions']],
    ['ln -s /usr/local/lib /dist/lib/`gcc -dumpmachine` && cc --version', []],
    ['gcc -O2 -o app main.c', ['gcc']],
    ['cargo +nightly chef prepare --recipe-path recipe.json', []],
    ['go run build.go -o /out/app', ['go run']],
    ['uv sync --frozen --no-dev', ['uv sync']],
    ['uv pip install --system -r requirements.txt', ['uv pip install']],
    ['uv pip install --only-binary :all: numpy', []],
    ['poetry install --no-root', ['poetry install']],
    ['uv run pytest', []],
    // `-d`: download only, no build (both GOPATH and module mode)
    ['GOPATH=/go go get -d -v ./...', []],
    ['GOPATH=/go go get -v github.com/example/tool', ['go get']],
    ['cd /usr/local/go/src && ./make.bash', ['make.bash']],
    // set 17 (FrankenPHP builds): Caddy with plugins, compiled by go
    ['CGO_ENABLED=1 xcaddy build v2.10.0 --output /usr/local/bin/frankenphp --with ./', ['xcaddy build']],
    ['xcaddy version', []],
    ['npm rebuild && node-gyp rebuild', ['npm rebuild', 'node-gyp']],
    ['rustc -O main.rs', ['rustc']],
    ['echo go build', []],
    ['go version', []],
    ['sudo -E env CGO_ENABLED=0 go build .', ['go build']],
    // #21, the fourteenth set: interpreters named with their version, npm's aliases, more Python tools, native images
    ['/venv/bin/python${PYTHON_VERSION} -m pip install -r r.txt', ['python3 -m pip install']],
    ['python3.11 -m pip install .', ['python3 -m pip install']],
    ['pip3.12 install -r r.txt', ['pip3 install']],
    ['pythonista -m pip install x', []],
    ['npm clean-install --omit dev && npm ic', ['npm clean-install', 'npm ic']],
    ['hatch env create docker && hatch run test', ['hatch env']],
    ['pdm sync --prod', ['pdm sync']],
    ['mvn -B native:compile -P native', ['mvn (native image)']],
    ['./mvnw package -Pnative -DskipTests', ['mvnw (native image)']],
    ['mvn -B package -DskipTests', []],
    ['./gradlew nativeCompile && gradle build', ['gradlew (native image)']],
    ['native-image -jar app.jar app', ['native-image']],
  ])('%s', (script, want) => {
    expect(compileSteps(script).map((s) => s.command)).toEqual(want);
  });
});

test.each([
  ['linux/arm64/v8', 'linux/arm64'],
  ['arm64', 'linux/arm64'],
  ['linux/arm', 'linux/arm/v7'],
  ['linux/arm/v6', 'linux/arm/v6'],
  ['LINUX/AMD64', 'linux/amd64'],
  ['linux/amd64/v1', 'linux/amd64'],
  ['linux/amd64/v3', 'linux/amd64/v3'],
])('normalizePlatform(%s) = %s', (p, want) => {
  expect(normalizePlatform(p)).toBe(want);
});
