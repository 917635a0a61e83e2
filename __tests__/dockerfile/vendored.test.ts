/**
 * A binary kept in the build context and copied into the image (#21, the seventeenth set: `COPY
 * spark-k8s/stackable/utils/tini-v0.19.0 /usr/bin/tini`, an x86-64 tini in the arm64 image too): the context's file is
 * read for its ELF header (src/context-scripts.ts readContextBinaries), and the advisor names the platforms that get
 * another architecture's program.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readContextBinaries } from '../../src/context-scripts.js';
import { adviseEmulation } from '../../src/dockerfile/advisor.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { contextCopies } from '../../src/dockerfile/scripts.js';

const lines = (...l: string[]) => l.join('\n');

/** The first 20 bytes of an ELF executable: e_ident, e_type (EXEC), e_machine; then padding. */
function elf(machine: number, bits: 32 | 64 = 64, endian: 'LE' | 'BE' = 'LE'): Buffer {
  const b = Buffer.alloc(64);
  b.set([0x7f, 0x45, 0x4c, 0x46, bits === 64 ? 2 : 1, endian === 'LE' ? 1 : 2, 1], 0);
  if (endian === 'LE') {
    b.writeUInt16LE(2, 16);
    b.writeUInt16LE(machine, 18);
  } else {
    b.writeUInt16BE(2, 16);
    b.writeUInt16BE(machine, 18);
  }
  return b;
}

describe('contextCopies: the single context files COPY and ADD take', () => {
  test('files only: no --from, URL, pattern, variable or directory', () => {
    const parsed = parseDockerfile(
      lines(
        'FROM alpine AS a',
        'COPY utils/tini-v0.19.0 /usr/bin/tini',
        'COPY ["./bin/agent", "/agent"]',
        'ADD https://example.com/x.tar.gz /x',
        'COPY --from=a /bin/sh /sh',
        'COPY dist/*.so /lib/',
        'COPY bin/${ARCH}/tool /tool',
        'COPY conf/ /etc/app/',
        'COPY . /src',
        'ADD /rootfs.tar /',
      ),
    );
    expect(contextCopies(parsed).sort()).toEqual(['bin/agent', 'rootfs.tar', 'utils/tini-v0.19.0']);
  });
});

describe('readContextBinaries and the advisor: a vendored binary is one architecture', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crossbuild-vendored-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  mkdirSync(join(dir, 'utils'));
  writeFileSync(join(dir, 'utils/tini-v0.19.0'), elf(62));
  writeFileSync(join(dir, 'utils/tini-arm64'), elf(183));
  writeFileSync(join(dir, 'utils/s390x-tool'), elf(22, 64, 'BE'));
  writeFileSync(join(dir, 'utils/entrypoint.sh'), '#!/bin/sh\nexec "$@"\n');
  writeFileSync(join(dir, 'utils/short'), Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  mkdirSync(join(dir, 'utils/dir'));
  const outside = mkdtempSync(join(tmpdir(), 'crossbuild-vendored-outside-'));
  writeFileSync(join(outside, 'tool'), elf(62));
  symlinkSync(outside, join(dir, 'linked'));
  afterAll(() => {
    rmSync(outside, { recursive: true, force: true });
  });

  test('the ELF files by their machine; scripts, short files, directories and paths outside are not read as one', () => {
    const parsed = parseDockerfile(
      lines(
        'FROM alpine',
        'COPY utils/tini-v0.19.0 utils/tini-arm64 utils/s390x-tool utils/entrypoint.sh utils/short /usr/bin/',
        'COPY utils/dir /d',
        'COPY ../../etc/passwd /p',
        'COPY utils/missing /m',
        'COPY linked/tool /t',
      ),
    );
    expect(readContextBinaries(parsed, dir)).toEqual({
      'utils/tini-v0.19.0': 'amd64',
      'utils/tini-arm64': 'arm64',
      'utils/s390x-tool': 's390x',
    });
  });

  const advise = (dockerfile: string, requested = ['linux/amd64', 'linux/arm64']) => {
    const parsed = parseDockerfile(dockerfile);
    return adviseEmulation(parsed, {
      requested,
      native: ['linux/amd64'],
      binaries: readContextBinaries(parsed, dir),
    }).map((f) => `${f.line} ${f.kind} ${f.platforms.join(',')}`);
  };

  test.each<[string, string, string[]]>([
    [
      // stackable's pyspark image before its fix: one x86-64 tini for every platform
      'an x86-64 tini copied into the image: the arm64 image gets it',
      lines(
        'FROM python:3.11-slim',
        'COPY utils/tini-v0.19.0 /usr/bin/tini',
        'ENTRYPOINT ["/usr/bin/tini", "--"]',
      ),
      ['2 build-arch-binary linux/arm64'],
    ],
    [
      'an arm64 binary: the amd64 and s390x images get it',
      lines('FROM alpine', 'ADD utils/tini-arm64 /tini'),
      ['2 build-arch-binary linux/amd64,linux/s390x'],
    ],
    [
      'through a stage the image copies from (a target-platform stage feeding it)',
      lines(
        'FROM alpine AS tools',
        'COPY utils/tini-v0.19.0 /tini',
        'FROM alpine',
        'COPY --from=tools /tini /tini',
      ),
      ['2 build-arch-binary linux/arm64'],
    ],
    [
      'one amd64 tool run by a stage on the build machine (a code generator): right',
      lines(
        'FROM --platform=$BUILDPLATFORM alpine AS gen',
        'COPY utils/tini-v0.19.0 /usr/local/bin/gen',
        'RUN gen > /out.txt',
        'FROM alpine',
        'COPY --from=gen /out.txt /out.txt',
      ),
      [],
    ],
    [
      'a script and a binary picked by the platform name: nothing read as one architecture',
      lines('FROM alpine', 'ARG TARGETARCH', 'COPY utils/entrypoint.sh utils/tini-${TARGETARCH} /usr/bin/'),
      [],
    ],
    [
      'a stage the image does not need',
      lines('FROM alpine AS unused', 'COPY utils/tini-v0.19.0 /tini', 'FROM alpine', 'RUN true'),
      [],
    ],
  ])('%s', (_, dockerfile, want) => {
    const requested = want[0]?.includes('s390x')
      ? ['linux/amd64', 'linux/arm64', 'linux/s390x']
      : ['linux/amd64', 'linux/arm64'];
    expect(advise(dockerfile, requested)).toEqual(want);
  });
});
