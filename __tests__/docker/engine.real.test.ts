import { describe, expect, test } from 'vitest';
import { probeEngine } from '../../src/docker/engine.js';
import { realRunner, skipReal, skipReason } from './real-engine.js';

describe.skipIf(skipReal)(`real engine${skipReal ? ` — skipped: ${skipReason}` : ''}`, () => {
  test('probe reads server, buildx and the containerd store from one docker info', async () => {
    const facts = await probeEngine(realRunner);
    expect(facts.serverVersion).toMatch(/^\d+\.\d+/);
    expect(facts.buildxVersion).toMatch(/^v?0\.\d+/);
    expect(facts.os).toBe('linux');
    expect(['amd64', 'arm64']).toContain(facts.arch);
    // the e2e stack runs dockerd with the containerd snapshotter
    expect(facts.containerdStore).toBe(true);
  });

  test('a daemon that is not there is one actionable line', async () => {
    const r = {
      run: (cmd: string, args: readonly string[]) =>
        realRunner.run(cmd, args, { env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } }),
    };
    await expect(probeEngine(r)).rejects.toThrow(/^docker: cannot reach the Docker daemon \(Cannot connect/);
  });
});
