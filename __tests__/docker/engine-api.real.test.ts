/** dockerd's API on the real engine's socket: the probe's facts and the image names it moves, checked with the CLI. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { engineApi } from '../../src/docker/engine-api.js';
import { probeEngine } from '../../src/docker/engine.js';
import type { Runner } from '../../src/exec.js';
import { tempDir } from '../../scripts/temp.mjs';
import { realRunner, skipReal, skipReason } from './real-engine.js';

/** A runner that must not be used: the API path starts no process. */
const noProcess: Runner = {
  run: (cmd, args) => Promise.reject(new Error(`started ${cmd} ${args.join(' ')}`)),
};

const exists = async (name: string) =>
  (await realRunner.run('docker', ['image', 'inspect', name])).code === 0;

describe.skipIf(skipReal)(`dockerd's API, real engine${skipReal ? ` — skipped: ${skipReason}` : ''}`, () => {
  test('the probe: the facts docker info gives, buildx by the path the CLI found', async () => {
    const api = engineApi(process.env);
    expect(api?.buildx).toBeDefined();
    const [viaApi, viaCli] = [await probeEngine(noProcess, api), await probeEngine(realRunner)];
    expect({ ...viaApi, buildxVersion: '', clientVersion: '' }).toEqual({
      ...viaCli,
      buildxVersion: '',
      clientVersion: '',
    });
    expect(viaApi.containerdStore).toBe(true);
  });

  test('tag and remove move the names docker image tag and rm move', async () => {
    const api = engineApi(process.env);
    if (!api) throw new Error('the e2e stack names a unix socket: the API must be there');
    const dir = tempDir('crossbuild-engine-real-');
    writeFileSync(join(dir, 'f'), 'x');
    const id = randomBytes(4).toString('hex');
    const [src, moved] = [`crossbuild-test/engine-api:src-${id}`, `crossbuild-test/engine-api:moved-${id}`];
    const tar = await realRunner.run('tar', ['-C', dir, '-cf', join(dir, 'img.tar'), 'f']);
    expect(tar.code).toBe(0);
    expect((await realRunner.run('docker', ['image', 'import', join(dir, 'img.tar'), src])).code).toBe(0);
    await api.tag(src, moved);
    expect([await exists(src), await exists(moved)]).toEqual([true, true]);
    await api.remove(src);
    expect([await exists(src), await exists(moved)]).toEqual([false, true]);
    await api.remove(moved);
    expect(await exists(moved)).toBe(false);
    await expect(api.remove(moved)).rejects.toThrow(
      /^dockerd: DELETE \/images\/crossbuild-test\/engine-api:moved-\w+: No such image/,
    );
  });
});
