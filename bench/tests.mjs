// Benchmark (#23): what the `test` commands add to a warm 3-platform release of the reference Dockerfile (tag push
// v1.2.3): the same release without tests and with `crossbuild-example --version` run in each platform's image (two
// of them under QEMU), alternating. Reports the medians and the difference; the target is ≤ 2 s.
// Usage: node bench/tests.mjs [runs=5]
import { median, REG, referenceSpec, save, timedAction, useStack } from './lib.mjs';

useStack();
const runs = Number(process.argv[2] ?? 5);
const platforms = 'linux/amd64,linux/arm64,linux/s390x';
const variants = {
  'no-tests': {},
  'one-test': { test: '/usr/local/bin/crossbuild-example --version' },
};
const action = (inputs) => timedAction(referenceSpec({ images: `${REG}/bench/tests`, platforms, ...inputs }));

// warm: the build cache and the registry hold the release
await action({});
const ms = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let i = 0; i < runs; i++)
  for (const [k, inputs] of Object.entries(variants)) ms[k].push(await action(inputs));
const base = median(ms['no-tests']);
const withTests = median(ms['one-test']);
const result = {
  runs,
  node: process.version,
  noTestsMedianMs: base,
  oneTestMedianMs: withTests,
  addedMs: withTests - base,
  ms,
};
console.log(JSON.stringify(result, null, 2));
save('tests', result);
