/**
 * Effects around QEMU: read the registered binfmt handlers, run the installer image.
 * File access is an injected reader so tests feed fixtures; `procBinfmtReader` is the real one.
 */
import { readFile, readdir } from 'node:fs/promises';
import type { Runner } from '../exec.js';
import { parseBinfmt, type BinfmtHandler } from './binfmt.js';
import { dockerWithRetry } from './command.js';
import type { RetryPolicy } from '../retry.js';

export interface BinfmtReader {
  /** entry names in the binfmt_misc directory; [] when it is not mounted */
  list(): Promise<string[]>;
  read(name: string): Promise<string>;
}

export function procBinfmtReader(dir = '/proc/sys/fs/binfmt_misc'): BinfmtReader {
  return {
    async list() {
      try {
        return await readdir(dir);
      } catch {
        return [];
      }
    },
    read: (name) => readFile(`${dir}/${name}`, 'utf8'),
  };
}

/** Registered qemu-* handlers (others, e.g. jar or python, are not ours to judge). */
export async function readQemuHandlers(reader: BinfmtReader): Promise<BinfmtHandler[]> {
  const names = (await reader.list()).filter((n) => n.startsWith('qemu-')).sort();
  const out: BinfmtHandler[] = [];
  for (const name of names) out.push(parseBinfmt(name, await reader.read(name)));
  return out;
}

/** Runs the installer (`install` from qemuPlan); pulling the image is a registry call, so it is retried. */
export async function installQemu(
  runner: Runner,
  install: readonly string[],
  policy: RetryPolicy,
): Promise<void> {
  await dockerWithRetry(runner, 'qemu', install, policy);
}
