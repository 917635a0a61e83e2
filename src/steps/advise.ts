/**
 * The emulation advisor's findings as annotations at the Dockerfile line, before anything is built;
 * `emulation: error` stops the job here (an emulated compile once ran past a 2-hour CI limit).
 */
import * as core from '@actions/core';
import { adviseEmulation, type Finding } from '../dockerfile/advisor.js';
import type { DockerfileInfo } from '../dockerfile/read.js';
import { StepError } from '../errors.js';
import type { Settings } from '../inputs.js';

/** The platform node runs on, as the builder's native platform when nothing better is known. */
export function hostPlatform(arch: string = process.arch): string {
  const map: Record<string, string> = {
    x64: 'linux/amd64',
    arm64: 'linux/arm64',
    arm: 'linux/arm/v7',
    s390x: 'linux/s390x',
    ppc64: 'linux/ppc64le',
    riscv64: 'linux/riscv64',
    ia32: 'linux/386',
  };
  return map[arch] ?? `linux/${arch}`;
}

export function advise(s: Settings, df: DockerfileInfo, native: readonly string[]): Finding[] {
  if (!df.parsed || s.emulation === 'allow') return [];
  const buildArgs = Object.fromEntries(
    s['build-args'].map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return adviseEmulation(df.parsed, {
    requested: s.platforms,
    native,
    buildArgs,
    ...(s.target ? { target: s.target } : {}),
  });
}

export function reportFindings(
  findings: readonly Finding[],
  df: DockerfileInfo,
  mode: Settings['emulation'],
): void {
  for (const f of findings) {
    core.warning(`${f.message}. Fix: ${f.fix}`, {
      title:
        f.kind === 'emulated-compile'
          ? `Compiles under QEMU for ${f.platforms.join(', ')}`
          : 'Build-machine binary for every platform',
      file: df.path,
      startLine: f.line,
    });
  }
  const emulated = findings.filter((f) => f.kind === 'emulated-compile');
  if (mode === 'error' && emulated.length > 0) {
    const where = emulated
      .map((f) => `${df.path}:${f.line} \`${f.command}\` (${f.platforms.join(', ')})`)
      .join('; ');
    throw new StepError(
      'emulation',
      `compile steps would run under QEMU: ${where}; cross-compile on $BUILDPLATFORM (see the warnings) or set emulation: warn`,
    );
  }
}
