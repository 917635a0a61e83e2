/**
 * Issue 4, end to end through dist/index.js: the reference cross-compiling Dockerfile builds the example for three
 * platforms; a Dockerfile with the Cluster Autoscaler v1.32.6 bug (one build-machine binary copied into every
 * platform) fails before any tag moves; a Dockerfile compiling under QEMU gets the advisor's warning at its line,
 * and with `emulation: error` the job stops before building.
 */
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, runMain, type RunSpec } from '../../scripts/local-runner.mjs';
import { tagPush } from '../fixtures/events.js';
import { tagPushSpec } from './release.js';
import { dockerRun, manifest, platformsOf, REGISTRY, tagList, uniqueRepo, workspace } from './registry.js';
import { skipReal } from '../docker/real-engine.js';
import { tempDir } from '../../scripts/temp.mjs';

const PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/s390x'];
const SEMVER =
  'type=semver,pattern={{version}}\ntype=semver,pattern={{major}}.{{minor}}\ntype=semver,pattern={{major}}';
const FIXTURE_ARGS = `GO_IMAGE=${REGISTRY}/fixtures/golang:1.19\nBASE_IMAGE=${REGISTRY}/fixtures/base:1`;

/** The repository's Dockerfile and example/ in a context of its own (tests never touch the repo's files). */
function exampleContext(dockerfile?: string): string {
  const dir = tempDir('crossbuild-example-');
  cpSync(join(ROOT, 'example'), join(dir, 'example'), { recursive: true });
  cpSync(join(ROOT, 'Dockerfile'), join(dir, 'Dockerfile'));
  if (dockerfile !== undefined)
    cpSync(workspace({ Dockerfile: dockerfile }) + '/Dockerfile', join(dir, 'Dockerfile'));
  return dir;
}

const spec = (repo: string, cwd: string, inputs: Record<string, string> = {}): RunSpec =>
  tagPushSpec(repo, cwd, PLATFORMS, { tags: SEMVER, 'build-args': FIXTURE_ARGS, ...inputs });

const errorLines = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::error'));
const warningLines = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::warning'));

describe.skipIf(skipReal)('combined cross-arch Dockerfile', () => {
  test('the reference Dockerfile: each platform runs its own GOARCH and the computed version; per-arch tags', async () => {
    const repo = uniqueRepo('example');
    const r = await runMain(spec(repo, exampleContext(), { 'per-arch-tags': 'true' }));
    expect(r.code, r.stdout.slice(-3000)).toBe(0);
    // legacy per-arch tags beside the index point at that platform's manifest
    const index = await manifest(repo, '1.2.3');
    for (const p of PLATFORMS) {
      const arch = p.split('/')[1] as string;
      const own = index?.manifests?.find((m) => m.platform?.architecture === arch)?.digest;
      expect(await tagList(`${repo}-${arch}`)).toEqual(['1', '1.2', '1.2.3', 'latest']);
      const perArch = await manifest(`${repo}-${arch}`, '1.2.3');
      expect(perArch?.manifests?.map((m) => m.digest)).toEqual([own]);
    }
    // cross-compiled: no compile step under QEMU, so no advisor warning
    expect(warningLines(r.stdout).filter((l) => l.includes('QEMU'))).toEqual([]);
    expect(platformsOf(await manifest(repo, '1.2.3'))).toEqual([...PLATFORMS].sort());
    for (const p of PLATFORMS) {
      const out = dockerRun(p, `${REGISTRY}/${repo}:1.2.3`);
      expect(out).toContain('version=1.2.3');
      expect(out).toContain(`arch=${p.split('/')[1]}`);
      expect(out).toContain(`commit=${tagPush('v1.2.3').env.GITHUB_SHA}`);
    }
    expect(r.summary).toMatch(
      /\| `linux\/s390x` \| `sha256:[0-9a-f]{12}…` \| [\d.]+ (KiB|MiB) \| ✅ \/usr\/local\/bin\/crossbuild-example: S390 64-bit BE \|/,
    );

    // with verify: false the per-arch tags still come, read from the pushed index
    const e = tagPush('v1.2.4');
    const noVerify = await runMain({
      ...spec(repo, exampleContext(), { 'per-arch-tags': 'true', verify: 'false' }),
      github: e.env,
      event: e.payload,
    });
    expect(noVerify.code, noVerify.stdout.slice(-3000)).toBe(0);
    for (const p of PLATFORMS) expect(await tagList(`${repo}-${p.split('/')[1] ?? ''}`)).toContain('1.2.4');
  });

  test('the v1.32.6 bug (build-machine binary in every platform) fails with a per-platform table; nothing is tagged', async () => {
    const repo = uniqueRepo('wrong-arch');
    // GOARCH comes from the build machine, not $TARGETARCH: every platform gets an amd64 binary
    const buggy = `ARG GO_IMAGE=golang:1.23
ARG BASE_IMAGE=gcr.io/distroless/static:nonroot
FROM --platform=$BUILDPLATFORM \${GO_IMAGE} AS build
ARG TARGETOS TARGETARCH
WORKDIR /src/example
COPY example/ ./
ARG VERSION=dev
RUN CGO_ENABLED=0 GOOS=$TARGETOS go build -trimpath -ldflags "-X main.version=\${VERSION}" -o /out/crossbuild-example .
FROM \${BASE_IMAGE}
COPY --from=build /out/crossbuild-example /usr/local/bin/crossbuild-example
ENTRYPOINT ["/usr/local/bin/crossbuild-example"]
`;
    const r = await runMain(spec(repo, exampleContext(buggy)));
    expect(r.code).toBe(1);
    const errors = errorLines(r.stdout);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^::error::verify-arch: .*linux\/arm64 \/usr\/local\/bin\/crossbuild-example is x86-64 64-bit LE, expected AArch64/,
    );
    expect(errors[0]).toMatch(
      /linux\/s390x \/usr\/local\/bin\/crossbuild-example is x86-64 64-bit LE, expected S390/,
    );
    // the per-platform table is in the summary
    expect(r.summary).toContain('Crossbuild: failed');
    expect(r.summary).toMatch(
      /\| `linux\/amd64` \|.*✅ \/usr\/local\/bin\/crossbuild-example: x86-64 64-bit LE \|/,
    );
    expect(r.summary).toMatch(
      /\| `linux\/arm64` \|.*❌ \/usr\/local\/bin\/crossbuild-example: x86-64 64-bit LE \|/,
    );
    // the advisor saw it statically too, at the go build line
    expect(r.stdout).toMatch(
      /::warning title=Build-machine binary in the linux\/arm64%2C linux\/s390x images,file=Dockerfile,line=8::/,
    );
    // nothing reached the registry: no floating tag (and no fixed tag) points at the broken image
    expect(await tagList(repo)).toEqual([]);
  });

  test('compiling under QEMU: a warning at the RUN line; emulation: error stops before building', async () => {
    const emulated = `ARG GO_IMAGE=golang:1.23
FROM \${GO_IMAGE} AS build
WORKDIR /src/example
COPY example/ ./
RUN CGO_ENABLED=0 go build -o /out/app .
FROM ${REGISTRY}/fixtures/base:1
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]
`;
    const repo = uniqueRepo('emulated');
    const stop = await runMain(spec(repo, exampleContext(emulated), { emulation: 'error' }));
    expect(stop.code).toBe(1);
    expect(stop.stdout).toMatch(
      /::warning title=Compiles under QEMU for linux\/arm64%2C linux\/s390x,file=Dockerfile,line=5::/,
    );
    const errors = errorLines(stop.stdout);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^::error::emulation: compile steps would run under QEMU: Dockerfile:5 `go build` \(linux\/arm64, linux\/s390x\)/,
    );
    expect(stop.stdout).not.toContain('buildx build');
    expect(await tagList(repo)).toEqual([]);
  });
});
