// Shared helpers for the benchmarks: timing, medians, the local stack's env, results files.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REG = '127.0.0.1:5000';

/** Brings the stack up (scripts/e2e-env.sh) and puts its PATH/DOCKER_HOST into this process's env. */
export function useStack() {
  const out = execFileSync('bash', [join(ROOT, 'scripts/e2e-env.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const m = /export PATH="(.+?)" DOCKER_HOST="(.+?)"/.exec(out);
  if (!m) throw new Error('scripts/e2e-env.sh printed no env line');
  process.env.PATH = m[1].replace('$PATH', process.env.PATH ?? '');
  process.env.DOCKER_HOST = m[2];
}

/** Runs a command, throws on failure, returns wall milliseconds. */
export function timed(cmd, args, opts = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}\n${r.stderr?.slice(-2000)}`);
  return ms;
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function save(name, result) {
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const file = join(ROOT, 'bench/results', `${name}.json`);
  writeFileSync(file, JSON.stringify({ when: new Date().toISOString(), ...result }, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
  console.log(`saved ${file}`);
}
