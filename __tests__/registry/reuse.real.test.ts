/**
 * skip-unchanged against the real engine and registry: an index pushed for one commit is found through its
 * sha tag, not for another commit or other platforms, and retagging (the publish of a build, given the index
 * found) moves new tags, also into a second repository, onto the very same digest, read back through the registry's
 * HTTP API.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createRunner } from '../../src/exec.js';
import { tagPlan } from '../../src/plan/plan.js';
import { RegistryClient } from '../../src/registry/client.js';
import { publishTree, type PublishDeps } from '../../src/steps/publish.js';
import { findReusable } from '../../src/steps/reuse.js';
import { RecordingIO } from '../fixtures/io.js';
import { metaFixture } from '../fixtures/meta.js';
import { skipReal, skipReason } from '../docker/real-engine.js';
import { tempDir } from '../../scripts/temp.mjs';

const REGISTRY = '127.0.0.1:5000';
const id = randomBytes(4).toString('hex');
const REPO = `crossbuild-test/nightly-${id}`;
const MIRROR_REPO = `crossbuild-test/nightly-${id}-mirror`;
const IMG = `${REGISTRY}/${REPO}`;
const MIRROR = `${REGISTRY}/${MIRROR_REPO}`;
const SHA = randomBytes(20).toString('hex');
const SHORT = SHA.slice(0, 7);
const TWO = ['linux/amd64', 'linux/arm64'];
const policy = { attempts: 3, waitMs: 100 };
const runner = createRunner();
const client = new RegistryClient({ credentials: () => Promise.resolve(undefined), policy });

const INDEX_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
].join(', ');

/** What the registry itself says a tag points at (no docker in between). */
async function registryDigest(repo: string, tag: string): Promise<string> {
  const res = await fetch(`http://${REGISTRY}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: { Accept: INDEX_ACCEPT },
  });
  return res.ok ? (res.headers.get('docker-content-digest') ?? '') : `HTTP ${res.status}`;
}

const recorder = () => new RecordingIO();

describe.skipIf(skipReal)(
  `skip-unchanged on ${REGISTRY}${skipReal ? ` — skipped: ${skipReason}` : ''}`,
  () => {
    test('found for its commit only; retag puts nightly tags on the same digest in ~1 s', async () => {
      const dir = tempDir('crossbuild-reuse-');
      // a unique file makes a new digest, so nothing from an earlier run can be found instead
      writeFileSync(
        join(dir, 'Dockerfile'),
        `FROM ${REGISTRY}/fixtures/base:1\nRUN echo ${id} > /build-id\n`,
      );
      const metadata = join(dir, 'metadata.json');
      // the fixture (not the code under test) is made by raw buildx, which has no retry against this registry's
      // occasional 500 on a manifest HEAD: its push is tried up to three times
      const build = () =>
        runner.run('docker', [
          'buildx',
          'build',
          '--progress',
          'plain',
          '--platform',
          TWO.join(','),
          '--provenance',
          'mode=min', // attestation manifests in the index: they must not count as platforms
          '--label',
          `org.opencontainers.image.revision=${SHA}`,
          '--tag',
          `${IMG}:sha-${SHORT}`,
          '--metadata-file',
          metadata,
          '--push',
          dir,
        ]);
      let built = await build();
      for (let i = 1; i < 3 && built.code !== 0 && /500 Internal Server Error/.test(built.stderr); i++)
        built = await build();
      expect(built.code, built.stderr).toBe(0);
      const digest = (JSON.parse(readFileSync(metadata, 'utf8')) as Record<string, string>)[
        'containerimage.digest'
      ];
      expect(await registryDigest(REPO, `sha-${SHORT}`)).toBe(digest);

      const meta = metaFixture([IMG, MIRROR], ['nightly-20261124', 'nightly', `sha-${SHORT}`], ['nightly']);
      const log = recorder();
      const started = performance.now();
      const found = await findReusable(client, meta, SHA, TWO, log);
      const foundMs = performance.now() - started;
      expect(found).toMatchObject({ ref: `${IMG}:sha-${SHORT}`, digest });
      if (!found) return;

      const d = {
        runner,
        log,
        policy,
        state: new Map(),
        tempDir: dir,
        credentials: () => Promise.resolve(undefined),
      };
      const plan = {
        meta,
        platforms: TWO,
        push: true,
        tagPlan: tagPlan(meta),
        verify: true,
        verifyArch: false,
        perArchTags: false,
      };
      const out = await publishTree(d as unknown as PublishDeps, client, plan, found.tree);
      const totalMs = performance.now() - started;
      expect(log.warnings).toEqual([]);
      expect(out.refs.sort()).toEqual(
        [IMG, MIRROR]
          .flatMap((i) => ['nightly-20261124', 'nightly', `sha-${SHORT}`].map((t) => `${i}:${t}`))
          .sort(),
      );
      for (const repo of [REPO, MIRROR_REPO]) {
        for (const tag of ['nightly', 'nightly-20261124', `sha-${SHORT}`]) {
          expect(`${repo}:${tag} ${await registryDigest(repo, tag)}`).toBe(`${repo}:${tag} ${digest}`);
        }
      }
      expect(out.rows.map((r) => r.platform).sort()).toEqual(TWO);
      expect(out.attestations).toBe(2);
      console.log(
        `skip-unchanged reuse path: found in ${Math.round(foundMs)} ms, found + retag + verify (6 tags, 2 repositories) in ${Math.round(totalMs)} ms`,
      );
      // the point of the feature: seconds, not a multi-platform build
      expect(totalMs).toBeLessThan(10_000);

      // the same tags seen by a nightly of another commit, or asking for another platform set: build
      const other = randomBytes(20).toString('hex');
      expect(await findReusable(client, meta, other, TWO, log)).toBeUndefined();
      expect(await findReusable(client, meta, SHA, [...TWO, 'linux/s390x'], log)).toBeUndefined();
      expect(log.warnings).toEqual([]);
    });

    test('nothing under any candidate tag: undefined, no warning; an unreachable registry: a warning', async () => {
      const log = recorder();
      const absent = metaFixture([`${REGISTRY}/crossbuild-test/never-pushed-${id}`], ['nightly']);
      expect(await findReusable(client, absent, SHA, TWO, log)).toBeUndefined();
      expect(log.warnings).toEqual([]);

      const down = metaFixture(['127.0.0.1:5999/acme/widget'], ['nightly']);
      expect(await findReusable(client, down, SHA, TWO, log)).toBeUndefined();
      expect(log.warnings).toHaveLength(1);
      expect(log.warnings[0]).toMatch(
        /could not read the registry .*(refused|ECONNREFUSED).*; building instead$/,
      );
    });
  },
);
