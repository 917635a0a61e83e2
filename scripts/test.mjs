// `npm test`: the whole suite (vitest run, arguments passed on), then what the run left behind. Every test and script
// removes what it made; this fails the run when something is left anyway: an entry of the run's own temporary
// directory (TMPDIR for the run: whatever honours it — the tests, the action, buildx — writes there, and nothing
// another program does at the same time counts), an entry the run added to the system's temporary directory under a
// name of ours (`crossbuild-…`, buildx's `dockerfile…`), or the fan-out tests' second engine still running. The stack
// the suite uses (scripts/e2e-env.sh, /tmp/crossbuild-env) stays by design; `bash scripts/e2e-env.sh stop`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const TMP = tmpdir();
const STACK = process.env.CROSSBUILD_ENV_DIR ?? '/tmp/crossbuild-env';
const OURS = /^(crossbuild-|dockerfile\d)/;

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

const before = new Set(readdirSync(TMP));
const runTmp = mkdtempSync(join(TMP, 'crossbuild-npm-test-'));
const t0 = Date.now();
const vitest = spawnSync(join(ROOT, 'node_modules/.bin/vitest'), ['run', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, TMPDIR: runTmp },
});
const left = [
  ...readdirSync(runTmp).map((e) => join(runTmp, e)),
  ...readdirSync(TMP)
    .filter((e) => !before.has(e) && OURS.test(e) && e !== basename(runTmp) && join(TMP, e) !== STACK)
    .map((e) => join(TMP, e)),
];
rmSync(runTmp, { recursive: true, force: true });
const after = readdirSync(TMP).length;
const engines = secondEngine();
console.log(
  `\nnpm test: ${((Date.now() - t0) / 1000).toFixed(0)} s; ${TMP} had ${before.size} entries before the run and ` +
    `${after} after; ${left.length > 0 ? `left by the run: ${left.join(', ')}` : 'the run left nothing behind'}`,
);
let code = vitest.status ?? 1;
if (vitest.error) console.error(`npm test: cannot start vitest: ${vitest.error.message}`);
if (left.length > 0) {
  console.error(
    `npm test: the run left ${left.length} temporary entries (above): each test removes what it makes`,
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
