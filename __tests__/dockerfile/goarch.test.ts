import { describe, expect, test } from 'vitest';
import { dotnetArchFor } from '../../src/dockerfile/goarch.js';

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
