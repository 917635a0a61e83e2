// Benchmark: the reference Dockerfile (Go cross-compiled on $BUILDPLATFORM) against the same program compiled
// under QEMU emulation, for linux/amd64, linux/arm64 and linux/s390x, from nothing: --no-cache and BuildKit's
// state pruned before every run (--no-cache alone keeps RUN --mount=type=cache contents). Runs alternate.
// Usage: node bench/cross-vs-emulated.mjs [runs=3]
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, REG, ROOT, save, timed, useStack } from './lib.mjs';
import { tempDir } from '../scripts/temp.mjs';

useStack();
const runs = Number(process.argv[2] ?? 3);
const platforms = 'linux/amd64,linux/arm64,linux/s390x';

// same program, same flags; the only difference is where the compiler runs
const EMULATED = `ARG GO_IMAGE=golang:1.23
ARG BASE_IMAGE=gcr.io/distroless/static:nonroot
FROM \${GO_IMAGE} AS build
WORKDIR /src/example
COPY example/ ./
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=\${VERSION}" -o /out/crossbuild-example .
FROM \${BASE_IMAGE}
COPY --from=build /out/crossbuild-example /usr/local/bin/crossbuild-example
USER 65534:65534
ENTRYPOINT ["/usr/local/bin/crossbuild-example"]
`;
const ctx = tempDir('crossbuild-bench-');
cpSync(join(ROOT, 'example'), join(ctx, 'example'), { recursive: true });
cpSync(join(ROOT, 'Dockerfile'), join(ctx, 'Dockerfile.cross'));
writeFileSync(join(ctx, 'Dockerfile.emulated'), EMULATED);

function build(kind) {
  timed('docker', ['builder', 'prune', '-af']);
  return timed('docker', [
    'buildx',
    'build',
    '--progress',
    'quiet',
    '--no-cache',
    '--platform',
    platforms,
    '--file',
    join(ctx, `Dockerfile.${kind}`),
    '--build-arg',
    `GO_IMAGE=${REG}/fixtures/golang:1.19`,
    '--build-arg',
    `BASE_IMAGE=${REG}/fixtures/base:1`,
    '--build-arg',
    'VERSION=1.2.3',
    '-t',
    `bench/${kind}:latest`,
    ctx,
  ]);
}

const cross = [];
const emulated = [];
for (let i = 0; i < runs; i++) {
  cross.push(build('cross'));
  emulated.push(build('emulated'));
  console.log(`run ${i + 1}: cross ${Math.round(cross[i])} ms, emulated ${Math.round(emulated[i])} ms`);
}
const c = median(cross);
const e = median(emulated);
save('cross-vs-emulated', {
  runs,
  platforms,
  crossMedianMs: Math.round(c),
  emulatedMedianMs: Math.round(e),
  speedup: Number((e / c).toFixed(2)),
  crossMs: cross.map(Math.round),
  emulatedMs: emulated.map(Math.round),
});
