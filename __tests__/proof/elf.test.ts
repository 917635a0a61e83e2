import { describe, expect, test } from 'vitest';
import { checkElf, describeElf, expectedElf, identify, parseElf, parseShebang } from '../../src/proof/elf.js';

const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));

// First 24 bytes of real executables: bin/busybox from Debian bookworm busybox-static_1.35.0-4+deb12u1+b1 per
// arch, /usr/bin/qemu-s390x-static (an x86-64 host binary, ET_DYN), and Go 1.19 `func main(){}` built with
// GOOS=linux GOARCH=<arch> for the arches Debian bookworm has no busybox for.
const REAL: [string, string, string][] = [
  ['busybox amd64', '7f454c4602010103000000000000000002003e0001000000', 'x86-64 64-bit LE'],
  ['busybox arm64', '7f454c460201010300000000000000000200b70001000000', 'AArch64 64-bit LE'],
  ['busybox s390x', '7f454c460202010300000000000000000002001600000001', 'S390 64-bit BE'],
  ['busybox armhf', '7f454c460101010300000000000000000200280001000000', 'ARM 32-bit LE'],
  ['busybox i386', '7f454c460101010300000000000000000200030001000000', 'x86 32-bit LE'],
  ['busybox ppc64el', '7f454c460201010300000000000000000200150001000000', 'PowerPC64 64-bit LE'],
  ['busybox mips64el', '7f454c460201010000000000000000000200080001000000', 'MIPS 64-bit LE'],
  ['qemu-s390x-static', '7f454c4602010103000000000000000003003e0001000000', 'x86-64 64-bit LE'],
  ['go riscv64', '7f454c460201010000000000000000000200f30001000000', 'RISC-V 64-bit LE'],
  ['go loong64', '7f454c460201010000000000000000000200020101000000', 'LoongArch 64-bit LE'],
  ['go mips64', '7f454c460202010000000000000000000002000800000001', 'MIPS 64-bit BE'],
  ['go ppc64', '7f454c460202010000000000000000000002001500000001', 'PowerPC64 64-bit BE'],
];

describe('parseElf on real headers', () => {
  test.each(REAL)('%s', (_name, bytes, described) => {
    const h = parseElf(hex(bytes));
    expect(h).toBeDefined();
    expect(h && describeElf(h)).toBe(described);
  });
});

describe('parseElf rejects what is not a usable ELF header', () => {
  test.each([
    ['empty', ''],
    ['too short for e_machine', '7f454c46020101030000000000000000020003'],
    ['bad magic', '7f454c4702010103000000000000000002003e0001000000'],
    ['invalid class 3', '7f454c4603010103000000000000000002003e0001000000'],
    ['invalid data encoding 0', '7f454c4602000103000000000000000002003e0001000000'],
    ['shell script', Buffer.from('#!/bin/sh\necho hi\n').toString('hex')],
  ])('%s', (_name, bytes) => {
    expect(parseElf(hex(bytes))).toBeUndefined();
  });
});

describe('expectedElf per OCI platform', () => {
  test.each([
    ['linux/amd64', 'x86-64 64-bit LE'],
    ['linux/arm64', 'AArch64 64-bit LE'],
    ['linux/arm64/v8', 'AArch64 64-bit LE'],
    ['linux/s390x', 'S390 64-bit BE'],
    ['linux/arm/v7', 'ARM 32-bit LE'],
    ['linux/arm/v6', 'ARM 32-bit LE'],
    ['linux/386', 'x86 32-bit LE'],
    ['linux/ppc64le', 'PowerPC64 64-bit LE'],
    ['linux/riscv64', 'RISC-V 64-bit LE'],
    ['linux/mips64le', 'MIPS 64-bit LE'],
    ['linux/loong64', 'LoongArch 64-bit LE'],
    ['arm64', 'AArch64 64-bit LE'],
  ])('%s → %s', (platform, described) => {
    const want = expectedElf(platform);
    expect(want && describeElf(want)).toBe(described);
  });

  test('unknown arch', () => {
    expect(expectedElf('linux/sparc64')).toBeUndefined();
  });
});

describe('checkElf: each real binary matches its own platform only', () => {
  const byPlatform: [string, string][] = [
    ['linux/amd64', 'busybox amd64'],
    ['linux/arm64', 'busybox arm64'],
    ['linux/s390x', 'busybox s390x'],
    ['linux/arm/v7', 'busybox armhf'],
    ['linux/386', 'busybox i386'],
    ['linux/ppc64le', 'busybox ppc64el'],
    ['linux/mips64le', 'busybox mips64el'],
    ['linux/riscv64', 'go riscv64'],
    ['linux/loong64', 'go loong64'],
    ['linux/mips64', 'go mips64'],
    ['linux/ppc64', 'go ppc64'],
  ];
  const rows = byPlatform.flatMap(([platform]) =>
    byPlatform.map(
      ([, binary]) => [platform, binary, byPlatform.find(([p]) => p === platform)?.[1] === binary] as const,
    ),
  );
  test.each(rows)('%s with %s → ok=%s', (platform, binary, ok) => {
    const bytes = REAL.find(([n]) => n === binary)?.[1] ?? '';
    const h = parseElf(hex(bytes));
    if (!h) throw new Error(`fixture ${binary} is not ELF`);
    const c = checkElf(platform, h);
    expect(c.ok).toBe(ok);
    expect(c.expected).toBe(describeElf(expectedElf(platform) ?? { bits: 64, endian: 'LE', machine: -1 }));
  });

  test('a platform this table does not know is not ok', () => {
    const h = parseElf(hex(REAL[0]?.[1] ?? ''));
    if (!h) throw new Error('fixture');
    expect(checkElf('linux/sparc64', h)).toEqual({
      ok: false,
      found: 'x86-64 64-bit LE',
      expected: 'unknown architecture in linux/sparc64',
    });
  });
});

describe('shebang', () => {
  test.each([
    ['#!/bin/sh\nexec app\n', '/bin/sh', undefined],
    ['#! /bin/bash -e\n', '/bin/bash', '-e'],
    ['#!/usr/bin/env python3\nprint(1)\n', '/usr/bin/env', 'python3'],
    ['#!/usr/bin/env -S node --enable-source-maps\n', '/usr/bin/env', '-S node --enable-source-maps'],
    ['#!/bin/sh', '/bin/sh', undefined],
  ])('%j', (text, interpreter, arg) => {
    expect(parseShebang(new TextEncoder().encode(text))).toEqual({ interpreter, arg });
  });

  test.each([['#!\n'], ['# comment\n'], ['\x7fELF']])('%j is no shebang', (text) => {
    expect(parseShebang(new TextEncoder().encode(text))).toBeUndefined();
  });
});

describe('identify', () => {
  test.each([
    ['busybox arm64 header', hex(REAL[1]?.[1] ?? ''), 'elf'],
    ['sh script', new TextEncoder().encode('#!/bin/sh\n'), 'script'],
    ['gzip data', hex('1f8b0800000000000003'), 'unknown'],
    ['empty file', new Uint8Array(), 'unknown'],
  ])('%s → %s', (_n, bytes, kind) => {
    expect(identify(bytes).kind).toBe(kind);
  });
});
