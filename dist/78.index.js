export const id = 78;
export const ids = [78];
export const modules = {

/***/ 9683:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   iq: () => (/* binding */ removeBuilder),
/* harmony export */   oC: () => (/* binding */ resolveBuilder)
/* harmony export */ });
/* unused harmony exports parseBuilderList, listBuilders, chooseDriver */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1721);
/**
 * Choosing the buildx builder: an existing one by name, the engine's own (docker driver, when the
 * containerd image store can hold multi-platform images), or a fresh one this run creates and removes.
 */


const obj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
const str = (v) => (typeof v === 'string' ? v : '');
/** `docker buildx ls --format json` prints one JSON object per builder per line. */
function parseBuilderList(stdout) {
    return stdout
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith('{'))
        .map((l) => obj(JSON.parse(l)))
        .map((b) => {
        const nodes = Array.isArray(b.Nodes) ? b.Nodes.map(obj) : [];
        const platforms = nodes.flatMap((n) => (Array.isArray(n.Platforms) ? n.Platforms.map(str) : []));
        return { name: str(b.Name), driver: str(b.Driver), platforms: [...new Set(platforms.filter(Boolean))] };
    });
}
async function listBuilders(runner) {
    const res = await (0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .docker */ .T3)(runner, 'builder', ['buildx', 'ls', '--format', 'json']);
    return parseBuilderList(res.stdout);
}
/** The driver `auto` means for this engine. */
function chooseDriver(driver, facts) {
    if (driver !== 'auto')
        return driver;
    return facts.containerdStore ? 'docker' : 'docker-container';
}
async function resolveBuilder(inputs, deps) {
    const { runner, facts } = deps;
    if (inputs.builder !== '') {
        const found = (await listBuilders(runner)).find((b) => b.name === inputs.builder);
        if (!found) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('builder', `no buildx builder named "${inputs.builder}"; create it first or leave builder empty`);
        }
        return { ...found, created: false };
    }
    const driver = chooseDriver(inputs.driver, facts);
    if (driver === 'docker') {
        if (!facts.containerdStore && inputs.platforms.length > 1) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('driver', 'the docker driver builds several platforms only with the containerd image store; enable it ' +
                '(daemon.json "features": {"containerd-snapshotter": true}) or use driver: docker-container');
        }
        // The engine's own builder is named after the docker context ("default" whenever DOCKER_HOST is set).
        // Not listed: `buildx ls` costs ~300 ms a run, and its platforms are the host's plus the registered
        // QEMU handlers, which the QEMU step has already checked.
        return { name: deps.dockerContext ?? 'default', driver: 'docker', created: false, platforms: [] };
    }
    if (driver === 'remote' && inputs.endpoint === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('endpoint', 'driver: remote needs the buildkitd address, e.g. tcp://buildkitd:1234');
    }
    const name = `crossbuild-${deps.randomId()}`;
    const args = ['buildx', 'create', '--name', name, '--driver', driver];
    for (const o of inputs['driver-opts'])
        args.push('--driver-opt', o);
    if (inputs['buildkitd-config-inline'].trim() !== '') {
        const file = await deps.writeTempFile('buildkitd.toml', inputs['buildkitd-config-inline']);
        args.push('--buildkitd-config', file);
    }
    args.push('--bootstrap');
    if (inputs.endpoint !== '')
        args.push(inputs.endpoint);
    deps.willCreate?.(name);
    await (0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .docker */ .T3)(runner, 'builder', args, { stream: true });
    const made = (await listBuilders(runner)).find((b) => b.name === name);
    return { name, driver, created: true, platforms: made?.platforms ?? [] };
}
/** Post step: remove a builder this run created; a failure here is only worth a warning. */
async function removeBuilder(runner, name) {
    const res = await runner.run('docker', ['buildx', 'rm', '--force', name]);
    return res.code === 0
        ? undefined
        : `could not remove builder ${name}: ${res.stderr.trim().split('\n').pop() ?? ''}`;
}


/***/ }),

/***/ 1721:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qd: () => (/* binding */ CommandError),
/* harmony export */   T3: () => (/* binding */ docker),
/* harmony export */   lI: () => (/* binding */ dockerWithRetry)
/* harmony export */ });
/* unused harmony exports commandName, isTransientCommand */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9809);
/**
 * Running docker through the Runner and turning a non-zero exit into one error line that says whether a
 * retry may help. The full output stays on the error for a debug group.
 */


class CommandError extends _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg {
    output;
    code;
    constructor(step, detail, 
    /** stderr + stdout of the failed command, for a debug group (never contains a secret: none goes into argv) */
    output, code) {
        super(step, detail);
        this.output = output;
        this.code = code;
        this.name = 'CommandError';
    }
}
/** docker ARGS; throws CommandError(step, "`docker …` failed: <error line>") on a non-zero exit. */
async function docker(runner, step, args, opts = {}) {
    const res = await runner.run('docker', args, opts);
    if (res.code !== 0) {
        // stderr last: the error is at the end, after any progress on stdout (docker push prints layers there)
        const output = `${res.stdout}\n${res.stderr}`;
        const line = (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .errorText */ .kc)(res.stderr) || (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .errorText */ .kc)(res.stdout) || `exit code ${res.code}`;
        throw new CommandError(step, `\`${commandName(args)}\` failed: ${oneLine(line)}`, output, res.code);
    }
    return res;
}
/** `docker buildx create`, `docker push img:1`: the words before the first flag, for error lines. */
function commandName(args) {
    const i = args.findIndex((a) => a.startsWith('-'));
    return ['docker', ...(i < 0 ? args : args.slice(0, i))].join(' ');
}
function oneLine(text) {
    return text.split('\n').join(' | ');
}
/** For withRetry: a CommandError whose output looks like a passing registry fault. */
function isTransientCommand(err, attempt) {
    return err instanceof CommandError && (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .isTransientRegistryError */ .WG)(err.output, attempt);
}
/** A registry-facing docker command, retried on transient failures under the action's retry policy. */
function dockerWithRetry(runner, step, args, policy, opts = {}) {
    return (0,_retry_js__WEBPACK_IMPORTED_MODULE_1__/* .withRetry */ .bD)(() => docker(runner, step, args, opts), { ...policy, isTransient: isTransientCommand });
}


/***/ }),

/***/ 4377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fj: () => (/* binding */ secretsOf),
/* harmony export */   XN: () => (/* binding */ resolveLogins),
/* harmony export */   be: () => (/* binding */ loginArgs),
/* harmony export */   iD: () => (/* binding */ login),
/* harmony export */   ri: () => (/* binding */ logout),
/* harmony export */   wI: () => (/* binding */ parseLogins)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _retry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9809);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1721);
/**
 * Registry logins: parsed from `registry`/`username`/`password` and the `logins` block, run as
 * `docker login REGISTRY -u USER --password-stdin` — the password travels on stdin only.
 */



function unquote(v) {
    const t = v.trim();
    if (t.length >= 2 && ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'")))) {
        return t.slice(1, -1);
    }
    return t;
}
/**
 * The `logins` input: either `registry username password` per line, or a YAML list of mappings with
 * keys registry, username, password (only that shape; values may be quoted).
 */
function parseLogins(text) {
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    if (lines.some((l) => /^\s*-\s/.test(l) || /^\s*-$/.test(l)))
        return parseYamlList(lines);
    return lines.map((l, i) => {
        const parts = l.trim().split(/\s+/);
        if (parts.length !== 3) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('logins', `line ${i + 1} has ${parts.length} fields; write "registry username password"`);
        }
        const [registry = '', username = '', password = ''] = parts;
        return { registry, username, password };
    });
}
function parseYamlList(lines) {
    const items = [];
    for (const [n, raw] of lines.entries()) {
        let line = raw.trim();
        if (line.startsWith('-')) {
            items.push({});
            line = line.slice(1).trim();
            if (line === '')
                continue;
        }
        const current = items[items.length - 1];
        const colon = line.indexOf(':');
        if (!current || colon < 0) {
            // the line may hold a password: say where, never what
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('logins', `line ${n + 1} is not "key: value" inside a "- registry: …" item`);
        }
        const key = line.slice(0, colon).trim();
        if (!['registry', 'username', 'password'].includes(key)) {
            const shown = /^[\w-]{1,20}$/.test(key) ? `"${key}"` : `on line ${n + 1}`;
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('logins', `unknown key ${shown}; each item takes registry, username, password`);
        }
        current[key] = unquote(line.slice(colon + 1));
    }
    return items.map((it, i) => {
        if (!it.username || !it.password) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('logins', `item ${i + 1} needs username and password`);
        }
        return { registry: it.registry ?? '', username: it.username, password: it.password };
    });
}
/**
 * All logins to perform. On a pull request from a fork, secrets are empty: logins without a password are
 * skipped with a notice rather than failing a build that will not push anyway.
 */
function resolveLogins(inputs, fromFork) {
    const all = [];
    const notices = [];
    if (inputs.username !== '' || inputs.password !== '') {
        all.push({ registry: inputs.registry, username: inputs.username, password: inputs.password });
    }
    all.push(...parseLogins(inputs.logins));
    const logins = [];
    for (const l of all) {
        const where = l.registry || 'Docker Hub';
        if (l.password === '' || l.username === '') {
            if (fromFork) {
                notices.push(`login to ${where} skipped: no credentials on a pull request from a fork`);
                continue;
            }
            const missing = l.username === '' ? 'username' : 'password';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(missing, `login to ${where} needs a ${missing}; pass it from secrets`);
        }
        logins.push(l);
    }
    return { logins, notices };
}
/** The secrets to mask before anything runs (core.setSecret each). */
function secretsOf(logins) {
    return logins.map((l) => l.password);
}
function loginArgs(l) {
    return ['login', ...(l.registry ? [l.registry] : []), '--username', l.username, '--password-stdin'];
}
async function login(runner, l, policy) {
    try {
        await (0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .dockerWithRetry */ .lI)(runner, 'login', loginArgs(l), policy, { input: l.password });
    }
    catch (err) {
        if (!(err instanceof _command_js__WEBPACK_IMPORTED_MODULE_1__/* .CommandError */ .Qd))
            throw err;
        const why = (0,_retry_js__WEBPACK_IMPORTED_MODULE_2__/* .errorText */ .kc)(err.output).split(l.password).join('***');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .StepError */ .zg('login', `${l.registry || 'Docker Hub'} as ${l.username}: ${why}; check the username and token`);
    }
}
/** Post step; failure is only a warning there. */
async function logout(runner, registry) {
    const res = await runner.run('docker', ['logout', ...(registry ? [registry] : [])]);
    return res.code === 0
        ? undefined
        : `docker logout ${registry || 'Docker Hub'} failed: ${res.stderr.trim()}`;
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bD: () => (/* binding */ messageOf),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   zg: () => (/* binding */ StepError)
/* harmony export */ });
/** A problem the user fixes in the workflow file: one line naming the input and the fix. */
class InputError extends Error {
    input;
    constructor(input, detail) {
        super(`${input}: ${detail}`);
        this.input = input;
        this.name = 'InputError';
    }
}
/** A step that failed; the message names the step and what to do. */
class StepError extends Error {
    step;
    constructor(step, detail) {
        super(`${step}: ${detail}`);
        this.step = step;
        this.name = 'StepError';
    }
}
function messageOf(err) {
    if (err instanceof Error)
        return err.message;
    return String(err);
}


/***/ }),

/***/ 3190:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ZL: () => (/* binding */ shellQuote),
/* harmony export */   fM: () => (/* binding */ lastLine),
/* harmony export */   ji: () => (/* binding */ createRunner)
/* harmony export */ });
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7187);
/**
 * The one way this action starts a process: argument arrays (never a shell), output captured,
 * optional streaming to the log, stdin for secrets. Everything docker/buildx/git goes through a Runner,
 * so higher layers are tested with a fake Runner and this wrapper against the real engine.
 */

/** Command line as shown in logs and dry-run plans, quoted so it can be pasted into a shell. */
function shellQuote(args) {
    return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
function createRunner() {
    return {
        async run(cmd, args, opts = {}) {
            const started = Date.now();
            const env = opts.env ? { ...process.env, ...opts.env } : undefined;
            const res = await _actions_exec__WEBPACK_IMPORTED_MODULE_0__/* .getExecOutput */ .H(cmd, [...args], {
                ignoreReturnCode: true,
                silent: !opts.stream,
                ...(opts.input !== undefined ? { input: Buffer.from(opts.input) } : {}),
                ...(opts.cwd ? { cwd: opts.cwd } : {}),
                ...(env ? { env } : {}),
            });
            return { code: res.exitCode, stdout: res.stdout, stderr: res.stderr, ms: Date.now() - started };
        },
    };
}
/** A failed command's last meaningful stderr line, for one-line error messages. */
function lastLine(text) {
    const lines = text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
    return lines[lines.length - 1] ?? '';
}


/***/ }),

/***/ 9809:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WG: () => (/* binding */ isTransientRegistryError),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   kc: () => (/* binding */ errorText)
/* harmony export */ });
/* unused harmony export backoffMs */
/**
 * Bounded exponential backoff, and which registry failures are worth another attempt.
 * Pure apart from the injected sleep (tests pass a recorder, so no test waits).
 */
const realSleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Wait before attempt `attempt + 1`. */
function backoffMs(attempt, waitMs, maxWaitMs = 60_000) {
    return Math.min(maxWaitMs, waitMs * 2 ** (attempt - 1));
}
async function withRetry(fn, opts) {
    const attempts = Math.max(1, Math.floor(opts.attempts));
    const sleep = opts.sleep ?? realSleep;
    for (let attempt = 1;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (err) {
            const transient = opts.isTransient(err, attempt);
            if (!transient)
                throw err;
            if (attempt >= attempts) {
                // the user sees that retries happened and ran out, not just the last error
                if (err instanceof Error && attempt > 1)
                    err.message += ` (gave up after ${attempt} attempts)`;
                throw err;
            }
            const wait = backoffMs(attempt, opts.waitMs, opts.maxWaitMs);
            opts.onRetry?.(attempt, err, wait);
            await sleep(wait);
        }
    }
}
// Checked first: a retry cannot fix credentials, a missing repository or a broken Dockerfile.
const FATAL = [
    /unauthori[sz]ed/i,
    /\bdenied\b/i,
    /authentication required/i,
    /\b40[13]\b/,
    /manifest unknown/i,
    /name unknown/i,
    /name invalid/i,
    /manifest invalid/i,
    /dockerfile parse error/i,
    /did not complete successfully/i, // a RUN step failed
    /\bnot found\b/i,
];
const TRANSIENT = [
    /\b429\b/,
    /too many requests/i,
    /\b50[0234]\b/,
    /internal server error/i,
    /bad gateway/i,
    /service unavailable/i,
    /gateway time-?out/i,
    /connection reset by peer/i,
    /i\/o timeout/i,
    /TLS handshake timeout/i,
    /\bunexpected EOF\b/i,
    /\bEOF$/m,
    /broken pipe/i,
    /context deadline exceeded/i,
];
/**
 * A manifest PUT answered 400 right after its blobs were copied: registry 2.8 logs "manifest blob unknown" for
 * a blob mounted a moment earlier (seen copying a platform manifest across repositories). A real
 * MANIFEST_INVALID fails the same way every time, so only the first attempts are retried.
 */
const MANIFEST_400 = /PUT request to \S+\/manifests\/\S+: 400 Bad Request/i;
const MANIFEST_400_RETRIES = 2;
/** `connection refused` is a registry restarting, worth a retry only early on. */
const REFUSED = /connection refused/i;
const REFUSED_RETRIES = 2;
/**
 * The error part of a command's output: buildx/docker `ERROR:`/`error:` lines when present (a build log
 * is mostly progress, and a RUN step may print anything), else the last `tail` non-empty lines.
 */
function errorText(output, tail = 1) {
    const lines = output
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
    const errs = lines.filter((l) => /^(ERROR|error)\b/.test(l));
    if (errs.length > 0)
        return errs.join('\n');
    return lines.slice(-tail).join('\n');
}
/** Whether a failed registry command (push, imagetools, login, push-by-digest build) should be retried. */
function isTransientRegistryError(output, attempt = 1) {
    // docker push reports an HTTP status and its reason on separate lines
    const text = errorText(output, 3);
    if (FATAL.some((re) => re.test(text)))
        return false;
    if (TRANSIENT.some((re) => re.test(text)))
        return true;
    if (MANIFEST_400.test(text))
        return attempt <= MANIFEST_400_RETRIES;
    return REFUSED.test(text) && attempt <= REFUSED_RETRIES;
}


/***/ }),

/***/ 7443:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  uV: () => (/* binding */ STATE_BUILDER),
  hQ: () => (/* binding */ STATE_LOGINS),
  XN: () => (/* binding */ setupBuilder),
  gF: () => (/* binding */ setupLogins),
  yV: () => (/* binding */ setupQemu)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/docker/binfmt.ts
/**
 * Which platforms this host can run: natively, or through a registered QEMU binfmt handler. Pure: the
 * handler files' text is read by the caller (src/docker/qemu.ts).
 */
/** Text of /proc/sys/fs/binfmt_misc/NAME → handler. */
function parseBinfmt(name, text) {
    const lines = text.split('\n').map((l) => l.trim());
    const value = (key) => {
        const l = lines.find((x) => x.startsWith(key));
        return l === undefined ? '' : l.slice(key.length).trim();
    };
    const flags = value('flags:');
    return {
        name,
        enabled: lines.includes('enabled'),
        interpreter: value('interpreter '),
        flags,
        fixBinary: flags.includes('F'),
    };
}
/** Handler name (as qemu-user-static and tonistiigi/binfmt register them) → platforms it runs. */
const HANDLER_PLATFORMS = {
    'qemu-x86_64': ['linux/amd64', 'linux/amd64/v2', 'linux/amd64/v3', 'linux/amd64/v4'],
    'qemu-i386': ['linux/386'],
    'qemu-aarch64': ['linux/arm64', 'linux/arm64/v8'],
    'qemu-arm': ['linux/arm/v7', 'linux/arm/v6', 'linux/arm/v5'],
    'qemu-s390x': ['linux/s390x'],
    'qemu-ppc64le': ['linux/ppc64le'],
    'qemu-ppc64': ['linux/ppc64'],
    'qemu-riscv64': ['linux/riscv64'],
    'qemu-mips64el': ['linux/mips64le'],
    'qemu-mips64': ['linux/mips64'],
    'qemu-loongarch64': ['linux/loong64'],
};
/** Platform → the architecture name `tonistiigi/binfmt --install` takes. */
function binfmtArch(platform) {
    const arch = platform.split('/')[1] ?? '';
    const known = [
        'amd64',
        '386',
        'arm64',
        'arm',
        's390x',
        'ppc64le',
        'ppc64',
        'riscv64',
        'mips64le',
        'mips64',
        'loong64',
    ];
    return known.includes(arch) ? arch : undefined;
}
/** Platforms runnable through handlers that are enabled and have the F flag. */
function emulatedPlatforms(handlers) {
    const out = new Set();
    for (const h of handlers) {
        if (!h.enabled || !h.fixBinary)
            continue;
        for (const p of HANDLER_PLATFORMS[h.name] ?? [])
            out.add(p);
    }
    return out;
}
/**
 * Whether `platform` runs without emulation on a host of `hostArch` (OCI name). amd64 hosts run 386
 * (IA32 compat is on in every runner kernel) and the amd64 micro-architecture levels. arm64 hosts are not
 * assumed to run arm/v7: many arm64 CPUs (Graviton 2+, Ampere, Cobalt) have no AArch32.
 */
function isNative(platform, hostArch, hostOs = 'linux') {
    const [os, arch] = platform.split('/');
    if (os !== hostOs)
        return false;
    if (arch === hostArch)
        return true;
    return hostArch === 'amd64' && arch === '386';
}
function qemuPlan(mode, requested, host, handlers, image) {
    const registered = emulatedPlatforms(handlers);
    const needed = requested.filter((p) => !isNative(p, host.arch, host.os));
    // auto installs only what is missing; true (re)installs every needed architecture
    const toInstall = mode === 'false' ? [] : mode === 'true' ? needed : needed.filter((p) => !registered.has(p));
    const arches = [...new Set(toInstall.map(binfmtArch).filter((a) => a !== undefined))];
    const installed = new Set(toInstall.filter((p) => binfmtArch(p) !== undefined));
    return {
        needed,
        install: arches.length === 0 ? null : ['run', '--privileged', '--rm', image, '--install', arches.join(',')],
        platforms: requested.map((platform) => ({
            platform,
            runs: isNative(platform, host.arch, host.os)
                ? 'native'
                : registered.has(platform) || installed.has(platform)
                    ? 'qemu'
                    : 'missing',
        })),
    };
}

// EXTERNAL MODULE: ./src/docker/builder.ts
var builder = __webpack_require__(9683);
// EXTERNAL MODULE: ./src/docker/login.ts
var login = __webpack_require__(4377);
// EXTERNAL MODULE: ./src/docker/command.ts
var command = __webpack_require__(1721);
;// CONCATENATED MODULE: ./src/docker/qemu.ts
/**
 * Effects around QEMU: read the registered binfmt handlers, run the installer image.
 * File access is an injected reader so tests feed fixtures; `procBinfmtReader` is the real one.
 */



function procBinfmtReader(dir = '/proc/sys/fs/binfmt_misc') {
    return {
        async list() {
            try {
                return await (0,promises_.readdir)(dir);
            }
            catch {
                return [];
            }
        },
        read: (name) => (0,promises_.readFile)(`${dir}/${name}`, 'utf8'),
    };
}
/** Registered qemu-* handlers (others, e.g. jar or python, are not ours to judge). */
async function readQemuHandlers(reader) {
    const names = (await reader.list()).filter((n) => n.startsWith('qemu-')).sort();
    const out = [];
    for (const name of names)
        out.push(parseBinfmt(name, await reader.read(name)));
    return out;
}
/** Runs the installer (`install` from qemuPlan); pulling the image is a registry call, so it is retried. */
async function installQemu(runner, install, policy) {
    await (0,command/* dockerWithRetry */.lI)(runner, 'qemu', install, policy);
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/steps/setup.ts
/** Steps before the build: engine facts, QEMU, builder, registry logins. */










const STATE_BUILDER = 'builder';
const STATE_LOGINS = 'logins';
async function setupQemu(runner, s, facts, policy) {
    // a remote or kubernetes builder runs elsewhere: this host's binfmt says nothing about it
    const elsewhere = s.driver === 'remote' || s.driver === 'kubernetes';
    const handlers = await readQemuHandlers(procBinfmtReader());
    const mode = elsewhere ? 'false' : s.qemu;
    if (elsewhere)
        core/* info */.pq(`qemu: not set up here; the ${s.driver} builder emulates (or runs natively) on its own nodes`);
    const plan = qemuPlan(mode, s.platforms, { arch: facts.arch, os: facts.os }, handlers, s['qemu-image']);
    if (plan.install) {
        core/* info */.pq(`installing QEMU handlers: docker ${plan.install.join(' ')}`);
        await installQemu(runner, plan.install, policy);
    }
    for (const p of plan.platforms)
        core/* info */.pq(`${p.platform}: ${p.runs}`);
    const missing = plan.platforms.filter((p) => p.runs === 'missing').map((p) => p.platform);
    if (missing.length > 0 && !elsewhere) {
        throw new errors/* StepError */.zg('qemu', `no emulator for ${missing.join(', ')} on this ${facts.arch} host; set qemu: auto or true, or build these on a native runner`);
    }
    return plan;
}
async function setupBuilder(runner, s, facts) {
    const b = await (0,builder/* resolveBuilder */.oC)(s, {
        runner,
        facts,
        writeTempFile: async (name, content) => {
            const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(process.env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)(), 'crossbuild-'));
            const path = (0,external_node_path_.join)(dir, name);
            await (0,promises_.writeFile)(path, content);
            return path;
        },
        randomId: () => (0,external_node_crypto_.randomBytes)(4).toString('hex'),
        ...(process.env.DOCKER_CONTEXT ? { dockerContext: process.env.DOCKER_CONTEXT } : {}),
        willCreate: (name) => {
            core/* saveState */.LZ(STATE_BUILDER, name);
        },
    });
    const unsupported = s.platforms.filter((p) => !b.platforms.includes(p));
    if (b.platforms.length > 0 && unsupported.length > 0) {
        throw new errors/* StepError */.zg('builder', `builder ${b.name} (${b.driver}) cannot build ${unsupported.join(', ')}; it supports ${b.platforms.join(', ')}`);
    }
    core/* info */.pq(`builder ${b.name} (driver ${b.driver}${b.created ? ', created for this run' : ''})`);
    return b;
}
async function setupLogins(runner, s, fromFork, policy) {
    const { logins, notices } = (0,login/* resolveLogins */.XN)(s, fromFork);
    for (const n of notices)
        core/* notice */.lm(n);
    const done = [];
    for (const l of logins) {
        await (0,login/* login */.iD)(runner, l, policy);
        done.push(l.registry);
        // registry names only: credentials never go into saved state
        core/* saveState */.LZ(STATE_LOGINS, JSON.stringify(done));
        core/* info */.pq(`logged in to ${l.registry || 'Docker Hub'} as ${l.username}`);
    }
    return done;
}


/***/ })

};
