// A long multi-stage Dockerfile (50 cross-compiling Go stages chained by COPY --from, 500+ lines) for the advisor's
// timing: its unit test bounds one parse + advice, bench/advisor.mjs times `crossbuild lint` on it.
export function bigDockerfile(stages = 50) {
  const parts = Array.from({ length: stages }, (_, i) =>
    [
      `FROM --platform=$BUILDPLATFORM golang:1.22 AS s${i}`,
      'ARG TARGETOS TARGETARCH',
      'WORKDIR /src',
      i > 0 ? `COPY --from=s${i - 1} /out /prev` : 'COPY . .',
      'ENV CGO_ENABLED=0',
      'RUN --mount=type=cache,target=/go/pkg/mod go mod download',
      `RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/b${i} ./cmd/b${i} \\`,
      '    && echo done',
      'RUN apt-get update && apt-get install -y ca-certificates',
      '',
    ].join('\n'),
  );
  return `${parts.join('\n')}FROM scratch\nCOPY --from=s${stages - 1} /out /out\n`;
}
