/**
 * main and the job with no engine: a FakeRunner answers docker and git, an in-memory registry answers the
 * registry API, buildx "writes" a hand-made OCI layout. Every path of a run, asserting outputs, summary, what the
 * registry holds, and that no tag moves when a phase fails.
 */
import type { FailureKind } from '../src/errors.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { run } from '../src/main.js';
import { post } from '../src/post.js';
import { events } from './fixtures/events.js';
import { IMAGE, pushLayout, REPO, setup, summary, TWO, type Setup } from './fixtures/harness.js';
import { writeLayout } from './fixtures/layout.js';
import type { FakeRegistry } from './fixtures/registry.js';
import { RecordingIO } from './fixtures/io.js';
import { FakeRunner, fail } from './fixtures/runner.js';

describe('a release (tag push)', () => {
  test('built once, pushed by digest, proven, then tagged: fixed tags before floating ones', async () => {
    const h = setup();
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const digest = h.io.outputs.digest ?? '';
    expect(digest).toMatch(/^sha256:/);
    expect(h.registry.tags(REPO)).toEqual(['1.2', '1.2.3', 'latest']);
    for (const t of ['1.2.3', '1.2', 'latest']) expect(h.registry.digestOf(REPO, t)).toBe(digest);
    // the version tag first, the floating tags after it; the index was pushed (by digest) before any tag
    expect(h.registry.userTagWrites).toEqual([`${REPO}:1.2.3`, `${REPO}:1.2`, `${REPO}:latest`]);
    // BuildKit pushed under this run's own staging tag (the docker driver), removed by the end of the run
    const staging = h.registry.tagWrites.filter((t) => /:crossbuild-push-c0ffee00c0ff-[0-9a-f]{8}$/.test(t));
    expect(staging).toHaveLength(2);
    expect(staging[0]).toBe(staging[1]);
    expect(h.registry.tags(REPO).filter((t) => t.startsWith('crossbuild-push'))).toEqual([]);
    // BuildKit's push (written straight into the fake) finished, so the action does not look for the tag first: it
    // empties it and deletes that empty index by digest, with the tag on it (accepted: nothing left to read)
    const onStaging = h.registry.requests.filter((r) =>
      r.includes(`/manifests/${staging[0]?.split(':')[1] ?? '-'}`),
    );
    expect(onStaging.map((r) => r.split(' ')[0])).toEqual(['PUT']);
    expect(h.registry.requests.filter((r) => r.startsWith('DELETE '))).toHaveLength(1);
    // each tag's PUT was answered with the index's digest: no tag is read back
    expect(h.registry.requests.filter((r) => /^GET \S+\/manifests\/(?!sha256:)/.test(r))).toEqual([]);
    // dockerd keeps no copy (store=false): nothing to move or remove there; buildx 0.13's second push with docker
    // found no image and stopped, and the run went on from what BuildKit pushed
    expect(h.runner.lines().find((l) => l.startsWith('docker buildx build'))).toContain(
      ',push=true,store=false ',
    );
    expect(h.runner.lines().filter((l) => l.startsWith('docker image'))).toEqual([]);
    expect(h.io.infos.join('\n')).toMatch(
      /BuildKit pushed sha256:\w+; buildx's second push with docker had no copy to send \(dockerd stores none: tag does not exist: /,
    );
    expect(h.io.warnings).toEqual([]);
    // read back by digest before any tag
    const firstTag = h.registry.requests.findIndex((r) => r === `PUT /v2/${REPO}/manifests/1.2.3`);
    const readBack = h.registry.requests.findIndex((r) => r === `GET /v2/${REPO}/manifests/${digest}`);
    expect(readBack).toBeGreaterThan(-1);
    expect(readBack).toBeLessThan(firstTag);
    expect(h.io.outputs).toMatchObject({
      version: '1.2.3',
      platforms: TWO,
      retagged: 'false',
      builder: 'default',
      'qemu-platforms': 'linux/arm64',
    });
    expect(h.io.outputs['tag-names']?.split('\n')).toEqual(['1.2.3', '1.2', 'latest']);
    expect(summary(h.io)).toContain('✅ /app: AArch64 64-bit LE');
    expect(summary(h.io)).toMatch(/\| Build \| 0\.00 s \| sha256:\w{12} · 1\/1 steps from cache \|/);
    // one docker probe before the build (docker info), the build itself, then dockerd's staging copy goes
    expect(
      h.runner
        .lines()
        .filter((l) => l.startsWith('docker'))
        .map((l) => l.split(' ').slice(0, 3).join(' ')),
    ).toEqual(['docker info --format', 'docker buildx build']);
    // the post step removes what main made: the layout and the metadata file
    const state = h.io.saved;
    expect(JSON.parse(state.temp ?? '[]')).toEqual([
      join(h.temp, 'crossbuild-metadata.json'),
      join(h.temp, 'crossbuild-oci'),
    ]);
    const postIO = new RecordingIO({}, state);
    await post(postIO, new FakeRunner());
    expect(postIO.infos).toEqual([
      `removed ${join(h.temp, 'crossbuild-metadata.json')}`,
      `removed ${join(h.temp, 'crossbuild-oci')}`,
    ]);
  });

  test('logins go through stdin and are logged out in post; the password is masked and never printed', async () => {
    const h = setup({
      inputs: { registry: '127.0.0.1:5000', username: 'octocat', password: 's3cr3t-token' },
    });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const login = h.runner.callsTo('docker', 'login')[0];
    expect(login?.args).toEqual(['login', '127.0.0.1:5000', '--username', 'octocat', '--password-stdin']);
    expect(login?.opts.input).toBe('s3cr3t-token');
    expect(h.io.secrets).toContain('s3cr3t-token');
    expect(h.io.text()).not.toContain('s3cr3t-token');
    const r = new FakeRunner().on(['docker', 'logout'], {});
    await post(new RecordingIO({}, h.io.saved), r);
    expect(r.lines()).toEqual(['docker logout 127.0.0.1:5000']);
  });
});

describe('the log', () => {
  test('every phase group holds at least its outcome line (no empty ::group::)', async () => {
    const h = setup();
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const empty = h.io.log.flatMap((l, i) =>
      l.startsWith('::group::') && h.io.log[i + 1] === '::endgroup::' ? [l] : [],
    );
    expect(empty).toEqual([]);
    expect(h.io.log.slice(h.io.log.indexOf('::group::Docker and buildx'))[1]).toMatch(/^docker .+, buildx /);
  });
});

describe('per-arch tags', () => {
  test('each platform’s manifest under IMAGE-ARCH:TAG as a one-platform index, before the floating tags', async () => {
    const h = setup({ inputs: { 'per-arch-tags': 'true' } });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const index = JSON.parse(h.registry.manifests.get(REPO)?.get('1.2.3')?.bytes.toString() ?? '{}') as {
      manifests: { digest: string; platform: { architecture: string } }[];
    };
    for (const arch of ['amd64', 'arm64']) {
      expect(h.registry.tags(`${REPO}-${arch}`)).toEqual(['1.2', '1.2.3', 'latest']);
      const own = index.manifests.find((m) => m.platform.architecture === arch)?.digest;
      const per = JSON.parse(
        h.registry.manifests.get(`${REPO}-${arch}`)?.get('1.2.3')?.bytes.toString() ?? '{}',
      ) as {
        manifests: { digest: string }[];
      };
      expect(per.manifests.map((m) => m.digest)).toEqual([own]);
    }
    // every per-arch tag before the first floating tag of the image
    const firstFloating = h.registry.userTagWrites.indexOf(`${REPO}:1.2`);
    expect(h.registry.userTagWrites.slice(0, firstFloating).filter((t) => t.includes('-a'))).toHaveLength(6);
  });
});

describe('branch pushes and pull requests', () => {
  test('a branch push tags the branch', async () => {
    const h = setup({ event: events.pushMain, inputs: { tags: 'type=ref,event=branch' } });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(h.registry.tags(REPO)).toEqual(['main']);
  });

  test('a pull request builds without a layout, a push or a tag', async () => {
    const h = setup({ event: events.pullRequest, inputs: { tags: 'type=ref,event=pr' } });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(h.registry.requests).toEqual([]);
    const build = h.runner.callsTo('docker', 'buildx', 'build')[0]?.args ?? [];
    expect(build).not.toContain('--output');
    expect(summary(h.io)).toContain('push: auto — not pushed on pull_request');
  });

  test('a fork pull request without secrets: the login is skipped with a notice, the build still runs', async () => {
    const h = setup({
      event: events.pullRequestTarget,
      inputs: { tags: 'type=ref,event=pr', registry: 'ghcr.io', username: 'octocat', password: '' },
    });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(h.io.notices).toEqual(['login to ghcr.io skipped: no credentials on a pull request from a fork']);
    expect(h.runner.callsTo('docker', 'login')).toEqual([]);
    expect(h.runner.callsTo('docker', 'buildx', 'build')).toHaveLength(1);
  });

  test('push: true on a fork pull request pushes, with a warning that says whose code it is', async () => {
    const h = setup({ event: events.pullRequestTarget, inputs: { tags: 'type=ref,event=pr', push: 'true' } });
    await run(h.deps);
    expect(h.io.warnings.join('\n')).toMatch(
      /push: true on a pull request from a fork \(fix\/typo\): the image is built from the fork's code/,
    );
    expect(h.registry.tags(REPO)).toEqual(['pr-43']);
  });
});

describe('dry run', () => {
  test('no docker, no registry: outputs, the plan in the log and the summary', async () => {
    const h = setup({
      inputs: { 'dry-run': 'true', registry: 'ghcr.io', username: 'octocat', password: 'pw' },
    });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(h.runner.calls.filter((c) => c.cmd === 'docker')).toEqual([]);
    expect(h.registry.requests).toEqual([]);
    expect(h.io.outputs.version).toBe('1.2.3');
    expect(h.io.outputs.digest).toBeUndefined();
    const md = summary(h.io);
    expect(md).toContain('## Crossbuild plan (dry run)');
    const lines = md.split('```sh\n')[1]?.split('```')[0]?.trim().split('\n') ?? [];
    expect(lines[0]).toBe('docker login ghcr.io --username octocat --password-stdin');
    expect(lines[1]).toMatch(
      /^docker buildx build .*--output type=image,name=127\.0\.0\.1:5000\/acme\/widget:crossbuild-push-c0ffee00c0ff,push=true,store=false /,
    );
    const stage = /:(crossbuild-push[\w-]*),push=true/.exec(lines[1] ?? '')?.[1] ?? '';
    expect(lines.slice(2)).toEqual([
      `# registry: read back ${IMAGE}@sha256:<index digest> (BuildKit pushed it under :${stage}), prove each platform from its layers`,
      `# registry: tag ${IMAGE}:1.2.3 → sha256:<index digest>`,
      `# registry: tag ${IMAGE}:1.2 ${IMAGE}:latest → sha256:<index digest>`,
      `# registry: remove ${IMAGE}:${stage}`,
    ]);
    expect(h.io.saved).toEqual({});
  });
});

describe('a nightly on an unchanged commit', () => {
  const SHA = '3f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39';
  const MIRROR = '127.0.0.1:5000/acme/mirror';
  const nightly = (registry: FakeRegistry) => {
    const layout = writeLayout(TWO.split(','), {
      attestations: true,
      labels: { 'org.opencontainers.image.revision': SHA },
    });
    pushLayout(registry, layout.dir, layout.digest, [`${IMAGE}:sha-3f2c1a9`]);
    return layout.digest;
  };

  test('finds this commit’s index and retags it without building: every image gets the index by digest, then its tags', async () => {
    let digest = '';
    const h = setup({
      event: { ...events.schedule, ctx: { ...events.schedule.ctx, sha: SHA } },
      inputs: {
        images: `${IMAGE}\n${MIRROR}`,
        'skip-unchanged': 'true',
        tags: 'type=schedule\ntype=sha\ntype=raw,value=latest',
      },
      registry: (g) => (digest = nightly(g)),
    });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(h.runner.callsTo('docker', 'buildx', 'build')).toEqual([]);
    expect(h.io.outputs.retagged).toBe('true');
    expect(h.io.outputs.digest).toBe(digest);
    expect(summary(h.io)).toContain('## Crossbuild: unchanged, retagged');
    for (const repo of [REPO, 'acme/mirror'])
      for (const t of ['nightly', 'sha-3f2c1a9', 'latest']) expect(h.registry.digestOf(repo, t)).toBe(digest);
    // the mirror got the whole index by digest (its blobs from the first image's repository) before any tag
    const firstTag = h.registry.requests.findIndex((r) =>
      /^PUT \/v2\/acme\/mirror\/manifests\/(?!sha256:)/.test(r),
    );
    const indexPut = h.registry.requests.indexOf(`PUT /v2/acme/mirror/manifests/${digest}`);
    expect(indexPut).toBeGreaterThan(-1);
    expect(indexPut).toBeLessThan(firstTag);
    // the registry was never reached through docker: no imagetools
    expect(h.runner.lines().some((l) => l.includes('imagetools'))).toBe(false);
  });

  test('a tag that does not read back fails the run, naming it', async () => {
    const h = setup({
      event: { ...events.schedule, ctx: { ...events.schedule.ctx, sha: SHA } },
      inputs: { 'skip-unchanged': 'true', tags: 'type=schedule\ntype=raw,value=latest' },
      registry: (g) => {
        nightly(g);
        // the registry answers the fixed tag with other bytes than were put
        g.tamper = (_repo, ref, body) => (ref === 'nightly' ? Buffer.from(`${body.toString()} `) : body);
      },
    });
    await run(h.deps);
    expect(h.io.failed).toMatch(/^verify: the registry does not hold what was built \(1 problem\)/);
    expect(summary(h.io)).toMatch(/acme\/widget:nightly: points at sha256:/);
    expect(h.io.outputs.retagged).toBeUndefined();
  });
});

describe('each phase failing: one line, a summary, no tag moved', () => {
  const cases: [string, Setup, RegExp, FailureKind, string][] = [
    [
      'docker missing',
      {
        runner: (r) =>
          r.on(['docker', 'info'], { throws: new Error('Unable to locate executable file: docker') }),
      },
      /^docker: the docker CLI is not available/,
      'engine',
      'Docker and buildx',
    ],
    [
      'login refused',
      {
        inputs: { registry: '127.0.0.1:5000', username: 'u', password: 'p' },
        runner: (r) =>
          r.on(
            ['docker', 'login'],
            fail('Error response from daemon: unauthorized: incorrect username or password'),
          ),
      },
      /^login: 127\.0\.0\.1:5000 as u: .*unauthorized.*; check the username and token$/,
      'registry',
      'Registry login',
    ],
    [
      'no emulator (setup)',
      { runner: () => undefined, inputs: { platforms: 'linux/amd64,linux/riscv64', qemu: 'false' } },
      /^qemu: no emulator for linux\/riscv64/,
      'engine',
      'QEMU',
    ],
    [
      'build error',
      {
        runner: (r) =>
          r.on(
            ['docker', 'buildx', 'build'],
            fail(
              'ERROR: failed to solve: process "/bin/sh -c go build" did not complete successfully: exit code: 2',
            ),
          ),
      },
      /^build: ERROR: failed to solve: .*exit code: 2$/,
      'engine',
      'Build',
    ],
    [
      'push denied',
      {
        buildkitPushFails: 1,
        registry: (g) => g.fault({ method: 'POST', path: /blobs\/uploads/, status: 403, times: 99 }),
      },
      /^push: POST 127\.0\.0\.1:5000\/acme\/widget blobs\/uploads\/: 403 Forbidden \(UNAVAILABLE: injected 403\)$/,
      'registry',
      'Publish and verify',
    ],
    [
      'push through faults that never stop',
      {
        buildkitPushFails: 1,
        registry: (g) => g.fault({ method: 'PUT', path: /manifests\/sha256/, status: 503, times: 999 }),
      },
      /^push: PUT .*: 503 Service Unavailable .*gave up after 6 attempts over .* s\) \(whole operation: gave up after \d attempts over/,
      'registry',
      'Publish and verify',
    ],
    [
      'verification (the registry serves another index)',
      {
        registry: (g) => {
          g.tamper = (_r, ref, b) => {
            const doc = JSON.parse(b.toString()) as { manifests?: unknown[] };
            return ref.startsWith('sha256:') && doc.manifests
              ? Buffer.from(JSON.stringify({ ...doc, manifests: [] }))
              : b;
          };
        },
      },
      /^verify: the registry does not hold what was built \(\d+ problems?\): \(listed in "Error details" and the job summary\)$/,
      'proof',
      'Publish and verify',
    ],
    [
      'proof (an amd64 binary in the arm64 image)',
      { binaries: { 'linux/arm64': 'amd64' } },
      /^verify-arch: .*linux\/arm64 \/app is x86-64 64-bit LE, expected AArch64 64-bit LE/,
      'proof',
      'Publish and verify',
    ],
  ];
  test.each(cases)('%s', async (_name, s, line, kind, phase) => {
    const h = setup(s);
    const failure = await run(h.deps);
    expect(h.io.failed).toMatch(line);
    // the kind (what exit codes and the summary follow) and the phase travel with the failure, not in its text
    expect(failure).toMatchObject({ kind, phase });
    expect(h.io.log.filter((l) => l.startsWith('::error::'))).toHaveLength(1);
    // the error line is never folded inside a log group (the detail group closes first)
    const at = h.io.log.findIndex((l) => l.startsWith('::error::'));
    const open = h.io.log
      .slice(0, at)
      .reduce((n, l) => n + (l.startsWith('::group::') ? 1 : l === '::endgroup::' ? -1 : 0), 0);
    expect(open).toBe(0);
    expect(h.registry.userTagWrites).toEqual([]);
    expect(h.registry.tags(REPO).filter((t) => t.startsWith('crossbuild-push'))).toEqual([]);
    expect(summary(h.io)).toContain('## Crossbuild: failed');
    expect(h.io.outputs.version).toBe('1.2.3');
  });

  test('the proof failure shows each platform in the summary', async () => {
    const h = setup({ binaries: { 'linux/arm64': 'amd64' } });
    await run(h.deps);
    expect(summary(h.io)).toContain('| `linux/arm64` |  |  | ❌ /app: x86-64 64-bit LE |');
  });

  test('emulation: error stops on a build-machine binary too (the Cluster Autoscaler v1.32.6 pattern)', async () => {
    const h = setup({
      inputs: { emulation: 'error' },
      dockerfile:
        'FROM --platform=$BUILDPLATFORM golang AS builder\nARG GOARCH\nRUN CGO_ENABLED=0 go build -o ca-$GOARCH .\nFROM scratch\nARG GOARCH\nCOPY --from=builder /ca-$GOARCH /ca\n',
    });
    await run(h.deps);
    expect(h.io.failed).toMatch(
      /^emulation: build-machine binaries would reach other platforms: Dockerfile:3 `go build` \(linux\/arm64\)/,
    );
    expect(h.runner.calls).toEqual([]);
    expect(h.registry.requests).toEqual([]);
  });

  test('emulation: error stops before anything runs, with the finding annotated at its line', async () => {
    const h = setup({
      inputs: { emulation: 'error' },
      dockerfile: 'FROM golang\nRUN go build -o /app .\nENTRYPOINT ["/app"]\n',
    });
    await run(h.deps);
    expect(h.io.failed).toMatch(
      /^emulation: compile steps would run under QEMU: Dockerfile:2 `go build` \(linux\/arm64\)/,
    );
    // floating-tags: always needs no git; nothing else may have run
    expect(h.runner.calls).toEqual([]);
    expect(h.io.annotations[0]?.where).toMatchObject({ file: 'Dockerfile', startLine: 2 });
  });
});

describe('what docker/metadata-action users expect around the tags', () => {
  const api = {
    listTags: () => Promise.resolve([]),
    commitDate: () => Promise.resolve(new Date('2025-04-29T06:00:00Z')),
    repository: () =>
      Promise.resolve({
        description: 'Widget from the API',
        license: 'MIT',
        htmlUrl: 'https://github.com/acme/widget',
        defaultBranch: 'main',
      }),
  };

  test('metadata outputs are exported as DOCKER_METADATA_OUTPUT_* (DOCKER_METADATA_SET_OUTPUT_ENV=false turns it off)', async () => {
    const on = setup({ inputs: { 'dry-run': 'true' } });
    await run(on.deps);
    expect(on.io.exported.DOCKER_METADATA_OUTPUT_VERSION).toBe('1.2.3');
    expect(on.io.exported.DOCKER_METADATA_OUTPUT_TAG_NAMES).toBe(on.io.outputs['tag-names']);
    expect(Object.keys(on.io.exported)).toHaveLength(6);
    const off = setup({ inputs: { 'dry-run': 'true' }, env: { DOCKER_METADATA_SET_OUTPUT_ENV: 'false' } });
    await run(off.deps);
    expect(off.io.exported).toEqual({});
  });

  test('a schedule (no repository in its payload) gets description and license from the API', async () => {
    const h = setup({ inputs: { 'dry-run': 'true', tags: '' }, event: events.schedule, api });
    await run(h.deps);
    expect(h.io.outputs.labels).toContain('org.opencontainers.image.description=Widget from the API');
    expect(h.io.outputs.labels).toContain('org.opencontainers.image.licenses=MIT');
  });

  test('{{commit_date}} without a head commit in the event: the date git (or the API) gives, not the clock', async () => {
    const tags = "type=schedule,pattern=src-{{commit_date 'YYYYMMDD-HHmm'}}";
    const git = setup({
      inputs: { 'dry-run': 'true', tags },
      event: events.schedule,
      runner: (r) => r.on(['git', 'log'], { stdout: '2025-04-28T22:10:00+02:00\n' }),
    });
    await run(git.deps);
    expect(git.io.outputs['tag-names']).toBe('src-20250428-2010');
    const fromApi = setup({
      inputs: { 'dry-run': 'true', tags },
      event: events.schedule,
      api,
      runner: (r) => r.on(['git', 'log'], fail('fatal: bad object')),
    });
    await run(fromApi.deps);
    expect(fromApi.io.outputs['tag-names']).toBe('src-20250429-0600');
    const none = setup({
      inputs: { 'dry-run': 'true', tags },
      event: events.schedule,
      runner: (r) => r.on(['git', 'log'], fail('fatal: not a git repository')),
    });
    await run(none.deps);
    expect(none.io.outputs['tag-names']).toBe('src-20261124-0300');
    expect(none.io.warnings.join('\n')).toContain(
      '{{commit_date}}: neither the event, git nor the GitHub API',
    );
  });

  test('DOCKER_METADATA_PR_HEAD_SHA: a pull request is tagged and labelled with its head commit', async () => {
    const h = setup({
      inputs: { 'dry-run': 'true', tags: 'type=sha' },
      event: events.pullRequest,
      env: { DOCKER_METADATA_PR_HEAD_SHA: 'true', DOCKER_METADATA_SHORT_SHA_LENGTH: '10' },
    });
    await run(h.deps);
    const head = events.pullRequest.ctx.pr?.headSha ?? '';
    expect(h.io.outputs['tag-names']).toBe(`sha-${head.slice(0, 10)}`);
    expect(h.io.outputs.labels).toContain(`org.opencontainers.image.revision=${head}`);
  });
});

describe('build-push-action style tags', () => {
  test('a full reference in tags is pushed under exactly that reference, verified, nothing else tagged', async () => {
    const h = setup({ inputs: { images: '', tags: `${IMAGE}:exact-1.2.3\n${IMAGE}-mirror:m1` } });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(h.registry.tags(REPO)).toEqual(['exact-1.2.3']);
    expect(h.registry.tags(`${REPO}-mirror`)).toEqual(['m1']);
    expect(h.registry.digestOf(REPO, 'exact-1.2.3')).toBe(h.io.outputs.digest);
    expect(h.registry.digestOf(`${REPO}-mirror`, 'm1')).toBe(h.io.outputs.digest);
  });

  test('an invalid reference fails before anything runs', async () => {
    const h = setup({ inputs: { images: '', tags: `${IMAGE}:bad tag` } });
    await run(h.deps);
    expect(h.io.failed).toMatch(/^tags: ".*" is not a valid image reference/);
    expect(h.runner.calls).toEqual([]);
    expect(h.registry.requests).toEqual([]);
  });
});

describe("the rest of docker's action chain's inputs", () => {
  const buildArgv = (h: ReturnType<typeof setup>) =>
    h.runner.calls.find((c) => c.args[0] === 'buildx' && c.args[1] === 'build')?.args ?? [];

  test('allow, attests, no-cache-filters, cgroup-parent reach buildx as its flags', async () => {
    const h = setup({
      inputs: {
        allow: 'network.host,security.insecure',
        attests: 'type=provenance,mode=max\ntype=sbom',
        'no-cache-filters': 'build',
        'cgroup-parent': 'ci.slice',
      },
    });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const argv = buildArgv(h).join(' ');
    expect(argv).toContain('--allow network.host --allow security.insecure');
    expect(argv).toContain('--attest type=provenance,mode=max --attest type=sbom');
    expect(argv).toContain('--no-cache-filter build');
    expect(argv).toContain('--cgroup-parent ci.slice');
  });

  test('call: check runs the frontend method and pushes nothing', async () => {
    const h = setup({ inputs: { call: 'check' } });
    await run(h.deps);
    expect(buildArgv(h)).toContain('--call');
    expect(buildArgv(h).join(' ')).not.toContain('type=oci');
    expect(h.registry.userTagWrites).toEqual([]);
    expect(h.registry.tags(REPO).filter((t) => t.startsWith('crossbuild-push'))).toEqual([]);
    expect(summary(h.io)).toContain('call: check');
  });

  test('sep-tags/sep-labels/sep-annotations join the outputs', async () => {
    const h = setup({ inputs: { 'dry-run': 'true', 'sep-tags': ',', 'sep-labels': ';' } });
    await run(h.deps);
    expect(h.io.outputs.tags).toBe(`${IMAGE}:1.2.3,${IMAGE}:1.2,${IMAGE}:latest`);
    expect(h.io.outputs.labels?.split(';')).toHaveLength(8);
    expect(h.io.outputs.annotations?.split('\n')).toHaveLength(8);
  });

  test('summary: false and DOCKER_BUILD_SUMMARY=false write no job summary', async () => {
    const cases: Setup[] = [
      { inputs: { 'dry-run': 'true', summary: 'false' } },
      { inputs: { 'dry-run': 'true' }, env: { DOCKER_BUILD_SUMMARY: 'false' } },
    ];
    for (const o of cases) {
      const h = setup(o);
      await run(h.deps);
      expect(h.io.summaries).toEqual([]);
      expect(h.io.outputs.version).toBe('1.2.3');
    }
  });

  test('logout: false and cleanup: false leave the login and the builder for later steps', async () => {
    const h = setup({
      inputs: { username: 'u', password: 'p', registry: '127.0.0.1:5000', logout: 'false' },
    });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(h.io.saved.logins ?? '').not.toContain('127.0.0.1:5000');
  });

  test('summary rows say things once', async () => {
    const h = setup({ inputs: { cache: 'registry' } });
    await run(h.deps);
    const s = summary(h.io);
    expect(s).not.toContain('Cache: cache:');
    expect(s).not.toMatch(/\| applied \| applied/);
  });
});

describe('a builder the action creates', () => {
  const ls = (r: FakeRunner) =>
    r.on(['docker', 'buildx', 'create'], {}).on(['docker', 'buildx', 'ls'], {
      stdout: `${JSON.stringify({ Name: 'any', Driver: 'docker-container', Nodes: [{ Name: 'n0', Platforms: ['linux/amd64', 'linux/arm64'] }] })}\n`,
    });

  test.each([
    ['true', true],
    ['false', false],
  ])('cleanup: %s → the post step removes it: %s', async (cleanup, removed) => {
    const h = setup({ inputs: { driver: 'docker-container', cleanup }, runner: ls });
    await run(h.deps);
    const create = h.runner.calls.find((c) => c.args[1] === 'create');
    expect(create?.args).toContain('--bootstrap');
    expect(Boolean(h.io.saved.builder)).toBe(removed);
  });
});

describe('test: commands in every platform’s image before any tag (#23)', () => {
  /** docker run answers by platform; each call notes how many user tags had moved when it ran */
  const engine =
    (code: (platform: string) => number, seen: number[], h: () => FakeRegistry) => (r: FakeRunner) =>
      r.on(['docker', 'run'], (c) => {
        seen.push(h().userTagWrites.length);
        const platform = c.args[c.args.indexOf('--platform') + 1] ?? '';
        return { code: code(platform), stdout: `widget 1.2.3 ${platform}\n` };
      });

  test('every platform passes: the tests ran on the pushed digest before the first tag; the output and summary say so', async () => {
    const seen: number[] = [];
    let registry: FakeRegistry | undefined;
    const h = setup({
      inputs: { test: '/app --version' },
      registry: (g) => (registry = g),
      runner: engine(
        () => 0,
        seen,
        () => registry as FakeRegistry,
      ),
    });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const runs = h.runner.lines().filter((l) => l.startsWith('docker run'));
    expect(runs).toHaveLength(2);
    const digest = h.io.outputs.digest ?? '';
    for (const l of runs) {
      expect(l).toContain(`--pull never --quiet --network none`);
      expect(l).toMatch(new RegExp(`--entrypoint /app ${IMAGE}@${digest} --version$`));
    }
    expect(seen).toEqual([0, 0]);
    expect(h.registry.userTagWrites).toHaveLength(3);
    expect(JSON.parse(h.io.outputs.tests ?? '[]')).toEqual([
      { platform: 'linux/amd64', test: '/app --version', ok: true, ms: expect.any(Number) as number },
      { platform: 'linux/arm64', test: '/app --version', ok: true, ms: expect.any(Number) as number },
    ]);
    expect(summary(h.io)).toMatch(
      /### Tests[\s\S]*\| `linux\/arm64` \| `\/app --version` \| ✅ \|.*widget 1\.2\.3 linux\/arm64 \|/,
    );
    // the image stayed in docker for the tests, then went with the staging tag
    const lines = h.runner.lines();
    expect(lines.findIndex((l) => l.startsWith('docker image rm'))).toBeGreaterThan(
      lines.findLastIndex((l) => l.startsWith('docker run')),
    );
  });

  test("buildx's second push (with docker) fails after BuildKit's: no layout, no rebuild; BuildKit's index read back, proven, tested, tagged", async () => {
    const seen: number[] = [];
    let registry: FakeRegistry | undefined;
    const h = setup({
      inputs: { test: '/app --version' },
      registry: (g) => (registry = g),
      repushFails: true,
      runner: engine(
        () => 0,
        seen,
        () => registry as FakeRegistry,
      ),
    });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const lines = h.runner.lines();
    expect(lines.filter((l) => l.startsWith('docker buildx build'))).toHaveLength(1);
    expect(summary(h.io)).not.toContain('layout export');
    expect(summary(h.io)).toContain("pushed by BuildKit (buildx's second push with docker failed)");
    expect(h.io.infos.join('\n')).toMatch(
      /buildx's second push \(with docker\) failed: .*503 Service Unavailable; BuildKit had pushed sha256:[0-9a-f]{64} whole/,
    );
    expect(h.io.warnings).toEqual([]);
    const digest = h.io.outputs.digest ?? '';
    // dockerd holds what BuildKit pushed: the tests run it, never pull
    for (const l of lines.filter((x) => x.startsWith('docker run'))) expect(l).toContain('--pull never');
    expect(h.registry.userTagWrites).toEqual([`${REPO}:1.2.3`, `${REPO}:1.2`, `${REPO}:latest`]);
    expect(JSON.parse(h.io.outputs.metadata ?? '{}')).toEqual({
      'containerimage.digest': digest,
      'image.name': expect.stringMatching(/:crossbuild-push-/) as string,
    });
  });

  test("BuildKit's push stops on a fault: docker holds another index than the layout's, so the tests pull the pushed digest, then remove it", async () => {
    const seen: number[] = [];
    let registry: FakeRegistry | undefined;
    const h = setup({
      inputs: { test: '/app --version' },
      registry: (g) => (registry = g),
      buildkitPushFails: 1,
      runner: engine(
        () => 0,
        seen,
        () => registry as FakeRegistry,
      ),
    });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(summary(h.io)).toContain('Build (layout export)');
    const lines = h.runner.lines();
    const runs = lines.filter((l) => l.startsWith('docker run'));
    expect(runs).toHaveLength(2);
    const ref = `${IMAGE}@${h.io.outputs.digest ?? ''}`;
    for (const l of runs) expect(l).toContain(`--pull missing`);
    expect(lines).toContain(`docker image rm ${ref}`);
    expect(h.registry.userTagWrites).toHaveLength(3);
  });

  test('the arm64 binary fails its test: the release fails naming it, no tag moves, both platforms in the summary', async () => {
    let registry: FakeRegistry | undefined;
    const h = setup({
      inputs: { test: '/app --version' },
      registry: (g) => (registry = g),
      runner: engine(
        (p) => (p === 'linux/arm64' ? 139 : 0),
        [],
        () => registry as FakeRegistry,
      ),
    });
    await run(h.deps);
    expect(h.io.failed).toBe('test: linux/arm64: /app --version exited 139 (segmentation fault)');
    expect(h.registry.userTagWrites).toEqual([]);
    expect(h.registry.tags(REPO).filter((t) => t.startsWith('crossbuild-push'))).toEqual([]);
    expect(summary(h.io)).toContain('## Crossbuild: failed (a test of the built image; no tag moved)');
    expect(summary(h.io)).toMatch(/\| `linux\/amd64` \| `\/app --version` \| ✅ \|/);
    expect(summary(h.io)).toMatch(
      /\| `linux\/arm64` \| `\/app --version` \| ❌ exited 139 \(segmentation fault\) \|/,
    );
    expect(JSON.parse(h.io.outputs.tests ?? '[]')).toHaveLength(2);
  });

  test('a run that pushes nothing has no image to test: a warning, no docker run', async () => {
    const h = setup({ event: events.pullRequest, inputs: { test: '/app --version' } });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    expect(h.runner.lines().some((l) => l.startsWith('docker run'))).toBe(false);
    expect(h.io.warnings.join('\n')).toMatch(/^test: 1 command\(s\) not run: this run does not push \(/m);
  });

  test('dry run on another driver: each test as the build the builder runs, its Dockerfile as a here-document', async () => {
    const h = setup({ inputs: { test: '/app --version', 'dry-run': 'true', driver: 'docker-container' } });
    await run(h.deps);
    const block = summary(h.io).split('```sh\n')[1]?.split('```')[0] ?? '';
    expect(block).toContain(`cat > '<dir>/<id>.Dockerfile' <<'EOF'\nFROM ${IMAGE}@sha256:<index digest>\n`);
    expect(block).toContain(
      'RUN --network=none ["/app","--version"]\nEOF\n' +
        "timeout --kill-after=10 120s docker buildx build --builder 'crossbuild-<id>' --platform linux/arm64 --progress plain --output type=cacheonly --file '<dir>/<id>.Dockerfile' '<dir>/context'\n",
    );
    expect(block).not.toContain('docker run');
  });

  test('dry run: each platform’s test command, after the read-back and before the tags', async () => {
    const h = setup({ inputs: { test: '/app --version', 'dry-run': 'true' } });
    await run(h.deps);
    const md = summary(h.io);
    const block = md.split('```sh\n')[1]?.split('```')[0] ?? '';
    const lines = block.trim().split('\n');
    const tests = lines.filter((l) => l.startsWith('docker run'));
    expect(tests).toHaveLength(2);
    expect(tests[1]).toContain(`--platform linux/arm64 --pull never --quiet --network none`);
    expect(lines.indexOf(tests[0] ?? '')).toBeGreaterThan(lines.findIndex((l) => l.includes('read back')));
    expect(lines.indexOf(tests[1] ?? '')).toBeLessThan(lines.findIndex((l) => l.includes('registry: tag')));
  });
});

describe('structure-tests: container-structure-test files (#23)', () => {
  const FILE = `schemaVersion: '2.0.0'
commandTests:
  - name: version
    command: /app
    args: ['--version']
    expectedOutput: ['^widget']
metadataTest:
  entrypoint: ['/app']
`;
  const withFile = (text: string, o: Setup = {}) => {
    const h = setup({
      runner: (r) => r.on(['docker', 'run'], { stdout: 'widget 1.2.3\n' }),
      ...o,
      inputs: { 'structure-tests': 'tests/structure.yaml', ...o.inputs },
    });
    mkdirSync(join(h.cwd, 'tests'), { recursive: true });
    writeFileSync(join(h.cwd, 'tests/structure.yaml'), text);
    return h;
  };

  test('its metadataTest against each platform’s config and its command in each image, before any tag', async () => {
    const h = withFile(FILE);
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const runs = h.runner.lines().filter((l) => l.startsWith('docker run'));
    expect(runs).toEqual([
      expect.stringMatching(/--platform linux\/amd64 .*--entrypoint \/app \S+ --version$/),
      expect.stringMatching(/--platform linux\/arm64 .*--entrypoint \/app \S+ --version$/),
    ]);
    const tests = JSON.parse(h.io.outputs.tests ?? '[]') as { platform: string; test: string; ok: boolean }[];
    expect(tests.map((t) => `${t.platform} ${t.test} ${String(t.ok)}`)).toEqual([
      'linux/amd64 tests/structure.yaml: metadataTest true',
      'linux/amd64 tests/structure.yaml: version true',
      'linux/arm64 tests/structure.yaml: metadataTest true',
      'linux/arm64 tests/structure.yaml: version true',
    ]);
    expect(h.registry.userTagWrites).toHaveLength(3);
  });

  test('a broken expectation fails the release naming the file, the test and what was found; no tag', async () => {
    const h = withFile(
      FILE.replace("entrypoint: ['/app']", "entrypoint: ['/bin/sh']").replace('^widget', '^gadget'),
    );
    await run(h.deps);
    expect(h.io.failed).toMatch(/^test: 4 tests failed/);
    expect(summary(h.io)).toMatch(
      /\| `linux\/arm64` \| `tests\/structure\.yaml: metadataTest` \| ❌ entrypoint is \["\/app"\] \|/,
    );
    expect(summary(h.io)).toMatch(
      /\| `linux\/amd64` \| `tests\/structure\.yaml: version` \| ❌ output does not match \/\^gadget\/ \|/,
    );
    expect(h.registry.userTagWrites).toEqual([]);
  });

  test('a pull request (nothing pushed): the file and metadata tests read the build’s layout; commands are skipped with a warning', async () => {
    const FILES = `${FILE}fileExistenceTests:\n  - { name: shell, path: /bin/sh }\n`;
    const h = withFile(FILES, { event: events.pullRequest });
    await run(h.deps);
    // the layout is written for them even with verify-arch auto (no proof on a pull request)
    expect(h.runner.lines().find((l) => l.startsWith('docker buildx build'))).toMatch(
      /--output type=oci,dest=/,
    );
    expect(h.runner.lines().some((l) => l.startsWith('docker run'))).toBe(false);
    expect(h.registry.requests).toEqual([]);
    expect(h.io.warnings.join('\n')).toMatch(
      /^test: 1 command\(s\) not run: this run does not push \(.*\); the structure files’ metadata and file tests ran on the build$/m,
    );
    expect(h.io.failed).toBe('test: 2 tests failed: (listed in "Error details" and the job summary)');
    const tests = JSON.parse(h.io.outputs.tests ?? '[]') as { platform: string; test: string; ok: boolean }[];
    expect(tests.map((t) => `${t.platform} ${t.test} ${String(t.ok)}`)).toEqual([
      'linux/amd64 tests/structure.yaml: metadataTest true',
      'linux/amd64 tests/structure.yaml: shell false',
      'linux/arm64 tests/structure.yaml: metadataTest true',
      'linux/arm64 tests/structure.yaml: shell false',
    ]);
  });

  test('a dry run lists what each kind of test does: configs and layers read, one docker run per command', async () => {
    const h = withFile(`${FILE}fileExistenceTests:\n  - { name: app, path: /app }\n`, {
      inputs: { 'dry-run': 'true' },
    });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const lines = summary(h.io).split('```sh\n')[1]?.split('```')[0]?.trim().split('\n') ?? [];
    const tests = lines.filter((l) => l.startsWith('# test:') || l.startsWith('docker run'));
    expect(tests).toEqual([
      "# test: tests/structure.yaml: metadataTest, against each platform's config",
      "# test: tests/structure.yaml: 1 file test(s), against each platform's layers read back from the registry",
      expect.stringMatching(
        /^docker run .*--platform linux\/amd64 .*--entrypoint \/app '\S+@sha256:<index digest>' --version$/,
      ),
      expect.stringMatching(
        /^docker run .*--platform linux\/arm64 .*--entrypoint \/app '\S+@sha256:<index digest>' --version$/,
      ),
    ]);
  });

  test('file tests read each platform’s layers back from the registry: no container, a wrong mode fails', async () => {
    const FILES = `schemaVersion: '2.0.0'
fileExistenceTests:
  - { name: app, path: /app, isExecutableBy: any }
  - { name: no shell, path: /bin/sh, shouldExist: false }
`;
    const good = withFile(FILES);
    await run(good.deps);
    expect(good.io.failed, good.io.outputs.tests).toBeUndefined();
    expect(good.runner.lines().filter((l) => l.startsWith('docker run'))).toEqual([]);
    const tests = JSON.parse(good.io.outputs.tests ?? '[]') as { platform: string; test: string }[];
    expect(tests.map((t) => `${t.platform} ${t.test}`)).toEqual([
      'linux/amd64 tests/structure.yaml: app',
      'linux/amd64 tests/structure.yaml: no shell',
      'linux/arm64 tests/structure.yaml: app',
      'linux/arm64 tests/structure.yaml: no shell',
    ]);
    // the layers came from the registry, by digest, after the push and before any tag
    const layerReads = good.registry.requests.filter((r) => /^GET \/v2\/.*\/blobs\//.test(r));
    expect(layerReads.length).toBeGreaterThan(0);
    // each blob once: the tests use the proof's images, whose layers are read once between them
    expect(new Set(layerReads).size).toBe(layerReads.length);
    expect(good.registry.userTagWrites).toHaveLength(3);
    const bad = withFile(FILES.replace('/bin/sh, shouldExist: false', '/bin/sh'));
    await run(bad.deps);
    expect(bad.io.failed).toMatch(/^test: 2 tests failed/);
    expect(summary(bad.io)).toMatch(
      /\| `linux\/arm64` \| `tests\/structure\.yaml: no shell` \| ❌ \/bin\/sh does not exist \|/,
    );
    expect(bad.registry.userTagWrites).toEqual([]);
  });

  test.each([
    ['a missing file', null, /^structure-tests: tests\/structure\.yaml: cannot read it \(ENOENT\)/],
    [
      'an unknown key',
      "schemaVersion: '2.0.0'\ncommandTest: []\n",
      /^structure-tests: tests\/structure\.yaml:2: unknown key commandTest/,
    ],
  ])('%s: an input error before anything runs', async (_what, text, want) => {
    const h = setup({ inputs: { 'structure-tests': 'tests/structure.yaml' } });
    if (text !== null) {
      mkdirSync(join(h.cwd, 'tests'), { recursive: true });
      writeFileSync(join(h.cwd, 'tests/structure.yaml'), text);
    }
    await run(h.deps);
    expect(h.io.failed).toMatch(want);
    expect(h.runner.lines()).toEqual([]);
  });
});

describe('cache: registry on a first build', () => {
  test('no cache in the registry yet: nothing imported, and the plan says why', async () => {
    const h = setup({ inputs: { cache: 'registry' } });
    await run(h.deps);
    expect(h.io.failed).toBeUndefined();
    const build = h.runner.lines().find((l) => l.startsWith('docker buildx build')) ?? '';
    expect(build).not.toContain('--cache-from');
    expect(build).toContain(`--cache-to type=registry,ref=${IMAGE}:buildcache,mode=max`);
    expect(h.io.infos).toContain(
      'cache: no cache yet (first build of this repository): nothing to import, this build exports one',
    );
    expect(summary(h.io)).toMatch(/Cache: .*; no cache yet \(first build of this repository\)/);
  });

  test('a cache the registry holds is imported', async () => {
    const h = setup({
      inputs: { cache: 'registry' },
      registry: (r) => {
        const m = Buffer.from(
          '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]}',
        );
        r.manifests.set(
          REPO,
          new Map([['buildcache', { type: 'application/vnd.oci.image.index.v1+json', bytes: m }]]),
        );
      },
    });
    await run(h.deps);
    const build = h.runner.lines().find((l) => l.startsWith('docker buildx build')) ?? '';
    expect(build).toContain(`--cache-from type=registry,ref=${IMAGE}:buildcache`);
    expect(h.io.infos.join('\n')).not.toContain('no cache yet');
  });
});
