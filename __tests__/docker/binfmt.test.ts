import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  emulatedPlatforms,
  isNative,
  parseBinfmt,
  qemuPlan,
  type BinfmtHandler,
} from '../../src/docker/binfmt.js';
import { readQemuHandlers, type BinfmtReader } from '../../src/docker/qemu.js';

const file = (name: string): string =>
  readFileSync(new URL(`./data/binfmt-${name}.txt`, import.meta.url), 'utf8');

const handler = (name: string, flags = 'PF', enabled = true): BinfmtHandler => ({
  name,
  enabled,
  interpreter: `/usr/bin/${name}-static`,
  flags,
  fixBinary: flags.includes('F'),
});

describe('parseBinfmt', () => {
  test('a handler registered by qemu-user-static on this machine', () => {
    expect(parseBinfmt('qemu-aarch64', file('qemu-aarch64'))).toEqual({
      name: 'qemu-aarch64',
      enabled: true,
      interpreter: '/usr/libexec/qemu-binfmt/aarch64-binfmt-P',
      flags: 'PF',
      fixBinary: true,
    });
  });

  test.each([
    ['disabled\ninterpreter /usr/bin/qemu-arm-static\nflags: OCF\noffset 0\n', false, 'OCF', true],
    ['enabled\ninterpreter /usr/bin/qemu-riscv64\nflags: P\noffset 0\n', true, 'P', false],
    ['enabled\ninterpreter /usr/bin/qemu-s390x\nflags: \noffset 0\n', true, '', false],
  ])('%j → enabled %s, flags %s, F %s', (text, enabled, flags, fix) => {
    const h = parseBinfmt('qemu-x', text);
    expect([h.enabled, h.flags, h.fixBinary]).toEqual([enabled, flags, fix]);
  });
});

describe('emulatedPlatforms', () => {
  test('only enabled handlers with the F flag count', () => {
    const got = emulatedPlatforms([
      handler('qemu-aarch64'),
      handler('qemu-arm'),
      handler('qemu-s390x', 'P'),
      handler('qemu-riscv64', 'F', false),
      handler('qemu-mips64el', 'OCF'),
      handler('qemu-loongarch64'),
      handler('qemu-sparc64'),
    ]);
    expect([...got].sort()).toEqual(
      [
        'linux/arm/v5',
        'linux/arm/v6',
        'linux/arm/v7',
        'linux/arm64',
        'linux/arm64/v8',
        'linux/loong64',
        'linux/mips64le',
      ].sort(),
    );
  });
});

describe('isNative', () => {
  test.each([
    ['linux/amd64', 'amd64', true],
    ['linux/amd64/v2', 'amd64', true],
    ['linux/amd64/v3', 'amd64', true],
    ['linux/386', 'amd64', true],
    ['linux/arm64', 'amd64', false],
    ['linux/arm64', 'arm64', true],
    ['linux/arm64/v8', 'arm64', true],
    ['linux/arm/v7', 'arm64', false],
    ['linux/amd64', 'arm64', false],
    ['windows/amd64', 'amd64', false],
  ])('%s on %s → %s', (p, arch, want) => {
    expect(isNative(p, arch)).toBe(want);
  });
});

describe('qemuPlan', () => {
  const IMG = 'tonistiigi/binfmt:qemu-v9.2.2';
  const arm64Only = [handler('qemu-aarch64')];
  test.each([
    {
      name: 'auto: native only, nothing to do',
      mode: 'auto' as const,
      requested: ['linux/amd64', 'linux/386'],
      handlers: [],
      install: null,
      runs: ['native', 'native'],
    },
    {
      name: 'auto: installs only the missing handlers',
      mode: 'auto' as const,
      requested: ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/s390x'],
      handlers: arm64Only,
      install: ['run', '--privileged', '--rm', IMG, '--install', 'arm,s390x'],
      runs: ['native', 'qemu', 'qemu', 'qemu'],
    },
    {
      name: 'auto: a handler without F does not count',
      mode: 'auto' as const,
      requested: ['linux/arm64'],
      handlers: [handler('qemu-aarch64', 'P')],
      install: ['run', '--privileged', '--rm', IMG, '--install', 'arm64'],
      runs: ['qemu'],
    },
    {
      name: 'auto: everything registered',
      mode: 'auto' as const,
      requested: ['linux/arm64', 'linux/arm/v6', 'linux/arm/v7'],
      handlers: [handler('qemu-aarch64'), handler('qemu-arm')],
      install: null,
      runs: ['qemu', 'qemu', 'qemu'],
    },
    {
      name: 'true: reinstalls every foreign arch, once each',
      mode: 'true' as const,
      requested: ['linux/amd64', 'linux/arm64', 'linux/arm/v6', 'linux/arm/v7'],
      handlers: arm64Only,
      install: ['run', '--privileged', '--rm', IMG, '--install', 'arm64,arm'],
      runs: ['native', 'qemu', 'qemu', 'qemu'],
    },
    {
      name: 'false: never installs; unregistered platforms are missing',
      mode: 'false' as const,
      requested: ['linux/amd64', 'linux/arm64', 'linux/riscv64'],
      handlers: arm64Only,
      install: null,
      runs: ['native', 'qemu', 'missing'],
    },
  ])('$name', ({ mode, requested, handlers, install, runs }) => {
    const plan = qemuPlan(mode, requested, { arch: 'amd64' }, handlers, IMG);
    expect(plan.install).toEqual(install);
    expect(plan.platforms.map((p) => p.runs)).toEqual(runs);
    expect(plan.needed).toEqual(requested.filter((p) => !isNative(p, 'amd64')));
  });

  test('on an arm64 host amd64 needs emulation', () => {
    const plan = qemuPlan('auto', ['linux/arm64', 'linux/amd64'], { arch: 'arm64' }, [], 'img');
    expect(plan.needed).toEqual(['linux/amd64']);
    expect(plan.install).toEqual(['run', '--privileged', '--rm', 'img', '--install', 'amd64']);
  });
});

describe('readQemuHandlers', () => {
  test('reads qemu-* entries only, through the injected reader', async () => {
    const files: Record<string, string> = {
      'qemu-aarch64': file('qemu-aarch64'),
      'qemu-arm': file('qemu-arm'),
      'qemu-s390x': file('qemu-s390x'),
      jar: 'enabled\ninterpreter /usr/bin/jexec\nflags: \n',
      status: 'enabled\n',
      register: '',
    };
    const reader: BinfmtReader = {
      list: () => Promise.resolve(Object.keys(files)),
      read: (n) => Promise.resolve(files[n] ?? ''),
    };
    const got = await readQemuHandlers(reader);
    expect(got.map((h) => h.name)).toEqual(['qemu-aarch64', 'qemu-arm', 'qemu-s390x']);
    expect(got.every((h) => h.fixBinary && h.enabled)).toBe(true);
  });
});
