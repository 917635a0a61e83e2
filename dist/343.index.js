export const id = 343;
export const ids = [343];
export const modules = {

/***/ 3343:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
;// CONCATENATED MODULE: ./src/context.ts
function obj(v) {
    return v !== null && typeof v === 'object' ? v : {};
}
function str(v) {
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
/** Build a RunContext from @actions/github's context (or a test fixture shaped like it). */
function toRunContext(gh) {
    const payload = gh.payload;
    const repository = obj(payload.repository);
    const license = obj(repository.license);
    const owner = gh.repo.owner;
    const name = gh.repo.repo;
    const fullName = owner && name ? `${owner}/${name}` : str(repository.full_name);
    const serverUrl = gh.serverUrl || 'https://github.com';
    const repo = {
        owner,
        name,
        fullName,
        htmlUrl: str(repository.html_url) || (fullName ? `${serverUrl}/${fullName}` : ''),
        defaultBranch: str(repository.default_branch) || str(repository.master_branch),
        description: str(repository.description),
        license: str(license.spdx_id) === 'NOASSERTION' ? '' : str(license.spdx_id),
    };
    const ctx = {
        eventName: gh.eventName,
        ref: gh.ref,
        sha: gh.sha,
        repo,
        serverUrl,
        runId: gh.runId,
        runNumber: gh.runNumber,
        actor: gh.actor,
        workflow: gh.workflow,
        payload,
    };
    const pull = obj(payload.pull_request);
    if (Object.keys(pull).length > 0) {
        const head = obj(pull.head);
        const base = obj(pull.base);
        const headRepo = obj(head.repo);
        const baseRepo = obj(base.repo);
        ctx.pr = {
            number: Number(pull.number ?? payload.number ?? 0),
            headRef: str(head.ref),
            baseRef: str(base.ref),
            headSha: str(head.sha),
            fromFork: str(headRepo.full_name) !== '' && str(headRepo.full_name) !== str(baseRepo.full_name),
        };
        // pull_request_target runs on the base branch; the ref/sha GitHub gives are the base's.
    }
    const headCommit = obj(payload.head_commit);
    const ts = str(headCommit.timestamp);
    if (ts && str(headCommit.id) === gh.sha) {
        const d = new Date(ts);
        if (!Number.isNaN(d.getTime()))
            ctx.commitDate = d;
    }
    return ctx;
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/docker/login.ts
var login = __webpack_require__(4377);
// EXTERNAL MODULE: ./src/exec.ts
var exec = __webpack_require__(3190);
;// CONCATENATED MODULE: ./src/git.ts

/** `refs/tags/v1.0.0^{}` lines → unique tag names. */
function parseLsRemoteTags(out) {
    const names = new Set();
    for (const line of out.split('\n')) {
        const m = /\trefs\/tags\/(.+?)(\^\{\})?$/.exec(line.trim());
        if (m?.[1])
            names.add(m[1]);
    }
    return [...names];
}
function createGitReader(runner, cwd, api, log) {
    return {
        async describe() {
            const r = await runner.run('git', ['describe', '--tags', '--always'], { cwd });
            if (r.code !== 0) {
                throw new Error(`git describe failed (${(0,exec/* lastLine */.fM)(r.stderr)}); check out the repository with fetch-depth: 0 so tags are present`);
            }
            return r.stdout.trim();
        },
        async releasedTags() {
            const r = await runner.run('git', ['ls-remote', '--tags', 'origin'], { cwd });
            if (r.code === 0)
                return parseLsRemoteTags(r.stdout);
            log(`git ls-remote --tags origin failed (${(0,exec/* lastLine */.fM)(r.stderr)}); asking the GitHub API for tags`);
            if (!api)
                throw new Error('no git remote and no GitHub token to list released tags');
            return api.listTags();
        },
    };
}

;// CONCATENATED MODULE: ./src/github-api.ts
/** GitHub API facts (fallback when git cannot reach the remote). */

function apiTagLister(token, owner, repo) {
    if (token === '' || owner === '' || repo === '')
        return undefined;
    return {
        async listTags() {
            const octokit = github/* getOctokit */.Q(token);
            const tags = await octokit.paginate(octokit.rest.repos.listTags, { owner, repo, per_page: 100 });
            return tags.map((t) => t.name);
        },
    };
}

;// CONCATENATED MODULE: ./src/plan/buildx-argv.ts
function each(flag, values) {
    return values.flatMap((v) => [flag, v]);
}
function opt(flag, value) {
    return value === '' ? [] : [flag, value];
}
function buildxArgv(s) {
    const argv = ['buildx', 'build', '--progress', 'plain'];
    argv.push(...opt('--builder', s.builder));
    argv.push('--platform', s.platforms.join(','));
    argv.push(...opt('--file', s.file));
    argv.push('--metadata-file', s.metadataFile);
    argv.push(...each('--build-arg', s.buildArgs));
    argv.push(...each('--build-context', s.buildContexts));
    argv.push(...opt('--target', s.target));
    argv.push(...each('--secret', s.secretEnvs.map((x) => `id=${x.id},env=${x.env}`)));
    argv.push(...each('--secret', s.secretFiles.map(secretFile)));
    argv.push(...each('--ssh', s.ssh));
    argv.push(...each('--cache-from', s.cacheFrom));
    argv.push(...each('--cache-to', s.cacheTo));
    if (s.noCache)
        argv.push('--no-cache');
    if (s.pull)
        argv.push('--pull');
    argv.push(...each('--label', s.labels));
    argv.push(...each('--annotation', s.annotations));
    argv.push(...opt('--provenance', s.provenance));
    argv.push(...opt('--sbom', s.sbom));
    argv.push(...opt('--network', s.network));
    argv.push(...each('--add-host', s.addHosts));
    argv.push(...opt('--shm-size', s.shmSize));
    argv.push(...each('--ulimit', s.ulimits));
    const out = s.output;
    switch (out.kind) {
        case 'local-store':
            argv.push(...each('--tag', s.tags));
            break;
        case 'push-by-digest':
            argv.push('--output', `type=image,"name=${out.images.join(',')}",push-by-digest=true,name-canonical=true,push=true`);
            break;
        case 'build-only':
            argv.push(...each('--tag', s.tags));
            if (out.load)
                argv.push('--load');
            break;
        case 'custom':
            argv.push(...each('--tag', s.tags), ...each('--output', out.outputs));
            break;
    }
    argv.push(s.context);
    return argv;
}
/** `id=path` (action syntax) → buildx `id=ID,src=PATH`; already-buildx syntax passes through. */
function secretFile(line) {
    if (/(^|,)(src|source)=/.test(line))
        return line;
    const eq = line.indexOf('=');
    return `id=${line.slice(0, eq)},src=${line.slice(eq + 1)}`;
}
/** Env var that carries secret `id` to buildx (`secrets` input values never go into argv). */
function secretEnvName(id) {
    return `CROSSBUILD_SECRET_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

;// CONCATENATED MODULE: ./src/platform.ts
/**
 * One spelling per platform, as buildx writes it into an index: `linux/arm` → `linux/arm/v7`,
 * `linux/arm64/v8` → `linux/arm64`, `arm64` → `linux/arm64`, `linux/amd64/v1` → `linux/amd64`.
 * Inputs, Dockerfile analysis and registry verification all compare platforms through this.
 */
function normalizePlatform(p) {
    const parts = p.trim().toLowerCase().split('/');
    if (parts.length === 1)
        parts.unshift('linux');
    const [os = '', arch = '', variant] = parts;
    if (arch === 'arm64' && (variant === undefined || variant === 'v8'))
        return `${os}/arm64`;
    if (arch === 'arm' && variant === undefined)
        return `${os}/arm/v7`;
    if (arch === 'amd64' && variant === 'v1')
        return `${os}/amd64`;
    return variant === undefined ? `${os}/${arch}` : `${os}/${arch}/${variant}`;
}

;// CONCATENATED MODULE: ./src/inputs.ts
/**
 * Action inputs, read once into a typed, validated Settings object whose keys are action.yml's input names.
 * Pure: the input source is a function, so tests feed a map and main feeds core.getInput.
 */



/** Lines of a multi-line input; `#` comments and blank lines dropped. Values may contain commas. */
function lines(text) {
    return text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
}
/** Items separated by newlines or commas (platforms, images). */
function items(text) {
    return lines(text)
        .flatMap((l) => l.split(','))
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
function bool(name, raw, dflt) {
    const v = raw.trim().toLowerCase();
    if (v === '')
        return dflt;
    if (v === 'true')
        return true;
    if (v === 'false')
        return false;
    throw new errors/* InputError */.dz(name, `"${raw}" is not a boolean; use true or false`);
}
function oneOf(name, raw, allowed, dflt) {
    const v = raw.trim().toLowerCase();
    if (v === '')
        return dflt;
    if (allowed.includes(v))
        return v;
    throw new errors/* InputError */.dz(name, `"${raw}" is not one of ${allowed.join(', ')}`);
}
function inputs_int(name, raw, dflt, min, max) {
    const v = raw.trim();
    if (v === '')
        return dflt;
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) {
        throw new errors/* InputError */.dz(name, `"${raw}" must be a number from ${min} to ${max}`);
    }
    return n;
}
const ARCH_SHORTHAND = {
    amd64: 'linux/amd64',
    x86_64: 'linux/amd64',
    arm64: 'linux/arm64',
    aarch64: 'linux/arm64',
    arm: 'linux/arm/v7',
    armv7: 'linux/arm/v7',
    armhf: 'linux/arm/v7',
    armv6: 'linux/arm/v6',
    s390x: 'linux/s390x',
    ppc64le: 'linux/ppc64le',
    riscv64: 'linux/riscv64',
    '386': 'linux/386',
    i386: 'linux/386',
};
/** `os/arch[/variant]`, lowercase; the message suggests the likely intended platform. */
function parsePlatforms(raw) {
    const out = [];
    for (const p of items(raw)) {
        const v = p.toLowerCase();
        if (!/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(v)) {
            const hint = ARCH_SHORTHAND[v] ?? ARCH_SHORTHAND[v.replace(/^linux\//, '')];
            throw new errors/* InputError */.dz('platforms', `"${raw.trim()}" — "${p}" is not os/arch[/variant]` + (hint ? `; did you mean ${hint}?` : ''));
        }
        const canonical = normalizePlatform(v);
        if (!out.includes(canonical))
            out.push(canonical);
    }
    return out;
}
function cacheMounts(raw) {
    const v = raw.trim().toLowerCase();
    if (v === '' || v === 'auto')
        return 'auto';
    if (v === 'off' || v === 'false')
        return 'off';
    return lines(raw);
}
function readSettings(get) {
    const s = (n) => get(n);
    const platforms = parsePlatforms(s('platforms') || 'linux/amd64,linux/arm64');
    if (platforms.length === 0)
        throw new errors/* InputError */.dz('platforms', 'no platform given; e.g. linux/amd64,linux/arm64');
    const settings = {
        images: s('images'),
        tags: s('tags'),
        flavor: s('flavor'),
        labels: s('labels'),
        annotations: s('annotations'),
        'floating-tags': oneOf('floating-tags', s('floating-tags'), ['forward-only', 'always'], 'forward-only'),
        'github-token': s('github-token'),
        'dry-run': bool('dry-run', s('dry-run'), false),
        qemu: oneOf('qemu', s('qemu'), ['auto', 'true', 'false'], 'auto'),
        'qemu-image': s('qemu-image').trim() || 'tonistiigi/binfmt:qemu-v7.0.0',
        driver: oneOf('driver', s('driver'), ['auto', 'docker', 'docker-container', 'remote', 'kubernetes'], 'auto'),
        'driver-opts': lines(s('driver-opts')),
        'buildkitd-config-inline': s('buildkitd-config-inline'),
        builder: s('builder').trim(),
        endpoint: s('endpoint').trim(),
        registry: s('registry').trim(),
        username: s('username').trim(),
        password: s('password'),
        logins: s('logins'),
        context: s('context').trim() || '.',
        file: s('file').trim(),
        platforms,
        'build-args': lines(s('build-args')),
        'build-contexts': lines(s('build-contexts')),
        target: s('target').trim(),
        secrets: lines(s('secrets')),
        'secret-files': lines(s('secret-files')),
        'secret-envs': lines(s('secret-envs')),
        ssh: lines(s('ssh')),
        cache: oneOf('cache', s('cache'), ['auto', 'gha', 'registry', 'local', 'off'], 'auto'),
        'cache-mounts': cacheMounts(s('cache-mounts')),
        'cache-mounts-helper': s('cache-mounts-helper').trim() || 'busybox:1.36',
        'cache-from': lines(s('cache-from')),
        'cache-to': lines(s('cache-to')),
        'no-cache': bool('no-cache', s('no-cache'), false),
        pull: bool('pull', s('pull'), false),
        push: oneOf('push', s('push'), ['auto', 'true', 'false'], 'auto'),
        load: bool('load', s('load'), false),
        outputs: lines(s('outputs')),
        provenance: s('provenance').trim(),
        sbom: s('sbom').trim(),
        network: s('network').trim(),
        'add-hosts': items(s('add-hosts')),
        'shm-size': s('shm-size').trim(),
        ulimit: lines(s('ulimit')),
        'retry-attempts': inputs_int('retry-attempts', s('retry-attempts'), 5, 1, 10),
        'retry-wait': inputs_int('retry-wait', s('retry-wait'), 2, 0, 60),
        verify: bool('verify', s('verify'), true),
        'verify-arch': oneOf('verify-arch', s('verify-arch'), ['auto', 'true', 'false'], 'auto'),
        emulation: oneOf('emulation', s('emulation'), ['warn', 'error', 'allow'], 'warn'),
        'per-arch-tags': bool('per-arch-tags', s('per-arch-tags'), false),
        'skip-unchanged': bool('skip-unchanged', s('skip-unchanged'), false),
    };
    for (const [name, list] of [
        ['build-args', settings['build-args']],
        ['build-contexts', settings['build-contexts']],
        ['secrets', settings.secrets],
        ['secret-files', settings['secret-files']],
        ['secret-envs', settings['secret-envs']],
    ]) {
        const at = list.findIndex((l) => !/^[^=\s]+=/.test(l));
        if (at >= 0) {
            // a secrets line is never echoed: it may be (part of) the secret
            const what = name === 'secrets' ? `line ${at + 1}` : `"${list[at] ?? ''}"`;
            throw new errors/* InputError */.dz(name, `${what} is not KEY=value; write one KEY=value per line`);
        }
    }
    // secrets reach buildx through env vars named after their ids; two ids must not share one
    const envNames = new Map();
    for (const l of settings.secrets) {
        const id = l.slice(0, l.indexOf('='));
        const other = envNames.get(secretEnvName(id));
        if (other !== undefined && other !== id) {
            throw new errors/* InputError */.dz('secrets', `ids "${other}" and "${id}" differ only in punctuation; rename one`);
        }
        envNames.set(secretEnvName(id), id);
    }
    if (settings.load &&
        settings.platforms.length > 1 &&
        settings.driver !== 'docker' &&
        settings.driver !== 'auto') {
        throw new errors/* InputError */.dz('load', 'a multi-platform image can be loaded only with the docker driver (containerd store)');
    }
    return settings;
}

;// CONCATENATED MODULE: ./src/outputs.ts
/** Step outputs, set in one place. */

function setMetaOutputs(meta) {
    core/* setOutput */.uH('version', meta.version);
    core/* setOutput */.uH('tags', meta.tags.join('\n'));
    core/* setOutput */.uH('tag-names', meta.tagNames.join('\n'));
    core/* setOutput */.uH('labels', meta.labels.join('\n'));
    core/* setOutput */.uH('annotations', meta.annotations.join('\n'));
    core/* setOutput */.uH('json', JSON.stringify(meta.json));
}
function setBuildOutputs(o) {
    for (const [k, v] of Object.entries(o)) {
        if (v === undefined)
            continue;
        const value = Array.isArray(v)
            ? v.join(',')
            : typeof v === 'string'
                ? v
                : typeof v === 'boolean'
                    ? String(v)
                    : JSON.stringify(v);
        core/* setOutput */.uH(k, value);
    }
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/retry.ts
var retry = __webpack_require__(9809);
;// CONCATENATED MODULE: ./src/docker/engine.ts
/**
 * One probe of the engine (`docker info --format '{{json .}}'`) whose facts are passed around, instead of
 * asking docker/buildx again in every step.
 */


const engine_obj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
const engine_str = (v) => (typeof v === 'string' ? v : '');
// `uname -m` names (what docker info reports) → OCI names.
const KERNEL_ARCH = {
    x86_64: 'amd64',
    aarch64: 'arm64',
    armv7l: 'arm',
    armv6l: 'arm',
    i386: '386',
    i686: '386',
    ppc64le: 'ppc64le',
    s390x: 's390x',
    riscv64: 'riscv64',
    loongarch64: 'loong64',
    mips64: 'mips64',
};
function ociArch(kernelArch) {
    return KERNEL_ARCH[kernelArch] ?? kernelArch;
}
const FIX_DAEMON = 'start the Docker daemon (or set DOCKER_HOST) before this step';
const FIX_BUILDX = 'install the buildx plugin (docker-buildx package, or docker/setup-buildx-action)';
/** Facts from `docker info` JSON; throws one StepError naming what is missing and how to fix it. */
function parseEngineInfo(json, stderr = '') {
    let info;
    try {
        info = engine_obj(JSON.parse(json));
    }
    catch {
        throw new errors/* StepError */.zg('docker', `\`docker info\` gave no JSON (${(0,retry/* errorText */.kc)(stderr) || 'empty output'}); ${FIX_DAEMON}`);
    }
    const client = engine_obj(info.ClientInfo);
    const serverVersion = engine_str(info.ServerVersion);
    const serverErrors = Array.isArray(info.ServerErrors) ? info.ServerErrors.map(engine_str).filter(Boolean) : [];
    if (serverVersion === '') {
        const why = (0,retry/* errorText */.kc)(stderr) || serverErrors[0] || 'no server version reported';
        throw new errors/* StepError */.zg('docker', `cannot reach the Docker daemon (${why}); ${FIX_DAEMON}`);
    }
    const plugins = Array.isArray(client.Plugins) ? client.Plugins.map(engine_obj) : [];
    const buildx = plugins.find((p) => engine_str(p.Name) === 'buildx');
    if (!buildx)
        throw new errors/* StepError */.zg('docker', `the buildx plugin is missing; ${FIX_BUILDX}`);
    if (engine_str(buildx.Err) !== '') {
        throw new errors/* StepError */.zg('docker', `the buildx plugin is broken (${engine_str(buildx.Err)}); ${FIX_BUILDX}`);
    }
    const driverStatus = Array.isArray(info.DriverStatus) ? info.DriverStatus : [];
    const containerdStore = driverStatus.some((row) => Array.isArray(row) && row[0] === 'driver-type' && row[1] === 'io.containerd.snapshotter.v1');
    const os = engine_str(info.OSType) || 'linux';
    const arch = ociArch(engine_str(info.Architecture));
    return {
        serverVersion,
        clientVersion: engine_str(client.Version),
        buildxVersion: engine_str(buildx.Version),
        buildxPath: engine_str(buildx.Path),
        containerdStore,
        os,
        arch,
        platform: `${os}/${arch}`,
        ncpu: typeof info.NCPU === 'number' ? info.NCPU : 0,
    };
}
async function probeEngine(runner) {
    let res;
    try {
        res = await runner.run('docker', ['info', '--format', '{{json .}}']);
    }
    catch (err) {
        // @actions/exec throws when the executable is not on PATH
        throw new errors/* StepError */.zg('docker', `the docker CLI is not available (${(0,errors/* messageOf */.bD)(err)}); use a runner with Docker or install it first`);
    }
    return parseEngineInfo(res.stdout, res.stderr);
}

;// CONCATENATED MODULE: ./src/plan/build-args.ts
const AUTO_ARGS = ['VERSION', 'GIT_COMMIT', 'BUILD_DATE', 'SOURCE_DATE_EPOCH'];
/**
 * KEY=value lines for the automatic args the Dockerfile declares and the user did not set.
 * SOURCE_DATE_EPOCH is also honoured by BuildKit itself for reproducible timestamps.
 */
function autoBuildArgs(declared, userArgs, f) {
    const userKeys = new Set(userArgs.map((l) => l.slice(0, l.indexOf('='))));
    const values = {
        VERSION: f.version || undefined,
        GIT_COMMIT: f.sha || undefined,
        BUILD_DATE: f.commitDate?.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        SOURCE_DATE_EPOCH: f.commitDate ? String(Math.floor(f.commitDate.getTime() / 1000)) : undefined,
    };
    const out = [];
    for (const key of AUTO_ARGS) {
        const v = values[key];
        if (v !== undefined && declared.includes(key) && !userKeys.has(key))
            out.push(`${key}=${v}`);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/plan/plan.ts



const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
function decidePush(s, ctx) {
    if (s.outputs.length > 0)
        return { push: false, reason: 'outputs: custom — buildx writes them; nothing is pushed or tagged' };
    if (s.push === 'true')
        return { push: true, reason: 'push: true' };
    if (s.push === 'false')
        return { push: false, reason: 'push: false' };
    if (PR_EVENTS.has(ctx.eventName))
        return { push: false, reason: `push: auto — not pushed on ${ctx.eventName}` };
    return { push: true, reason: `push: auto — pushed on ${ctx.eventName}` };
}
function dockerfilePath(s) {
    if (s.file !== '')
        return s.file;
    return s.context === '.' ? 'Dockerfile' : `${s.context.replace(/\/+$/, '')}/Dockerfile`;
}
/** Push order per image: tags that never move first, floating tags last (they move only after verification). */
function tagPlan(meta) {
    const floating = new Set(meta.floating.filter((f) => f.applied).map((f) => f.tag));
    const fixed = meta.tagNames.filter((t) => !floating.has(t));
    const moving = meta.tagNames.filter((t) => floating.has(t));
    return meta.images.map((image) => ({ image, order: [...fixed, ...moving], floating: moving }));
}
function makePlan(p) {
    const { settings: s, ctx, meta } = p;
    const { push, reason } = decidePush(s, ctx);
    if (push && meta.images.length === 0) {
        throw new errors/* InputError */.dz('images', 'nothing to push to; set images (e.g. ghcr.io/OWNER/NAME) or push: false');
    }
    if (push && meta.tagNames.length === 0) {
        throw new errors/* InputError */.dz('tags', `no rule produced a tag for ${ctx.eventName} ${ctx.ref}; add a rule or set push: false`);
    }
    const fullTags = meta.tags.filter((t) => t.includes(':'));
    let output;
    if (s.outputs.length > 0)
        output = { kind: 'custom', outputs: s.outputs };
    else if (!push)
        output = { kind: 'build-only', load: s.load };
    else if (p.driver === 'docker')
        output = { kind: 'local-store' };
    else
        output = { kind: 'push-by-digest', images: meta.images };
    const spec = {
        builder: p.builder,
        context: s.context,
        file: s.file === '' ? '' : s.file,
        platforms: s.platforms,
        buildArgs: [
            ...s['build-args'],
            ...autoBuildArgs(p.declaredArgs, s['build-args'], {
                version: meta.version,
                sha: ctx.sha,
                ...(ctx.commitDate ? { commitDate: ctx.commitDate } : {}),
            }),
        ],
        buildContexts: s['build-contexts'],
        target: s.target,
        secretEnvs: [
            ...s.secrets.map((l) => {
                const id = l.slice(0, l.indexOf('='));
                return { id, env: secretEnvName(id) };
            }),
            ...s['secret-envs'].map((l) => ({ id: l.slice(0, l.indexOf('=')), env: l.slice(l.indexOf('=') + 1) })),
        ],
        secretFiles: s['secret-files'],
        ssh: s.ssh,
        cacheFrom: s['cache-from'],
        cacheTo: s['cache-to'],
        noCache: s['no-cache'],
        pull: s.pull,
        labels: meta.labels,
        annotations: meta.annotations,
        provenance: s.provenance,
        sbom: s.sbom,
        network: s.network,
        addHosts: s['add-hosts'],
        shmSize: s['shm-size'],
        ulimits: s.ulimit,
        tags: output.kind === 'push-by-digest' ? [] : fullTags,
        output,
        metadataFile: p.metadataFile,
    };
    return {
        meta,
        driver: p.driver,
        platforms: s.platforms,
        push,
        pushReason: reason,
        dockerfile: dockerfilePath(s),
        spec,
        tagPlan: push ? tagPlan(meta) : [],
        verify: push && s.verify,
        verifyArch: s['verify-arch'] === 'true' || (s['verify-arch'] === 'auto' && push),
        perArchTags: push && s['per-arch-tags'],
    };
}
/** Legacy per-arch repositories are named by arch with the variant glued on: amd64, arm64, armv7, s390x. */
function archSuffix(platform) {
    const [, arch = '', variant = ''] = platform.split('/');
    return arch === 'arm64' && variant === 'v8' ? arch : `${arch}${variant}`;
}
/** Per-arch references for one platform manifest: every image and tag name, in push order. */
function perArchRefs(plan, image, platform) {
    const order = plan.tagPlan.find((t) => t.image === image)?.order ?? [];
    return order.map((tag) => `${image}-${archSuffix(platform)}:${tag}`);
}
function planArgv(plan) {
    return buildxArgv(plan.spec);
}
/** Secret values for the build's environment, by env var name (never logged, never in argv). */
function secretEnv(s) {
    const env = {};
    for (const l of s.secrets) {
        const eq = l.indexOf('=');
        env[secretEnvName(l.slice(0, eq))] = l.slice(eq + 1);
    }
    return env;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/registry/elf.ts
/**
 * Pure reading of the first bytes of an executable: ELF class, byte order and machine (System V gABI,
 * e_ident + e_machine at offset 18), or a `#!` interpreter line; and what each OCI platform must contain.
 */
/** e_machine values (elf.h) for the architectures OCI platforms name */
const MACHINES = {
    3: 'x86',
    8: 'MIPS',
    20: 'PowerPC',
    21: 'PowerPC64',
    22: 'S390',
    40: 'ARM',
    62: 'x86-64',
    183: 'AArch64',
    243: 'RISC-V',
    258: 'LoongArch',
};
/** At least 20 bytes: e_ident (16) + e_type (2) + e_machine (2). */
function parseElf(bytes) {
    if (bytes.length < 20 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
        return undefined;
    }
    const cls = bytes[4];
    const data = bytes[5];
    if ((cls !== 1 && cls !== 2) || (data !== 1 && data !== 2))
        return undefined;
    const lo = bytes[18] ?? 0;
    const hi = bytes[19] ?? 0;
    const machine = data === 1 ? lo | (hi << 8) : (lo << 8) | hi;
    return {
        bits: cls === 1 ? 32 : 64,
        endian: data === 1 ? 'LE' : 'BE',
        machine,
        machineName: MACHINES[machine] ?? `e_machine ${machine}`,
    };
}
function parseShebang(bytes) {
    if (bytes[0] !== 0x23 || bytes[1] !== 0x21)
        return undefined;
    const end = bytes.indexOf(0x0a);
    const line = new TextDecoder().decode(bytes.subarray(2, end < 0 ? bytes.length : end)).trim();
    const m = /^(\S+)(?:\s+(.*))?$/.exec(line);
    if (!m?.[1])
        return undefined;
    const arg = m[2]?.trim();
    return { interpreter: m[1], arg: arg === undefined || arg === '' ? undefined : arg };
}
function identify(bytes) {
    const elf = parseElf(bytes);
    if (elf)
        return { kind: 'elf', elf };
    const shebang = parseShebang(bytes);
    if (shebang)
        return { kind: 'script', shebang };
    if (bytes.length === 0)
        return { kind: 'unknown', reason: 'empty file' };
    return { kind: 'unknown', reason: 'neither ELF nor a #! script' };
}
const EXPECTED = {
    amd64: { bits: 64, endian: 'LE', machine: 62 },
    arm64: { bits: 64, endian: 'LE', machine: 183 },
    arm: { bits: 32, endian: 'LE', machine: 40 },
    '386': { bits: 32, endian: 'LE', machine: 3 },
    ppc64le: { bits: 64, endian: 'LE', machine: 21 },
    ppc64: { bits: 64, endian: 'BE', machine: 21 },
    s390x: { bits: 64, endian: 'BE', machine: 22 },
    riscv64: { bits: 64, endian: 'LE', machine: 243 },
    mips64le: { bits: 64, endian: 'LE', machine: 8 },
    mips64: { bits: 64, endian: 'BE', machine: 8 },
    mipsle: { bits: 32, endian: 'LE', machine: 8 },
    mips: { bits: 32, endian: 'BE', machine: 8 },
    loong64: { bits: 64, endian: 'LE', machine: 258 },
};
/** `linux/arm64` → AArch64 64-bit LE; undefined for an arch this table does not know. */
function expectedElf(platform) {
    const parts = platform.split('/');
    const arch = parts.length === 1 ? parts[0] : parts[1];
    return EXPECTED[arch ?? ''];
}
function describeElf(h) {
    return `${MACHINES[h.machine] ?? `e_machine ${h.machine}`} ${h.bits}-bit ${h.endian}`;
}
function checkElf(platform, header) {
    const want = expectedElf(platform);
    const found = describeElf(header);
    if (!want)
        return { ok: false, found, expected: `unknown architecture in ${platform}` };
    const ok = header.machine === want.machine && header.bits === want.bits && header.endian === want.endian;
    return { ok, found, expected: describeElf(want) };
}

;// CONCATENATED MODULE: ./src/registry/arch-proof.ts
/**
 * Proof that each platform of an image holds binaries for that platform: create (never start) a container
 * per platform, copy its entrypoint out and read the ELF header. A registry index only says what a manifest
 * claims; an arm64 manifest carrying an amd64 binary (kubernetes/autoscaler v1.32.6) passes every other check.
 * Works for a local multi-platform image (containerd image store) and for a registry ref (docker pulls it).
 */






class ArchProofError extends errors/* StepError */.zg {
    rows;
    constructor(rows, detail) {
        super('verify-arch', detail);
        this.rows = rows;
        this.name = 'ArchProofError';
    }
}
// the PATH runc uses when the image sets none
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const HEADER_BYTES = 64;
const MAX_INTERPRETERS = 4;
/** Where an exec of `name` looks: as is when it has a slash (relative to the workdir), else each PATH dir. */
function candidates(name, env, workdir) {
    if (name.includes('/'))
        return [external_node_path_.posix.resolve(workdir || '/', name)];
    const path = env.find((e) => e.startsWith('PATH='))?.slice(5) ?? DEFAULT_PATH;
    return path
        .split(':')
        .filter((d) => d !== '')
        .map((d) => external_node_path_.posix.join(d, name));
}
/** `#!/usr/bin/env -S node --x` → node; `#!/bin/sh` → /bin/sh */
function interpreterOf(interpreter, arg) {
    if (external_node_path_.posix.basename(interpreter) !== 'env' || arg === undefined)
        return interpreter;
    const words = arg.split(/\s+/).filter((w) => w !== '' && !w.startsWith('-') && !w.includes('='));
    return words[0] ?? interpreter;
}
async function readHead(file) {
    const fh = await (0,promises_.open)(file, 'r');
    try {
        const buf = Buffer.alloc(HEADER_BYTES);
        const { bytesRead } = await fh.read(buf, 0, HEADER_BYTES, 0);
        return buf.subarray(0, bytesRead);
    }
    finally {
        await fh.close();
    }
}
async function proveOne(runner, ref, platform, dir, containers) {
    const want = expectedElf(platform);
    const row = {
        platform,
        path: '',
        found: '',
        expected: want ? describeElf(want) : `unknown architecture in ${platform}`,
        ok: false,
        status: 'error',
        note: '',
    };
    const created = await runner.run('docker', ['create', '--platform', platform, ref]);
    if (created.code !== 0)
        return { ...row, note: `docker create failed: ${(0,exec/* lastLine */.fM)(created.stderr)}` };
    const cid = created.stdout.trim().split('\n').pop() ?? '';
    containers.push(cid);
    const inspected = await runner.run('docker', ['container', 'inspect', '--format', '{{json .Config}}', cid]);
    if (inspected.code !== 0)
        return { ...row, note: `docker container inspect failed: ${(0,exec/* lastLine */.fM)(inspected.stderr)}` };
    const cfg = JSON.parse(inspected.stdout);
    const argv = cfg.Entrypoint?.length ? cfg.Entrypoint : (cfg.Cmd ?? []);
    const notes = [];
    if (argv[1] === '-c' && /(^|\/)(ba|da|a)?sh$/.test(argv[0] ?? ''))
        notes.push('shell form: checked the shell');
    let name = argv[0];
    if (name === undefined)
        return { ...row, status: 'unverifiable', note: 'the image has no entrypoint or cmd' };
    for (let hop = 0; hop <= MAX_INTERPRETERS; hop++) {
        let path = '';
        let head;
        for (const [i, candidate] of candidates(name, cfg.Env ?? [], cfg.WorkingDir).entries()) {
            const dest = (0,external_node_path_.join)(dir, `${hop}-${i}`);
            // -L: entrypoints are often symlinks (busybox applets, /usr/bin/go → ../lib/go/bin/go)
            const cp = await runner.run('docker', ['cp', '-L', `${cid}:${candidate}`, dest]);
            if (cp.code !== 0)
                continue;
            path = candidate;
            head = await readHead(dest).catch(() => undefined);
            break;
        }
        if (!head) {
            const where = name.includes('/') ? '' : ' on the image PATH';
            return { ...row, path, note: [...notes, `${name} not found${where} or not a file`].join('; ') };
        }
        const exe = identify(head);
        if (exe.kind === 'elf') {
            const c = checkElf(platform, exe.elf);
            return {
                ...row,
                path,
                found: c.found,
                ok: c.ok,
                status: c.ok ? 'ok' : 'mismatch',
                note: notes.join('; '),
            };
        }
        if (exe.kind === 'unknown') {
            return {
                ...row,
                path,
                status: 'unverifiable',
                note: [...notes, `${path}: ${exe.reason}`].join('; '),
            };
        }
        name = interpreterOf(exe.shebang.interpreter, exe.shebang.arg);
        notes.push(`${path} is a script run by ${name}`);
    }
    return { ...row, status: 'unverifiable', note: [...notes, 'too many #! interpreters'].join('; ') };
}
/** One row per platform; platforms run concurrently (create/cp/rm of distinct containers do not interfere). */
async function proveArch(runner, ref, platforms) {
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)((0,external_node_os_.tmpdir)(), 'crossbuild-arch-'));
    const containers = [];
    try {
        // allSettled: every container is created before the one `docker rm` below, even when one platform throws
        const settled = await Promise.allSettled(platforms.map(async (p, i) => {
            const sub = (0,external_node_path_.join)(dir, String(i));
            await (0,promises_.mkdir)(sub);
            return proveOne(runner, ref, p, sub, containers);
        }));
        return settled.map((r) => {
            if (r.status === 'rejected')
                throw r.reason;
            return r.value;
        });
    }
    finally {
        // one `docker rm` for all of them: each docker CLI start costs ~50 ms of a 2-core runner
        if (containers.length > 0)
            await runner.run('docker', ['rm', '-f', ...containers]);
        await (0,promises_.rm)(dir, { recursive: true, force: true });
    }
}
/** proveArch, then throws ArchProofError (with the rows) when a platform's binary is wrong or missing. */
async function verifyArch(runner, ref, platforms) {
    const rows = await proveArch(runner, ref, platforms);
    const bad = rows.filter((r) => r.status === 'mismatch' || r.status === 'error');
    if (bad.length > 0) {
        const what = bad.map((r) => r.status === 'mismatch'
            ? `${r.platform} ${r.path} is ${r.found}, expected ${r.expected}`
            : `${r.platform}: ${r.note}`);
        throw new ArchProofError(rows, `${ref}: ${what.join('; ')} — build each platform's binary for its target (e.g. GOARCH=$TARGETARCH)`);
    }
    return rows;
}

// EXTERNAL MODULE: ./src/docker/command.ts
var command = __webpack_require__(1721);
;// CONCATENATED MODULE: ./src/docker/publish.ts

/** The ordered docker commands for a publish. Pure: also what a dry run shows. */
function publishSteps(input) {
    const fixed = [];
    const floating = [];
    for (const { image, order, floating: moving } of input.tags) {
        if (order.length === 0)
            continue;
        let rest = order;
        if (input.driver === 'docker') {
            const first = order[0];
            fixed.push({
                kind: 'push',
                floating: false,
                refs: [`${image}:${first}`],
                args: ['push', `${image}:${first}`],
            });
            rest = order.slice(1);
        }
        const source = input.source ?? `${image}@${input.digest}`;
        const stable = rest.filter((t) => !moving.includes(t));
        const late = rest.filter((t) => moving.includes(t));
        if (stable.length > 0)
            fixed.push(tagStep(image, stable, source, false));
        if (late.length > 0)
            floating.push(tagStep(image, late, source, true));
    }
    return [...fixed, ...floating];
}
function tagStep(image, tags, source, floating) {
    const refs = tags.map((t) => `${image}:${t}`);
    return {
        kind: 'tag',
        floating,
        refs,
        args: ['buildx', 'imagetools', 'create', ...refs.flatMap((r) => ['--tag', r]), source],
    };
}
/** Runs the given steps in order, each retried on transient registry errors; stops at the first failure. */
async function runPublish(runner, steps, policy) {
    const done = [];
    for (const step of steps) {
        const started = Date.now();
        await (0,command/* dockerWithRetry */.lI)(runner, step.kind === 'push' ? 'push' : 'tag', step.args, policy, {
            stream: step.kind === 'push',
        });
        done.push({ step, ms: Date.now() - started });
    }
    return done;
}

;// CONCATENATED MODULE: ./src/registry/index-json.ts
/**
 * Reading an image index as the registry holds it: which platforms it has, which entries are attestations
 * (buildx adds them with platform unknown/unknown — never platforms), what is missing or doubled. Pure.
 */

const index_json_obj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
const index_json_str = (v) => (typeof v === 'string' ? v : '');
const INDEX_TYPES = new Set([
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
]);

function platformOf(p) {
    const os = index_json_str(p.os);
    const arch = index_json_str(p.architecture);
    const variant = index_json_str(p.variant);
    return normalizePlatform(variant ? `${os}/${arch}/${variant}` : `${os}/${arch}`);
}
function analyzeIndex(rawJson, requested) {
    const doc = index_json_obj(JSON.parse(rawJson));
    const mediaType = index_json_str(doc.mediaType);
    const manifests = Array.isArray(doc.manifests) ? doc.manifests.map(index_json_obj) : [];
    const isIndex = INDEX_TYPES.has(mediaType) || (mediaType === '' && Array.isArray(doc.manifests));
    const platforms = [];
    const attestations = [];
    for (const m of manifests) {
        const ann = index_json_obj(m.annotations);
        const entry = { digest: index_json_str(m.digest), size: typeof m.size === 'number' ? m.size : 0 };
        if (index_json_str(ann['vnd.docker.reference.type']) === 'attestation-manifest') {
            attestations.push({ ...entry, refersTo: index_json_str(ann['vnd.docker.reference.digest']) });
            continue;
        }
        platforms.push({ ...entry, platform: platformOf(index_json_obj(m.platform)), mediaType: index_json_str(m.mediaType) });
    }
    const want = requested.map(normalizePlatform);
    const seen = platforms.map((p) => p.platform);
    return {
        isIndex,
        mediaType,
        platforms,
        attestations,
        missing: want.filter((p) => !seen.includes(p)),
        duplicates: [...new Set(seen.filter((p, i) => seen.indexOf(p) !== i))],
        unexpected: [...new Set(seen.filter((p) => !want.includes(p)))],
    };
}
/** Attestations whose subject is not a platform of this index (a sign of a hand-edited or merged index). */
function orphanAttestations(a) {
    const digests = new Set(a.platforms.map((p) => p.digest));
    return a.attestations.filter((x) => !digests.has(x.refersTo));
}
/** Compressed size of an image: config + layers, from its manifest JSON. */
function manifestSize(rawJson) {
    const doc = index_json_obj(JSON.parse(rawJson));
    const size = (d) => {
        const s = index_json_obj(d).size;
        return typeof s === 'number' ? s : 0;
    };
    const layers = Array.isArray(doc.layers) ? doc.layers : [];
    return size(doc.config) + layers.reduce((sum, l) => sum + size(l), 0);
}
/** References whose digest differs from the expected one, as `ref: got X, expected Y` lines. */
function checkTags(digestsByRef, expected) {
    return Object.entries(digestsByRef)
        .filter(([, d]) => d !== expected)
        .map(([ref, d]) => `${ref}: points at ${d || 'nothing'}, expected ${expected}`);
}
/** Every problem of an analysis, one line each (empty when the index is as requested). */
function indexProblems(ref, a) {
    const out = [];
    if (!a.isIndex)
        out.push(`${ref}: is a single manifest (${a.mediaType || 'no media type'}), not an index`);
    if (a.missing.length > 0)
        out.push(`${ref}: missing platform ${a.missing.join(', ')}`);
    if (a.duplicates.length > 0)
        out.push(`${ref}: platform listed twice: ${a.duplicates.join(', ')}`);
    if (a.unexpected.length > 0)
        out.push(`${ref}: platform not requested: ${a.unexpected.join(', ')}`);
    for (const o of orphanAttestations(a))
        out.push(`${ref}: attestation ${o.digest} refers to ${o.refersTo}, not in the index`);
    return out;
}

;// CONCATENATED MODULE: ./src/registry/revision.ts



const REVISION_LABEL = 'org.opencontainers.image.revision';
const revision_obj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {};
const revision_str = (v) => (typeof v === 'string' ? v : '');
const REUSE_EVENTS = new Set(['schedule', 'workflow_dispatch']);
/** Whether this run should look for an image to reuse before building. */
function shouldTryReuse(s, ctx, meta) {
    return (s['skip-unchanged'] &&
        REUSE_EVENTS.has(ctx.eventName) &&
        decidePush(s, ctx).push &&
        // custom outputs do not publish under meta's tags, so there is nothing to retag
        s.outputs.length === 0 &&
        meta.images.length > 0 &&
        meta.tagNames.length > 0 &&
        /^[0-9a-f]{40}$/i.test(ctx.sha));
}
/**
 * Tags of the first image that may hold this commit's image, most specific first: the default
 * `type=sha` tags (short and long), then every tag the rules produce (nightly, edge, nightly-YYYYMMDD…).
 */
function candidateRefs(meta, sha) {
    const image = meta.images[0];
    if (!image || sha === '')
        return [];
    const names = [`sha-${sha.slice(0, 7)}`, `sha-${sha}`, ...meta.tagNames];
    return [...new Set(names)].map((t) => `${image}:${t}`);
}
const revision_INDEX_TYPES = new Set([
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
]);
function revisionOf(config) {
    return revision_str(revision_obj(revision_obj(config.config).Labels)[REVISION_LABEL]);
}
/**
 * `.Image` of `imagetools inspect --format '{{json .}}'`: for an index buildx prints a map
 * platform → image config (attestations already left out); for a single manifest, the config itself.
 */
function revisionsOf(image) {
    const doc = revision_obj(image);
    if (typeof doc.architecture === 'string' || typeof doc.os === 'string') {
        return [{ platform: platformOf(doc), revision: revisionOf(doc) }];
    }
    return Object.entries(doc).map(([key, v]) => {
        const config = revision_obj(v);
        return {
            platform: config.os ? platformOf(config) : normalizePlatform(key),
            revision: revisionOf(config),
        };
    });
}
/** Parses `docker buildx imagetools inspect REF --format '{{json .}}'` (keys name, manifest, image). */
function parseInspect(stdout) {
    const doc = revision_obj(JSON.parse(stdout));
    const manifest = revision_obj(doc.manifest);
    const mediaType = revision_str(manifest.mediaType);
    const isIndex = revision_INDEX_TYPES.has(mediaType) || Array.isArray(manifest.manifests);
    const configs = revisionsOf(doc.image);
    return {
        digest: revision_str(manifest.digest),
        mediaType,
        isIndex,
        listed: isIndex
            ? analyzeIndex(JSON.stringify(manifest), []).platforms.map((p) => p.platform)
            : configs.map((c) => c.platform),
        configs,
    };
}
/**
 * An image is reused only if retagging it yields exactly what a build would publish: an index (imagetools
 * would wrap a single manifest in a new one, changing the digest) of the requested platforms, every one of
 * them labelled with this commit.
 */
function judge(img, sha, platforms) {
    if (!/^sha256:[0-9a-f]{64}$/.test(img.digest))
        return { reuse: false, reason: 'no digest in the answer' };
    if (!img.isIndex)
        return { reuse: false, reason: `a single manifest (${img.mediaType || 'no media type'}), not an index` };
    if (img.listed.length === 0)
        return { reuse: false, reason: 'no platform image in the index' };
    const twice = img.listed.filter((p, i) => img.listed.indexOf(p) !== i);
    if (twice.length > 0)
        return { reuse: false, reason: `platform listed twice: ${[...new Set(twice)].join(', ')}` };
    const want = platforms.map(normalizePlatform).sort();
    const have = [...img.listed].sort();
    if (want.join(',') !== have.join(',')) {
        return { reuse: false, reason: `platforms ${have.join(', ')}; requested ${want.join(', ')}` };
    }
    const wrong = img.listed.flatMap((p) => {
        const rev = img.configs.find((c) => c.platform === p)?.revision ?? '';
        return rev.toLowerCase() === sha.toLowerCase() ? [] : [`${p} ${rev ? rev.slice(0, 12) : 'unlabelled'}`];
    });
    if (wrong.length > 0) {
        return { reuse: false, reason: `revision of ${wrong.join(', ')} is not ${sha.slice(0, 12)}` };
    }
    return { reuse: true };
}
/** The first candidate (in candidateRefs order) that is this commit's image; a match anywhere wins over errors. */
function choose(lookups, sha, platforms) {
    const notes = [];
    const errors = [];
    let found;
    for (const l of lookups) {
        if (l.kind === 'absent')
            notes.push(`${l.ref}: not found`);
        else if (l.kind === 'error')
            errors.push(`${l.ref}: ${l.message}`);
        else {
            const d = judge(l.image, sha, platforms);
            if (d.reuse)
                found ??= { ref: l.ref, digest: l.image.digest };
            else
                notes.push(`${l.ref}: ${d.reason}`);
        }
    }
    return { ...(found ? { found } : {}), notes, errors };
}
/**
 * The imagetools commands that put all of meta's tags on `digest`: tags that never move first, floating
 * tags last (they move only after the fixed ones are verified), like a build's publish. The source is
 * `sourceImage@digest` for every image: imagetools copies an index across repositories unchanged.
 */
function retagSteps(meta, sourceImage, digest) {
    return publishSteps({ driver: 'other', tags: tagPlan(meta), digest, source: `${sourceImage}@${digest}` });
}
/**
 * A failed inspect that means "no such tag" (buildx prints `ERROR: REF: not found` for a missing tag and a
 * missing repository alike): a normal answer, neither retried nor warned about.
 */
function isNotFound(output) {
    return /: not found\s*$|manifest unknown|name unknown/im.test(output);
}
/** The summary line of a reuse, e.g. `unchanged, retagged: img:sha-abc1234 (sha256:0123456789ab) → 3 tags`. */
function describeReuse(found, refs) {
    return `unchanged, retagged: ${found.ref} (${found.digest.slice(0, 19)}) → ${refs.length} tag${refs.length === 1 ? '' : 's'}`;
}

;// CONCATENATED MODULE: ./src/docker/build.ts
/**
 * Running `docker buildx build` (argv from src/plan/buildx-argv.ts) and reading what it made from the
 * metadata file. A failure says whether it was a passing registry fault (a push-by-digest build pushes as
 * it goes; re-running it is cheap because every step is cached) or a build error that must fail at once.
 */


class BuildError extends errors/* StepError */.zg {
    transient;
    output;
    constructor(detail, transient, 
    /** full build output, for a debug group */
    output) {
        super('build', detail);
        this.transient = transient;
        this.output = output;
        this.name = 'BuildError';
    }
}
function parseMetadata(text) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch {
        throw new errors/* StepError */.zg('build', 'buildx wrote no readable metadata file; is buildx older than 0.6?');
    }
    const str = (v) => (typeof v === 'string' ? v : '');
    const digest = str(raw['containerimage.digest']);
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) {
        throw new errors/* StepError */.zg('build', 'the metadata file has no containerimage.digest; the build produced no image');
    }
    return { digest, imageId: str(raw['containerimage.config.digest']), raw };
}
/** `docker ARGV` (argv starts with `buildx build`); throws BuildError on failure. */
async function runBuild(runner, argv, opts) {
    const res = await runner.run('docker', argv, {
        stream: opts.stream ?? true,
        ...(opts.env ? { env: opts.env } : {}),
        ...(opts.cwd ? { cwd: opts.cwd } : {}),
    });
    if (res.code !== 0) {
        const output = `${res.stderr}\n${res.stdout}`;
        const why = (0,retry/* errorText */.kc)(res.stderr) || `exit code ${res.code}`;
        const transient = (0,retry/* isTransientRegistryError */.WG)(output);
        throw new BuildError(why.split('\n').join(' | '), transient, output);
    }
    return {
        ...parseMetadata(await opts.readFile(opts.metadataFile)),
        ms: res.ms,
        cache: cacheStats(res.stderr),
    };
}
/**
 * Build steps served from cache, from buildx's plain progress (`#7 [build 3/6] RUN …` then `#7 CACHED`).
 * Only Dockerfile steps (`[stage n/m]`) count; metadata loads, context transfers and exports do not.
 */
function cacheStats(progress) {
    const steps = new Set();
    const cached = new Set();
    for (const line of progress.split('\n')) {
        const m = /^#(\d+) (\[[^\]]*\d+\/\d+\]|CACHED$)/.exec(line.trim());
        if (!m)
            continue;
        if (m[2] === 'CACHED')
            cached.add(m[1]);
        else
            steps.add(m[1]);
    }
    return { cached: [...cached].filter((id) => steps.has(id)).length, steps: steps.size };
}
/** For withRetry around a push-by-digest build. */
function isTransientBuild(err, attempt) {
    return err instanceof BuildError && (0,retry/* isTransientRegistryError */.WG)(err.output, attempt);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/registry/verify.ts
/**
 * Reading back what the registry holds, through `docker buildx imagetools inspect --raw` (docker's own
 * credentials; no registry client of our own), and failing with every problem listed.
 */




async function inspectRaw(runner, ref, policy) {
    const res = await (0,command/* dockerWithRetry */.lI)(runner, 'verify', ['buildx', 'imagetools', 'inspect', '--raw', ref], policy);
    return {
        raw: res.stdout,
        digest: `sha256:${(0,external_node_crypto_.createHash)('sha256').update(res.stdout, 'utf8').digest('hex')}`,
    };
}
/** Repository part of a reference (drops :tag and @digest). */
function repositoryOf(ref) {
    const at = ref.indexOf('@');
    const noDigest = at >= 0 ? ref.slice(0, at) : ref;
    const slash = noDigest.lastIndexOf('/');
    const colon = noDigest.lastIndexOf(':');
    return colon > slash ? noDigest.slice(0, colon) : noDigest;
}
/**
 * Checks that every ref points at `expectedDigest` and that the index holds exactly the requested
 * platforms. Throws one StepError: a summary line, then one line per problem.
 */
async function verifyPublished(runner, refs, requested, expectedDigest, policy) {
    const digests = {};
    let first;
    // reads are independent: run them together (each ~50-100 ms round trip)
    const got = await Promise.all(refs.map((ref) => inspectRaw(runner, ref, policy)));
    refs.forEach((ref, i) => {
        const m = got[i];
        digests[ref] = m.digest;
        if (m.digest === expectedDigest)
            first ??= { ref, m };
    });
    const problems = checkTags(digests, expectedDigest);
    let analysis;
    if (first) {
        analysis = analyzeIndex(first.m.raw, requested);
        if (!analysis.isIndex)
            analysis = await singleManifest(runner, first.ref, first.m, requested, policy);
        problems.push(...indexProblems(first.ref, analysis));
    }
    if (problems.length > 0 || !analysis) {
        throw new errors/* StepError */.zg('verify', `the registry does not hold what was built (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
            problems.map((p) => `  ${p}`).join('\n'));
    }
    return { digest: expectedDigest, analysis, refs: digests };
}
/** A single-platform image pushed without an index: its platform is in the config. */
async function singleManifest(runner, ref, m, requested, policy) {
    const res = await (0,command/* dockerWithRetry */.lI)(runner, 'verify', ['buildx', 'imagetools', 'inspect', `${repositoryOf(ref)}@${m.digest}`, '--format', '{{json .Image}}'], policy);
    const platform = platformOf(JSON.parse(res.stdout));
    const want = requested.map(normalizePlatform);
    return {
        // one manifest is a correct result only for a one-platform build
        isIndex: requested.length <= 1,
        mediaType: analyzeIndex(m.raw, []).mediaType,
        platforms: [
            { platform, digest: m.digest, size: m.raw.length, mediaType: analyzeIndex(m.raw, []).mediaType },
        ],
        attestations: [],
        missing: want.filter((p) => p !== platform),
        duplicates: [],
        unexpected: want.includes(platform) ? [] : [platform],
    };
}
/** Compressed size per platform manifest digest (config + layers), for the summary. */
async function platformSizes(runner, repository, digests, policy) {
    const raws = await Promise.all(digests.map((d) => inspectRaw(runner, `${repository}@${d}`, policy)));
    return Object.fromEntries(digests.map((d, i) => [d, manifestSize(raws[i].raw)]));
}

;// CONCATENATED MODULE: ./src/steps/publish.ts
/**
 * Build, then publish so that nothing half-pushed is ever visible under a floating tag:
 * build → (prove each platform's binary) → push fixed tags → verify the registry → move floating tags → verify them.
 */









async function build(runner, plan, env, policy) {
    const argv = planArgv(plan);
    const opts = {
        metadataFile: plan.spec.metadataFile,
        readFile: (p) => (0,promises_.readFile)(p, 'utf8'),
        env,
        stream: true,
    };
    // A push-by-digest build pushes from inside buildx, so a transient registry error means re-running it
    // (every layer is cached by then). A local-store build pushes nothing and is not retried.
    if (plan.spec.output.kind !== 'push-by-digest')
        return runBuild(runner, argv, opts);
    return (0,retry/* withRetry */.bD)((attempt) => {
        if (attempt > 1)
            core/* info */.pq(`build attempt ${attempt} (cached; re-pushing)`);
        return runBuild(runner, argv, opts);
    }, { ...policy, isTransient: isTransientBuild });
}
function publishPlan(plan, digest) {
    return publishSteps({
        driver: plan.spec.output.kind === 'local-store' ? 'docker' : 'other',
        tags: plan.tagPlan,
        digest,
    });
}
/**
 * Fixed tags first, then verify; a registry that lost part of a push (seen: a tag left on a single-platform
 * manifest after a 500) gets one more publish round before the step fails. Floating tags only after that.
 */
async function publish(runner, plan, digest, policy) {
    const steps = publishPlan(plan, digest);
    const fixed = steps.filter((s) => !s.floating);
    const floating = steps.filter((s) => s.floating);
    const fixedRefs = fixed.flatMap((s) => s.refs);
    let verified;
    for (let round = 1;; round++) {
        await runPublish(runner, fixed, policy);
        if (!plan.verify)
            break;
        try {
            // every tag floats (e.g. only {{major}}.{{minor}}): read the pushed index by digest before any tag moves
            const refs = fixedRefs.length > 0 ? fixedRefs : plan.meta.images.map((i) => `${i}@${digest}`);
            verified = await verifyPublished(runner, refs, plan.platforms, digest, policy);
            break;
        }
        catch (err) {
            if (!(err instanceof errors/* StepError */.zg) || round >= 2)
                throw err;
            core/* warning */.$e(`verification after push failed; publishing the fixed tags once more:\n${err.message}`);
        }
    }
    // per-arch tags are fixed tags too: before anything floats (from the index as read back, or read now)
    if (plan.perArchTags) {
        const image = plan.meta.images[0] ?? '';
        const entries = verified?.analysis.platforms ??
            analyzeIndex((await inspectRaw(runner, `${image}@${digest}`, policy)).raw, plan.platforms).platforms;
        await publishPerArch(runner, plan, entries, policy);
    }
    // sizes are only for the summary: read them while the floating tags move
    const first = fixedRefs[0] ?? plan.meta.images[0];
    const sizes = verified && first
        ? platformSizes(runner, repositoryOf(first), verified.analysis.platforms.map((p) => p.digest), policy).catch(() => ({}))
        : Promise.resolve({});
    if (floating.length > 0) {
        await runPublish(runner, floating, policy);
        if (plan.verify) {
            await verifyPublished(runner, floating.flatMap((s) => s.refs), plan.platforms, digest, policy);
        }
    }
    return { ...(verified ? { verified } : {}), sizes: await sizes, refs: steps.flatMap((s) => s.refs) };
}
/**
 * Legacy per-arch tags (IMAGE-ARCH:TAG, as Cluster Autoscaler publishes beside its index): each holds that
 * platform's manifest from the pushed index, copied registry-side, then read back.
 */
async function publishPerArch(runner, plan, platforms, policy) {
    for (const image of plan.meta.images) {
        for (const p of platforms) {
            const refs = perArchRefs(plan, image, p.platform);
            if (refs.length === 0)
                continue;
            const step = {
                kind: 'tag',
                floating: false,
                refs,
                args: [
                    'buildx',
                    'imagetools',
                    'create',
                    ...refs.flatMap((r) => ['--tag', r]),
                    `${image}@${p.digest}`,
                ],
            };
            await runPublish(runner, [step], policy);
            // imagetools wraps a single manifest in a one-platform index: check that index holds exactly this manifest
            const read = await Promise.all(refs.map((r) => inspectRaw(runner, r, policy)));
            const problems = read.flatMap((m, i) => {
                const a = analyzeIndex(m.raw, [p.platform]);
                const ok = a.platforms.length === 1 && a.platforms[0]?.digest === p.digest && m.digest === read[0]?.digest;
                return ok ? [] : [`${refs[i] ?? ''}: does not hold ${p.platform} ${p.digest} alone`];
            });
            if (problems.length > 0)
                throw new errors/* StepError */.zg('per-arch-tags', problems.join('; '));
        }
    }
}

;// CONCATENATED MODULE: ./src/steps/reuse.ts
/**
 * skip-unchanged (issue 5): a nightly whose commit already has an image does not build again; it puts the
 * new tags on that image's index (registry-side, the digest unchanged) and verifies them.
 * Registry trouble while looking never fails the nightly: it builds instead, with a warning.
 */






const coreLog = { info: core/* info */.pq, warning: core/* warning */.$e };
/** One candidate: its digest and every platform's config in a single imagetools call. */
async function lookup(runner, ref, policy) {
    try {
        const res = await (0,command/* dockerWithRetry */.lI)(runner, 'skip-unchanged', ['buildx', 'imagetools', 'inspect', ref, '--format', '{{json .}}'], policy);
        return { ref, kind: 'image', image: parseInspect(res.stdout) };
    }
    catch (err) {
        if (err instanceof command/* CommandError */.Qd && isNotFound(err.output))
            return { ref, kind: 'absent' };
        return { ref, kind: 'error', message: (0,errors/* messageOf */.bD)(err).split('\n')[0] ?? '' };
    }
}
/**
 * The index already published for commit `sha` with exactly `platforms`, under one of the candidate tags
 * of the first image; undefined means build (nothing found, or the registry could not tell: warned).
 */
async function findReusable(runner, meta, sha, platforms, policy, log = coreLog) {
    // independent reads: together they take one round trip, not one per candidate
    const refs = candidateRefs(meta, sha);
    const lookups = await Promise.all(refs.map((ref) => lookup(runner, ref, policy)));
    const choice = choose(lookups, sha, platforms);
    for (const n of choice.notes)
        log.info(`skip-unchanged: ${n}`);
    if (choice.found) {
        log.info(`skip-unchanged: ${choice.found.ref} is ${sha.slice(0, 12)} (${choice.found.digest})`);
        return choice.found;
    }
    if (choice.errors.length > 0) {
        log.warning(`skip-unchanged: could not read the registry (${choice.errors.join('; ')}); building instead`);
    }
    return undefined;
}
/**
 * Every image × every tag of `meta` onto `found.digest`, copied from the first image; fixed tags, verify,
 * then floating tags, verify (the same order as a build's publish, so a floating tag never moves first).
 */
async function retag(runner, meta, found, platforms, policy) {
    const source = meta.images[0] ?? '';
    const steps = retagSteps(meta, source, found.digest);
    let verified;
    for (const floating of [false, true]) {
        const group = steps.filter((s) => s.floating === floating);
        if (group.length === 0)
            continue;
        await runPublish(runner, group, policy);
        const refs = group.flatMap((s) => s.refs);
        verified = await verifyPublished(runner, refs, platforms, found.digest, policy);
    }
    if (!verified) {
        // retagSteps gives at least one step whenever meta has an image and a tag; shouldTryReuse checks both
        verified = await verifyPublished(runner, [found.ref], platforms, found.digest, policy);
    }
    return { refs: steps.flatMap((s) => s.refs), verified };
}

// EXTERNAL MODULE: ./src/steps/setup.ts + 2 modules
var setup = __webpack_require__(7443);
;// CONCATENATED MODULE: ./src/cache/actions-cache.ts
/**
 * Saving and restoring directories with the Actions cache service. @actions/cache is ~1 MB of bundle, so it
 * is loaded with a dynamic import the first time a directory is restored or saved (ncc emits it as a
 * separate chunk): runs that use gha/registry cache or none never load it.
 */
function actionsCacheStore() {
    return {
        async restore(paths, key, restoreKeys) {
            const cache = await __webpack_require__.e(/* import() */ 691).then(__webpack_require__.bind(__webpack_require__, 1691));
            return cache.restoreCache(paths, key, restoreKeys);
        },
        async save(paths, key) {
            const cache = await __webpack_require__.e(/* import() */ 691).then(__webpack_require__.bind(__webpack_require__, 1691));
            await cache.saveCache(paths, key);
        },
    };
}
/**
 * The cache is an optimisation: a service error (outage, read-only token on a fork, entry already being
 * written by a concurrent job) becomes a warning and the run goes on as a miss.
 */
function warnOnError(store, warn) {
    const text = (err) => (err instanceof Error ? err.message.split('\n')[0] : String(err));
    return {
        async restore(paths, key, restoreKeys) {
            try {
                return await store.restore(paths, key, restoreKeys);
            }
            catch (err) {
                warn(`cache restore ${key}: ${text(err)}; building without it`);
                return undefined;
            }
        },
        async save(paths, key) {
            try {
                await store.save(paths, key);
            }
            catch (err) {
                warn(`cache save ${key}: ${text(err)}; the next run starts without it`);
            }
        },
    };
}

;// CONCATENATED MODULE: ./src/cache/lockfiles.ts
/**
 * Dependency lockfiles in the build context, for the cache key: when one changes, the layers and compile
 * caches that depend on it are stale. The context root and its direct sub-directories are searched
 * (monorepos keep a lockfile per component; deeper trees are rare and costly to walk).
 */


const NAMES = new Set([
    'go.sum',
    'go.work.sum',
    'package-lock.json',
    'npm-shrinkwrap.json',
    'yarn.lock',
    'pnpm-lock.yaml',
    'bun.lockb',
    'Cargo.lock',
    'poetry.lock',
    'Pipfile.lock',
    'uv.lock',
    'Gemfile.lock',
    'composer.lock',
    'mix.lock',
    'packages.lock.json',
    'gradle.lockfile',
]);
function isLockfile(name) {
    return NAMES.has(name) || /^requirements.*\.txt$/.test(name);
}
const SKIP = new Set(['.git', 'node_modules', 'vendor', 'target', 'dist']);
/** Lockfiles under `context` (depth ≤ 1), named by their path relative to it, in a stable order. */
async function readLockfiles(context) {
    const out = [];
    const scan = async (rel, depth) => {
        const entries = await (0,promises_.readdir)((0,external_node_path_.join)(context, rel), { withFileTypes: true }).catch(() => []);
        for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
            const path = rel === '' ? e.name : `${rel}/${e.name}`;
            if (e.isFile() && isLockfile(e.name)) {
                out.push({ name: path, content: await (0,promises_.readFile)((0,external_node_path_.join)(context, path), 'utf8') });
            }
            else if (e.isDirectory() && depth < 1 && !SKIP.has(e.name) && !e.name.startsWith('.')) {
                await scan(path, depth + 1);
            }
        }
    };
    await scan('', 0);
    return out;
}

;// CONCATENATED MODULE: ./src/dockerfile/expand.ts
/**
 * Dockerfile variable substitution for the values that decide a stage's base and platform:
 * `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}`. A variable without a value stays as written,
 * so callers can tell "unknown" from "empty".
 */
function expandVars(text, vars) {
    return text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced, op, word, bare) => {
        const name = braced ?? bare ?? '';
        const value = vars.get(name);
        if (op === '-')
            return value !== undefined && value !== '' ? value : expandVars(word ?? '', vars);
        if (op === '+')
            return value !== undefined && value !== '' ? expandVars(word ?? '', vars) : '';
        return value ?? whole;
    });
}
/** Names of the variables a text refers to (`$A`, `${B}`, `${C:-x}`). */
function varsIn(text) {
    const out = [];
    for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g))
        if (m[1] && !out.includes(m[1]))
            out.push(m[1]);
    return out;
}

;// CONCATENATED MODULE: ./src/dockerfile/parse.ts
/**
 * Pure Dockerfile reader: parser directives, logical lines (escape-character continuations, comments inside
 * them), heredocs, instructions with their 1-based start line, stages and ARGs. No variable expansion here
 * (see expand.ts): what the file says, where it says it.
 */
const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.*?)\s*$/;
const HEREDOC = /<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);
/** Parser directives sit at the very top; the first line that is not one ends them. */
function readEscape(lines) {
    let escape = '\\';
    for (const line of lines) {
        const m = DIRECTIVE.exec(line);
        if (!m)
            break;
        if (m[1]?.toLowerCase() === 'escape' && m[2] === '`')
            escape = '`';
    }
    return escape;
}
function isComment(line) {
    return /^\s*#/.test(line);
}
/** `--name=value` flags at the start of the arguments; the rest is returned as text. */
function splitFlags(text) {
    const flags = [];
    let rest = text.trimStart();
    for (;;) {
        const m = /^--([a-zA-Z][\w-]*)(?:=("[^"]*"|'[^']*'|\S*))?(?:\s+|$)/.exec(rest);
        if (!m)
            break;
        flags.push({ name: m[1] ?? '', value: unquote(m[2] ?? '') });
        rest = rest.slice(m[0].length);
    }
    return { flags, rest: rest.trim() };
}
function unquote(s) {
    return /^(["']).*\1$/.test(s) ? s.slice(1, -1) : s;
}
/** `NAME`, `NAME=default`, `A B=c` (one ARG may declare several) */
function parseArgDecls(args, line) {
    return args
        .split(/\s+/)
        .filter((t) => t !== '')
        .map((t) => {
        const eq = t.indexOf('=');
        if (eq < 0)
            return { name: t, default: undefined, line };
        return { name: t.slice(0, eq), default: unquote(t.slice(eq + 1)), line };
    });
}
function parseDockerfile(text) {
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    const escape = readEscape(lines);
    const instructions = [];
    let i = 0;
    while (i < lines.length) {
        const first = lines[i] ?? '';
        if (first.trim() === '' || isComment(first)) {
            i++;
            continue;
        }
        const start = i + 1;
        // join continuations; comment and blank lines inside a continuation are dropped, as BuildKit does
        let logical = '';
        let current = first;
        for (;;) {
            const trimmed = current.replace(/\s+$/, '');
            if (trimmed.endsWith(escape) && i + 1 < lines.length) {
                logical += trimmed.slice(0, -1);
                i++;
                while (i < lines.length && ((lines[i] ?? '').trim() === '' || isComment(lines[i] ?? '')))
                    i++;
                if (i >= lines.length)
                    break;
                current = lines[i] ?? '';
                continue;
            }
            logical += trimmed;
            break;
        }
        i++;
        const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(logical);
        const keyword = (m?.[1] ?? '').toUpperCase();
        const { flags, rest } = splitFlags(m?.[2] ?? '');
        const heredocs = [];
        if (HEREDOC_KEYWORDS.has(keyword)) {
            for (const h of rest.matchAll(HEREDOC)) {
                const name = h[3] ?? '';
                const stripTabs = h[1] === '-';
                const body = [];
                while (i < lines.length) {
                    const l = lines[i] ?? '';
                    i++;
                    const candidate = stripTabs ? l.replace(/^\t+/, '') : l;
                    if (candidate === name)
                        break;
                    body.push(candidate);
                }
                heredocs.push({ name, body: body.join('\n'), stripTabs });
            }
        }
        instructions.push({ keyword, line: start, flags, args: rest, heredocs });
    }
    return assemble(escape, instructions);
}
function assemble(escape, instructions) {
    const globalArgs = [];
    const stages = [];
    const declared = [];
    for (const ins of instructions) {
        if (ins.keyword === 'FROM') {
            const words = ins.args.split(/\s+/).filter((w) => w !== '');
            const asAt = words.findIndex((w) => w.toLowerCase() === 'as');
            stages.push({
                index: stages.length,
                name: asAt > 0 ? words[asAt + 1]?.toLowerCase() : undefined,
                image: words[0] ?? '',
                platform: ins.flags.find((f) => f.name === 'platform')?.value,
                line: ins.line,
                args: [],
                instructions: [],
            });
            continue;
        }
        const stage = stages[stages.length - 1];
        if (ins.keyword === 'ARG') {
            const decls = parseArgDecls(ins.args, ins.line);
            (stage ? stage.args : globalArgs).push(...decls);
            for (const d of decls)
                if (!declared.includes(d.name))
                    declared.push(d.name);
        }
        stage?.instructions.push(ins);
    }
    return { escape, globalArgs, stages, instructions, declaredArgs: declared };
}
/** `--mount=type=cache,target=/x,from=build` → { type: 'cache', target: '/x', from: 'build' } per --mount flag. */
function mountsOf(ins) {
    return ins.flags
        .filter((f) => f.name === 'mount')
        .map((f) => {
        const out = {};
        for (const part of f.value.split(',')) {
            const eq = part.indexOf('=');
            const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
            if (key !== '')
                out[key] = eq < 0 ? 'true' : part.slice(eq + 1).trim();
        }
        return out;
    });
}
/** The shell text a RUN executes: its arguments plus heredoc bodies (a `RUN <<EOF` script is the body). */
function runScript(ins) {
    return [ins.args, ...ins.heredocs.map((h) => h.body)].join('\n');
}

;// CONCATENATED MODULE: ./src/cache/mounts.ts
/**
 * Carrying `RUN --mount=type=cache` contents between runs. No --cache-to exports them, so a fresh runner
 * recompiles everything. Two helper builds on the same builder move them through a host directory:
 * inject (directory → cache mounts) before the build, extract (cache mounts → directory) after it.
 * Pure: which mounts, and the helper Dockerfiles and argv. Running them is dance.ts.
 *
 * BuildKit facts this relies on (measured on dockerd 26 / buildx 0.13, see __tests__/cache):
 * - a cache mount is found by its id (default: the cleaned target path) together with its uid/gid/mode:
 *   the same id with another uid is a different, empty cache. The helper repeats all four.
 * - the platform does not matter: a mount filled by an arm64 helper is seen by amd64 and s390x steps.
 * - `--no-cache` gives every cache mount a fresh empty directory, so the helpers bust their cache with a
 *   build argument instead.
 */




const OPTIONS = ['uid', 'gid', 'mode'];
function sameMount(a, b) {
    return a.id === b.id && OPTIONS.every((o) => a[o] === b[o]);
}
/** Values ARGs take: declared defaults, overridden by the build's KEY=value build-args. */
function argValues(parsed, buildArgs) {
    const vars = new Map();
    for (const a of [...parsed.globalArgs, ...parsed.stages.flatMap((s) => s.args)]) {
        if (a.default !== undefined && !vars.has(a.name))
            vars.set(a.name, a.default);
    }
    for (const l of buildArgs) {
        const eq = l.indexOf('=');
        if (eq > 0)
            vars.set(l.slice(0, eq), l.slice(eq + 1));
    }
    return vars;
}
/**
 * Every distinct cache mount in the Dockerfile's RUN steps. Mounts that cannot be reproduced by a helper
 * are skipped with the reason: `from=` (seeded from a stage) and ids that still hold a variable
 * (e.g. one per $TARGETARCH) after the known ARG values are filled in.
 */
function cacheMountsIn(parsed, vars) {
    const mounts = [];
    const skipped = [];
    for (const ins of parsed.instructions) {
        if (ins.keyword !== 'RUN')
            continue;
        for (const m of mountsOf(ins)) {
            if (m.type !== 'cache')
                continue;
            if (m.from !== undefined) {
                skipped.push({ line: ins.line, reason: `cache mount seeded from ${m.from} (from=) is not carried` });
                continue;
            }
            const raw = m.id ?? m.target ?? m.dst ?? m.destination ?? '';
            const text = expandVars(raw, vars);
            if (text === '' || text.includes('$')) {
                skipped.push({
                    line: ins.line,
                    reason: `cache mount id "${raw}" depends on a value not known before the build`,
                });
                continue;
            }
            const mount = {
                id: m.id !== undefined ? text : external_node_path_.posix.normalize(text).replace(/(.)\/$/, '$1'),
            };
            for (const o of OPTIONS) {
                const v = m[o];
                if (v !== undefined)
                    mount[o] = expandVars(v, vars);
            }
            if (!mounts.some((x) => sameMount(x, mount)))
                mounts.push(mount);
        }
    }
    return { mounts, skipped };
}
/**
 * An explicit list, one per line: `/root/.cache/go-build` (an id, i.e. a target path without id=) or
 * `id=gomod,uid=1000,gid=1000,mode=0755`.
 */
function parseCacheMounts(lines) {
    const out = [];
    for (const line of lines) {
        const mount = { id: '' };
        for (const part of line.split(',')) {
            const eq = part.indexOf('=');
            const key = eq < 0 ? 'id' : part.slice(0, eq).trim().toLowerCase();
            const value = (eq < 0 ? part : part.slice(eq + 1)).trim();
            if (key === 'id' || key === 'target')
                mount.id = value;
            else if (key === 'uid' || key === 'gid' || key === 'mode')
                mount[key] = value;
        }
        if (mount.id !== '' && !out.some((x) => sameMount(x, mount)))
            out.push(mount);
    }
    return out;
}
/** One sub-directory per mount: readable, and unique even when two ids sanitise alike. */
function mountDir(m) {
    const name = m.id
        .replace(/[^A-Za-z0-9._-]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .slice(0, 60) || 'cache';
    const ident = [m.id, ...OPTIONS.map((o) => m[o] ?? '')].join('\0');
    return `${name}-${(0,external_node_crypto_.createHash)('sha256').update(ident).digest('hex').slice(0, 8)}`;
}
function cacheFlag(m, target) {
    const opts = OPTIONS.flatMap((o) => (m[o] !== undefined ? [`${o}=${m[o]}`] : []));
    return ['--mount=type=cache', `id=${m.id}`, `target=${target}`, ...opts].join(',');
}
/** Changes every run so BuildKit never answers a helper step from its cache (see the header). */
const NONCE_ARG = 'CROSSBUILD_CACHE_DANCE';
/** Copies each mount's directory from the build context into the cache mount. */
function injectDockerfile(helperImage, mounts) {
    const lines = mounts.map((m, i) => {
        const dir = mountDir(m);
        return `RUN ${cacheFlag(m, `/cache/${i}`)} --mount=type=bind,source=${dir},target=/seed/${i} cp -a /seed/${i}/. /cache/${i}/`;
    });
    return [`FROM ${helperImage}`, `ARG ${NONCE_ARG}`, ...lines, ''].join('\n');
}
/**
 * Copies each cache mount out into /out/DIR; the scratch stage makes the local export hold only those.
 * chmod u+w: Go marks its module cache read-only, which would leave a directory the runner cannot delete.
 */
function extractDockerfile(helperImage, mounts) {
    const lines = mounts.map((m, i) => {
        const dir = mountDir(m);
        return `RUN ${cacheFlag(m, `/cache/${i}`)} mkdir -p /out/${dir} && cp -a /cache/${i}/. /out/${dir}/ && chmod -R u+w /out/${dir}`;
    });
    return [
        `FROM ${helperImage} AS extract`,
        `ARG ${NONCE_ARG}`,
        'RUN mkdir -p /out',
        ...lines,
        'FROM scratch',
        'COPY --from=extract /out/ /',
        '',
    ].join('\n');
}
/** `docker buildx build` argv for a helper; the Dockerfile goes on stdin (`--file -`). */
function helperArgv(h) {
    return [
        'buildx',
        'build',
        '--progress',
        'plain',
        ...(h.builder !== '' ? ['--builder', h.builder] : []),
        '--build-arg',
        `${NONCE_ARG}=${h.nonce}`,
        '--output',
        h.dest !== undefined ? `type=local,dest=${h.dest}` : 'type=cacheonly',
        '--file',
        '-',
        h.context,
    ];
}

;// CONCATENATED MODULE: ./src/cache/plan.ts
/**
 * Which BuildKit cache a run uses, decided up front from settings and plain facts about the runner.
 * Pure: the environment, Dockerfile text and lockfile contents are passed in, never read here.
 */


function cacheEnvOf(env) {
    const url = (env.ACTIONS_CACHE_URL ?? '') !== '' || (env.ACTIONS_RESULTS_URL ?? '') !== '';
    return {
        githubHosted: env.RUNNER_ENVIRONMENT === 'github-hosted',
        actionsCache: url && (env.ACTIONS_RUNTIME_TOKEN ?? '') !== '',
    };
}
/** gha scope / cache-key part: only characters every backend accepts. */
function sanitize(text) {
    return text
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 200);
}
function ghaScope(image, platforms) {
    return sanitize(`${image ?? 'crossbuild'}-${[...platforms].sort().join('-')}`);
}
/** `ghcr.io/o/n` or `ghcr.io/o/n:tag` → `ghcr.io/o/n:buildcache` (a registry port is not a tag). */
function registryCacheRef(image) {
    const slash = image.lastIndexOf('/');
    const colon = image.lastIndexOf(':');
    const name = colon > slash ? image.slice(0, colon) : image;
    return `${name.split('@')[0] ?? name}:buildcache`;
}
/** Branch for restore keys: a PR's head branch, else the ref without refs/heads/ (tags keep refs/tags/). */
function branchOf(ref, headRef) {
    const name = headRef && headRef !== '' ? headRef : ref.replace(/^refs\/heads\//, '');
    return sanitize(name.replace(/\//g, '_')) || 'none';
}
/** What makes the expensive layers valid: the Dockerfile, the dependency lockfiles, the platform set. */
function inputsHash(dockerfile, lockfiles, platforms) {
    const h = (0,external_node_crypto_.createHash)('sha256');
    h.update(`dockerfile\0${dockerfile}\0`);
    for (const l of [...lockfiles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        h.update(`lock\0${l.name}\0${l.content}\0`);
    }
    h.update(`platforms\0${[...platforms].sort().join(',')}`);
    return h.digest('hex').slice(0, 16);
}
function savedDir(prefix, dir, p, perRun) {
    const branch = branchOf(p.ref, p.headRef);
    const base = `${prefix}-${branch}-${inputsHash(p.dockerfile, p.lockfiles, p.platforms)}`;
    const run = perRun && p.runId !== undefined ? `-${p.runId}` : '';
    return {
        dir,
        key: `${base}${run}`,
        restoreKeys: [...(run !== '' ? [`${base}-`] : []), `${prefix}-${branch}-`, `${prefix}-`],
    };
}
// A cache export that fails (service down, read-only token on a fork) must not fail the build.
const IGNORE = 'ignore-error=true';
function gha(p, why) {
    const scope = ghaScope(p.images[0], p.platforms);
    return {
        mode: 'gha',
        why,
        cacheFrom: [`type=gha,scope=${scope}`],
        cacheTo: [`type=gha,scope=${scope},mode=max,${IGNORE}`],
    };
}
function registry(p, why) {
    const image = p.images[0];
    if (image === undefined)
        throw new errors/* InputError */.dz('cache', 'registry needs an image to keep the cache next to; set images or use cache: gha/local');
    const ref = registryCacheRef(image);
    const from = [`type=registry,ref=${ref}`];
    if (!p.push)
        return {
            mode: 'registry',
            why: `${why}; read only (this run does not push)`,
            cacheFrom: from,
            cacheTo: [],
        };
    return { mode: 'registry', why, cacheFrom: from, cacheTo: [`type=registry,ref=${ref},mode=max,${IGNORE}`] };
}
function local(p, why) {
    const saved = savedDir('crossbuild-buildkit', `${p.tempDir}/crossbuild-cache`, p, false);
    return {
        mode: 'local',
        why,
        cacheFrom: [`type=local,src=${saved.dir}`],
        // exported beside the restored copy, then swapped in: exporting into src would keep every old blob forever
        cacheTo: [`type=local,dest=${saved.dir}-new,mode=max,${IGNORE}`],
        local: saved,
    };
}
const OFF = (why) => ({ mode: 'off', why, cacheFrom: [], cacheTo: [] });
function plan_choose(p) {
    if (p.cacheFrom.length > 0 || p.cacheTo.length > 0) {
        return {
            mode: 'user',
            why: `cache-from/cache-to given: used as written, cache: ${p.cache} adds nothing`,
            cacheFrom: [...p.cacheFrom],
            cacheTo: [...p.cacheTo],
        };
    }
    switch (p.cache) {
        case 'off':
            return OFF('cache: off');
        case 'gha':
            if (!p.env.actionsCache) {
                return OFF('cache: gha — no Actions cache service here (ACTIONS_CACHE_URL/ACTIONS_RESULTS_URL and ACTIONS_RUNTIME_TOKEN unset); no cache');
            }
            return gha(p, 'cache: gha');
        case 'registry':
            return registry(p, `cache: registry — ${registryCacheRef(p.images[0] ?? '')}`);
        case 'local':
            if (!p.env.actionsCache)
                return OFF('cache: local — no Actions cache service to keep the directory; no cache');
            return local(p, 'cache: local — BuildKit local export saved with the Actions cache');
        case 'auto':
            if (p.env.githubHosted && p.env.actionsCache) {
                return gha(p, 'cache: auto — GitHub-hosted runner with the Actions cache service: gha');
            }
            if (p.images[0] !== undefined) {
                return registry(p, `cache: auto — registry cache next to the image (${registryCacheRef(p.images[0])})`);
            }
            return OFF('cache: auto — no Actions cache service and no image to keep a registry cache next to');
    }
}
function mountsPart(p) {
    if (p.mounts.length === 0)
        return {};
    if (p.cache === 'off')
        return { mountsWhy: 'cache: off — cache mounts not carried' };
    if (p.noCache)
        return { mountsWhy: 'no-cache: BuildKit starts every cache mount empty; nothing to carry' };
    if (!p.env.actionsCache)
        return { mountsWhy: 'no Actions cache service to keep cache mounts between runs' };
    return {
        mounts: {
            ...savedDir('crossbuild-mounts', `${p.tempDir}/crossbuild-cache-mounts`, p, true),
            list: [...p.mounts],
        },
    };
}
function cachePlan(p) {
    return { ...plan_choose(p), ...mountsPart(p) };
}

;// CONCATENATED MODULE: ./src/cache/dance.ts
/**
 * Runs the two helper builds of the cache-mount dance (see mounts.ts) through the Runner:
 * inject before the real build, extract after it. Failures come back as a message; the caller warns.
 */




const DEFAULT_HELPER_IMAGE = 'busybox:1.36';
function nonce(o) {
    return o.nonce ?? `${Date.now()}-${process.pid}`;
}
async function present(dir) {
    try {
        return new Set((await (0,promises_.readdir)(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name));
    }
    catch {
        return new Set();
    }
}
/**
 * Fills the cache mounts from `dir` (one sub-directory per mount, as extract wrote them). Mounts without
 * a directory (nothing restored yet) are left alone. Returns the ids injected.
 */
async function injectMounts(runner, dir, o) {
    const have = await present(dir);
    const mounts = o.mounts.filter((m) => have.has(mountDir(m)));
    if (mounts.length === 0)
        return [];
    const argv = helperArgv({ builder: o.builder, nonce: nonce(o), context: dir });
    const res = await runner.run('docker', argv, { input: injectDockerfile(o.helperImage, mounts) });
    if (res.code !== 0) {
        throw new errors/* StepError */.zg('cache mounts', `filling cache mounts failed: ${(0,exec/* lastLine */.fM)(res.stderr)}`);
    }
    return mounts.map((m) => m.id);
}
/** Writes every cache mount's contents to `dest/<mountDir>`; give a fresh `dest` (files are added, never removed). */
async function extractMounts(runner, dest, o) {
    if (o.mounts.length === 0)
        return;
    await (0,promises_.mkdir)(dest, { recursive: true });
    // the context is unused by the helper Dockerfile, so nothing is uploaded from it
    const argv = helperArgv({ builder: o.builder, nonce: nonce(o), context: dest, dest });
    const res = await runner.run('docker', argv, { input: extractDockerfile(o.helperImage, o.mounts) });
    if (res.code !== 0) {
        throw new errors/* StepError */.zg('cache mounts', `reading cache mounts failed: ${(0,exec/* lastLine */.fM)(res.stderr)}`);
    }
}

;// CONCATENATED MODULE: ./src/cache/run.ts
/**
 * The cache plan's effects around the build: restore directories and fill cache mounts before it,
 * swap in the fresh export, read cache mounts back and save after it. Never fails the run: every
 * problem is a warning and the build goes on without that cache.
 */




async function exists(path) {
    return (0,promises_.access)(path).then(() => true, () => false);
}
async function restoreDir(d, store, what, s) {
    await (0,promises_.rm)(`${s.dir}-new`, { recursive: true, force: true });
    const key = await store.restore([s.dir], s.key, s.restoreKeys);
    d.info(key === undefined ? `${what}: no saved cache for ${s.key}` : `${what}: restored ${key}`);
    return key;
}
/** `${dir}-new` replaces dir, then dir is saved unless exactly this key was restored (keys are immutable). */
async function swapAndSave(d, store, what, s, restored) {
    if (!(await exists(`${s.dir}-new`))) {
        d.warning(`${what}: the build exported nothing to ${s.dir}-new; not saved`);
        return;
    }
    await (0,promises_.rm)(s.dir, { recursive: true, force: true });
    await (0,promises_.rename)(`${s.dir}-new`, s.dir);
    if (restored === s.key) {
        d.info(`${what}: ${s.key} exists already (restored exactly); not saved again`);
        return;
    }
    await store.save([s.dir], s.key);
    d.info(`${what}: saved ${s.key}`);
}
async function beforeBuild(d, plan) {
    const store = warnOnError(d.store, d.warning);
    const out = { injected: [] };
    if (plan.local) {
        const key = await restoreDir(d, store, 'local cache', plan.local);
        if (key !== undefined)
            out.localKey = key;
    }
    if (plan.mounts) {
        const key = await restoreDir(d, store, 'cache mounts', plan.mounts);
        if (key !== undefined) {
            out.mountsKey = key;
            try {
                out.injected = await injectMounts(d.runner, plan.mounts.dir, {
                    builder: d.builder,
                    helperImage: d.helperImage,
                    mounts: plan.mounts.list,
                });
                d.info(`cache mounts: filled ${out.injected.join(', ') || 'none'}`);
            }
            catch (err) {
                d.warning(`${(0,errors/* messageOf */.bD)(err)}; the build starts with empty cache mounts`);
            }
        }
    }
    return out;
}
/** Call after a successful build. */
async function afterBuild(d, plan, restored) {
    const store = warnOnError(d.store, d.warning);
    if (plan.local) {
        const local = plan.local;
        await guarded(d, 'local cache', () => swapAndSave(d, store, 'local cache', local, restored.localKey));
    }
    if (plan.mounts) {
        const mounts = plan.mounts;
        await guarded(d, 'cache mounts', async () => {
            const o = { builder: d.builder, helperImage: d.helperImage, mounts: mounts.list };
            await extractMounts(d.runner, `${mounts.dir}-new`, o);
            await swapAndSave(d, store, 'cache mounts', mounts, restored.mountsKey);
        });
    }
}
async function guarded(d, what, work) {
    try {
        await work();
    }
    catch (err) {
        d.warning(`${(0,errors/* messageOf */.bD)(err)}; ${what} not saved`);
    }
}

;// CONCATENATED MODULE: ./src/steps/cache.ts
/**
 * The cache for this run: BuildKit cache import/export lines for the build, and directories (local cache,
 * cache-mount contents) restored before and saved after it. Decided by src/cache/plan.ts; this file gathers
 * its inputs and runs its effects. Never fails the run: cache trouble is a warning.
 */









function mountsFor(s, df) {
    if (s['cache-mounts'] === 'off')
        return [];
    if (s['cache-mounts'] !== 'auto')
        return parseCacheMounts(s['cache-mounts']);
    if (!df.parsed)
        return [];
    const found = cacheMountsIn(df.parsed, argValues(df.parsed, s['build-args']));
    for (const k of found.skipped)
        core/* info */.pq(`cache mounts: ${df.path}:${k.line} not carried: ${k.reason}`);
    return found.mounts;
}
async function planCache(s, ctx, meta, df) {
    const plan = cachePlan({
        cache: s.cache,
        cacheFrom: s['cache-from'],
        cacheTo: s['cache-to'],
        images: meta.images,
        platforms: s.platforms,
        push: decidePush(s, ctx).push,
        ref: ctx.ref,
        ...(ctx.pr?.headRef ? { headRef: ctx.pr.headRef } : {}),
        runId: ctx.runId,
        env: cacheEnvOf(process.env),
        dockerfile: await (0,promises_.readFile)(df.path, 'utf8').catch(() => ''),
        lockfiles: await readLockfiles(s.context),
        tempDir: process.env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)(),
        noCache: s['no-cache'],
        mounts: mountsFor(s, df),
    });
    core/* info */.pq(plan.why);
    if (plan.mountsWhy)
        core/* info */.pq(plan.mountsWhy);
    return plan;
}
/**
 * The docker driver on the classic image store exports no cache (buildx refuses --cache-to there, and
 * ignore-error does not cover a refused flag): keep imports, drop exports, say so.
 */
function fitCacheToDriver(plan, dockerDriverWithoutStore) {
    if (!dockerDriverWithoutStore || plan.cacheTo.length === 0 || plan.mode === 'user')
        return plan;
    const why = `${plan.why}; no cache export: the docker driver exports cache only with the containerd image store`;
    core/* info */.pq(why);
    return { ...plan, why, cacheTo: [] };
}
/** The settings the build plan sees: the cache plan's lines in place of the user's. */
function withCacheLines(s, plan) {
    return { ...s, 'cache-from': plan.cacheFrom, 'cache-to': plan.cacheTo };
}
function deps(runner, s, builder) {
    return {
        runner,
        store: actionsCacheStore(),
        builder,
        helperImage: s['cache-mounts-helper'],
        info: (m) => {
            core/* info */.pq(m);
        },
        warning: (m) => {
            core/* warning */.$e(m);
        },
    };
}
function needsDirectories(plan) {
    return plan.local !== undefined || plan.mounts !== undefined;
}
function restoreCache(runner, s, builder, plan) {
    return beforeBuild(deps(runner, s, builder), plan);
}
function saveCache(runner, s, builder, plan, restored) {
    return afterBuild(deps(runner, s, builder), plan, restored);
}

;// CONCATENATED MODULE: ./src/steps/timing.ts
/** Each phase in its own log group, timed for the summary — the one that failed too. */

class Phases {
    timings = [];
    async run(name, fn, note) {
        return core/* group */.Os(name, async () => {
            const started = Date.now();
            let text = 'failed';
            try {
                const r = await fn();
                text = note?.(r);
                return r;
            }
            finally {
                this.timings.push({ step: name, ms: Date.now() - started, ...(text ? { note: text } : {}) });
            }
        });
    }
}
/** The job summary is a report, never a reason to fail the run (or to hide the real error). */
async function writeSummary(markdown) {
    try {
        await core/* summary */.z.addRaw(markdown).write();
    }
    catch (err) {
        core/* warning */.$e(`job summary not written: ${err instanceof Error ? err.message : String(err)}`);
    }
}

;// CONCATENATED MODULE: ./src/summary.ts

const esc = (s) => s.replace(/\|/g, '\\|');
function bytes(n) {
    if (n === undefined)
        return '';
    if (n < 1024)
        return `${n} B`;
    if (n < 1024 * 1024)
        return `${(n / 1024).toFixed(1)} KiB`;
    return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
function renderSummary(r) {
    const { plan, ctx } = r;
    const meta = plan.meta;
    const out = [];
    const title = r.dryRun
        ? 'Crossbuild plan (dry run)'
        : r.failed !== undefined
            ? 'Crossbuild: failed'
            : r.retagged
                ? 'Crossbuild: unchanged, retagged'
                : 'Crossbuild';
    out.push(`## ${title}`, '');
    if (r.failed !== undefined)
        out.push(`> ❌ ${r.failed}`, '');
    out.push(`Event **${ctx.eventName}** on \`${ctx.ref}\` at \`${ctx.sha.slice(0, 12)}\` → version **${meta.version || '(none)'}**`);
    out.push('', `Platforms: ${plan.platforms.map((p) => `\`${p}\``).join(', ')} · ${plan.pushReason}`, '');
    if (r.digest)
        out.push(`Index digest: \`${r.digest}\``, '');
    if (r.cache)
        out.push(`Cache: ${r.cache}`, '');
    out.push('### Tags', '', '| tag | from rule |', '|---|---|');
    for (const rule of meta.rules)
        for (const t of rule.tags)
            out.push(`| \`${esc(t)}\` | \`${esc(rule.rule)}\` |`);
    if (meta.rules.every((x) => x.tags.length === 0))
        out.push('| (none) | |');
    out.push('');
    if (meta.images.length > 0)
        out.push(`Images: ${meta.images.map((i) => `\`${i}\``).join(', ')}`, '');
    if (meta.floating.length > 0) {
        out.push('### Floating tags', '', '| tag | | why |', '|---|---|---|');
        for (const f of meta.floating)
            out.push(`| \`${f.tag}\` | ${f.applied ? 'applied' : 'withheld'} | ${esc(f.reason)} |`);
        out.push('');
    }
    if (r.platforms && r.platforms.length > 0) {
        out.push('### Platforms', '', '| platform | digest | size | entrypoint binary |', '|---|---|---|---|');
        for (const p of r.platforms) {
            const proof = p.found === undefined ? '' : `${p.ok ? '✅' : '❌'} ${esc(p.found)}`;
            const digest = p.digest === '' ? '' : `\`${p.digest.slice(0, 19)}…\``;
            out.push(`| \`${p.platform}\` | ${digest} | ${bytes(p.size)} | ${proof} |`);
        }
        if (r.attestations)
            out.push('', `${r.attestations} attestation manifest(s) (provenance/SBOM) — not platforms.`);
        out.push('');
    }
    if (r.steps.length > 0) {
        out.push('### Steps', '', '| step | duration | note |', '|---|---|---|');
        for (const s of r.steps)
            out.push(`| ${s.step} | ${(s.ms / 1000).toFixed(2)} s | ${esc(s.note ?? '')} |`);
        out.push('');
    }
    if (r.warnings.length > 0) {
        out.push('### Warnings', '');
        for (const w of r.warnings)
            out.push(`- ${w}`);
        out.push('');
    }
    out.push('<details><summary>Labels and annotations</summary>', '', '```');
    out.push(...meta.labels, ...meta.annotations, '```', '', '</details>', '');
    // a retag built nothing: no build command to show
    if (!r.retagged) {
        out.push(r.dryRun ? '### Commands it would run' : '### Build command', '', '```sh');
        for (const c of r.around?.before ?? [])
            out.push((0,exec/* shellQuote */.ZL)(['docker', ...c]));
        out.push((0,exec/* shellQuote */.ZL)(['docker', ...r.argv]));
        for (const c of r.around?.after ?? [])
            out.push((0,exec/* shellQuote */.ZL)(['docker', ...c]));
        out.push('```', '');
    }
    return out.join('\n');
}

;// CONCATENATED MODULE: ./src/pipeline.ts
/** The real run: engine → QEMU → builder → login → build → prove → publish → verify → report. */













function retryPolicy(s) {
    return {
        attempts: s['retry-attempts'],
        waitMs: s['retry-wait'] * 1000,
        maxWaitMs: 60_000,
        onRetry: (attempt, err, waitMs) => {
            const why = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
            core/* warning */.$e(`attempt ${attempt} failed (${why}); retrying in ${waitMs / 1000} s`);
        },
    };
}
/**
 * The reference the arch proof reads: the image in the local store (docker driver, or a loaded image), or the
 * index pushed by digest. Undefined when the result is nowhere docker can create a container from.
 */
function builtRef(plan, digest) {
    const out = plan.spec.output;
    if (out.kind === 'push-by-digest') {
        const image = plan.meta.images[0];
        return image ? `${image}@${digest}` : undefined;
    }
    if (out.kind === 'custom')
        return undefined;
    if (out.kind === 'build-only' && plan.driver !== 'docker' && !out.load)
        return undefined;
    return plan.spec.tags[0];
}
function mergeRows(platforms, proof) {
    const rows = platforms ?? proof.map((p) => ({ platform: p.platform, digest: '' }));
    return rows.map((r) => {
        const p = proof.find((x) => x.platform === r.platform);
        return p ? { ...r, found: p.found ? `${p.path}: ${p.found}` : p.note, ok: p.status === 'ok' } : r;
    });
}
function reportFor(input, phases, driver, builder, settings = input.settings) {
    const { ctx, meta, dockerfile, warnings } = input;
    const plan = makePlan({
        settings,
        ctx,
        meta,
        declaredArgs: dockerfile.declaredArgs,
        driver,
        builder,
        metadataFile: (0,external_node_path_.join)(process.env.RUNNER_TEMP ?? '/tmp', `crossbuild-metadata-${process.pid}.json`),
    });
    return { ctx, plan, argv: planArgv(plan), dryRun: false, steps: phases.timings, warnings };
}
async function runPipeline(input) {
    const { settings: s, ctx, meta, runner } = input;
    const phases = new Phases();
    const policy = retryPolicy(s);
    let report;
    try {
        // planned before any effect: input errors (no images to push to, no tag) come first, and a failure
        // anywhere below still has a summary; replaced once the builder's driver is known
        report = reportFor(input, phases, s.driver === 'auto' || s.driver === 'docker' ? 'docker' : 'other', s.builder);
        const facts = await phases.run('Docker and buildx', () => probeEngine(runner), (f) => `docker ${f.serverVersion}, buildx ${f.buildxVersion}${f.containerdStore ? ', containerd image store' : ''}`);
        // logins first: a nightly that reuses an image reads (and tags) the registry before anything is built
        if (s.username !== '' || s.password !== '' || s.logins.trim() !== '') {
            await phases.run('Registry login', () => (0,setup/* setupLogins */.gF)(runner, s, ctx.pr?.fromFork ?? false, policy));
        }
        if (shouldTryReuse(s, ctx, meta)) {
            const found = await phases.run('Reuse check', () => findReusable(runner, meta, ctx.sha, s.platforms, policy), (f) => (f ? `${f.ref} is this commit` : 'no image for this commit: building'));
            if (found) {
                report = reportFor(input, phases, 'docker', '');
                const r = await phases.run('Retag', () => retag(runner, meta, found, s.platforms, policy), (x) => describeReuse(found, x.refs));
                report.retagged = true;
                report.digest = found.digest;
                report.platforms = r.verified.analysis.platforms.map((p) => ({
                    platform: p.platform,
                    digest: p.digest,
                }));
                report.attestations = r.verified.analysis.attestations.length;
                setBuildOutputs({
                    digest: found.digest,
                    retagged: true,
                    platforms: r.verified.analysis.platforms.map((p) => p.platform),
                });
                return;
            }
        }
        const qemu = await phases.run('QEMU', () => (0,setup/* setupQemu */.yV)(runner, s, facts, policy), (q) => (q.needed.length === 0 ? 'all platforms native' : `emulated: ${q.needed.join(', ')}`));
        setBuildOutputs({
            'qemu-platforms': qemu.platforms.filter((p) => p.runs === 'qemu').map((p) => p.platform),
        });
        const builder = await phases.run('Builder', () => (0,setup/* setupBuilder */.XN)(runner, s, facts), (b) => `${b.name} (${b.driver})`);
        // the docker driver builds for the host and every registered QEMU handler
        const builderPlatforms = builder.platforms.length > 0
            ? builder.platforms
            : qemu.platforms.filter((p) => p.runs !== 'missing').map((p) => p.platform);
        setBuildOutputs({ builder: builder.name, 'builder-platforms': builderPlatforms });
        const cache = fitCacheToDriver(await planCache(s, ctx, meta, input.dockerfile), builder.driver === 'docker' && !facts.containerdStore);
        const driver = builder.driver === 'docker' ? 'docker' : 'other';
        report = reportFor(input, phases, driver, builder.name, withCacheLines(s, cache));
        report.cache = cache.why;
        const plan = report.plan;
        setBuildOutputs({ retagged: false });
        const restored = needsDirectories(cache)
            ? await phases.run('Cache restore', () => restoreCache(runner, s, builder.name, cache))
            : undefined;
        const built = await phases.run('Build', () => build(runner, plan, secretEnv(s), policy), (b) => `${b.digest.slice(0, 19)}${b.cache ? ` · ${b.cache.cached}/${b.cache.steps} steps from cache` : ''}`);
        report.digest = built.digest;
        setBuildOutputs({ digest: built.digest, imageid: built.imageId, metadata: built.raw });
        // Before any tag moves: every platform's entrypoint must be a binary for that platform.
        const ref = builtRef(plan, built.digest);
        let proof = [];
        if (plan.verifyArch && !ref) {
            core/* warning */.$e('verify-arch: the image was neither pushed nor loaded, so there is nothing to inspect; set push or load');
        }
        if (plan.verifyArch && ref) {
            try {
                proof = await phases.run('Architecture proof', () => verifyArch(runner, ref, plan.platforms), (rows) => rows.map((r) => `${r.platform} ${r.status}`).join(', '));
            }
            catch (err) {
                if (err instanceof ArchProofError)
                    report.platforms = mergeRows(undefined, err.rows);
                throw err;
            }
            for (const r of proof.filter((x) => x.status === 'unverifiable')) {
                core/* warning */.$e(`verify-arch: ${r.platform}: ${r.note}`);
            }
            report.platforms = mergeRows(undefined, proof);
        }
        if (plan.push) {
            const pub = await phases.run('Publish and verify', () => publish(runner, plan, built.digest, policy), (p) => `${p.refs.length} tag(s)`);
            if (pub.verified) {
                const rows = pub.verified.analysis.platforms.map((p) => ({
                    platform: p.platform,
                    digest: p.digest,
                    ...(pub.sizes[p.digest] !== undefined ? { size: pub.sizes[p.digest] } : {}),
                }));
                report.platforms = mergeRows(rows, proof);
                report.attestations = pub.verified.analysis.attestations.length;
                setBuildOutputs({ platforms: rows.map((p) => p.platform) });
            }
        }
        // last: uploading cache directories must not delay the push
        if (restored)
            await phases.run('Cache save', () => saveCache(runner, s, builder.name, cache, restored));
    }
    catch (err) {
        if (report)
            report.failed = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err);
        throw err;
    }
    finally {
        // the summary is written whatever happened: on failure it shows how far the run got and why
        if (report)
            await writeSummary(renderSummary(report));
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/dockerfile/read.ts
/** Reads and parses the Dockerfile the build will use (the one file read before any docker step). */



function readDockerfile(s) {
    const path = dockerfilePath(s);
    const parsed = (0,external_node_fs_.existsSync)(path) ? parseDockerfile((0,external_node_fs_.readFileSync)(path, 'utf8')) : undefined;
    return { path, parsed, declaredArgs: parsed?.declaredArgs ?? [] };
}

;// CONCATENATED MODULE: ./src/dockerfile/compile-steps.ts
/**
 * Which shell commands compile (or install native code) — slow under QEMU — and how each toolchain
 * cross-builds instead. Commands are matched at command position only, so `apt-get install gcc` is not a
 * compile step but `CC=clang make` is.
 */
const PREFIXES = new Set(['env', 'sudo', 'time', 'exec', 'nice', 'command']);
/** Split a shell script into simple commands: on ; && || | newlines, parentheses and if/then/do keywords. */
function simpleCommands(script) {
    return script
        .split(/&&|\|\||[;|\n()`]|\$\(/)
        .map((c) => c
        .trim()
        .split(/\s+/)
        .filter((w) => w !== ''))
        .map((words) => {
        let k = 0;
        let prefixed = false; // options of env/sudo/time (`sudo -E`) are not the command
        for (;;) {
            const w = words[k];
            if (w === undefined)
                break;
            const skip = /^[A-Za-z_][A-Za-z0-9_]*=/.test(w) ||
                PREFIXES.has(w) ||
                /^(then|do|else|elif|if|while|until|!|\{)$/.test(w) ||
                (prefixed && w.startsWith('-'));
            if (!skip)
                break;
            if (PREFIXES.has(w))
                prefixed = true;
            k++;
        }
        return words.slice(k).map((w) => w.replace(/^["']|["']$/g, ''));
    })
        .filter((words) => words.length > 0);
}
function base(word) {
    return word.slice(word.lastIndexOf('/') + 1);
}
function classify(words) {
    const cmd = base(words[0] ?? '');
    const sub = words[1] ?? '';
    const rest = words.slice(1);
    switch (cmd) {
        case 'go':
            return sub === 'build' || sub === 'install' ? { toolchain: 'go', command: `go ${sub}` } : undefined;
        case 'cargo':
            return sub === 'build' || sub === 'install'
                ? { toolchain: 'rust', command: `cargo ${sub}` }
                : undefined;
        case 'gcc':
        case 'g++':
        case 'cc':
        case 'c++':
        case 'clang':
        case 'clang++':
        case 'make':
            return { toolchain: 'c', command: cmd };
        case 'cmake':
            return rest.includes('--build') ? { toolchain: 'c', command: 'cmake --build' } : undefined;
        case 'npm':
            return sub === 'ci' || sub === 'install' || sub === 'i'
                ? { toolchain: 'node', command: `npm ${sub}` }
                : undefined;
        case 'yarn':
            return sub === '' || sub === 'install' || sub.startsWith('--')
                ? { toolchain: 'node', command: 'yarn' }
                : undefined;
        case 'pnpm':
            return sub === 'install' || sub === 'i' ? { toolchain: 'node', command: `pnpm ${sub}` } : undefined;
        case 'pip':
        case 'pip3':
            return pipInstall(cmd, rest);
        case 'python':
        case 'python3':
            return sub === '-m' && (words[2] === 'pip' || words[2] === 'pip3')
                ? pipInstall(`${cmd} -m pip`, words.slice(3))
                : undefined;
        case 'mvn':
        case 'mvnw':
        case 'gradle':
        case 'gradlew':
            return { toolchain: 'java', command: cmd };
        case 'dotnet':
            return sub === 'publish' || sub === 'build'
                ? { toolchain: 'dotnet', command: `dotnet ${sub}` }
                : undefined;
        default:
            return undefined;
    }
}
/** `pip install` compiles sdists unless it is told to take wheels only. */
function pipInstall(cmd, rest) {
    if (rest[0] !== 'install')
        return undefined;
    if (rest.some((w) => w === '--only-binary=:all:' || w === ':all:'))
        return undefined;
    return { toolchain: 'python', command: `${cmd} install` };
}
function compileSteps(script) {
    const out = [];
    for (const words of simpleCommands(script)) {
        const step = classify(words);
        if (step)
            out.push(step);
    }
    return out;
}
/** The cross-build recipe per toolchain, as one line. */
const CROSS_FIX = {
    go: 'use FROM --platform=$BUILDPLATFORM, ARG TARGETOS TARGETARCH, and CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build',
    rust: 'use FROM --platform=$BUILDPLATFORM, ARG TARGETARCH, rustup target add for the matching triple and cargo build --target <triple> with a cross linker',
    c: 'use FROM --platform=$BUILDPLATFORM with a cross compiler chosen from ARG TARGETARCH (e.g. gcc-aarch64-linux-gnu, clang --target=<triple>)',
    node: 'run the install in a FROM --platform=$BUILDPLATFORM stage and COPY node_modules when no dependency builds native code (npm_config_arch=$TARGETARCH picks prebuilt binaries)',
    python: 'install prebuilt wheels (pip install --only-binary=:all:) or build wheels in a FROM --platform=$BUILDPLATFORM stage with pip download --platform for the target',
    java: 'build the jar in a FROM --platform=$BUILDPLATFORM stage (bytecode runs anywhere) and COPY it into the runtime stage',
    dotnet: 'use FROM --platform=$BUILDPLATFORM, ARG TARGETARCH, and dotnet publish -a $TARGETARCH (amd64 is x64 to dotnet)',
};

;// CONCATENATED MODULE: ./src/dockerfile/advisor.ts
/**
 * Static advice from a parsed Dockerfile: compile steps that will run under QEMU, and the opposite bug —
 * a Go/Rust build on $BUILDPLATFORM that never looks at the target arch, so every platform gets the build
 * machine's binary (kubernetes/autoscaler v1.32.6 shipped amd64 binaries in its arm64 image this way).
 * Pure: the requested and native platforms come from the caller.
 */





const archOf = (p) => normalizePlatform(p).split('/').slice(1).join('/');
function stageLabel(s) {
    return s.name ?? `stage ${s.index}`;
}
/** Values usable in FROM lines: global ARG defaults, overridden by build args for declared names. */
function fromVars(parsed, buildArgs) {
    const vars = new Map();
    for (const a of parsed.globalArgs) {
        const v = buildArgs[a.name] ?? (a.default === undefined ? undefined : expandVars(a.default, vars));
        if (v !== undefined)
            vars.set(a.name, v);
    }
    return vars;
}
function findStage(parsed, ref, before) {
    const r = ref.toLowerCase();
    return parsed.stages.find((s) => s.index < before && (s.name === r || String(s.index) === r));
}
function whereRuns(parsed, stage, vars, memo) {
    const known = memo.get(stage.index);
    if (known)
        return known;
    let where;
    if (stage.platform !== undefined) {
        const text = expandVars(stage.platform, vars);
        const refs = varsIn(text);
        if (refs.some((v) => v.startsWith('BUILD')))
            where = { kind: 'build' };
        else if (refs.some((v) => v.startsWith('TARGET')))
            where = { kind: 'target' };
        else if (refs.length > 0 || text === '')
            where = { kind: 'unknown' };
        else
            where = { kind: 'fixed', platform: normalizePlatform(text) };
    }
    else {
        // FROM <stage> keeps that stage's platform
        const base = findStage(parsed, expandVars(stage.image, vars), stage.index);
        where = base ? whereRuns(parsed, base, vars, memo) : { kind: 'target' };
    }
    memo.set(stage.index, where);
    return where;
}
/** Stages the target depends on: FROM <stage>, COPY --from=<stage>, RUN --mount=from=<stage>. */
function neededStages(parsed, target, vars) {
    const last = parsed.stages[parsed.stages.length - 1];
    const root = target === undefined ? last : findStage(parsed, target, Number.MAX_SAFE_INTEGER);
    if (!root)
        return [];
    const seen = new Set();
    const visit = (s) => {
        if (seen.has(s.index))
            return;
        seen.add(s.index);
        const refs = [s.image];
        for (const ins of s.instructions) {
            const from = ins.flags.find((f) => f.name === 'from');
            if (from && (ins.keyword === 'COPY' || ins.keyword === 'ADD'))
                refs.push(from.value);
            if (ins.keyword === 'RUN')
                for (const m of mountsOf(ins))
                    if (m.from !== undefined)
                        refs.push(m.from);
        }
        for (const ref of refs) {
            const dep = findStage(parsed, expandVars(ref, vars), s.index);
            if (dep)
                visit(dep);
        }
    };
    visit(root);
    return parsed.stages.filter((s) => seen.has(s.index));
}
/** Whether the stage (or a stage it is built FROM) sets the Go/Rust target anywhere: ENV, ARG or the RUN itself. */
/**
 * Whether the target architecture actually reaches the compiler. Declaring `ARG TARGETARCH` is not enough:
 * Cluster Autoscaler v1.32.6 declared it and still built every platform with the build machine's GOARCH.
 * For Go it must be GOARCH (in the RUN or an ENV of the stage chain); for cargo, --target/CARGO_BUILD_TARGET.
 */
function targetsArch(parsed, stage, script, vars, toolchain) {
    const mentions = (t) => toolchain === 'go' ? /\bGOARCH\b/.test(t) : /\bCARGO_BUILD_TARGET\b|--target[=\s]/.test(t);
    if (mentions(script))
        return true;
    for (let s = stage; s; s = findStage(parsed, expandVars(s.image, vars), s.index)) {
        for (const ins of s.instructions)
            if (ins.keyword === 'ENV' && mentions(ins.args))
                return true;
    }
    return false;
}
function adviseEmulation(parsed, opts) {
    const vars = fromVars(parsed, opts.buildArgs ?? {});
    const native = new Set(opts.native.map(normalizePlatform));
    const requested = [...new Set(opts.requested.map(normalizePlatform))];
    const buildPlatform = opts.buildPlatform ?? opts.native[0];
    const memo = new Map();
    const findings = [];
    for (const stage of neededStages(parsed, opts.target, vars)) {
        const where = whereRuns(parsed, stage, vars, memo);
        const runsOn = where.kind === 'target' ? requested : where.kind === 'fixed' ? [where.platform] : [];
        const emulated = runsOn.filter((p) => !native.has(p));
        for (const ins of stage.instructions) {
            if (ins.keyword !== 'RUN')
                continue;
            const script = runScript(ins);
            const steps = compileSteps(script);
            const first = steps[0];
            if (first && emulated.length > 0)
                findings.push(emulatedFinding(stage, ins.line, first, emulated));
            if (where.kind !== 'build' || buildPlatform === undefined)
                continue;
            const buildArch = archOf(buildPlatform);
            const wrong = requested.filter((p) => archOf(p) !== buildArch);
            const archBlind = steps.find((s) => s.toolchain === 'go' || (s.toolchain === 'rust' && s.command === 'cargo build'));
            if (archBlind && wrong.length > 0 && !targetsArch(parsed, stage, script, vars, archBlind.toolchain)) {
                findings.push(buildArchFinding(stage, ins.line, archBlind, wrong, normalizePlatform(buildPlatform)));
            }
        }
    }
    return findings.sort((a, b) => a.line - b.line);
}
function emulatedFinding(stage, line, step, platforms) {
    return {
        kind: 'emulated-compile',
        line,
        stage: stageLabel(stage),
        platforms,
        command: step.command,
        message: `Dockerfile line ${line} (stage "${stageLabel(stage)}"): \`${step.command}\` runs under QEMU emulation for ` +
            `${platforms.join(', ')}; compiling under emulation is several times slower than cross-compiling`,
        fix: CROSS_FIX[step.toolchain],
    };
}
function buildArchFinding(stage, line, step, platforms, build) {
    const fix = step.toolchain === 'go'
        ? 'add ARG TARGETOS TARGETARCH to the stage and build with GOOS=$TARGETOS GOARCH=$TARGETARCH go build'
        : 'add ARG TARGETARCH to the stage and pass cargo build --target <triple for $TARGETARCH>';
    return {
        kind: 'build-arch-binary',
        line,
        stage: stageLabel(stage),
        platforms,
        command: step.command,
        message: `Dockerfile line ${line} (stage "${stageLabel(stage)}"): \`${step.command}\` runs on $BUILDPLATFORM without ` +
            `a target architecture (GOARCH, TARGETARCH or --target), so the images for ${platforms.join(', ')} would get ${build} binaries`,
        fix,
    };
}

;// CONCATENATED MODULE: ./src/steps/advise.ts
/**
 * The emulation advisor's findings as annotations at the Dockerfile line, before anything is built;
 * `emulation: error` stops the job here (an emulated compile once ran past a 2-hour CI limit).
 */



/** The platform node runs on, as the builder's native platform when nothing better is known. */
function hostPlatform(arch = process.arch) {
    const map = {
        x64: 'linux/amd64',
        arm64: 'linux/arm64',
        arm: 'linux/arm/v7',
        s390x: 'linux/s390x',
        ppc64: 'linux/ppc64le',
        riscv64: 'linux/riscv64',
        ia32: 'linux/386',
    };
    return map[arch] ?? `linux/${arch}`;
}
function advise(s, df, native) {
    if (!df.parsed || s.emulation === 'allow')
        return [];
    const buildArgs = Object.fromEntries(s['build-args'].map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    return adviseEmulation(df.parsed, {
        requested: s.platforms,
        native,
        buildArgs,
        ...(s.target ? { target: s.target } : {}),
    });
}
function reportFindings(findings, df, mode) {
    for (const f of findings) {
        core/* warning */.$e(`${f.message}. Fix: ${f.fix}`, {
            title: f.kind === 'emulated-compile'
                ? `Compiles under QEMU for ${f.platforms.join(', ')}`
                : 'Build-machine binary for every platform',
            file: df.path,
            startLine: f.line,
        });
    }
    const emulated = findings.filter((f) => f.kind === 'emulated-compile');
    if (mode === 'error' && emulated.length > 0) {
        const where = emulated
            .map((f) => `${df.path}:${f.line} \`${f.command}\` (${f.platforms.join(', ')})`)
            .join('; ');
        throw new errors/* StepError */.zg('emulation', `compile steps would run under QEMU: ${where}; cross-compile on $BUILDPLATFORM (see the warnings) or set emulation: warn`);
    }
}

;// CONCATENATED MODULE: ./src/steps/dry-run.ts
/** dry-run: the whole plan and every docker command it would run, as outputs, log and summary; no docker. */









async function dryRun(settings, ctx, meta, dockerfile, warnings) {
    // without docker the engine is unknown: `auto` is shown as the docker driver (containerd image store)
    const driver = settings.driver === 'auto' || settings.driver === 'docker' ? 'docker' : 'other';
    const cache = await planCache(settings, ctx, meta, dockerfile);
    const plan = makePlan({
        settings: withCacheLines(settings, cache),
        ctx,
        meta,
        declaredArgs: dockerfile.declaredArgs,
        driver,
        builder: settings.builder,
        metadataFile: (0,external_node_path_.join)(process.env.RUNNER_TEMP ?? '/tmp', 'crossbuild-metadata.json'),
    });
    const argv = planArgv(plan);
    const around = {
        before: (0,login/* resolveLogins */.XN)(settings, ctx.pr?.fromFork ?? false).logins.map(login/* loginArgs */.be),
        after: plan.push ? publishPlan(plan, 'sha256:<index digest>').map((s) => s.args) : [],
    };
    await core/* group */.Os('Plan (dry run: no docker, no registry)', () => {
        core/* info */.pq(`version: ${meta.version}`);
        core/* info */.pq(`tags:\n  ${meta.tags.join('\n  ')}`);
        for (const c of [...around.before, argv, ...around.after])
            core/* info */.pq((0,exec/* shellQuote */.ZL)(['docker', ...c]));
        return Promise.resolve();
    });
    await writeSummary(renderSummary({ ctx, plan, argv, dryRun: true, around, steps: [], warnings, cache: cache.why }));
}

;// CONCATENATED MODULE: ./src/tags/date-format.ts
/**
 * Moment-style date formatting in an IANA time zone, for `{{date 'FMT' tz='Area/City'}}`.
 * Own implementation (no date library): Intl gives the wall-clock fields, we print the tokens.
 */
const TOKENS = /\[([^\]]*)\]|YYYY|YY|MM|M|DD|D|HH|H|hh|h|mm|m|ss|s|SSS|ZZ|Z|A|a|X|x/g;
/** Throws RangeError for an unknown time zone (Intl's own check). */
function assertTimeZone(tz) {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
}
function wallClock(date, tz) {
    const fmt = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
    });
    const parts = fmt.formatToParts(date);
    const get = (type) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const w = {
        year: get('year'),
        month: get('month'),
        day: get('day'),
        hour: get('hour') % 24,
        minute: get('minute'),
        second: get('second'),
        ms: date.getUTCMilliseconds(),
    };
    const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
    return { ...w, offset: Math.round((asUtc - date.getTime()) / 60000) };
}
const pad = (n, width = 2) => String(n).padStart(width, '0');
function zone(offset, sep) {
    const abs = Math.abs(offset);
    return `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${sep}${pad(abs % 60)}`;
}
/** Tokens: YYYY YY MM M DD D HH H hh h mm m ss s SSS Z ZZ A a X x, and [literal text]. */
function formatDate(date, format, tz = 'UTC') {
    const w = wallClock(date, tz);
    const h12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
    return format.replace(TOKENS, (tok, literal) => {
        if (literal !== undefined)
            return literal;
        switch (tok) {
            case 'YYYY':
                return pad(w.year, 4);
            case 'YY':
                return pad(w.year % 100);
            case 'MM':
                return pad(w.month);
            case 'M':
                return String(w.month);
            case 'DD':
                return pad(w.day);
            case 'D':
                return String(w.day);
            case 'HH':
                return pad(w.hour);
            case 'H':
                return String(w.hour);
            case 'hh':
                return pad(h12);
            case 'h':
                return String(h12);
            case 'mm':
                return pad(w.minute);
            case 'm':
                return String(w.minute);
            case 'ss':
                return pad(w.second);
            case 's':
                return String(w.second);
            case 'SSS':
                return pad(w.ms, 3);
            case 'Z':
                return zone(w.offset, ':');
            case 'ZZ':
                return zone(w.offset, '');
            case 'A':
                return w.hour < 12 ? 'AM' : 'PM';
            case 'a':
                return w.hour < 12 ? 'am' : 'pm';
            case 'X':
                return String(Math.floor(date.getTime() / 1000));
            default: // 'x'
                return String(date.getTime());
        }
    });
}

;// CONCATENATED MODULE: ./src/tags/expressions.ts


const expressions_PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
function isPullRequest(ctx) {
    return expressions_PR_EVENTS.has(ctx.eventName) && ctx.pr !== undefined;
}
function tagName(ctx) {
    return ctx.ref.startsWith('refs/tags/') ? ctx.ref.slice('refs/tags/'.length) : '';
}
/** Branch of a push/dispatch/schedule run; on a PR the head branch. */
function branchName(ctx) {
    if (isPullRequest(ctx))
        return ctx.pr?.headRef ?? '';
    return ctx.ref.startsWith('refs/heads/') ? ctx.ref.slice('refs/heads/'.length) : '';
}
function baseRef(ctx) {
    if (isPullRequest(ctx))
        return ctx.pr?.baseRef ?? '';
    const b = ctx.payload.base_ref;
    return typeof b === 'string' ? b.replace(/^refs\/heads\//, '') : '';
}
/**
 * Unlike docker/metadata-action, a PR run is never "the default branch": pull_request_target runs with
 * ref = the base branch, and treating that as a default-branch build would publish PR code as `main`.
 * A schedule always runs on the default branch's last commit (and its payload names no repository).
 */
function isDefaultBranch(ctx) {
    if (isPullRequest(ctx))
        return false;
    if (ctx.eventName === 'schedule')
        return true;
    const branch = branchName(ctx);
    return branch !== '' && branch === ctx.repo.defaultBranch;
}
function globalVars(ctx) {
    const def = isDefaultBranch(ctx);
    return {
        branch: branchName(ctx),
        tag: tagName(ctx),
        sha: ctx.sha.slice(0, 7),
        base_ref: baseRef(ctx),
        is_default_branch: String(def),
        is_not_default_branch: String(!def),
    };
}
function exprEnv(ctx, now, extra = {}) {
    return { vars: { ...globalVars(ctx), ...extra }, now, commitDate: ctx.commitDate ?? now };
}
const EXPR = /\{\{\s*([\s\S]*?)\s*\}\}/g;
const DATE_ARGS = /^(?:(['"])(.*?)\1)?\s*(?:tz\s*=\s*(['"])(.*?)\3)?$/;
/** Replace every `{{…}}` in text; unknown names are an InputError naming `input`. */
function render(text, env, input) {
    return text.replace(EXPR, (whole, inner) => {
        const m = /^([a-z_]+)\s*([\s\S]*)$/.exec(inner);
        const name = m?.[1] ?? '';
        const args = (m?.[2] ?? '').trim();
        if (name === 'date' || name === 'commit_date') {
            const a = DATE_ARGS.exec(args);
            if (!a) {
                throw new errors/* InputError */.dz(input, `${whole} in "${text}" is malformed; write {{${name} 'YYYYMMDD' tz='Area/City'}}`);
            }
            const tz = a[4] ?? 'UTC';
            try {
                assertTimeZone(tz);
            }
            catch {
                throw new errors/* InputError */.dz(input, `unknown time zone "${tz}" in ${whole}; use an IANA name such as Europe/Paris`);
            }
            return formatDate(name === 'date' ? env.now : env.commitDate, a[2] ?? 'YYYYMMDD', tz);
        }
        const value = args === '' ? env.vars[name] : undefined;
        if (value === undefined) {
            const known = [...Object.keys(env.vars), 'date', 'commit_date'].map((k) => `{{${k}}}`).join(' ');
            throw new errors/* InputError */.dz(input, `unknown expression ${whole} in "${text}"; known here: ${known}`);
        }
        return value;
    });
}
/** `enable=` values: after rendering they must be exactly true or false. */
function renderBool(text, env, input, what) {
    const v = render(text, env, input).trim().toLowerCase();
    if (v !== 'true' && v !== 'false') {
        throw new errors/* InputError */.dz(input, `${what} "${text}" evaluates to "${v}", not true or false; use true, false or {{is_default_branch}}`);
    }
    return v === 'true';
}

;// CONCATENATED MODULE: ./src/tags/lines.ts
/**
 * Line and field syntax shared by the tags/flavor/images/labels/annotations inputs
 * (docker/metadata-action's block syntax, so users can paste their blocks).
 */

/** Non-empty trimmed lines; `#` starts a comment line. */
function inputLines(text) {
    return text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
}
/** Split on commas outside double quotes; `""` inside quotes is a literal quote. */
function splitFields(line, input) {
    const fields = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
        const c = line.charAt(i);
        if (c === '"') {
            if (quoted && line.charAt(i + 1) === '"') {
                cur += '"';
                i++;
            }
            else
                quoted = !quoted;
        }
        else if (c === ',' && !quoted) {
            fields.push(cur.trim());
            cur = '';
        }
        else
            cur += c;
    }
    if (quoted)
        throw new errors/* InputError */.dz(input, `unclosed double quote in "${line}"; close the quote or remove it`);
    fields.push(cur.trim());
    return fields.filter((f) => f !== '');
}
/** `key=value,key="a,b"` → fields in order; a field without `=` has key ''. */
function parseFields(line, input) {
    return splitFields(line, input).map((f) => {
        const eq = f.indexOf('=');
        if (eq < 0)
            return { key: '', value: f };
        return { key: f.slice(0, eq).trim().toLowerCase(), value: lines_unquote(f.slice(eq + 1).trim()) };
    });
}
function lines_unquote(v) {
    return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}
/**
 * `key=value` lines (labels, annotations). The value is everything after the first `=`, commas included,
 * because label values are free text.
 */
function parseKeyValueLines(text, input) {
    return inputLines(text).map((line) => {
        const eq = line.indexOf('=');
        const key = eq < 0 ? '' : line.slice(0, eq).trim();
        if (key === '')
            throw new errors/* InputError */.dz(input, `"${line}" is not key=value; write one key=value per line`);
        return { key, value: line.slice(eq + 1).trim() };
    });
}

;// CONCATENATED MODULE: ./src/labels.ts



/**
 * `created` is the commit time when the event carries it (as BUILD_DATE/SOURCE_DATE_EPOCH are), so rebuilding
 * the same commit yields the same image config; the clock only when the commit time is unknown.
 */
function defaultLabels(ctx, version, now) {
    const p = 'org.opencontainers.image.';
    return new Map([
        [`${p}title`, ctx.repo.name],
        [`${p}description`, ctx.repo.description],
        [`${p}url`, ctx.repo.htmlUrl],
        [`${p}source`, ctx.repo.htmlUrl],
        [`${p}version`, version],
        [`${p}created`, (ctx.commitDate ?? now).toISOString()],
        [`${p}revision`, ctx.sha],
        [`${p}licenses`, ctx.repo.license],
    ]);
}
function merge(base, lines, input, env) {
    const out = new Map(base);
    for (const { key, value } of parseKeyValueLines(lines, input))
        out.set(key, render(value, env, input));
    return out;
}
const toLines = (m) => [...m].filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`);
function buildLabels(defaults, lines, env) {
    return toLines(merge(defaults, lines, 'labels', env));
}
const LEVEL = '(?:manifest|index|manifest-descriptor|index-descriptor)(?:\\[[^\\]]+\\])?';
const LEVELS = new RegExp(`^(${LEVEL}(?:,${LEVEL})*):(.+)$`);
/**
 * Annotations default to the OCI label keys at `manifest:` level (as docker/metadata-action does by
 * default): each platform image carries them, which is where `docker inspect`-style tools look.
 * A user line without a level is `manifest:` too; `index:key=v` etc. pass through.
 */
function buildAnnotations(defaults, lines, env) {
    const base = new Map([...defaults].map(([k, v]) => [`manifest:${k}`, v]));
    const user = parseKeyValueLines(lines, 'annotations').map(({ key, value }) => {
        const m = LEVELS.exec(key);
        if (!m && key.includes(':')) {
            throw new errors/* InputError */.dz('annotations', `"${key}" has an unknown level; use manifest:, index:, manifest-descriptor: or index-descriptor:`);
        }
        return `${m ? key : `manifest:${key}`}=${value}`;
    });
    return toLines(merge(base, user.join('\n'), 'annotations', env));
}
function labelRecord(labels) {
    const rec = {};
    for (const l of labels) {
        const eq = l.indexOf('=');
        rec[l.slice(0, eq)] = l.slice(eq + 1);
    }
    return rec;
}

;// CONCATENATED MODULE: ./src/tags/flavor.ts
/** The `flavor` input: `latest=auto|true|false`, `prefix=X[,onlatest=true]`, `suffix=X[,onlatest=true]`. */


function flavor_bool(line, v) {
    if (v !== 'true' && v !== 'false')
        throw new errors/* InputError */.dz('flavor', `"${line}": onlatest=${v} is not true or false`);
    return v === 'true';
}
function parseFlavor(text) {
    const f = { latest: 'auto', prefix: '', prefixOnLatest: false, suffix: '', suffixOnLatest: false };
    for (const line of inputLines(text)) {
        const [head, ...rest] = parseFields(line, 'flavor');
        if (!head)
            continue;
        const onlatest = rest.find((r) => r.key === 'onlatest');
        const extra = rest.find((r) => r.key !== 'onlatest');
        if (extra || (onlatest && head.key === 'latest')) {
            throw new errors/* InputError */.dz('flavor', `"${line}": unexpected "${extra?.key ?? 'onlatest'}"; only prefix= and suffix= take ,onlatest=true`);
        }
        switch (head.key) {
            case 'latest':
                if (!['auto', 'true', 'false'].includes(head.value)) {
                    throw new errors/* InputError */.dz('flavor', `"${line}": latest must be auto, true or false`);
                }
                f.latest = head.value;
                break;
            case 'prefix':
                f.prefix = head.value;
                f.prefixOnLatest = onlatest ? flavor_bool(line, onlatest.value) : false;
                break;
            case 'suffix':
                f.suffix = head.value;
                f.suffixOnLatest = onlatest ? flavor_bool(line, onlatest.value) : false;
                break;
            default:
                throw new errors/* InputError */.dz('flavor', `"${line}": unknown key "${head.key || head.value}"; use latest=, prefix= or suffix=`);
        }
    }
    return f;
}

;// CONCATENATED MODULE: ./src/tags/floating.ts
function inScope(scope, v, other) {
    if (scope === 'latest')
        return true;
    if (other.major !== v.major)
        return false;
    return scope === 'major' || other.minor === v.minor;
}
function rangeName(scope, v) {
    if (scope === 'latest')
        return 'release';
    return scope === 'major' ? `${v.major}.x release` : `${v.major}.${v.minor}.x release`;
}
/** Judge one floating tag against the released tag names. Pure. */
function floating_judge(scope, c, released) {
    if (c.version.prerelease)
        return { applied: false, reason: `withheld: ${c.name} is a prerelease` };
    let greatest = { name: c.name, v: c.version };
    for (const tag of released) {
        const s = c.extract(tag);
        const v = s === undefined ? undefined : c.scheme.parse(s);
        if (!v || v.prerelease || !inScope(scope, c.version, v))
            continue;
        if (c.scheme.compare(v, greatest.v) > 0)
            greatest = { name: tag, v };
    }
    if (c.scheme.compare(greatest.v, c.version) > 0) {
        return { applied: false, reason: `withheld: ${greatest.name} is greater` };
    }
    return { applied: true, reason: `applied: ${c.name} is the greatest ${rangeName(scope, c.version)}` };
}
/**
 * Lazily lists released tags once. If listing fails, floating tags are withheld (never risk moving `latest`
 * backwards, the promise of forward-only) and one warning says why and how to fix it; the release itself
 * still publishes its fixed tags.
 */
function makeJudge(mode, list, warnings) {
    let cached;
    return async (scope, c) => {
        if (mode === 'always')
            return { applied: true, reason: 'applied: floating-tags is always' };
        if (c.version.prerelease)
            return floating_judge(scope, c, []);
        cached ??= list().catch((e) => {
            const err = e instanceof Error ? e : new Error(String(e));
            warnings.push(`floating-tags: could not list released tags (${err.message}); floating tags withheld — give the job a git remote (actions/checkout) or github-token, or set floating-tags: always`);
            return err;
        });
        const released = await cached;
        if (released instanceof Error)
            return { applied: false, reason: 'withheld: released tags unavailable (see warnings)' };
        return floating_judge(scope, c, released);
    };
}

;// CONCATENATED MODULE: ./src/tags/images.ts
/**
 * The `images` input: names separated by newlines or commas, or `name=X,enable=EXPR` lines.
 * Names are lowercased (registries reject upper case); disabled images are dropped.
 */



// registry[:port]/path — lowercase components, no tag or digest (tags come from the `tags` input)
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST = /^[a-z0-9.-]+(?::\d+)?$/;
function check(name) {
    const parts = name.split('/');
    const first = parts[0] ?? '';
    const hostLike = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
    const path = hostLike ? parts.slice(1) : parts;
    const bad = (hostLike && !HOST.test(first)) || path.some((p) => !COMPONENT.test(p));
    if (bad || name.includes('@')) {
        const hint = (parts.at(-1) ?? '').includes(':') || name.includes('@')
            ? '; put tags in the tags input, not in the image name'
            : '';
        throw new errors/* InputError */.dz('images', `"${name}" is not a valid image name (registry/namespace/name)${hint}`);
    }
}
function parseImages(text, env) {
    const out = [];
    for (const line of inputLines(text)) {
        const fields = parseFields(line, 'images');
        const named = fields.find((f) => f.key === 'name');
        if (!named) {
            for (const f of fields) {
                if (f.key !== '')
                    throw new errors/* InputError */.dz('images', `"${line}": ${f.key}= needs name= on the same line`);
                out.push(f.value.toLowerCase());
            }
            continue;
        }
        let enabled = true;
        for (const f of fields) {
            if (f.key === 'enable')
                enabled = renderBool(f.value, env, 'images', 'enable=');
            else if (f.key !== 'name') {
                throw new errors/* InputError */.dz('images', `"${line}": unknown "${f.key || f.value}"; a name= line takes only enable=`);
            }
        }
        if (enabled)
            out.push(named.value.toLowerCase());
    }
    for (const name of out)
        check(name);
    return [...new Set(out)];
}

// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
;// CONCATENATED MODULE: ./src/tags/pep440.ts
/**
 * A small PEP 440 parser: accepts the spellings the spec allows (v prefix, alpha/beta/c/pre/preview,
 * post/rev/r, implicit numbers, -/_/. separators) and prints the canonical form.
 * https://peps.python.org/pep-0440/
 */
const RE = new RegExp('^v?' +
    '(?:(\\d+)!)?' + // epoch
    '(\\d+(?:\\.\\d+)*)' + // release
    '(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d+)?)?' + // pre
    '(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?' + // post
    '(?:[-_.]?(dev)[-_.]?(\\d+)?)?' + // dev
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$', // local
'i');
const PRE = {
    a: 'a',
    alpha: 'a',
    b: 'b',
    beta: 'b',
    c: 'rc',
    rc: 'rc',
    pre: 'rc',
    preview: 'rc',
};
function parsePep440(raw) {
    const m = RE.exec(raw.trim());
    if (!m)
        return undefined;
    const num = (s) => (s ? Number(s) : 0);
    const v = { epoch: num(m[1]), release: (m[2] ?? '0').split('.').map(Number), normalized: '' };
    if (m[3])
        v.pre = { label: PRE[m[3].toLowerCase()] ?? 'rc', n: num(m[4]) };
    if (m[5] !== undefined)
        v.post = Number(m[5]);
    else if (m[6])
        v.post = num(m[7]);
    if (m[8])
        v.dev = num(m[9]);
    if (m[10])
        v.local = m[10].toLowerCase().replace(/[-_]/g, '.');
    v.normalized =
        (v.epoch ? `${v.epoch}!` : '') +
            v.release.join('.') +
            (v.pre ? `${v.pre.label}${v.pre.n}` : '') +
            (v.post !== undefined ? `.post${v.post}` : '') +
            (v.dev !== undefined ? `.dev${v.dev}` : '') +
            (v.local ? `+${v.local}` : '');
    return v;
}
const PRE_RANK = { a: 0, b: 1, rc: 2 };
/** Sort key pieces per PEP 440: 1.0.dev1 < 1.0a1.dev1 < 1.0a1 < 1.0a1.post1 < 1.0 < 1.0.post1.dev1 < 1.0.post1 */
function key(v) {
    // pre slot: dev-only releases sort before any pre-release; a final release after all of them
    const pre = v.pre !== undefined
        ? [PRE_RANK[v.pre.label], v.pre.n]
        : v.dev !== undefined && v.post === undefined
            ? [-1, 0]
            : [3, 0];
    const post = v.post !== undefined ? [1, v.post] : [0, 0];
    const dev = v.dev !== undefined ? [0, v.dev] : [1, 0];
    return [...pre, ...post, ...dev];
}
function comparePep440(a, b) {
    if (a.epoch !== b.epoch)
        return a.epoch - b.epoch;
    const len = Math.max(a.release.length, b.release.length);
    for (let i = 0; i < len; i++) {
        const d = (a.release[i] ?? 0) - (b.release[i] ?? 0);
        if (d !== 0)
            return d;
    }
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
        const d = (ka[i] ?? 0) - (kb[i] ?? 0);
        if (d !== 0)
            return d;
    }
    return (a.local ?? '').localeCompare(b.local ?? '');
}

;// CONCATENATED MODULE: ./src/tags/versions.ts
/**
 * Version schemes for the semver and pep440 rules: parse to the pattern variables and order versions
 * (for forward-only floating tags).
 */


const semverScheme = {
    name: 'semver',
    parse(raw) {
        // loose accepts a leading v (or =) and a few sloppy forms, as docker/metadata-action does
        const v = semver_default().parse(raw, { loose: true });
        if (!v)
            return undefined;
        return {
            raw,
            version: v.version,
            major: v.major,
            minor: v.minor,
            patch: v.patch,
            prerelease: v.prerelease.length > 0,
        };
    },
    compare: (a, b) => semver_default().compare(a.version, b.version),
};
const pep440Scheme = {
    name: 'pep440',
    parse(raw) {
        const p = parsePep440(raw);
        if (!p)
            return undefined;
        const v = {
            raw,
            version: p.normalized,
            major: p.release[0] ?? 0,
            minor: p.release[1] ?? 0,
            patch: p.release[2] ?? 0,
            prerelease: p.pre !== undefined || p.dev !== undefined,
            pep: p,
        };
        return v;
    },
    compare: (a, b) => comparePep440(a.pep, b.pep),
};

;// CONCATENATED MODULE: ./src/tags/produce.ts


const NONE = { items: [], autoLatest: false };
function affixed(rule, p, body, env = p.env) {
    const prefix = render(rule.prefix ?? p.flavor.prefix, env, rule.prefix === undefined ? 'flavor' : 'tags');
    const suffix = render(rule.suffix ?? p.flavor.suffix, env, rule.suffix === undefined ? 'flavor' : 'tags');
    return prefix + body + suffix;
}
/** Pinned patterns name the exact version; the rest float across releases. */
function floatingScope(pattern) {
    if (/\{\{\s*(raw|version|patch)\s*\}\}/.test(pattern))
        return undefined;
    if (/\{\{\s*minor\s*\}\}/.test(pattern))
        return 'minor';
    if (/\{\{\s*major\s*\}\}/.test(pattern))
        return 'major';
    return 'latest';
}
function regexExtract(regex, group) {
    return (s) => {
        if (!regex)
            return s;
        const m = regex.exec(s);
        if (!m)
            return undefined;
        return group !== undefined ? m[group] : (m[1] ?? m[0]);
    };
}
function versionRule(rule, p) {
    const { ctx, warnings } = p;
    const a = rule.attrs;
    const scheme = rule.type === 'pep440' ? pep440Scheme : semverScheme;
    const source = a.value ? render(a.value, p.env, 'tags') : tagName(ctx).replace(/\//g, '-');
    if (!source)
        return NONE;
    const extract = regexExtract(rule.regex, undefined);
    const raw = extract(source);
    if (raw === undefined) {
        warnings.push(`${rule.source}: "${source}" does not match match=${a.match ?? ''}; rule skipped`);
        return NONE;
    }
    const v = scheme.parse(raw);
    if (!v) {
        warnings.push(`${rule.source}: "${raw}" is not a valid ${scheme.name} version; rule skipped`);
        return NONE;
    }
    const pattern = a.pattern ?? '{{version}}';
    // a prerelease only ever gets its exact version (metadata-action: unless the pattern is exactly {{raw}})
    const effective = v.prerelease && pattern.trim() !== '{{raw}}' ? '{{version}}' : pattern;
    const env = exprEnv(ctx, p.deps.now, {
        raw: v.raw,
        version: v.version,
        major: String(v.major),
        minor: String(v.minor),
        patch: String(v.patch),
    });
    const name = affixed(rule, p, render(effective, env, 'tags'), env);
    const scope = v.prerelease ? undefined : floatingScope(pattern);
    const item = { name, scope };
    if (scope === 'major' && v.major === 0) {
        item.skip = `skipped: ${pattern} of a 0.x version is not a stable release line (as in docker/metadata-action)`;
    }
    const produced = {
        items: [item],
        comparable: { version: v, name: source, scheme, extract },
        autoLatest: !v.prerelease,
    };
    if (effective.trim() === '{{version}}')
        produced.versionTag = name;
    return produced;
}
function matchRule(rule, p) {
    const source = rule.attrs.value ? render(rule.attrs.value, p.env, 'tags') : tagName(p.ctx);
    if (!source)
        return NONE;
    const group = Number(rule.attrs.group ?? '0');
    const extract = regexExtract(rule.regex, group);
    const value = extract(source);
    if (!value)
        return NONE;
    const onTag = tagName(p.ctx) !== '';
    const v = semverScheme.parse(value);
    return {
        items: [{ name: affixed(rule, p, value) }],
        autoLatest: onTag,
        latestComparable: v && { version: v, name: source, scheme: semverScheme, extract },
    };
}
function refRule(rule, p) {
    const { ctx } = p;
    switch (rule.attrs.event) {
        case 'branch': {
            // never on PR events: pull_request_target's ref is the base branch
            if (isPullRequest(ctx) || !ctx.ref.startsWith('refs/heads/'))
                return NONE;
            return {
                items: [{ name: affixed(rule, p, ctx.ref.slice(11).replace(/\//g, '-')) }],
                autoLatest: false,
            };
        }
        case 'tag': {
            const tag = tagName(ctx);
            if (!tag)
                return NONE;
            const v = semverScheme.parse(tag);
            const extract = (t) => t;
            return {
                items: [{ name: affixed(rule, p, tag.replace(/\//g, '-')) }],
                autoLatest: true,
                latestComparable: v && { version: v, name: tag, scheme: semverScheme, extract },
            };
        }
        default: {
            if (!isPullRequest(ctx) || !ctx.pr)
                return NONE;
            return { items: [{ name: affixed(rule, p, String(ctx.pr.number)) }], autoLatest: false };
        }
    }
}
function one(rule, p, body) {
    return body ? { items: [{ name: affixed(rule, p, body) }], autoLatest: false } : NONE;
}
async function produce(rule, p) {
    const { ctx } = p;
    const a = rule.attrs;
    switch (rule.type) {
        case 'semver':
        case 'pep440':
            return versionRule(rule, p);
        case 'match':
            return matchRule(rule, p);
        case 'ref':
            return refRule(rule, p);
        case 'schedule':
            return ctx.eventName === 'schedule'
                ? one(rule, p, render(a.pattern ?? 'nightly', p.env, 'tags'))
                : NONE;
        case 'edge': {
            const branch = a.branch ? render(a.branch, p.env, 'tags') : ctx.repo.defaultBranch;
            return !isPullRequest(ctx) && branch !== '' && ctx.ref === `refs/heads/${branch}`
                ? one(rule, p, 'edge')
                : NONE;
        }
        case 'raw':
            return one(rule, p, render(a.value ?? '', p.env, 'tags'));
        case 'sha':
            return one(rule, p, a.format === 'long' ? ctx.sha : ctx.sha.slice(0, 7));
        case 'describe': {
            const env = { ...p.env, vars: { ...p.env.vars, describe: await p.describe() } };
            return one(rule, p, render(a.pattern ?? '', env, 'tags'));
        }
    }
}

;// CONCATENATED MODULE: ./src/tags/rules.ts
/**
 * The `tags` input: one rule per line in docker/metadata-action syntax, validated once.
 * A line without any `key=` is shorthand for `type=raw,value=<line>`.
 */


const RULE_TYPES = [
    'schedule',
    'semver',
    'pep440',
    'match',
    'edge',
    'ref',
    'raw',
    'sha',
    'describe',
];
/**
 * describe sits between match (800) and edge (700): on a branch push it is the most specific version
 * (date + git describe), so it should become the main version ahead of edge/ref/raw/sha.
 */
const DEFAULT_PRIORITY = {
    schedule: 1000,
    semver: 900,
    pep440: 900,
    match: 800,
    describe: 750,
    edge: 700,
    ref: 600,
    raw: 200,
    sha: 100,
};
const COMMON = ['type', 'enable', 'priority', 'prefix', 'suffix'];
const KEYS = {
    schedule: ['pattern'],
    semver: ['pattern', 'value', 'match'],
    pep440: ['pattern', 'value', 'match'],
    match: ['pattern', 'group', 'value'],
    edge: ['branch'],
    ref: ['event'],
    raw: ['value'],
    sha: ['format'],
    describe: ['pattern'],
};
const DEFAULT_DESCRIBE_PATTERN = "v{{date 'YYYYMMDD'}}-{{describe}}";
function fail(line, detail) {
    throw new errors/* InputError */.dz('tags', `"${line}": ${detail}`);
}
function compile(line, key, src) {
    try {
        return new RegExp(src);
    }
    catch (e) {
        return fail(line, `${key}=${src} is not a valid regular expression (${e.message}); fix the regex`);
    }
}
function parseRule(line, source = line) {
    // a "key" that is not an identifier (e.g. `{{date 'YY' tz`) means the field is a bare value
    const fields = parseFields(line, 'tags').map((f) => /^[a-z][a-z_-]*$/.test(f.key) ? f : { key: '', value: f.key ? line : f.value });
    const bare = fields.every((f) => f.key === '');
    if (bare)
        return parseRule(`type=raw,value="${line.replace(/"/g, '""')}"`, source);
    const attrs = {};
    for (const f of fields) {
        if (f.key === '')
            fail(line, `"${f.value}" is not key=value; quote values that contain commas`);
        if (f.key in attrs)
            fail(line, `${f.key}= is given twice; keep one`);
        attrs[f.key] = f.value;
    }
    const type = (attrs.type ?? 'raw');
    if (!RULE_TYPES.includes(type))
        fail(line, `unknown type "${type}"; use one of ${RULE_TYPES.join(', ')}`);
    const allowed = [...COMMON, ...KEYS[type]];
    for (const k of Object.keys(attrs)) {
        if (!allowed.includes(k))
            fail(line, `type=${type} has no "${k}" attribute; it accepts ${allowed.join(', ')}`);
    }
    const rule = { type, attrs, priority: DEFAULT_PRIORITY[type], source };
    if (attrs.priority !== undefined) {
        if (!/^-?\d+$/.test(attrs.priority))
            fail(line, `priority=${attrs.priority} is not an integer`);
        rule.priority = Number(attrs.priority);
    }
    attrs.enable ??= 'true';
    if (attrs.prefix !== undefined)
        rule.prefix = attrs.prefix;
    if (attrs.suffix !== undefined)
        rule.suffix = attrs.suffix;
    validate(rule, line);
    return rule;
}
function validate(rule, line) {
    const a = rule.attrs;
    switch (rule.type) {
        case 'schedule':
            a.pattern ??= 'nightly';
            break;
        case 'semver':
        case 'pep440':
            if (!a.pattern)
                fail(line, `type=${rule.type} needs pattern=, e.g. pattern={{version}}`);
            if (a.match)
                rule.regex = compile(line, 'match', a.match);
            break;
        case 'match':
            if (!a.pattern)
                fail(line, 'type=match needs pattern=<regex>, e.g. pattern=v(\\d+\\.\\d+)');
            rule.regex = compile(line, 'pattern', a.pattern);
            a.group ??= '0';
            if (!/^\d+$/.test(a.group))
                fail(line, `group=${a.group} is not a group number`);
            break;
        case 'ref':
            if (!['branch', 'tag', 'pr'].includes(a.event ?? ''))
                fail(line, 'type=ref needs event=branch, event=tag or event=pr');
            if (a.event === 'pr')
                rule.prefix ??= 'pr-';
            break;
        case 'raw':
            if (a.value === undefined || a.value === '')
                fail(line, 'type=raw needs value=');
            break;
        case 'sha':
            a.format ??= 'short';
            if (!['short', 'long'].includes(a.format))
                fail(line, `format=${a.format} is not short or long`);
            rule.prefix ??= 'sha-';
            break;
        case 'describe':
            a.pattern ??= DEFAULT_DESCRIBE_PATTERN;
            break;
        case 'edge':
            break;
    }
}
/**
 * Defaults when `tags` is empty. On schedule this product deliberately publishes more than
 * metadata-action's lone `nightly`: a dated nightly and the commit, so a nightly can be pinned.
 */
function defaultRuleLines(eventName) {
    if (eventName === 'schedule')
        return ['type=schedule', "type=schedule,pattern=nightly-{{date 'YYYYMMDD'}}", 'type=sha'];
    return ['type=ref,event=branch', 'type=ref,event=tag', 'type=ref,event=pr'];
}
/** Rules sorted by priority, highest first; equal priorities keep their written order. */
function parseRules(text, eventName) {
    const lines = inputLines(text);
    const rules = lines.length > 0
        ? lines.map((l) => parseRule(l))
        : defaultRuleLines(eventName).map((l) => parseRule(l, `default: ${l}`));
    return rules
        .map((r, i) => ({ r, i }))
        .sort((x, y) => y.r.priority - x.r.priority || x.i - y.i)
        .map((x) => x.r);
}

;// CONCATENATED MODULE: ./src/tags/sanitize.ts
/**
 * Registry tag grammar: `[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests).
 * Like docker/metadata-action, runs of other characters silently become `-` (branch `feature/x` is the
 * everyday case, not worth a warning); beyond it, we also repair, with a warning, what
 * the registry would still reject: leading `.`/`-` are stripped (the tag stays readable, and
 * `-rc1`/`.rc1` collapsing to `rc1` is deduplicated), and tags over 128 characters are cut to 119
 * characters + `-` + 8 hex digits of the full tag's sha256, so distinct long tags stay distinct.
 */

const MAX_TAG = 128;
function sanitizeTag(original) {
    const fixes = [];
    let tag = original.replace(/[^A-Za-z0-9._-]+/g, '-');
    const stripped = tag.replace(/^[.-]+/, '');
    if (stripped !== tag)
        fixes.push('a tag cannot start with "." or "-", so they were removed');
    tag = stripped;
    if (tag.length > MAX_TAG) {
        const hash = (0,external_node_crypto_.createHash)('sha256').update(tag).digest('hex').slice(0, 8);
        tag = `${tag.slice(0, MAX_TAG - 9)}-${hash}`;
        fixes.push(`longer than ${MAX_TAG} characters, so it was cut and suffixed with a hash`);
    }
    if (tag === '')
        return { tag, warning: `tag "${original}" has no usable characters and was dropped` };
    if (fixes.length === 0)
        return { tag };
    return { tag, warning: `tag "${original}" became "${tag}": ${fixes.join('; ')}` };
}

;// CONCATENATED MODULE: ./src/tags/index.ts















/**
 * `latest` under latest=auto follows docker/metadata-action's README: it comes from the highest-priority
 * rule that produced a tag when that rule is `type=ref,event=tag`, `type=semver`/`pep440` on a stable
 * version, or `type=match` on a tag push. Other rules (branch, pr, edge, raw, sha, schedule, describe)
 * never imply `latest`.
 */
function autoLatest(top) {
    return top?.out.autoLatest ? top : undefined;
}
async function computeMeta(inputs, ctx, deps) {
    const warnings = [];
    const env = exprEnv(ctx, deps.now);
    const flavor = parseFlavor(inputs.flavor);
    const images = parseImages(inputs.images, env);
    const rules = parseRules(inputs.tags, ctx.eventName);
    let described;
    const describe = () => (described ??= deps.git.describe().catch((e) => {
        throw new errors/* StepError */.zg('tags', `type=describe needs \`git describe --tags --always\`: ${e.message}`);
    }));
    const fired = [];
    for (const rule of rules) {
        if (!renderBool(rule.attrs.enable ?? 'true', env, 'tags', `${rule.source}: enable=`))
            continue;
        const out = await produce(rule, { ctx, deps, flavor, env, warnings, describe });
        if (out.items.length > 0)
            fired.push({ rule, out, tags: [] });
    }
    const judge = makeJudge(inputs['floating-tags'], () => deps.git.releasedTags(), warnings);
    const floating = [];
    const names = [];
    const add = (raw, into) => {
        const s = sanitizeTag(raw);
        if (s.warning)
            warnings.push(s.warning);
        if (!s.tag)
            return undefined;
        if (!into.includes(s.tag))
            into.push(s.tag);
        if (!names.includes(s.tag))
            names.push(s.tag);
        return s.tag;
    };
    for (const { out, tags: produced } of fired) {
        for (const item of out.items) {
            if (item.skip) {
                floating.push({ tag: item.name, applied: false, reason: item.skip });
                continue;
            }
            if (item.scope && out.comparable) {
                const verdict = await judge(item.scope, out.comparable);
                // the decision names the tag as published (sanitised), so the plan can tell floating tags apart
                const tag = verdict.applied ? add(item.name, produced) : undefined;
                floating.push({ tag: tag ?? item.name, ...verdict });
                continue;
            }
            add(item.name, produced);
        }
    }
    const version = mainVersion(fired);
    const onLatest = (on, affix) => (on ? render(affix, env, 'flavor') : '');
    const latestName = `${onLatest(flavor.prefixOnLatest, flavor.prefix)}latest${onLatest(flavor.suffixOnLatest, flavor.suffix)}`;
    const top = fired.find((f) => f.tags.length > 0);
    if (flavor.latest === 'true') {
        floating.push({
            tag: add(latestName, []) ?? latestName,
            applied: true,
            reason: 'applied: flavor latest=true',
        });
    }
    else if (flavor.latest === 'auto') {
        const from = autoLatest(top);
        if (from) {
            const c = from.out.comparable ?? from.out.latestComparable;
            const verdict = c
                ? await judge('latest', c)
                : { applied: true, reason: `applied: ${from.rule.source} on a tag with no version to compare` };
            const tag = verdict.applied ? add(latestName, []) : undefined;
            floating.push({ tag: tag ?? latestName, ...verdict });
        }
    }
    const tags = images.length === 0 ? names : images.flatMap((i) => names.map((n) => `${i}:${n}`));
    const defaults = defaultLabels(ctx, version, deps.now);
    const labels = buildLabels(defaults, inputs.labels, env);
    const annotations = buildAnnotations(defaults, inputs.annotations, env);
    return {
        version,
        tags,
        tagNames: names,
        labels,
        annotations,
        json: { tags, labels: labelRecord(labels), annotations },
        images,
        rules: fired.map((f) => ({ rule: f.rule.source, tags: f.tags })),
        floating,
        warnings,
    };
}
/**
 * First tag of the highest-priority rule that produced one; when that is a semver/pep440 rule, the
 * `{{version}}` output of an equally ranked rule of the same kind wins (it names the exact release).
 */
function mainVersion(fired) {
    const top = fired.find((f) => f.tags.length > 0);
    if (!top)
        return '';
    if (top.rule.type === 'semver' || top.rule.type === 'pep440') {
        const peer = fired.find((f) => f.rule.priority === top.rule.priority &&
            f.rule.type === top.rule.type &&
            f.out.versionTag !== undefined);
        const tag = peer?.out.versionTag !== undefined ? sanitizeTag(peer.out.versionTag).tag : '';
        if (tag)
            return tag;
    }
    return top.tags[0] ?? '';
}

;// CONCATENATED MODULE: ./src/main.ts
/** Wiring only: settings → metadata → plan → steps → outputs. Every failure becomes one setFailed line. */















/** Every secret is registered with the runner's masker before anything could print it. */
function maskSecrets(s) {
    const values = [s.password, s['github-token'], ...s.secrets.map((l) => l.slice(l.indexOf('=') + 1))];
    values.push(...(0,login/* secretsOf */.Fj)((0,login/* parseLogins */.wI)(s.logins)));
    for (const v of values)
        if (v !== '')
            core/* setSecret */.Pq(v);
}
async function main() {
    core/* saveState */.LZ('isPost', 'true');
    try {
        const settings = readSettings((n) => core/* getInput */.V4(n));
        maskSecrets(settings);
        const ctx = toRunContext(github/* context */._);
        const runner = (0,exec/* createRunner */.ji)();
        const cwd = process.cwd();
        const git = createGitReader(runner, cwd, apiTagLister(settings['github-token'], ctx.repo.owner, ctx.repo.name), (m) => {
            core/* info */.pq(m);
        });
        const meta = await computeMeta(settings, ctx, { now: new Date(), git });
        for (const w of meta.warnings)
            core/* warning */.$e(w);
        setMetaOutputs(meta);
        const dockerfile = readDockerfile(settings);
        const findings = advise(settings, dockerfile, [hostPlatform()]);
        reportFindings(findings, dockerfile, settings.emulation);
        const warnings = [...meta.warnings, ...findings.map((f) => `${dockerfile.path}:${f.line}: ${f.message}`)];
        if (settings['dry-run']) {
            await dryRun(settings, ctx, meta, dockerfile, warnings);
            return;
        }
        await runPipeline({ settings, ctx, meta, dockerfile, runner, warnings });
    }
    catch (err) {
        core/* setFailed */.C1((0,errors/* messageOf */.bD)(err));
    }
}


/***/ })

};
