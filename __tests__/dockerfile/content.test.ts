import { describe, expect, test } from 'vitest';
import { copyFindings, fixedArchPick, programsOf, wrongArchMappings } from '../../src/dockerfile/content.js';
import { archesNamed, imageArch } from '../../src/dockerfile/goarch.js';
import { copyArgs, parseDockerfile } from '../../src/dockerfile/parse.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('archesNamed', () => {
  test.each([
    ['dist/linux-amd64/app', ['amd64']],
    ['app-linux-x86_64.tar.gz', ['amd64']],
    ['x86_64-unknown-linux-gnu/release/app', ['amd64']],
    ['https://example.invalid/tool_aarch64.deb', ['arm64']],
    ['out/arm64/app', ['arm64']],
    ['app-armv7', ['arm']],
    ['s390x/app', ['s390x']],
    ['bin/app', []],
    ['samd64x/app', []],
    ['release-v386/app', []],
    ['amd64-and-arm64/app', ['amd64', 'arm64']],
  ])('%s', (text, arches) => {
    expect([...archesNamed(text)].sort()).toEqual(arches);
  });
});

describe('imageArch', () => {
  test.each([
    ['ghcr.io/home-assistant/amd64-base:3.22', 'amd64'],
    ['arm64v8/alpine:3.20', 'arm64'],
    ['amd64/debian:bookworm', 'amd64'],
    ['docker.io/arm32v7/debian', 'arm'],
    ['example.com/app:1.2-arm64', 'arm64'],
    ['registry.amd64.example:5000/app:1.2', undefined],
    ['alpine:3.20', undefined],
    ['tonistiigi/xx:1.4', undefined],
    ['multi/amd64-arm64-base:1', undefined],
    ['alpine@sha256:' + 'a'.repeat(64), undefined],
  ])('%s → %s', (image, arch) => {
    expect(imageArch(image)).toBe(arch);
  });
});

describe('copyArgs', () => {
  test.each([
    ['COPY a b /dest/', ['a', 'b'], '/dest/'],
    ['COPY ["a b", "/dest"]', ['a b'], '/dest'],
    ['ADD "./app" /usr/local/bin/app', ['./app'], '/usr/local/bin/app'],
    ['COPY [not json /x', ['[not', 'json'], '/x'],
  ])('%s', (text, sources, dest) => {
    const ins = parseDockerfile(`FROM scratch\n${text}\n`).stages[0]?.instructions[0];
    expect(ins && copyArgs(ins)).toEqual({ sources, dest });
  });
});

test('programsOf: the first word of ENTRYPOINT and CMD in the image chain, exec and shell form', () => {
  const parsed = parseDockerfile(
    lines(
      'FROM alpine AS base',
      'ENTRYPOINT ["/sbin/tini", "--"]',
      'FROM base',
      'CMD /usr/local/bin/server --port 80',
    ),
  );
  expect([...programsOf(parsed, parsed.stages[1], new Map())].sort()).toEqual(['server', 'tini']);
});

describe('copyFindings', () => {
  const scope = (text: string, platforms = ['linux/amd64', 'linux/arm64']) => {
    const parsed = parseDockerfile(text);
    const stage = parsed.stages[parsed.stages.length - 1];
    const ins = stage?.instructions.find((i) => i.keyword === 'COPY' || i.keyword === 'ADD');
    if (!stage || !ins) throw new Error('no COPY');
    const s = {
      parsed,
      vars: new Map(),
      buildArgs: {},
      platforms,
      programs: programsOf(parsed, stage, new Map()),
      perTarget: !/--platform=\$BUILDPLATFORM/.test(text),
    };
    return copyFindings(s, stage, ins).map((f) => [f.line, f.platforms, f.command]);
  };
  test.each<[string, string, unknown[]]>([
    [
      'a platform ARG default picks the amd64 file for arm64',
      lines('FROM alpine', 'ARG TARGETARCH=amd64', 'COPY app-$TARGETARCH /app'),
      [[3, ['linux/arm64'], 'COPY app-$TARGETARCH']],
    ],
    [
      'the declared platform ARG is each platform’s',
      lines('FROM alpine', 'ARG TARGETARCH', 'COPY app-$TARGETARCH /app'),
      [],
    ],
    [
      '${TARGETARCH:+amd64/} is amd64/ whenever set',
      lines('FROM alpine', 'ARG TARGETARCH', 'COPY dist/${TARGETARCH:+amd64/}app /app'),
      [[3, ['linux/arm64'], 'COPY dist/${TARGETARCH:+amd64/}app']],
    ],
    [
      'a path ARG built from a project ARCH',
      lines('FROM alpine', 'ARG ARCH=amd64', 'ARG BIN=out/${ARCH}/app', 'COPY ${BIN} /app'),
      [[4, ['linux/arm64'], 'COPY ${BIN}']],
    ],
    [
      'an ADD of a fixed-arch URL',
      lines('FROM alpine', 'ADD https://example.invalid/tool-linux-amd64 /usr/bin/tool'),
      [[2, ['linux/arm64'], 'ADD https://example.invalid/tool-linux-amd64']],
    ],
    [
      'one program for every platform: what the image runs, from a bin directory',
      lines('FROM alpine', 'COPY build/app /usr/local/bin/', 'ENTRYPOINT ["app"]'),
      [[2, ['linux/amd64', 'linux/arm64'], 'COPY build/app']],
    ],
    [
      'a file in a bin directory the image does not run: scripts without an extension live there too',
      lines('FROM alpine', 'COPY app-support /usr/local/bin/', 'ENTRYPOINT ["/usr/local/bin/app.sh"]'),
      [],
    ],
    [
      'one program for every platform: what the image runs',
      lines('FROM alpine', 'ARG BINARY=target/release/srv', 'COPY ${BINARY} /srv', 'ENTRYPOINT ["/srv"]'),
      [[3, ['linux/amd64', 'linux/arm64'], 'COPY target/release/srv']],
    ],
    ['one platform only: nothing', lines('FROM alpine', 'COPY app /usr/bin/app'), []],
    [
      'a script, a config, a directory, a glob',
      lines('FROM alpine', 'COPY run.sh conf.yaml lib/ bin/* /usr/bin/'),
      [],
    ],
    [
      'an extensionless entrypoint script',
      lines('FROM alpine', 'COPY docker-entrypoint /usr/local/bin/'),
      [],
    ],
    [
      'a heredoc',
      lines('FROM alpine', 'COPY --chmod=755 <<EOF /start', '#!/bin/sh', 'EOF', 'ENTRYPOINT ["/start"]'),
      [],
    ],
    [
      'the project’s sources in a $BUILDPLATFORM build stage, named like the program',
      lines('FROM --platform=$BUILDPLATFORM sdk', 'COPY App App', 'ENTRYPOINT ["App"]'),
      [],
    ],
    ['a build-arg without a value: unknown', lines('FROM alpine', 'ARG BIN', 'COPY $BIN /usr/bin/app'), []],
  ])('%s', (_name, text, want) => {
    const platforms = _name.startsWith('one platform only') ? ['linux/amd64'] : undefined;
    expect(scope(text, platforms)).toEqual(want);
  });
});

describe('fixedArchPick', () => {
  test.each([
    ['npm pack @scope/tool-linux-arm64@1.0.0', 'arm64'],
    ['curl -fsSL https://example.invalid/tool_linux_amd64.tar.gz | tar -xz', 'amd64'],
    ['ln -s /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib/libjemalloc.so', 'amd64'],
    ['curl -fsSL https://example.invalid/app-aarch64-unknown-linux-musl.tar.gz', 'arm64'],
    ['curl -o /t https://example.invalid/tool-$(uname -m)', undefined],
    ['case "$(uname -m)" in x86_64) curl …/tool-linux-amd64 ;; esac', undefined],
    ['curl https://example.invalid/tool-linux-${TARGETARCH}', undefined],
    ['rustup target add x86_64-unknown-linux-gnu', undefined],
    ['apt-get install -y gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu', undefined],
    ['curl a-linux-amd64 b-linux-arm64', undefined],
    ['apt-get install -y curl', undefined],
    ['wget -O /usr/local/bin/dumb-init https://example.invalid/dumb-init_1.2.5_x86_64', 'amd64'],
    ['curl -LO https://example.invalid/el9/aarch64/tool-1.0.rpm', 'arm64'],
    ['curl -LO "https://example.invalid/tool_$(uname -m)" && echo x86_64', undefined],
    ['curl -o /t https://example.invalid/amd64-and-arm64-notes.txt', undefined],
    ['curl -fsSL https://example.invalid/tool.tar.gz | tar xz', undefined],
    ['apt-get install -y chromium && rm -f /usr/lib/x86_64-linux-gnu/libmfxhw*', undefined],
    [
      'if [ "$(dpkg --print-architecture)" = arm64 ]; then apt-get install -y chromium; else\n if [ "$R" = latest ]; then echo; fi\n curl -o d.zip https://example.invalid/linux64/chromedriver-linux64.zip\nfi',
      undefined,
    ],
    ['curl -fsSLo /sbin/tini https://example.invalid/krallin/tini/releases/download/v0.19.0/tini', 'amd64'],
    ['curl -o /tmp/f.tar.xz https://example.invalid/ffmpeg-n7.1-linux64-gpl.tar.xz', 'amd64'],
    [
      'curl -Lo /usr/local/bin/yt-dlp https://example.invalid/yt-dlp/releases/latest/download/yt-dlp_linux',
      'amd64',
    ],
    [
      'curl -Lo /usr/local/bin/yt-dlp https://example.invalid/yt-dlp/releases/latest/download/yt-dlp_linux_aarch64',
      'arm64',
    ],
    ['curl -o /usr/bin/kepubify https://example.invalid/download/v4.0.4/kepubify-linux-64bit', 'amd64'],
    ['curl -fsSL https://example.invalid/dist/v20.11.1/node-v20.11.1-linux-x64.tar.xz | tar -xJ', 'amd64'],
    ['curl -fsSL https://example.invalid/dist/v20.11.1/node-v20.11.1-linux-arm64.tar.xz | tar -xJ', 'arm64'],
    ['  # https://example.invalid/wiki/X86_64 says\ncurl -fsSL https://example.invalid/t.tgz', undefined],
    [
      'export RUNNER_ARCH="x64"\nif [[ $TARGETPLATFORM == "linux/arm64" ]]; then\n  export RUNNER_ARCH="arm64"\nfi\ncurl -LO "https://example.invalid/runner-linux-${RUNNER_ARCH}-2.3.tar.gz"',
      undefined,
    ],
    [
      'export RUNNER_ARCH="x64"\nif [[ $(dpkg --print-architecture) == "arm64" ]]; then\n  export RUNNER_ARCH="arm64"\nfi\ncurl -LO "https://example.invalid/runner-linux-x64-2.3.tar.gz"',
      'amd64',
    ],
  ])('%s', (script, arch) => {
    expect(fixedArchPick(script)).toBe(arch);
  });
});

describe('wrongArchMappings', () => {
  test.each([
    [
      'if on TARGETPLATFORM maps arm64 to arm',
      'if [ "$TARGETPLATFORM" = "linux/arm64" ]; then ARCHITECTURE=arm; else ARCHITECTURE=amd64; fi',
      ['arm64 ARCHITECTURE=arm'],
    ],
    [
      'uname: aarch64 to amd64',
      'case "$(uname -m)" in aarch64) A=amd64 ;; x86_64) A=amd64 ;; esac',
      ['arm64 A=amd64'],
    ],
    [
      'case on TARGETARCH, every branch its own',
      'case "${TARGETARCH}" in arm64) A=aarch64 ;; amd64) A=x86_64 ;; arm) A=armv7 ;; esac',
      [],
    ],
    [
      'alternatives in one label',
      'case $TARGETARCH in arm64|aarch64) A=arm64 ;; amd64|x86_64) A=arm64 ;; esac',
      ['amd64 A=arm64', 'amd64 A=arm64'],
    ],
    ['vendor names (x64, armv7l)', 'case $TARGETARCH in amd64) N=x64 ;; arm) N=armv7l ;; esac', []],
    ['an else branch is not read', 'if [ "$TARGETARCH" = amd64 ]; then A=x86_64; else A=x86_64; fi', []],
    ['values that are not a bare arch', 'if [ "$TARGETARCH" = arm64 ]; then CC=x86_64-linux-gnu-gcc; fi', []],
    [
      'a URL value ending in linux-ARCH (supercronic-linux-arm for arm64)',
      'case "${TARGETPLATFORM}" in "linux/amd64") U=$B-linux-amd64 S=1 ;; "linux/arm64") U=$B-linux-arm S=2 ;; esac',
      ['arm64 U=$B-linux-arm'],
    ],
    [
      'a URL the arm64 branch fetches names linux64 (x86-64)',
      'if [ "$TARGETARCH" = "arm64" ]; then wget https://example.invalid/ffmpeg-n7.1-linux64-gpl.tar.xz; else wget https://example.invalid/ffmpeg-n7.1-linux64-gpl.tar.xz; fi',
      ['arm64 ffmpeg-n7.1-linux64-gpl.tar.xz'],
    ],
    [
      '== in [[ ]]',
      'if [[ "${TARGETARCH}" == "arm64" ]]; then export ARCH="amd64"; fi',
      ['arm64 ARCH=amd64'],
    ],
  ])('%s', (_name, script, want) => {
    expect(wrongArchMappings(script).map((m) => `${m.on} ${m.sets}`)).toEqual(want);
  });
});
