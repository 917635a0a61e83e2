import { describe, expect, test } from 'vitest';
import { goBuildOutput } from '../../src/dockerfile/compile-steps.js';
import { dotnetArchFor, goBuildArches } from '../../src/dockerfile/goarch.js';
import { parseDockerfile, type Stage } from '../../src/dockerfile/parse.js';

describe('dotnetArchFor: the architecture a dotnet publish/build targets', () => {
  test.each([
    ['dotnet publish -c Release -r linux-x64 --self-contained true', 'literal amd64'],
    ['dotnet publish -c Release --runtime linux-musl-arm64 -o /out', 'literal arm64'],
    ['dotnet publish -c Release --runtime=linux-x86', 'literal 386'],
    ['dotnet publish -a $TARGETARCH -o /out', 'target'],
    ['dotnet publish -r "linux-${RID_ARCH}"', 'target'],
    ['dotnet publish -c Release -o /out', 'unset'],
    ['cp -a /src /app && dotnet publish -c Release -r linux-arm64', 'literal arm64'],
    ['dotnet publish -c Release && tar -r linux-x64.tar', 'unset'],
    ['dotnet restore -r linux-x64', 'unset'],
  ])('%s → %s', (script, want) => {
    const got = dotnetArchFor(script);
    expect(got.kind === 'literal' ? `literal ${got.value}` : got.kind).toBe(want);
  });
});

describe('goBuildArches: the GOARCH each go build of a RUN gets', () => {
  const parsed = parseDockerfile('FROM --platform=$BUILDPLATFORM golang AS b\nARG TARGETARCH\nRUN true\n');
  const stage = parsed.stages[0] as Stage;
  const kinds = (script: string) =>
    goBuildArches(parsed, stage, script, new Map(), {}).map(
      (b) => `${b.output ?? '-'} ${b.goarch.kind === 'literal' ? b.goarch.value : b.goarch.kind}`,
    );
  test.each([
    [
      'GOARCH=$TARGETARCH go build -o /out/a . && go build -o /out/b ./cmd/b',
      ['/out/a target', '/out/b unset'],
    ],
    [
      'export GOARCH=$TARGETARCH && go build -o /out/a . && go build -o /out/b ./b',
      ['/out/a target', '/out/b target'],
    ],
    ['GOARCH=$TARGETARCH; export GOARCH; go build -o a .', ['a target']],
    ['GOARCH=$TARGETARCH && go build -o a .', ['a unset']],
    ['env GOARCH=$TARGETARCH go build -o a . && go build -o b .', ['a target', 'b unset']],
    ['go build -o /tmp/gen ./gen && GOARCH=amd64 go build -o /out/x .', ['/tmp/gen unset', '/out/x amd64']],
    [
      'CGO_ENABLED=0 GOARCH=${TARGETARCH} go install ./cmd/x && go install golang.org/x/tool@v1',
      ['- target'],
    ],
    ['declare -x GOARCH=$TARGETARCH; go build -o a .; go build -o b .', ['a target', 'b target']],
    ['export GOARCH=$(xx-info arch) && go build -o a .', ['a target']],
    ['GOARCH=$(uname -m) go build -o a . && GOARCH=`go env GOARCH` go build -o b .', ['a unset', 'b unset']],
    ['GOOS=$(word 1, $@) GOARCH=amd64 go build -o x .', ['x amd64']],
    ['task build GOARCH=$TARGETARCH && go build -o a .', ['a unset']],
    // set 15: cadvisor's build script, and make's `$(ENVVAR) GOARCH=$(ARCH)` with ARCH chosen by `$(if …)`
    ['export GOARCH=${GOARCH:-$(go env GOARCH)}\ngo build -o a .', ['a unset']],
    ['export GOARCH=${GOARCH:-amd64}\ngo build -o a .', ['a amd64']],
    ['export GOARCH=${GOARCH:-$TARGETARCH}\ngo build -o a .', ['a target']],
    ['$ENVVAR GOARCH=$(if ${TARGETARCH},$(lastword ${TARGETARCH}),amd64) go build -o a .', ['a target']],
    // set 17 (celestia-node): `GOARCH=$TARGETARCH make build && make cel-key`, each make's recipes after its own
    // environment (src/dockerfile/scripts.ts); cel-key is named after its package
    [
      'GOARCH=${TARGETARCH} make build && make cel-key\nexport GOARCH=${TARGETARCH}\ngo build -o build/ -ldflags "-X a.b=c" ./cmd/celestia\nexport GOARCH=$GOARCH\ngo build ./cmd/cel-key',
      ['build/celestia target', 'cel-key unset'],
    ],
  ])('%s', (script, want) => {
    expect(kinds(script)).toEqual(want);
  });
});

describe('goBuildOutput: the file a go build writes', () => {
  test.each([
    ['go build -o /out/app .', '/out/app'],
    ['go build -o=bin/app ./cmd/app', 'bin/app'],
    ['go build -o bin/ ./cmd/app', 'bin/app'],
    ['go build ./cmd/cel-key', 'cel-key'],
    ['go build -trimpath -ldflags "-s -w -X main.v=1" -tags netgo ./cmd/x/', 'x'],
    ['go build github.com/acme/tool/cmd/agent', 'agent'],
    ['go build', undefined],
    ['go build .', undefined],
    ['go build -v ./...', undefined],
    ['go build main.go', undefined],
    ['go build ./cmd/a ./cmd/b', undefined],
    ['go build -C src ./cmd/x', 'x'],
    ['go install ./cmd/x', undefined],
    ['go install -o /out/x ./cmd/x', '/out/x'],
  ])('%s → %s', (command, want) => {
    expect(goBuildOutput(command)).toBe(want);
  });
});
