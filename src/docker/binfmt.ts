/**
 * Which platforms this host can run: natively, or through a registered QEMU binfmt handler. Pure: the
 * handler files' text is read by the caller (src/docker/qemu.ts).
 */

export interface BinfmtHandler {
  /** file name under /proc/sys/fs/binfmt_misc, e.g. qemu-aarch64 */
  name: string;
  enabled: boolean;
  interpreter: string;
  flags: string;
  /**
   * F flag: the kernel opened the interpreter at registration, so it works inside containers and
   * chroots that do not contain it — without it, RUN steps of foreign images fail with "exec format error".
   */
  fixBinary: boolean;
}

/** Text of /proc/sys/fs/binfmt_misc/NAME → handler. */
export function parseBinfmt(name: string, text: string): BinfmtHandler {
  const lines = text.split('\n').map((l) => l.trim());
  const value = (key: string): string => {
    const l = lines.find((x) => x.startsWith(key));
    return l === undefined ? '' : l.slice(key.length).trim();
  };
  const flags = value('flags:');
  return {
    name,
    enabled: lines.includes('enabled'),
    interpreter: value('interpreter '),
    flags,
    fixBinary: flags.includes('F'),
  };
}

/** Handler name (as qemu-user-static and tonistiigi/binfmt register them) → platforms it runs. */
const HANDLER_PLATFORMS: Readonly<Record<string, readonly string[]>> = {
  'qemu-x86_64': ['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3', 'linux/amd64/v4'],
  'qemu-i386': ['linux/386'],
  'qemu-aarch64': ['linux/arm64', 'linux/arm64/v8'],
  'qemu-arm': ['linux/arm/v7', 'linux/arm/v6', 'linux/arm/v5'],
  'qemu-s390x': ['linux/s390x'],
  'qemu-ppc64le': ['linux/ppc64le'],
  'qemu-ppc64': ['linux/ppc64'],
  'qemu-riscv64': ['linux/riscv64'],
  'qemu-mips64el': ['linux/mips64le'],
  'qemu-mips64': ['linux/mips64'],
  'qemu-loongarch64': ['linux/loong64'],
};

/** Platform → the architecture name `tonistiigi/binfmt --install` takes. */
function binfmtArch(platform: string): string | undefined {
  const arch = platform.split('/')[1] ?? '';
  const known = [
    'amd64',
    '386',
    'arm64',
    'arm',
    's390x',
    'ppc64le',
    'ppc64',
    'riscv64',
    'mips64le',
    'mips64',
    'loong64',
  ];
  return known.includes(arch) ? arch : undefined;
}

/** Platforms runnable through handlers that are enabled and have the F flag. */
export function emulatedPlatforms(handlers: readonly BinfmtHandler[]): Set<string> {
  const out = new Set<string>();
  for (const h of handlers) {
    if (!h.enabled || !h.fixBinary) continue;
    for (const p of HANDLER_PLATFORMS[h.name] ?? []) out.add(p);
  }
  return out;
}

/**
 * Whether `platform` runs without emulation on a host of `hostArch` (OCI name). amd64 hosts run 386
 * (IA32 compat is on in every runner kernel) and the amd64 micro-architecture levels. arm64 hosts are not
 * assumed to run arm/v7: many arm64 CPUs (Graviton 2+, Ampere, Cobalt) have no AArch32.
 */
export function isNative(platform: string, hostArch: string, hostOs = 'linux'): boolean {
  const [os, arch] = platform.split('/');
  if (os !== hostOs) return false;
  if (arch === hostArch) return true;
  return hostArch === 'amd64' && arch === '386';
}

type Runs = 'native' | 'qemu' | 'missing';

export interface QemuPlan {
  /** requested platforms that need emulation */
  needed: string[];
  /** `docker run --privileged --rm IMAGE --install a,b` or null when nothing is to be installed */
  install: string[] | null;
  /** how each requested platform will run once `install` (if any) has run */
  platforms: { platform: string; runs: Runs }[];
}

export function qemuPlan(
  mode: 'auto' | 'true' | 'false',
  requested: readonly string[],
  host: { arch: string; os?: string },
  handlers: readonly BinfmtHandler[],
  image: string,
): QemuPlan {
  const registered = emulatedPlatforms(handlers);
  const needed = requested.filter((p) => !isNative(p, host.arch, host.os));
  // auto installs only what is missing; true (re)installs every needed architecture
  const toInstall =
    mode === 'false' ? [] : mode === 'true' ? needed : needed.filter((p) => !registered.has(p));
  const arches = [...new Set(toInstall.map(binfmtArch).filter((a): a is string => a !== undefined))];
  const installed = new Set(toInstall.filter((p) => binfmtArch(p) !== undefined));
  return {
    needed,
    install:
      arches.length === 0 ? null : ['run', '--privileged', '--rm', image, '--install', arches.join(',')],
    platforms: requested.map((platform) => ({
      platform,
      runs: isNative(platform, host.arch, host.os)
        ? 'native'
        : registered.has(platform) || installed.has(platform)
          ? 'qemu'
          : 'missing',
    })),
  };
}
