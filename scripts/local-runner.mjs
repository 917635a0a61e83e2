// Runs the bundled action (action.yml's runs.main and runs.post files) the way the GitHub runner does: INPUT_* and GITHUB_* env, an event JSON
// at GITHUB_EVENT_PATH, GITHUB_OUTPUT/GITHUB_STATE/GITHUB_STEP_SUMMARY files; then the post step with STATE_* env.
// Used by the e2e tests and by scripts/example.sh. Types: local-runner.d.mts.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { tempDir } from './temp.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** action.yml's `runs.<step>:` file, as the runner finds it */
function entry(step) {
  const file = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')).runs?.[step];
  if (typeof file !== 'string') throw new Error(`action.yml has no runs.${step}`);
  return join(ROOT, file);
}
export const DIST = entry('main');
const POST = entry('post');

/** Parses the runner's `name<<DELIM\nvalue\nDELIM` file-command format (and plain name=value lines). */
export function parseCommandFile(text) {
  const out = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) value.push(lines[i]);
      out[heredoc[1]] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

function spawnNode(node, file, env, cwd, timeoutMs, echo) {
  return new Promise((res) => {
    const started = Date.now();
    const child = spawn(node, [file], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d.toString();
      if (echo) process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr += d.toString();
      if (echo) process.stderr.write(d);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    // the kernel's peak resident set of the action (VmHWM), sampled while it runs (for bench/size.mjs)
    let peakRssKb = 0;
    const sample = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakRssKb = Math.max(peakRssKb, Number(m[1]));
      } catch {
        // gone already
      }
    }, 25);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(sample);
      res({ code, stdout, stderr, ms: Date.now() - started, peakRssKb });
    });
  });
}

function runnerEnv(spec, dir, cwd, fresh) {
  const env = {};
  // only what a runner passes through; no INPUT_* leaks from the calling process
  for (const k of ['PATH', 'HOME', 'DOCKER_HOST', 'DOCKER_CONFIG', 'TMPDIR', 'LANG']) {
    if (process.env[k] !== undefined) env[k] = process.env[k];
  }
  const eventPath = join(dir, 'event.json');
  if (fresh) {
    writeFileSync(eventPath, JSON.stringify(spec.event ?? {}));
    for (const f of ['output', 'state', 'summary', 'env', 'path']) writeFileSync(join(dir, f), '');
  }
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_TEMP: dir,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_ENVIRONMENT: 'self-hosted',
    GITHUB_WORKSPACE: cwd,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_PATH: join(dir, 'path'),
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_RUN_ID: '1001',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'release',
    GITHUB_JOB: 'image',
    GITHUB_ACTION: 'crossbuild',
    ...spec.github,
  });
  for (const [k, v] of Object.entries(spec.inputs ?? {}))
    env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v;
  Object.assign(env, spec.extraEnv ?? {});
  return env;
}

/** The node that runs the action: the spec's, else CROSSBUILD_TEST_NODE (CI sets Node 24, the runtime action.yml declares), else this one. */
function nodeFor(spec) {
  return spec.node ?? (process.env.CROSSBUILD_TEST_NODE || process.execPath);
}

/** Main step. */
export async function runMain(spec) {
  // read by the post step and the caller after the run: removed with the others (removeTempDirs)
  const dir = tempDir('crossbuild-run-');
  const cwd = spec.cwd ?? ROOT;
  const env = runnerEnv(spec, dir, cwd, true);
  const r = await spawnNode(nodeFor(spec), DIST, env, cwd, spec.timeoutMs ?? 900_000, spec.echo);
  return {
    ...r,
    outputs: parseCommandFile(readFileSync(join(dir, 'output'), 'utf8')),
    state: parseCommandFile(readFileSync(join(dir, 'state'), 'utf8')),
    summary: readFileSync(join(dir, 'summary'), 'utf8'),
    dir,
  };
}

/** Post step, given the main step's saved state as STATE_* env like the runner does. */
export async function runPost(spec, main) {
  const cwd = spec.cwd ?? ROOT;
  const env = runnerEnv(spec, main.dir, cwd, false);
  for (const [k, v] of Object.entries(main.state)) env[`STATE_${k}`] = v;
  const r = await spawnNode(nodeFor(spec), POST, env, cwd, spec.timeoutMs ?? 300_000, spec.echo);
  return { ...r, outputs: {}, state: main.state, summary: '', dir: main.dir };
}
