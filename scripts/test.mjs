// `npm test`: the whole suite (vitest run, arguments passed on), then what the run left behind. Every test and script
// removes what it made; this fails the run when something is left anyway: an entry of the temporary directory that
// appeared during the run, or the fan-out tests' second engine still running. The stack the suite uses
// (scripts/e2e-env.sh: `$CROSSBUILD_ENV_DIR`, /tmp/crossbuild-env) stays by design; `bash scripts/e2e-env.sh stop`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const TMP = tmpdir();
const STACK = process.env.CROSSBUILD_ENV_DIR ?? '/tmp/crossbuild-env';

const entries = () => new Set(readdirSync(TMP));

/** The second engine's dockerd or containerd, when still running (scripts/second-engine.sh keeps pid files). */
function secondEngine() {
  return ['dockerd', 'containerd'].flatMap((name) => {
    const file = join(STACK, 'engine2', `${name}.pid`);
    if (!existsSync(file)) return [];
    const pid = readFileSync(file, 'utf8').trim();
    const cmdline = join('/proc', pid, 'cmdline');
    return existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes(name)
      ? [`${name} (pid ${pid})`]
      : [];
  });
}

const before = entries();
const t0 = Date.now();
const vitest = spawnSync(join(ROOT, 'node_modules/.bin/vitest'), ['run', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
const after = entries();
const left = [...after].filter((e) => !before.has(e) && join(TMP, e) !== STACK);
const engines = secondEngine();
const seconds = ((Date.now() - t0) / 1000).toFixed(0);
console.log(
  `\nnpm test: ${seconds} s; ${TMP} had ${before.size} entries before the run and ${after.size} after` +
    (left.length > 0 ? `; left by the run: ${left.join(', ')}` : '; the run left none there'),
);
let code = vitest.status ?? 1;
if (vitest.error) console.error(`npm test: cannot start vitest: ${vitest.error.message}`);
if (left.length > 0) {
  console.error(
    `npm test: the run left ${left.length} entries in ${TMP} (above): each test removes what it makes`,
  );
  code = code || 1;
}
if (engines.length > 0) {
  console.error(
    `npm test: the second engine is still running: ${engines.join(', ')} (bash scripts/second-engine.sh stop)`,
  );
  code = code || 1;
}
process.exit(code);
