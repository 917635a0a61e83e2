// Benchmark (#28): the emulation advisor on a long Dockerfile, as a user meets it: `crossbuild lint` (the bundled
// command) on the 500-line, 50-stage Dockerfile of scripts/big-dockerfile.mjs vs on the repository's own Dockerfile,
// alternating; the difference of the medians is what the advisor adds for the long file over node's start and the
// bundle's load. The advisor's unit test guards its in-process time generously; this is the figure. No engine needed.
// Usage: node bench/advisor.mjs [runs=21]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bigDockerfile } from '../scripts/big-dockerfile.mjs';
import { removeTempDirsOnExit, tempDir } from '../scripts/temp.mjs';
import { median, ROOT, save, timed } from './lib.mjs';

removeTempDirsOnExit();
const runs = Number(process.argv[2] ?? 21);
const dir = tempDir('crossbuild-bench-advisor-');
const files = { long: join(dir, 'Dockerfile.long'), short: join(ROOT, 'Dockerfile') };
writeFileSync(files.long, bigDockerfile());
const lines = (f) => readFileSync(f, 'utf8').split('\n').length;
const lint = (file) =>
  timed(process.execPath, [
    join(ROOT, 'dist/cli/index.js'),
    'lint',
    file,
    '--platforms',
    'linux/amd64,linux/arm64,linux/s390x',
    '--format',
    'json',
    '--fail-on',
    'none',
  ]);

lint(files.short);
lint(files.long);
const ms = { short: [], long: [] };
for (let i = 0; i < runs; i++) {
  ms.short.push(lint(files.short));
  ms.long.push(lint(files.long));
}
const short = median(ms.short);
const long = median(ms.long);
save('advisor', {
  runs,
  node: process.version,
  lines: { short: lines(files.short), long: lines(files.long) },
  lintMedianMs: { short: Math.round(short), long: Math.round(long) },
  longMinusShortMs: Math.round((long - short) * 10) / 10,
  ratio: Math.round((long / short) * 100) / 100,
});
