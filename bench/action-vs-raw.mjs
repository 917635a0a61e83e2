// Benchmark: the bundled action against raw `docker buildx build --push` on the same warm 3-platform build of the
// reference Dockerfile (tag push v1.2.3 → 4 tags). Runs alternate; medians and their ratio are reported, for the
// full action and with its proofs turned off (what each costs).
// The action is timed as a runner runs it: main step + post step.
// Usage: node bench/action-vs-raw.mjs [runs=7]
import {
  median,
  rawFailures,
  rawReferencePush,
  REG,
  referenceSpec,
  save,
  timedAction,
  useStack,
} from './lib.mjs';

useStack();
const runs = Number(process.argv[2] ?? 7);
const platforms = 'linux/amd64,linux/arm64,linux/s390x';
const raw = () =>
  rawReferencePush({ platforms, refs: ['1.2.3', '1.2', '1', 'latest'].map((t) => `${REG}/bench/raw:${t}`) });
const action = (inputs = {}) =>
  timedAction(referenceSpec({ images: `${REG}/bench/action`, platforms, ...inputs }));

// warm both (first builds fill the cache and the registry)
raw();
await action();
const variants = {
  full: {},
  'no-arch-proof': { 'verify-arch': 'false' },
  'no-verification': { 'verify-arch': 'false', verify: 'false' },
};
const rawMs = [];
const actionMs = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  rawMs.push(raw());
  for (const [name, inputs] of Object.entries(variants)) actionMs[name].push(await action(inputs));
}
const r = median(rawMs);
const result = {
  runs,
  rawMedianMs: Math.round(r),
  rawFailures: rawFailures(),
  rawMs: rawMs.map(Math.round),
  node: process.version,
};
for (const [name, ms] of Object.entries(actionMs)) {
  const a = median(ms);
  result[name] = {
    medianMs: Math.round(a),
    ratio: Number((a / r).toFixed(3)),
    overheadMs: Math.round(a - r),
    ms: ms.map(Math.round),
  };
}
save('action-vs-raw', result);
