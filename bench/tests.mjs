// Benchmark (#23): what the `test` commands add to a warm 3-platform release of the reference Dockerfile (tag push
// v1.2.3): the same release without tests, with `crossbuild-example --version` run in each platform's image (two of
// them under QEMU), with a structure file's metadataTest (nothing run) and with its file tests (existence and
// content: every layer of each platform read back from the registry, nothing run), alternating. Reports the medians
// and what each adds; the targets are ≤ 2 s for a command and ≤ 100 ms for what reads the config.
// Usage: node bench/tests.mjs [runs=5]
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { median, REG, referenceSpec, save, timedAction, useStack } from './lib.mjs';
import { tempDir } from '../scripts/temp.mjs';

useStack();
const runs = Number(process.argv[2] ?? 5);
const platforms = 'linux/amd64,linux/arm64,linux/s390x';
const tmp = tempDir('crossbuild-bench-tests-');
// a structure file with a metadata test only (read from each platform's config, nothing run)
const metadataOnly = join(tmp, 'metadata.yaml');
writeFileSync(
  metadataOnly,
  "schemaVersion: '2.0.0'\nmetadataTest:\n  entrypoint: ['/usr/local/bin/crossbuild-example']\n  user: '65534:65534'\n",
);
// file tests: the binary's mode and owner, a base-image file's presence and contents (every layer is read)
const fileTests = join(tmp, 'files.yaml');
writeFileSync(
  fileTests,
  `schemaVersion: '2.0.0'
fileExistenceTests:
  - { name: binary, path: /usr/local/bin/crossbuild-example, isExecutableBy: any, uid: 0 }
  - { name: busybox, path: /bin/busybox }
fileContentTests:
  - { name: nobody, path: /etc/passwd, expectedContents: ['\\nnobody:x:65534:'] }
`,
);
const variants = {
  'no-tests': {},
  'one-test': { test: '/usr/local/bin/crossbuild-example --version' },
  'metadata-test': { 'structure-tests': metadataOnly },
  'file-tests': { 'structure-tests': fileTests },
};
const action = (inputs) => timedAction(referenceSpec({ images: `${REG}/bench/tests`, platforms, ...inputs }));

const ms = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
try {
  // warm: the build cache and the registry hold the release
  await action({});
  for (let i = 0; i < runs; i++)
    for (const [k, inputs] of Object.entries(variants)) ms[k].push(await action(inputs));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const base = median(ms['no-tests']);
const result = {
  runs,
  node: process.version,
  noTestsMedianMs: base,
  oneTestMedianMs: median(ms['one-test']),
  addedMs: median(ms['one-test']) - base,
  metadataTestMedianMs: median(ms['metadata-test']),
  metadataAddedMs: median(ms['metadata-test']) - base,
  fileTestsMedianMs: median(ms['file-tests']),
  fileTestsAddedMs: median(ms['file-tests']) - base,
  ms,
};
console.log(JSON.stringify(result, null, 2));
save('tests', result);
