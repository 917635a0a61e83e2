/**
 * Pure reading of the first bytes of an executable: ELF class, byte order and machine (System V gABI,
 * e_ident + e_machine at offset 18), or a `#!` interpreter line; and what each OCI platform must contain.
 */

export interface ElfHeader {
  bits: 32 | 64;
  endian: 'LE' | 'BE';
  /** e_machine */
  machine: number;
  machineName: string;
}

export interface Shebang {
  interpreter: string;
  /** the single optional argument (Linux passes the rest of the line as one argument) */
  arg: string | undefined;
}

export type Executable =
  | { kind: 'elf'; elf: ElfHeader }
  | { kind: 'script'; shebang: Shebang }
  | { kind: 'unknown'; reason: string };

/** e_machine values (elf.h) for the architectures OCI platforms name */
const MACHINES: Record<number, string> = {
  3: 'x86',
  8: 'MIPS',
  20: 'PowerPC',
  21: 'PowerPC64',
  22: 'S390',
  40: 'ARM',
  62: 'x86-64',
  183: 'AArch64',
  243: 'RISC-V',
  258: 'LoongArch',
};

/** At least 20 bytes: e_ident (16) + e_type (2) + e_machine (2). */
export function parseElf(bytes: Uint8Array): ElfHeader | undefined {
  if (bytes.length < 20 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    return undefined;
  }
  const cls = bytes[4];
  const data = bytes[5];
  if ((cls !== 1 && cls !== 2) || (data !== 1 && data !== 2)) return undefined;
  const lo = bytes[18] ?? 0;
  const hi = bytes[19] ?? 0;
  const machine = data === 1 ? lo | (hi << 8) : (lo << 8) | hi;
  return {
    bits: cls === 1 ? 32 : 64,
    endian: data === 1 ? 'LE' : 'BE',
    machine,
    machineName: MACHINES[machine] ?? `e_machine ${machine}`,
  };
}

export function parseShebang(bytes: Uint8Array): Shebang | undefined {
  if (bytes[0] !== 0x23 || bytes[1] !== 0x21) return undefined;
  const end = bytes.indexOf(0x0a);
  const line = new TextDecoder().decode(bytes.subarray(2, end < 0 ? bytes.length : end)).trim();
  const m = /^(\S+)(?:\s+(.*))?$/.exec(line);
  if (!m?.[1]) return undefined;
  const arg = m[2]?.trim();
  return { interpreter: m[1], arg: arg === undefined || arg === '' ? undefined : arg };
}

export function identify(bytes: Uint8Array): Executable {
  const elf = parseElf(bytes);
  if (elf) return { kind: 'elf', elf };
  const shebang = parseShebang(bytes);
  if (shebang) return { kind: 'script', shebang };
  if (bytes.length === 0) return { kind: 'unknown', reason: 'empty file' };
  return { kind: 'unknown', reason: 'neither ELF nor a #! script' };
}

export interface ElfExpectation {
  bits: 32 | 64;
  endian: 'LE' | 'BE';
  machine: number;
}

const EXPECTED: Record<string, ElfExpectation> = {
  amd64: { bits: 64, endian: 'LE', machine: 62 },
  arm64: { bits: 64, endian: 'LE', machine: 183 },
  arm: { bits: 32, endian: 'LE', machine: 40 },
  '386': { bits: 32, endian: 'LE', machine: 3 },
  ppc64le: { bits: 64, endian: 'LE', machine: 21 },
  ppc64: { bits: 64, endian: 'BE', machine: 21 },
  s390x: { bits: 64, endian: 'BE', machine: 22 },
  riscv64: { bits: 64, endian: 'LE', machine: 243 },
  mips64le: { bits: 64, endian: 'LE', machine: 8 },
  mips64: { bits: 64, endian: 'BE', machine: 8 },
  mipsle: { bits: 32, endian: 'LE', machine: 8 },
  mips: { bits: 32, endian: 'BE', machine: 8 },
  loong64: { bits: 64, endian: 'LE', machine: 258 },
};

/** `linux/arm64` → AArch64 64-bit LE; undefined for an arch this table does not know. */
export function expectedElf(platform: string): ElfExpectation | undefined {
  const parts = platform.split('/');
  const arch = parts.length === 1 ? parts[0] : parts[1];
  return EXPECTED[arch ?? ''];
}

/** The Go architecture an ELF header is for (`x86-64 64-bit LE` → amd64); undefined for one the table does not know. */
export function elfArch(h: ElfHeader): string | undefined {
  return Object.entries(EXPECTED).find(
    ([, e]) => e.machine === h.machine && e.bits === h.bits && e.endian === h.endian,
  )?.[0];
}

export function describeElf(h: ElfExpectation): string {
  return `${MACHINES[h.machine] ?? `e_machine ${h.machine}`} ${h.bits}-bit ${h.endian}`;
}

export interface ElfCheck {
  ok: boolean;
  found: string;
  expected: string;
}

export function checkElf(platform: string, header: ElfHeader): ElfCheck {
  const want = expectedElf(platform);
  const found = describeElf(header);
  if (!want) return { ok: false, found, expected: `unknown architecture in ${platform}` };
  const ok = header.machine === want.machine && header.bits === want.bits && header.endian === want.endian;
  return { ok, found, expected: describeElf(want) };
}
