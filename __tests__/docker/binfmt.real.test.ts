import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { emulatedPlatforms } from '../../src/docker/binfmt.js';
import { procBinfmtReader, readQemuHandlers } from '../../src/docker/qemu.js';

const DIR = '/proc/sys/fs/binfmt_misc';
// The e2e stack registers qemu-user-static handlers (with F); without them there is nothing real to read.
const missing = !existsSync(`${DIR}/qemu-aarch64`);
const skip = missing && process.env.CI !== 'true';

describe.skipIf(skip)(`binfmt on this host${skip ? ' — skipped: no qemu handlers registered' : ''}`, () => {
  test('the registered handlers of this kernel are read and map to platforms', async () => {
    const handlers = await readQemuHandlers(procBinfmtReader(DIR));
    const aarch64 = handlers.find((h) => h.name === 'qemu-aarch64');
    expect(aarch64).toBeDefined();
    expect(aarch64?.interpreter).toMatch(/aarch64/);
    const platforms = emulatedPlatforms(handlers);
    // the fixture images exist for these, and the e2e stack builds them
    expect(platforms.has('linux/arm64')).toBe(true);
    expect(platforms.has('linux/s390x')).toBe(true);
  });

  test('a directory that does not exist reads as no handlers', async () => {
    await expect(readQemuHandlers(procBinfmtReader('/nonexistent/binfmt_misc'))).resolves.toEqual([]);
  });
});
