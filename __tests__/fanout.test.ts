/**
 * Fan-out with no engine: build jobs (mode: build, one platform each) and a merge job (mode: merge) share one
 * in-memory registry, as runners share a real one. What the registry holds decides each test.
 */
import { describe, expect, test } from 'vitest';
import { run } from '../src/main.js';
import { readStage, stageTag } from '../src/stage/stage.js';
import { events, SHA, tagPush, type EventFixture } from './fixtures/events.js';
import { IMAGE, REPO, setup, summary, TWO, type Setup } from './fixtures/harness.js';
import { FakeRegistry } from './fixtures/registry.js';
import type { FakeRunner } from './fixtures/runner.js';

const RUN = '9876543210';
const sha = events.tagStable.ctx.sha;

async function job(shared: FakeRegistry, mode: string, platforms: string, o: Setup = {}) {
  const h = setup({
    ...o,
    shared,
    inputs: { mode, platforms, ...o.inputs },
    env: { GITHUB_JOB: mode === 'merge' ? 'merge' : 'build', RUNNER_NAME: `runner-${platforms}`, ...o.env },
  });
  await run(h.deps);
  return h;
}

const buildBoth = async (r: FakeRegistry, o: Setup = {}) => {
  await job(r, 'build', 'linux/amd64', o);
  await job(r, 'build', 'linux/arm64', o);
};

/** Both build jobs, the amd64 image's config claiming s390x (its proof off, so it stages). */
const buildS390xConfigAsAmd64 = async (r: FakeRegistry) => {
  await job(r, 'build', 'linux/amd64', {
    configArch: { 'linux/amd64': 's390x' },
    inputs: { 'verify-arch': 'false' },
  });
  await job(r, 'build', 'linux/arm64');
};

/** The registry serves arm64's staging index with its entries changed (a staging index is read by tag, unhashed). */
function rewriteStage(r: FakeRegistry, mutate: (entries: Record<string, unknown>[]) => void): void {
  const tag = stageTag(RUN, sha, 'linux/arm64');
  const store = r.manifests.get(REPO);
  const stage = store?.get(tag);
  if (!store || !stage) throw new Error('not staged');
  const doc = JSON.parse(stage.bytes.toString()) as { manifests: Record<string, unknown>[] };
  mutate(doc.manifests);
  store.set(tag, { ...stage, bytes: Buffer.from(JSON.stringify(doc)) });
}

describe('fan-out: build jobs stage, the merge job tags', () => {
  test('two build jobs and a merge: one index of both platforms under every tag, staging references removed', async () => {
    const r = new FakeRegistry();
    const amd = await job(r, 'build', 'linux/amd64');
    expect(amd.io.failed).toBeUndefined();
    // a build job moves no tag of the image: only its staging reference
    expect(r.userTagWrites).toEqual([`${REPO}:${stageTag(RUN, sha, 'linux/amd64')}`]);
    expect(amd.io.outputs.staged).toBe(`${IMAGE}:${stageTag(RUN, sha, 'linux/amd64')}`);
    expect(amd.io.outputs['tag-names']).toBe('1.2.3\n1.2\nlatest');
    expect(summary(amd.io)).toContain('### Staged for the merge job');
    await job(r, 'build', 'linux/arm64');
    const staged = readStage(
      r.manifests
        .get(REPO)
        ?.get(stageTag(RUN, sha, 'linux/arm64'))
        ?.bytes.toString() ?? '{}',
    );
    expect(staged.record).toMatchObject({
      platform: 'linux/arm64',
      sha,
      run: RUN,
      job: 'build on runner-linux/arm64',
    });
    // the platform's manifest and its attestation
    expect(staged.descriptors).toHaveLength(2);

    // each build job removed the staging tag BuildKit pushed under (the docker driver) before the merge ran
    const deleted = r.deleted.length;
    expect(deleted).toBe(2);
    const m = await job(r, 'merge', TWO);
    expect(m.io.failed).toBeUndefined();
    const digest = m.io.outputs.digest ?? '';
    expect(r.tags(REPO)).toEqual(['1.2', '1.2.3', 'latest']);
    for (const t of ['1.2.3', '1.2', 'latest']) expect(r.digestOf(REPO, t)).toBe(digest);
    const index = JSON.parse(r.manifests.get(REPO)?.get('1.2.3')?.bytes.toString() ?? '{}') as {
      manifests: { platform: { architecture: string }; annotations?: Record<string, string> }[];
    };
    const archs = index.manifests.filter((x) => !x.annotations).map((x) => x.platform.architecture);
    expect(archs).toEqual(['amd64', 'arm64']);
    expect(index.manifests).toHaveLength(4);
    expect(m.io.outputs.platforms).toBe(TWO);
    expect(m.io.outputs.staged).toBe('');
    // the merge job ran no docker at all
    expect(m.runner.calls).toEqual([]);
    const s = summary(m.io);
    expect(s).toContain('| built by | build time |');
    expect(s).toMatch(
      /\| `linux\/arm64` \| `sha256:[0-9a-f]{12}…` \| [\d.]+ (B|KiB) \| build on runner-linux\/arm64 \| 0\.0 s \|/,
    );
    expect(r.deleted.slice(deleted)).toHaveLength(2);
  });

  test('fixed tags before floating ones, per-arch tags too, as in one job', async () => {
    const r = new FakeRegistry();
    await buildBoth(r);
    const m = await job(r, 'merge', TWO, { inputs: { 'per-arch-tags': 'true' } });
    expect(m.io.failed).toBeUndefined();
    expect(r.userTagWrites.filter((t) => !t.includes('crossbuild-stage'))).toEqual([
      `${REPO}:1.2.3`,
      `${REPO}-amd64:1.2.3`,
      `${REPO}-amd64:1.2`,
      `${REPO}-amd64:latest`,
      `${REPO}-arm64:1.2.3`,
      `${REPO}-arm64:1.2`,
      `${REPO}-arm64:latest`,
      `${REPO}:1.2`,
      `${REPO}:latest`,
    ]);
  });

  test('index-level annotations go on the merged index; the build jobs carry manifest ones only', async () => {
    const r = new FakeRegistry();
    const o = { inputs: { annotations: 'index:org.example.kind=release\nmanifest:org.example.part=app' } };
    const b = await job(r, 'build', 'linux/amd64', o);
    const argv = b.runner.calls.find((c) => c.args[0] === 'buildx')?.args ?? [];
    expect(argv).toContain('manifest:org.example.part=app');
    expect(argv.join(' ')).not.toContain('index:org.example.kind');
    await job(r, 'build', 'linux/arm64', o);
    await job(r, 'merge', TWO, o);
    const index = JSON.parse(r.manifests.get(REPO)?.get('1.2.3')?.bytes.toString() ?? '{}') as {
      annotations?: Record<string, string>;
    };
    expect(index.annotations).toEqual({ 'org.example.kind': 'release' });
  });

  test('a re-run of one build job: the merge takes its newer staging', async () => {
    const r = new FakeRegistry();
    await buildBoth(r);
    const before = r.digestOf(REPO, stageTag(RUN, sha, 'linux/arm64'));
    await job(r, 'build', 'linux/arm64', { env: { GITHUB_RUN_ATTEMPT: '2' } });
    expect(r.digestOf(REPO, stageTag(RUN, sha, 'linux/arm64'))).not.toBe(before);
    const m = await job(r, 'merge', TWO);
    expect(m.io.failed).toBeUndefined();
    expect(summary(m.io)).toContain('build on runner-linux/arm64 (attempt 2)');
  });

  const failures: [string, (r: FakeRegistry) => Promise<void>, RegExp][] = [
    [
      'a platform no build job staged',
      async (r) => {
        await job(r, 'build', 'linux/amd64');
      },
      /^merge: cannot merge linux\/arm64; no tag moved \(listed.*$/,
    ],
    [
      'a platform built from another commit',
      async (r) => {
        await job(r, 'build', 'linux/amd64');
        await job(r, 'build', 'linux/arm64', { event: tagPush('v1.2.3', SHA.main) });
      },
      /^merge: cannot merge linux\/arm64/,
    ],
    [
      'an image labelled with another revision',
      async (r) => {
        await job(r, 'build', 'linux/amd64');
        await job(r, 'build', 'linux/arm64', {
          inputs: { labels: `org.opencontainers.image.revision=${'d'.repeat(40)}` },
        });
      },
      /^merge: cannot merge linux\/arm64/,
    ],
    [
      'an image whose config is another platform',
      async (r) => {
        await buildS390xConfigAsAmd64(r);
      },
      /^merge: cannot merge linux\/amd64/,
    ],
    [
      'a config the registry swaps for a forged one claiming the right platform (the hash decides)',
      async (r) => {
        await buildS390xConfigAsAmd64(r);
        for (const [digest, bytes] of r.blobs) {
          const doc = JSON.parse(bytes.toString('utf8').startsWith('{') ? bytes.toString('utf8') : '{}') as {
            architecture?: string;
          };
          if (doc.architecture === 's390x')
            r.blobs.set(digest, Buffer.from(JSON.stringify({ ...doc, architecture: 'amd64' })));
        }
      },
      /^merge: cannot merge linux\/amd64/,
    ],
  ];
  test.each(failures)('%s: the merge fails naming it, and no tag moves', async (_n, before, line) => {
    const r = new FakeRegistry();
    await before(r);
    const writes = r.userTagWrites.length;
    // the build jobs removed their own push staging tags; the merge's deletions come after
    const deleted = r.deleted.length;
    const m = await job(r, 'merge', TWO);
    expect(m.io.failed).toMatch(line);
    expect(r.userTagWrites.length).toBe(writes);
    expect(r.tags(REPO).filter((t) => !t.startsWith('crossbuild-stage'))).toEqual([]);
    // the staging references stay for a merge re-run
    expect(r.deleted.slice(deleted)).toEqual([]);
    expect(m.io.outputs.digest).toBeUndefined();
  });

  test('a forged config is named as such: its bytes do not hash to the digest the manifest gives', async () => {
    const r = new FakeRegistry();
    await failures[failures.length - 1]?.[1](r);
    const m = await job(r, 'merge', TWO);
    expect(m.io.text()).toMatch(
      /linux\/amd64: the config of sha256:[0-9a-f]{64} was served as other bytes \(they hash to sha256:[0-9a-f]{64}\)/,
    );
  });

  test('the merged index describes what was read and hashed, not what a staging index claims', async () => {
    const r = new FakeRegistry();
    await buildBoth(r);
    rewriteStage(r, (entries) => {
      for (const e of entries) Object.assign(e, { size: 1, urls: ['http://elsewhere.test/x'], data: 'e30=' });
    });
    const store = r.manifests.get(REPO);
    if (!store) throw new Error('nothing pushed');
    const m = await job(r, 'merge', TWO);
    expect(m.io.failed).toBeUndefined();
    const merged = JSON.parse(store.get('1.2.3')?.bytes.toString() ?? '{}') as {
      manifests: { digest: string; size: number; urls?: unknown; data?: unknown }[];
    };
    for (const e of merged.manifests) {
      expect(e.urls).toBeUndefined();
      expect(e.data).toBeUndefined();
      expect(e.size).toBe(store.get(e.digest)?.bytes.length);
    }
  });

  test.each([
    [
      'an entry whose digest is not one: not fetched',
      (ms: Record<string, unknown>[]) => {
        const att = ms[1];
        if (att) att.digest = `sha256:${'a'.repeat(64)}:/../../other/repo`;
      },
      /not a digest/,
    ],
    [
      'a platform string with a new line: it cannot start a log line',
      (ms: Record<string, unknown>[]) => {
        const img = ms[0];
        if (img) img.platform = { os: 'linux\n::warning title=Pwned::x', architecture: 'arm64' };
      },
      /holds linux, not linux\/arm64/,
    ],
  ])('a staging index with %s', async (_, mutate, detail) => {
    const r = new FakeRegistry();
    await buildBoth(r);
    rewriteStage(r, mutate);
    const requests = r.requests.length;
    const m = await job(r, 'merge', TWO);
    expect(m.io.failed).toMatch(/^merge: cannot merge linux\/arm64/);
    expect(m.io.text()).toMatch(detail);
    expect(r.requests.slice(requests).filter((q) => q.includes('other/repo'))).toEqual([]);
    expect(m.io.log.filter((l) => l.includes('Pwned') && l.trimStart().startsWith('::'))).toEqual([]);
  });

  test('the reasons, one line per platform', async () => {
    const r = new FakeRegistry();
    await job(r, 'build', 'linux/arm64', { event: tagPush('v1.2.3', SHA.main) });
    const m = await job(r, 'merge', TWO);
    const detail = summary(m.io);
    expect(detail).toContain(
      `linux/amd64: no build job of run ${RUN} staged it (${IMAGE}:${stageTag(RUN, sha, 'linux/amd64')} is missing)`,
    );
    expect(detail).toContain(`linux/arm64: staged from commit ${SHA.main.slice(0, 12)}`);
  });

  test('a registry that cannot delete: the merge succeeds and lists the staging references left', async () => {
    const r = new FakeRegistry();
    r.deletes = 'none';
    await buildBoth(r);
    const m = await job(r, 'merge', TWO);
    expect(m.io.failed).toBeUndefined();
    expect(m.io.outputs.staged?.split('\n')).toEqual([
      `${IMAGE}:${stageTag(RUN, sha, 'linux/amd64')}`,
      `${IMAGE}:${stageTag(RUN, sha, 'linux/arm64')}`,
    ]);
    expect(summary(m.io)).toContain('### Staging references left');
  });

  test('a registry failing on DELETE after the tags moved: the merge succeeds and lists what is left', async () => {
    const r = new FakeRegistry();
    await buildBoth(r);
    r.fault({ method: 'DELETE', path: /manifests/, status: 503, times: 1000 });
    const m = await job(r, 'merge', TWO);
    expect(m.io.failed).toBeUndefined();
    expect(r.tags(REPO).filter((x) => !x.startsWith('crossbuild-stage'))).toEqual(['1.2', '1.2.3', 'latest']);
    expect(m.io.outputs.staged?.split('\n')).toHaveLength(2);
  });

  test('an OCI 1.1 registry deletes the tags themselves', async () => {
    const r = new FakeRegistry();
    r.deletes = 'tags';
    await buildBoth(r);
    const deleted = r.deleted.length;
    await job(r, 'merge', TWO);
    expect(r.deleted.slice(deleted).every((d) => d.includes(':crossbuild-stage-'))).toBe(true);
    expect(r.tags(REPO)).toEqual(['1.2', '1.2.3', 'latest']);
  });

  test('a pull request: the build jobs build and prove, nothing is staged, the merge has nothing to do', async () => {
    const r = new FakeRegistry();
    const pr: EventFixture = events.pullRequest;
    const b = await job(r, 'build', 'linux/amd64', { event: pr });
    expect(b.io.failed).toBeUndefined();
    const m = await job(r, 'merge', TWO, { event: pr });
    expect(m.io.failed).toBeUndefined();
    expect(r.userTagWrites).toEqual([]);
    expect(m.io.infos.join('\n')).toContain('nothing to merge');
  });

  test('per-platform cache scopes: the registry cache of a build job is its platform’s', async () => {
    const r = new FakeRegistry();
    const b = await job(r, 'build', 'linux/arm64', { inputs: { cache: 'registry' } });
    const argv = b.runner.calls.find((c) => c.args[0] === 'buildx')?.args.join(' ') ?? '';
    expect(argv).toContain(`type=registry,ref=${IMAGE}:buildcache-linux-arm64`);
  });
});

describe('fan-out inputs', () => {
  test('no run id (a CI without one): one line naming run-id, nothing run', async () => {
    const h = setup({
      inputs: { mode: 'build' },
      event: { ...events.tagStable, ctx: { ...events.tagStable.ctx, runId: 0 } },
    });
    await run(h.deps);
    expect(h.io.failed).toMatch(/^run-id: mode: build names staging references after the run/);
    expect(h.runner.calls).toEqual([]);
  });

  test('run-id names the staging references', async () => {
    const r = new FakeRegistry();
    await job(r, 'build', 'linux/amd64', { inputs: { 'run-id': 'cb-42' } });
    expect(r.tags(REPO)).toEqual([stageTag('cb-42', sha, 'linux/amd64')]);
  });

  test('custom outputs cannot be handed over', async () => {
    const h = setup({ inputs: { mode: 'build', outputs: 'type=local,dest=out' } });
    await run(h.deps);
    expect(h.io.failed).toMatch(/^mode: mode: build hands the image over through the registry/);
  });

  test('dry run shows each mode’s plan', async () => {
    const b = setup({ inputs: { mode: 'build', platforms: 'linux/arm64', 'dry-run': 'true' } });
    await run(b.deps);
    const bs = summary(b.io);
    expect(bs).toContain('docker buildx build');
    expect(bs).toContain(`# registry: stage linux/arm64 as ${IMAGE}:${stageTag(RUN, sha, 'linux/arm64')}`);
    expect(bs).not.toContain('# registry: tag');
    const m = setup({ inputs: { mode: 'merge', 'dry-run': 'true' } });
    await run(m.deps);
    const ms = summary(m.io);
    expect(ms).not.toContain('docker buildx build');
    expect(ms).toContain(`# registry: read ${IMAGE}:${stageTag(RUN, sha, 'linux/amd64')} (linux/amd64)`);
    expect(ms).toContain('# registry: make one index of 2 platform(s)');
    expect(ms).toContain(`# registry: tag ${IMAGE}:1.2.3`);
    expect(ms).toContain(`# registry: remove ${IMAGE}:${stageTag(RUN, sha, 'linux/amd64')}`);
    expect(m.runner.calls).toEqual([]);
  });
});

describe('fan-out with test (#23)', () => {
  test('a build job tests its platform before it stages it; a failing test stages nothing; the merge runs none', async () => {
    const r = new FakeRegistry();
    const failArm = (runner: FakeRunner) =>
      runner.on(['docker', 'run'], (c) => ({ code: c.args.includes('linux/arm64') ? 1 : 0 }));
    const o: Setup = { inputs: { test: '/app --version' }, runner: failArm };
    const amd = await job(r, 'build', 'linux/amd64', o);
    expect(amd.io.failed).toBeUndefined();
    const runs = amd.runner.lines().filter((l) => l.startsWith('docker run'));
    expect(runs).toEqual([expect.stringContaining('--platform linux/amd64 --pull never')]);
    expect(amd.io.outputs.staged).toBe(`${IMAGE}:${stageTag(RUN, sha, 'linux/amd64')}`);
    const arm = await job(r, 'build', 'linux/arm64', o);
    expect(arm.io.failed).toBe('test: linux/arm64: /app --version exited 1');
    expect(r.tags(REPO)).not.toContain(stageTag(RUN, sha, 'linux/arm64'));
    const merge = await job(r, 'merge', TWO, o);
    expect(merge.runner.lines().some((l) => l.startsWith('docker run'))).toBe(false);
    expect(merge.io.failed).toMatch(/linux\/arm64/);
  });
});
