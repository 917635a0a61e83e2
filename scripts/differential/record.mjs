// Records what docker/metadata-action's own bundle outputs for every case of cases.json (generate.mjs; without the
// file, the generator's cases for its default seed), into
// __tests__/tags/differential/metadata-action.json: the cases folded in, each with an `out`.
//
//   node scripts/differential/record.mjs <metadata-action dir> [--cases F] [--out F] [--concurrency N]
//                                        [--only c0001,c0002] [--commit SHA] [--version vX.Y.Z]
//
// <metadata-action dir> holds its dist/index.cjs (extract.mjs makes one, with a source.json naming commit and
// version). Each case is one child `node dist/index.cjs`, set up the way a runner starts an action step:
//  - inputs as INPUT_<NAME> (name upper-cased, spaces to `_`, dashes kept: INPUT_SEP-TAGS), plus the defaults
//    of action.yml a runner would pass (INPUT_CONTEXT=workflow, INPUT_GITHUB-TOKEN);
//  - GITHUB_EVENT_NAME/REF/SHA/REPOSITORY and an event payload file built from ctx (see eventPayload);
//  - GITHUB_OUTPUT/ENV/STATE/PATH/STEP_SUMMARY files, RUNNER_TEMP, TMPDIR, HOME and the workspace in a directory
//    of the case's own, removed afterwards (all under <metadata-action dir>/runs: nothing goes to /tmp);
//  - the case's env (DOCKER_METADATA_*);
//  - the GitHub API (GITHUB_API_URL) is a loopback server of this script, one URL prefix per case;
//  - the clock frozen at CREATED by frozen-clock.mjs (node --require, as a .cjs copy).
// Only the parent environment's PATH is passed on.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { formatJson } from './format-json.mjs';
import { DEFAULT_SEED, generateCases } from './generate.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const CREATED = '2020-01-10T00:30:00.000Z';
const OWNER = 'octocat';
const REPO = 'Hello-World';
const REPOSITORY = {
  fullName: `${OWNER}/${REPO}`,
  htmlUrl: `https://github.com/${OWNER}/${REPO}`,
  description: 'This your first repo!',
  license: 'MIT',
};
const TOKEN = 'differential-fake-token';
const TIMEOUT_MS = 60_000;

// ---- arguments ---------------------------------------------------------------------------------------------

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    cases: { type: 'string', default: join(ROOT, '__tests__/tags/differential/cases.json') },
    out: { type: 'string', default: join(ROOT, '__tests__/tags/differential/metadata-action.json') },
    concurrency: { type: 'string', default: '2' },
    only: { type: 'string' },
    commit: { type: 'string' },
    version: { type: 'string' },
  },
});
if (positionals.length !== 1) {
  console.error(
    'usage: record.mjs <metadata-action dir> [--cases F] [--out F] [--concurrency N] [--only ids]',
  );
  process.exit(2);
}
const maDir = resolve(positionals[0]);
const found = ['dist/index.cjs', 'dist/index.js'].map((f) => join(maDir, f)).find((f) => existsSync(f));
if (!found) {
  console.error(`record.mjs: no dist/index.cjs or dist/index.js in ${maDir}`);
  process.exit(2);
}
const bundle = found;
const workRoot = join(maDir, 'runs');
// frozen-clock.mjs has no import or export: the same text is a CommonJS preload, which spares each run the ESM
// loader (with --import, node loads the main CommonJS file through it, lexing the 2.8 MB bundle for exports).
const frozenClock = join(workRoot, 'frozen-clock.cjs');

function sourceOf() {
  const file = join(maDir, 'source.json');
  const known = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const commit = opts.commit ?? known.commit ?? /^ma-([0-9a-f]{40})$/.exec(basename(maDir))?.[1] ?? 'unknown';
  return {
    repository: 'docker/metadata-action',
    commit,
    version: opts.version ?? known.version ?? 'unknown',
  };
}

// ---- the GitHub API ----------------------------------------------------------------------------------------

const byId = new Map();
const apiLog = new Map(); // case id -> ["GET /path -> status"]
const unexpected = [];

const repoAnswer = (c) => ({
  full_name: REPOSITORY.fullName,
  name: REPO,
  html_url: REPOSITORY.htmlUrl,
  description: REPOSITORY.description,
  license: { spdx_id: REPOSITORY.license },
  default_branch: c.ctx.defaultBranch,
});

/** A commit known to the case (its sha, or its pull request's head) answers with the case's commitDate. */
function commitAnswer(c, sha) {
  if (!c.ctx.commitDate || (sha !== c.ctx.sha && sha !== c.ctx.pr?.headSha)) return undefined;
  const date = new Date(c.ctx.commitDate).toISOString().replace('.000Z', 'Z');
  const who = { name: 'Monalisa Octocat', email: 'octocat@github.com', date };
  return { sha, commit: { author: who, committer: who, message: 'differential' } };
}

function answer(req) {
  const url = new URL(req.url ?? '/', 'http://loopback');
  const [, id = '', ...rest] = url.pathname.split('/');
  const path = `/${rest.join('/')}${url.search}`;
  const c = byId.get(id);
  if (!c) return { id, path, status: 404, body: { message: 'Not Found' }, expected: false };
  if (req.method === 'GET' && path === `/repos/${OWNER}/${REPO}`)
    return { id, path, status: 200, body: repoAnswer(c), expected: true };
  const commit = new RegExp(`^/repos/${OWNER}/${REPO}/commits/([^/?]+)$`).exec(path);
  if (req.method === 'GET' && commit) {
    const body = commitAnswer(c, decodeURIComponent(commit[1]));
    return body
      ? { id, path, status: 200, body, expected: true }
      : { id, path, status: 404, body: { message: 'No commit found for SHA' }, expected: true };
  }
  return { id, path, status: 404, body: { message: 'Not Found' }, expected: false };
}

function startApi() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const a = answer(req);
      const line = `${req.method} ${a.path} -> ${a.status}`;
      apiLog.get(a.id)?.push(line);
      if (!a.expected) unexpected.push(`${a.id}: ${line}`);
      res.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(a.body));
    });
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

// ---- one run -----------------------------------------------------------------------------------------------

/** The webhook payload of the case's event, as much of it as metadata-action (or @actions/github) reads. */
function eventPayload(ctx) {
  const repository = {
    full_name: REPOSITORY.fullName,
    name: REPO,
    owner: { login: OWNER },
    html_url: REPOSITORY.htmlUrl,
    default_branch: ctx.defaultBranch,
  };
  switch (ctx.event) {
    case 'push': {
      const payload = { ref: ctx.ref, after: ctx.sha, base_ref: ctx.baseRef ?? null, repository };
      if (ctx.commitDate) payload.head_commit = { id: ctx.sha, timestamp: ctx.commitDate };
      return payload;
    }
    case 'pull_request':
      return {
        action: 'synchronize',
        number: ctx.pr.number,
        pull_request: {
          number: ctx.pr.number,
          head: { ref: ctx.pr.headRef, sha: ctx.pr.headSha },
          base: { ref: ctx.pr.baseRef },
        },
        repository,
        ...(ctx.baseRef ? { base_ref: ctx.baseRef } : {}),
      };
    case 'schedule':
      return { schedule: '30 0 * * *', repository, ...(ctx.baseRef ? { base_ref: ctx.baseRef } : {}) };
    default:
      return { ref: ctx.ref, inputs: {}, repository, ...(ctx.baseRef ? { base_ref: ctx.baseRef } : {}) };
  }
}

const inputEnvName = (name) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

function refFacts(ref) {
  const m = /^refs\/(heads|tags)\/(.*)$/.exec(ref);
  if (m) return { name: m[2], type: m[1] === 'tags' ? 'tag' : 'branch' };
  return { name: ref.replace(/^refs\/pull\//, ''), type: 'branch' };
}

function runnerEnv(c, dir, port) {
  const { ctx } = c;
  const file = (name) => {
    const p = join(dir, name);
    writeFileSync(p, '');
    return p;
  };
  const folder = (name) => {
    const p = join(dir, name);
    mkdirSync(p, { recursive: true });
    return p;
  };
  const eventPath = join(dir, 'event.json');
  writeFileSync(eventPath, JSON.stringify(eventPayload(ctx), null, 2));
  const runnerTemp = folder('runner-temp');
  const api = `http://127.0.0.1:${port}/${c.id}`;
  const ref = refFacts(ctx.ref);
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: folder('home'),
    TMPDIR: runnerTemp,
    TZ: 'UTC',
    LANG: 'C.UTF-8',
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'differential',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: folder('tool-cache'),
    GITHUB_WORKSPACE: folder('workspace'),
    GITHUB_EVENT_NAME: ctx.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REF: ctx.ref,
    GITHUB_REF_NAME: ref.name,
    GITHUB_REF_TYPE: ref.type,
    GITHUB_SHA: ctx.sha,
    GITHUB_REPOSITORY: REPOSITORY.fullName,
    GITHUB_REPOSITORY_OWNER: OWNER,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: api,
    GITHUB_GRAPHQL_URL: `${api}/graphql`,
    GITHUB_WORKFLOW: 'differential',
    GITHUB_JOB: 'meta',
    GITHUB_ACTION: 'meta',
    GITHUB_ACTOR: OWNER,
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_OUTPUT: file('output'),
    GITHUB_ENV: file('env'),
    GITHUB_STATE: file('state'),
    GITHUB_PATH: file('path'),
    GITHUB_STEP_SUMMARY: file('step-summary'),
    DIFFERENTIAL_FROZEN_NOW: CREATED,
    [inputEnvName('context')]: 'workflow',
    [inputEnvName('github-token')]: TOKEN,
  };
  if (ctx.event === 'pull_request') {
    env.GITHUB_HEAD_REF = ctx.pr.headRef;
    env.GITHUB_BASE_REF = ctx.pr.baseRef;
  }
  for (const [name, value] of Object.entries(c.inputs)) env[inputEnvName(name)] = value;
  return { ...env, ...(c.env ?? {}) };
}

function runChild(env, cwd) {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--require', frozenClock, bundle], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: TIMEOUT_MS,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

/** The `name<<DELIMITER … DELIMITER` (and plain `name=value`) entries of a GITHUB_OUTPUT/GITHUB_ENV file. */
function parseFileCommands(text) {
  const out = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const value = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]);
      out[name] = value.join('\n');
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=');
      out[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return out;
}

const unescapeCommand = (s) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

function commandLines(stdout, command) {
  const prefix = `::${command}::`;
  return stdout
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => unescapeCommand(l.slice(prefix.length)));
}

const splitList = (value, sep) => (value === '' ? [] : value.split(sep));

/** `out`: the step's outputs (or its error) in the shape of the differential test; `run`: what else it did. */
function outcome(c, run, outputs, envFile) {
  const out = {};
  const errors = commandLines(run.stdout, 'error');
  if (errors.length > 0) out.error = errors[0].split('\n')[0];
  else if (run.code !== 0)
    out.error = `exit ${run.code ?? run.signal}: ${run.stderr.trim().split('\n').pop() ?? ''}`;
  const sep = c.inputs['sep-tags'];
  const sepTags = sep || '\n';
  if ('version' in outputs) out.version = outputs.version;
  if ('tags' in outputs) out.tags = splitList(outputs.tags, sepTags);
  if ('tag-names' in outputs) out['tag-names'] = splitList(outputs['tag-names'], sepTags);
  if ('labels' in outputs) out.labels = splitList(outputs.labels, '\n');
  if ('annotations' in outputs) out.annotations = splitList(outputs.annotations, '\n');
  if ('json' in outputs) out.json = JSON.parse(outputs.json);
  if ('tags' in outputs && sep !== undefined) out.joined = outputs.tags;
  const facts = {};
  const warnings = commandLines(run.stdout, 'warning');
  if (warnings.length > 0) facts.warnings = warnings;
  facts.outputEnv = Object.keys(envFile).some((k) => k.startsWith('DOCKER_METADATA_OUTPUT_'));
  facts.api = apiLog.get(c.id) ?? [];
  return { out, run: facts };
}

/** Disagreements between the outputs of one run (the lists against the json output, the env copies). */
function selfCheck({ out, run }, outputs, envFile) {
  const problems = [];
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  if (out.json) {
    if (!same(out.tags, out.json.tags)) problems.push('tags differ from json.tags');
    if (!same(out['tag-names'], out.json['tag-names'])) problems.push('tag-names differ from json');
    if (!same(out.annotations, out.json.annotations)) problems.push('annotations differ from json');
    const labels = Object.entries(out.json.labels).map(([k, v]) => `${k}=${v}`);
    if (!same(out.labels, labels)) problems.push('labels differ from json.labels');
  }
  if (run.outputEnv) {
    for (const [name, value] of Object.entries(outputs)) {
      const envName = `DOCKER_METADATA_OUTPUT_${name.replace(/\W/g, '_').toUpperCase()}`;
      if (!name.startsWith('bake-file') && envFile[envName] !== value) problems.push(`${envName} differs`);
    }
  }
  return problems;
}

async function runCase(c, port) {
  apiLog.set(c.id, []);
  const dir = mkdtempSync(join(workRoot, `${c.id}-`));
  try {
    const env = runnerEnv(c, dir, port);
    const run = await runChild(env, env.GITHUB_WORKSPACE);
    const outputs = parseFileCommands(readFileSync(env.GITHUB_OUTPUT, 'utf8'));
    const envFile = parseFileCommands(readFileSync(env.GITHUB_ENV, 'utf8'));
    const result = outcome(c, run, outputs, envFile);
    return { ...result, problems: selfCheck(result, outputs, envFile) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- all of them -------------------------------------------------------------------------------------------

async function main() {
  // no cases file: the generator's cases for its default seed (the ones the committed recording holds)
  const casesFile = existsSync(resolve(opts.cases))
    ? JSON.parse(readFileSync(resolve(opts.cases), 'utf8'))
    : { seed: DEFAULT_SEED, cases: generateCases(DEFAULT_SEED) };
  const only = opts.only ? new Set(opts.only.split(',')) : undefined;
  const cases = casesFile.cases.filter((c) => !only || only.has(c.id));
  for (const c of cases) byId.set(c.id, c);
  const server = await startApi();
  const port = server.address().port;
  const cleanUp = () => rmSync(workRoot, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => {
      cleanUp();
      process.exit(130);
    });
  const started = Date.now();
  const results = new Array(cases.length);
  const problems = [];
  let nextIndex = 0;
  let done = 0;
  const worker = async () => {
    while (nextIndex < cases.length) {
      const i = nextIndex++;
      const r = await runCase(cases[i], port);
      results[i] = { ...cases[i], out: r.out, run: r.run };
      for (const p of r.problems) problems.push(`${cases[i].id}: ${p}`);
      if (++done % 50 === 0) console.log(`  ${done}/${cases.length}`);
    }
  };
  try {
    mkdirSync(workRoot, { recursive: true });
    copyFileSync(join(HERE, 'frozen-clock.mjs'), frozenClock);
    await Promise.all(Array.from({ length: Math.max(1, Number(opts.concurrency)) }, worker));
  } finally {
    server.close();
    cleanUp();
  }

  const source = sourceOf();
  const doc = {
    about:
      'What docker/metadata-action (its bundled dist, the commit below) outputs for each case of ' +
      'scripts/differential/generate.mjs (seed below), recorded by scripts/differential/record.mjs: one child ' +
      '`node dist/index.cjs` per case, set up as a runner sets up a step: INPUT_<NAME> variables (INPUT_SEP-TAGS ' +
      'keeps its dash; INPUT_CONTEXT=workflow and INPUT_GITHUB-TOKEN as action.yml defaults them), ' +
      'GITHUB_EVENT_NAME, GITHUB_REF, GITHUB_SHA, GITHUB_REPOSITORY, the case env, and an event payload built ' +
      'from ctx: push {ref, after, base_ref, head_commit {id: sha, timestamp: commitDate}}; pull_request ' +
      '{number, pull_request {number, head {ref, sha}, base {ref}}}; every payload with ' +
      'repository.default_branch = ctx.defaultBranch and base_ref = ctx.baseRef when set. The clock is frozen ' +
      'at `created`. The GitHub API is a local stand-in: the repository answers `repository` with ' +
      'default_branch = ctx.defaultBranch (so defaultBranch is null here: it is per case); a commit (ctx.sha or ' +
      'pr.headSha) answers committer.date = ctx.commitDate, or 404 when the case has none, and metadata-action ' +
      'then takes the current time (`created`); a push finds its commit time in head_commit without asking. ' +
      '`out`: the outputs: version, tags and tag-names (split on the case sep-tags), labels and annotations ' +
      '(split on newlines), json (parsed), joined (the tags output as written, when the case sets sep-tags), ' +
      'or error (the first line of ::error::: the step failed; outputs written before the failure are kept). ' +
      'Bake-file outputs (paths of temporary files) are left out. `run`: warnings (::warning:: lines), ' +
      'outputEnv (the outputs were also exported as DOCKER_METADATA_OUTPUT_*), api (its requests).',
    source,
    recordedWith: { node: process.version },
    seed: casesFile.seed,
    created: CREATED,
    repository: { ...REPOSITORY, defaultBranch: null },
    cases: results,
  };
  const outFile = resolve(opts.out);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, formatJson(doc));

  const errored = results.filter((r) => r.out.error);
  const kinds = new Map();
  for (const r of results)
    for (const line of r.run.api) {
      const kind = line.replace(/[0-9a-f]{40}/g, '{sha}');
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
  console.log(`${results.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s -> ${outFile}`);
  console.log(`metadata-action ${source.version} @ ${source.commit}; ${errored.length} errored`);
  for (const r of errored) console.log(`  ${r.id}: ${r.out.error}`);
  console.log('API requests:');
  for (const [kind, n] of kinds) console.log(`  ${n} x ${kind}`);
  console.log(`unexpected API requests: ${unexpected.length}`);
  for (const u of unexpected.slice(0, 20)) console.log(`  ${u}`);
  console.log(`self-check problems: ${problems.length}`);
  for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
}

await main();
