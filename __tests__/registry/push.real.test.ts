/**
 * The registry client against the real registry: an OCI layout built by buildx is pushed by digest (no tag
 * appears), read back by digest, then tagged; through a seeded fault proxy at 10% the same push completes.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RegistryClient, isRetryable } from '../../src/registry/client.js';
import { platformSizes, readImageTree, type ImageTree } from '../../src/registry/layout.js';
import { checkTags, pushEverywhere, putTags, verifyByDigest } from '../../src/registry/push.js';
import { parseRepository } from '../../src/registry/reference.js';
import { startFaultProxy, type FaultProxy } from '../../scripts/fault-proxy.mjs';
import { manifest, platformsOf, tagList, uniqueRepo } from '../e2e/registry.js';
import { skipReal, skipReason } from '../docker/real-engine.js';
import { tempDir } from '../../scripts/temp.mjs';

const THREE = ['linux/amd64', 'linux/arm64', 'linux/s390x'];
const anonymous = () => Promise.resolve(undefined);
const progressPolicy = { stalls: 2, budgetMs: 60_000, isTransient: (e: unknown) => isRetryable(e, 1) };

let tree: ImageTree;
let proxy: FaultProxy | undefined;

describe.skipIf(skipReal)(`registry client${skipReal ? ` — skipped: ${skipReason}` : ''}`, () => {
  beforeAll(() => {
    const dir = tempDir('crossbuild-layout-');
    writeFileSync(
      join(dir, 'Dockerfile'),
      `FROM 127.0.0.1:5000/fixtures/base:1\nRUN echo ${Date.now()} > /id\nCMD ["cat", "/id"]\n`,
    );
    execFileSync('docker', [
      'buildx',
      'build',
      '--progress',
      'quiet',
      '--platform',
      THREE.join(','),
      '--output',
      `type=oci,dest=${dir}/oci,tar=false`,
      dir,
    ]);
    return readImageTree(`${dir}/oci`, (p) => readFile(p)).then((t) => {
      tree = t;
    });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  test('push by digest leaves no tag; verify by digest; tags only when put', async () => {
    const name = uniqueRepo('client');
    const repo = parseRepository(`127.0.0.1:5000/${name}`);
    const client = new RegistryClient({ credentials: anonymous, policy: { attempts: 3, waitMs: 50 } });
    const progress = await pushEverywhere(client, [repo], tree, progressPolicy);
    expect(progress.manifests.size).toBe(tree.children.length + 1);
    expect(await tagList(name)).toEqual([]);
    const v = await verifyByDigest(client, repo, tree, THREE);
    expect(v.problems).toEqual([]);
    expect(v.analysis.platforms.map((p) => p.platform).sort()).toEqual(THREE);
    await putTags(client, repo, tree, ['1.2.3', 'latest']);
    expect(await tagList(name)).toEqual(['1.2.3', 'latest']);
    expect((await manifest(name, '1.2.3'))?.digest).toBe(tree.root.digest);
    expect(platformsOf(await manifest(name, 'latest'))).toEqual(THREE);
    expect(await checkTags(client, repo, tree, ['1.2.3', 'latest'])).toEqual([]);
    const sizes = Object.values(platformSizes(tree));
    expect(sizes).toHaveLength(3);
    for (const n of sizes) expect(n).toBeGreaterThan(100_000); // busybox is ~1 MB compressed
    // a platform that is not requested is a problem
    expect((await verifyByDigest(client, repo, tree, ['linux/amd64'])).problems.join('\n')).toMatch(
      /not requested/,
    );
  });

  test('through 10% random faults (seeded): the push completes and verifies', async () => {
    proxy = await startFaultProxy(5000, [], undefined, { rate: 0.1, seed: 7 });
    const name = uniqueRepo('client-faults');
    const repo = parseRepository(`${proxy.host}/${name}`);
    const client = new RegistryClient({ credentials: anonymous, policy: { attempts: 5, waitMs: 50 } });
    await pushEverywhere(client, [repo], tree, progressPolicy);
    await putTags(client, repo, tree, ['v1']);
    expect(proxy.injected.length).toBeGreaterThan(0);
    expect((await manifest(name, 'v1'))?.digest).toBe(tree.root.digest);
  });
});
