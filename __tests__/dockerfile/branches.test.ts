import { describe, expect, it } from 'vitest';
import { branchTaken, debianArch, foreignPackages } from '../../src/dockerfile/branches.js';

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
