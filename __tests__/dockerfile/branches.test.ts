import { describe, expect, it, test } from 'vitest';
import {
  branchTaken,
  brokenTest,
  debianArch,
  debianPlatform,
  foreignPackages,
  withoutBrokenTests,
} from '../../src/dockerfile/branches.js';
import { adviseEmulation } from '../../src/dockerfile/advisor.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';

const declared = (n: string) => n === 'TARGETPLATFORM' || n === 'TARGETARCH';
const words = (s: string) =>
  s.split(/[\s;]+/).filter((w) => /^[a-z]/.test(w) && !/^(echo|true|false)$/.test(w));

describe('branchTaken: the branch a platform takes', () => {
  const cases: [string, string, string, string[]][] = [
    [
      'substring of TARGETARCH, amd64 takes the then',
      'if [ "${TARGETARCH:0:3}" != "arm" ]; then echo foreign; else echo native; fi',
      'linux/amd64',
      ['foreign'],
    ],
    [
      'substring of TARGETARCH, arm64 takes the else',
      'if [ "${TARGETARCH:0:3}" != "arm" ]; then echo foreign; else echo native; fi',
      'linux/arm64',
      ['native'],
    ],
    [
      'elif chain on TARGETPLATFORM, arm64 falls to else',
      'if [ "$TARGETPLATFORM" = "linux/amd64" ] ; then echo x64; elif [ "$TARGETPLATFORM" = "linux/386" ] ; then echo x86; else echo armhf; fi',
      'linux/arm64',
      ['armhf'],
    ],
    [
      'elif chain on TARGETPLATFORM, 386 takes the elif',
      'if [ "$TARGETPLATFORM" = "linux/amd64" ] ; then echo x64; elif [ "$TARGETPLATFORM" = "linux/386" ] ; then echo x86; else echo armhf; fi',
      'linux/386',
      ['x86'],
    ],
    [
      'a variable set from dpkg',
      'arch=$(dpkg --print-architecture) && if [ "${arch}" != "armhf" ]; then echo foreign; fi && echo after',
      'linux/arm/v7',
      ['arch=$(dpkg', 'after'],
    ],
    [
      'uname -m with a [[ pattern',
      'if [[ "$(uname -m)" == aarch* ]]; then echo a; else echo b; fi',
      'linux/arm64',
      ['a'],
    ],
    [
      'a test on anything else drops the chain',
      'echo start; if [ "$codename" = trixie ]; then echo t; else echo b; fi; echo end',
      'linux/arm64',
      ['start', 'end'],
    ],
    [
      'an undeclared platform ARG is not decided',
      'if [ "$TARGETVARIANT" = v7 ]; then echo seven; fi',
      'linux/arm/v7',
      [],
    ],
    [
      'nested chains resolve inside the branch taken',
      'if [ "$TARGETARCH" = amd64 ]; then echo x; if [ "$TARGETPLATFORM" = linux/amd64 ]; then echo inner; fi; else echo other; fi',
      'linux/amd64',
      ['x', 'inner'],
    ],
    [
      'tests joined by ||',
      'if [ "$TARGETARCH" = arm ] || [ "$TARGETARCH" = arm64 ]; then echo arm; else echo intel; fi',
      'linux/arm64',
      ['arm'],
    ],
    ['no chain: as written', 'apt-get install -y curl', 'linux/arm64', ['apt-get', 'install', 'curl']],
  ];
  it.each(cases)('%s', (_, script, platform, kept) => {
    expect(words(branchTaken(script, platform, declared))).toEqual(kept);
  });
});

test('debianPlatform is debianArch backwards', () => {
  expect(
    ['armhf', 'armel', 'i386', 'ppc64el', 'mips64el', 'amd64', 'arm64', 's390x'].map(debianPlatform),
  ).toEqual([
    'linux/arm/v7',
    'linux/arm/v6',
    'linux/386',
    'linux/ppc64le',
    'linux/mips64le',
    'linux/amd64',
    'linux/arm64',
    'linux/s390x',
  ]);
});

describe('foreignPackages', () => {
  const cases: [string, string, string, string[]][] = [
    [
      'an armhf program on amd64',
      'apt-get install -y rbfeeder:armhf fr24feed:armhf curl',
      'amd64',
      ['rbfeeder:armhf', 'fr24feed:armhf'],
    ],
    [
      'libraries and sysroots serve something else',
      'apt-get install -y libc6:armhf librtlsdr0:armhf musl-dev:arm64 gcc-12-base:armhf',
      'amd64',
      [],
    ],
    ['its own arch is native', 'apt-get install -y libssl-dev:arm64', 'arm64', []],
    [
      'i386 on amd64 runs there',
      'dpkg --add-architecture i386 && apt-get install -y wine32:i386',
      'amd64',
      [],
    ],
    [
      'i386 on arm64 does not',
      'dpkg --add-architecture i386 && apt-get install -y wine32:i386',
      'arm64',
      ['wine32:i386'],
    ],
    [
      'listed in a variable first',
      'PKGS=(rbfeeder:armhf) && apt-get install -y "${PKGS[@]}"',
      'arm64',
      ['rbfeeder:armhf'],
    ],
    [
      'a name set first',
      'NAME="sxfeeder" && NAME="${NAME}:armhf" && apt-get install -y "$NAME"',
      'amd64',
      ['sxfeeder:armhf'],
    ],
    ['apt-get download', 'apt-get download fr24feed:armhf', 'arm64', ['fr24feed:armhf']],
    ['no apt or dpkg: an image tag', 'docker pull example/tool:arm64', 'amd64', []],
    ['a variable arch is not one', 'apt-get install -y libc6:$TARGETARCH', 'amd64', []],
    ['a commented line', 'apt-get install -y curl \\\n# libc6:armhf \\\n', 'amd64', []],
  ];
  it.each(cases)('%s', (_, script, own, names) => {
    expect(foreignPackages(script, own).map((p) => `${p.name}:${p.arch}`)).toEqual(names);
  });

  it('names Debian architectures', () => {
    expect(
      [
        'linux/amd64',
        'linux/arm64',
        'linux/arm/v7',
        'linux/arm/v6',
        'linux/386',
        'linux/ppc64le',
        'linux/s390x',
      ].map(debianArch),
    ).toEqual(['amd64', 'arm64', 'armhf', 'armel', 'i386', 'ppc64el', 's390x']);
  });
});

describe('withoutBrokenTests', () => {
  const cases: [string, string, string[]][] = [
    [
      '[ glued to its first word: the else runs',
      'if ["$TARGETPLATFORM" = "linux/arm64" ];\nthen\n  cargo build --target aarch64-unknown-linux-gnu\nelse\n  cargo build --target x86_64-unknown-linux-gnu\nfi',
      ['cargo', 'build', 'x86_64-unknown-linux-gnu'],
    ],
    [
      '] glued to its last word',
      'if [ "$TARGETARCH" = "arm64"]; then make arm; fi; make all',
      ['make', 'all'],
    ],
    [
      'a sound test stays whole',
      'if [ "$TARGETARCH" = "arm64" ]; then make arm; else make x86; fi',
      ['if', 'then', 'make', 'arm', 'else', 'make', 'x86', 'fi'],
    ],
    ['[[ is not broken', 'if [[ "$A" == b ]]; then make b; fi', ['if', 'b', 'then', 'make', 'b', 'fi']],
  ];
  it.each(cases)('%s', (_, script, kept) => {
    expect(
      withoutBrokenTests(script)
        .replace(/^: broken-test:.*\n/, '')
        .split(/[\s;]+/)
        .filter((w) => /^[a-z]/.test(w) && !w.startsWith('--')),
    ).toEqual(kept);
  });

  it('names the broken test, with no variable in the note', () => {
    const out = withoutBrokenTests('if ["$TARGETPLATFORM" = "linux/arm64" ]; then a; else b; fi');
    expect(brokenTest(out)).toBe('["$TARGETPLATFORM" = "linux/arm64" ]');
    expect(out.split('\n')[0]).not.toContain('$');
    expect(brokenTest('if [ "$A" = b ]; then a; fi')).toBeUndefined();
  });
});

describe('a build script whose platform test is broken, through the advisor', () => {
  const dockerfile = [
    'FROM --platform=$BUILDPLATFORM rust:1.80 AS builder',
    'ARG TARGETPLATFORM',
    'WORKDIR /src',
    'COPY . .',
    'RUN sh ./ci/build.sh',
    'FROM debian:bookworm-slim',
    'COPY --from=builder /usr/bin/app /usr/bin/app',
    'ENTRYPOINT ["/usr/bin/app"]',
  ].join('\n');
  const script = (test: string) =>
    [
      '#!/bin/sh',
      'echo "building for $TARGETPLATFORM"',
      `if ${test}; then`,
      '  cargo build --release --target aarch64-unknown-linux-gnu',
      '  mv target/aarch64-unknown-linux-gnu/release/app /usr/bin/app',
      'else',
      '  cargo build --release --target x86_64-unknown-linux-gnu',
      '  mv target/x86_64-unknown-linux-gnu/release/app /usr/bin/app',
      'fi',
    ].join('\n');
  const advise = (test: string) =>
    adviseEmulation(parseDockerfile(dockerfile), {
      requested: ['linux/amd64', 'linux/arm64'],
      native: ['linux/amd64'],
      scripts: { 'ci/build.sh': script(test) },
    }).filter((f) => f.kind === 'build-arch-binary');

  it('gives arm64 the x86_64 build, naming the test', () => {
    const [f, ...rest] = advise('["$TARGETPLATFORM" = "linux/arm64" ]');
    expect(rest).toEqual([]);
    expect(f?.line).toBe(5);
    expect(f?.platforms).toEqual(['linux/arm64']);
    expect(f?.message).toContain('`["$TARGETPLATFORM" = "linux/arm64" ]` is broken');
  });

  it('is clean with the spaces in place (an echo of the variable is no choice either way)', () => {
    expect(advise('[ "$TARGETPLATFORM" = "linux/arm64" ]')).toEqual([]);
  });
});
