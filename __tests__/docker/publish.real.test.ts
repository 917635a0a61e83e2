import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runBuild } from '../../src/docker/build.js';
import { probeEngine } from '../../src/docker/engine.js';
import { publishSteps, runPublish } from '../../src/docker/publish.js';
import { verifyPublished } from '../../src/registry/verify.js';
import { realRunner, skipReal, skipReason } from './real-engine.js';

const IMG = '127.0.0.1:5000/crossbuild-test/publish';
const PLATFORMS = ['linux/amd64', 'linux/arm64'];
const policy = { attempts: 4, waitMs: 500 };

describe.skipIf(skipReal)(`docker driver publish${skipReal ? ` — skipped: ${skipReason}` : ''}`, () => {
  test('build into the containerd store, push one tag, copy the rest: every tag holds the built digest', async () => {
    const facts = await probeEngine(realRunner);
    expect(facts.containerdStore).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'crossbuild-publish-'));
    const run = `${process.pid}-${Date.now()}`;
    // a unique file makes a new digest each run, so a stale tag cannot pass for a fresh one
    writeFileSync(
      join(dir, 'Dockerfile'),
      `FROM 127.0.0.1:5000/fixtures/base:1\nRUN echo ${run} > /run-id\n`,
    );
    const tags = [`v-${run}`, `sha-${run}`, `latest-${run}`];
    const meta = join(dir, 'metadata.json');
    const argv = [
      'buildx',
      'build',
      '--progress',
      'plain',
      '--platform',
      PLATFORMS.join(','),
      '--metadata-file',
      meta,
    ];
    for (const t of tags) argv.push('--tag', `${IMG}:${t}`);
    argv.push(dir);
    const built = await runBuild(realRunner, argv, {
      metadataFile: meta,
      readFile: (p) => readFile(p, 'utf8'),
      stream: false,
    });
    expect(readFileSync(meta, 'utf8')).toContain(`"containerimage.digest": "${built.digest}"`);

    const steps = publishSteps({
      driver: 'docker',
      digest: built.digest,
      tags: [{ image: IMG, order: tags, floating: [`latest-${run}`] }],
    });
    await runPublish(
      realRunner,
      steps.filter((s) => !s.floating),
      policy,
    );
    const fixed = steps.filter((s) => !s.floating).flatMap((s) => s.refs);
    await verifyPublished(realRunner, fixed, PLATFORMS, built.digest, policy);
    await runPublish(
      realRunner,
      steps.filter((s) => s.floating),
      policy,
    );
    const v = await verifyPublished(
      realRunner,
      tags.map((t) => `${IMG}:${t}`),
      PLATFORMS,
      built.digest,
      policy,
    );
    expect(v.analysis.platforms.map((p) => p.platform).sort()).toEqual(PLATFORMS);
  });
});
