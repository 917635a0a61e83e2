export const id = 424;
export const ids = [424];
export const modules = {

/***/ 424:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  defaultCliDeps: () => (/* binding */ defaultCliDeps),
  runCommand: () => (/* binding */ runCommand)
});

// UNUSED EXPORTS: EXIT, cli, exitCodeOf

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
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

;// CONCATENATED MODULE: ./src/dockerfile/compile-steps.ts
/**
 * Which shell commands compile (or install native code) — slow under QEMU — and how each toolchain
 * cross-builds instead. Commands are matched at command position only, so `apt-get install gcc` is not a
 * compile step but `CC=clang make` is.
 */
// `npx node-gyp rebuild` runs node-gyp: npx is a prefix like env or sudo
const PREFIXES = new Set(['env', 'sudo', 'time', 'exec', 'nice', 'command', 'npx']);
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
            if (sub === 'install' && rest.some((w) => /@[\w.-]+$/.test(w)))
                return { toolchain: 'go', command: 'go install', hostTool: true };
            // `go get` built and installed binaries before modules (GOPATH era)
            return sub === 'build' || sub === 'install' || sub === 'get'
                ? { toolchain: 'go', command: `go ${sub}` }
                : undefined;
        case 'make.bash':
            return { toolchain: 'go', command: 'make.bash' };
        case 'rustc':
            return { toolchain: 'rust', command: 'rustc' };
        case 'node-gyp':
            return { toolchain: 'node', command: 'node-gyp' };
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
            if (sub === 'rebuild')
                return { toolchain: 'node', command: 'npm rebuild' };
            return sub === 'ci' || sub === 'install' || sub === 'i'
                ? { toolchain: 'node', command: `npm ${sub}`, maybeNative: true }
                : undefined;
        case 'yarn':
            return sub === '' || sub === 'install' || sub.startsWith('--')
                ? { toolchain: 'node', command: 'yarn', maybeNative: true }
                : undefined;
        case 'pnpm':
            return sub === 'install' || sub === 'i'
                ? { toolchain: 'node', command: `pnpm ${sub}`, maybeNative: true }
                : undefined;
        case 'pip':
        case 'pip3':
            return pipInstall(cmd, rest);
        case 'python':
        case 'python3':
            return sub === '-m' && (words[2] === 'pip' || words[2] === 'pip3')
                ? pipInstall(`${cmd} -m pip`, words.slice(3))
                : undefined;
        // javac, maven and gradle make bytecode: the same for every platform, never a wrong-arch binary
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
    if (rest.some((w, i) => w === '--only-binary=:all:' || (w === '--only-binary' && rest[i + 1] === ':all:')))
        return undefined;
    // --no-binary forces a source build; otherwise a wheel is used where one exists
    const forced = rest.some((w) => w.startsWith('--no-binary'));
    return { toolchain: 'python', command: `${cmd} install`, ...(forced ? {} : { maybeNative: true }) };
}
/** A RUN that runs a build script or a Makefile target: it may compile, but the Dockerfile does not say. */
function scriptRun(script) {
    for (const words of simpleCommands(script)) {
        const [cmd = '', arg = ''] = words;
        if (/\.sh$/.test(cmd) || /^\.\.?\//.test(cmd))
            return cmd;
        if (/^(ba|da)?sh$/.test(base(cmd)) && /\.sh$|\//.test(arg) && !arg.startsWith('-'))
            return `${cmd} ${arg}`;
    }
    return undefined;
}
/** A stage that installs a compiler or headers: its package installs may well build native code. */
function installsCompiler(script) {
    return /\b(apt-get|apt|apk|yum|dnf|microdnf)\b[^\n]*\b(install|add)\b[^\n]*\b(build-essential|build-base|gcc|g\+\+|clang|make|python3?-dev|musl-dev|libffi-dev|linux-headers|cargo|rustc)\b/.test(script);
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
    dotnet: 'use FROM --platform=$BUILDPLATFORM, ARG TARGETARCH, and dotnet publish -a $TARGETARCH (amd64 is x64 to dotnet)',
};

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

;// CONCATENATED MODULE: ./src/errors.ts
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
/** The first line of a message: what an annotation or a one-line log shows. */
function firstLine(message) {
    return message.split('\n')[0] ?? '';
}

;// CONCATENATED MODULE: ./src/tags/lines.ts
/**
 * Line and field syntax shared by the tags/flavor/images/labels/annotations inputs
 * (docker/metadata-action's block syntax, so users can paste their blocks).
 */

/** `KEY=value` → [KEY, value]; the value keeps any further `=`. The one splitter for such lines. */
function keyValue(line) {
    const eq = line.indexOf('=');
    return eq < 0 ? [line, ''] : [line.slice(0, eq), line.slice(eq + 1)];
}
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
        throw new InputError(input, `unclosed double quote in "${line}"; close the quote or remove it`);
    fields.push(cur.trim());
    return fields.filter((f) => f !== '');
}
/** `key=value,key="a,b"` → fields in order; a field without `=` has key ''. */
function parseFields(line, input) {
    return splitFields(line, input).map((f) => {
        const eq = f.indexOf('=');
        if (eq < 0)
            return { key: '', value: f };
        return { key: f.slice(0, eq).trim().toLowerCase(), value: unquote(f.slice(eq + 1).trim(), '"') };
    });
}
/** A value in matching quotes (any of `quotes`), without them. */
function unquote(v, quotes = `"'`) {
    return v.length >= 2 && quotes.includes(v.charAt(0)) && v.endsWith(v.charAt(0)) ? v.slice(1, -1) : v;
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
            throw new InputError(input, `"${line}" is not key=value; write one key=value per line`);
        return { key, value: line.slice(eq + 1).trim() };
    });
}

;// CONCATENATED MODULE: ./src/dockerfile/goarch.ts
/**
 * What GOARCH a `go build` in a stage really gets, the way BuildKit evaluates the stage: ARGs with and without
 * defaults (an ARG without a value is unset unless a build-arg sets it; the automatic platform ARGs are set only
 * where declared), ENV, `${VAR:-default}`, global ARG defaults re-declared in the stage, the FROM <stage> chain, and
 * assignments in the RUN itself. Mentioning `$GOARCH` (in an `-o` path, an `echo`) sets nothing — the Cluster
 * Autoscaler v1.32.6 Dockerfile declared `ARG GOARCH` with no value and used it only in the output name. Pure.
 */


const PLATFORM_ARGS = new Set(['TARGETARCH', 'TARGETPLATFORM', 'TARGETVARIANT']);
/** A value as the stage sees it: from a target variable anywhere in it, else its literal text, else unset. */
function evaluate(text, env) {
    const refs = varsIn(text);
    if (refs.some((r) => env.get(r)?.kind === 'target'))
        return { kind: 'target' };
    const literals = new Map();
    for (const [k, v] of env)
        if (v.kind === 'literal')
            literals.set(k, v.value);
    const expanded = expandVars(text, literals)
        .replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, '')
        .replace(/^["']|["']$/g, '')
        .trim();
    return expanded === '' ? { kind: 'unset' } : { kind: 'literal', value: expanded };
}
/** `ENV A=1 B=2` and the legacy `ENV A 1`. */
function envAssignments(args) {
    const t = args.trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) {
        const sp = t.search(/\s/);
        return sp < 0 ? [] : [[t.slice(0, sp), t.slice(sp + 1).trim()]];
    }
    return (t.match(/[A-Za-z_][A-Za-z0-9_]*=(?:"[^"]*"|'[^']*'|\S*)/g) ?? []).map((a) => keyValue(a));
}
function stageChain(parsed, stage, vars) {
    const chain = [];
    for (let s = stage; s;) {
        chain.unshift(s);
        const base = expandVars(s.image, vars).toLowerCase();
        const index = s.index;
        s = parsed.stages.find((x) => x.index < index && (x.name === base || String(x.index) === base));
    }
    return chain;
}
/** The stage chain's variables in order: ARG (with build-args and global defaults), ENV. */
function stageEnv(parsed, stage, vars, buildArgs) {
    const env = new Map();
    const globals = new Map(parsed.globalArgs.map((a) => [a.name, a.default]));
    for (const s of stageChain(parsed, stage, vars)) {
        for (const ins of s.instructions) {
            if (ins.keyword === 'ARG') {
                for (const a of s.args.filter((x) => x.line === ins.line)) {
                    if (PLATFORM_ARGS.has(a.name))
                        env.set(a.name, { kind: 'target' });
                    else if (buildArgs[a.name] !== undefined)
                        env.set(a.name, { kind: 'literal', value: buildArgs[a.name] ?? '' });
                    else if (a.default !== undefined)
                        env.set(a.name, evaluate(a.default, env));
                    else if (globals.get(a.name) !== undefined)
                        env.set(a.name, evaluate(globals.get(a.name) ?? '', env));
                    else if (!env.has(a.name))
                        env.set(a.name, { kind: 'unset' });
                }
            }
            if (ins.keyword === 'ENV')
                for (const [k, v] of envAssignments(ins.args))
                    env.set(k, evaluate(v, env));
        }
    }
    return env;
}
/** GOARCH for the go build in `script` (a RUN of `stage`). */
function goarchFor(parsed, stage, script, vars, buildArgs) {
    // tonistiigi/xx sets GOOS/GOARCH/GOARM from TARGETPLATFORM itself
    if (/\bxx-go\b/.test(script))
        return { kind: 'target' };
    const env = stageEnv(parsed, stage, vars, buildArgs);
    // the last assignment in the script wins: `GOARCH=x go build`, `export GOARCH=x`, `env GOARCH=x`
    const assigned = [
        ...script.matchAll(/(?:^|[\s;&|(])GOARCH=("[^"]*"|'[^']*'|\$\([^)]*\)|`[^`]*`|[^\s;&|)]*)/g),
    ].pop();
    if (assigned)
        return evaluate(assigned[1] ?? '', env);
    return env.get('GOARCH') ?? { kind: 'unset' };
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
/** `NAME`, `NAME=default`, `A B=c` (one ARG may declare several) */
function parseArgDecls(args, line) {
    return args
        .split(/\s+/)
        .filter((t) => t !== '')
        .map((t) => {
        if (!t.includes('='))
            return { name: t, default: undefined, line };
        const [name, value] = keyValue(t);
        return { name, default: unquote(value), line };
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
/**
 * The shell text a RUN executes: its arguments plus heredoc bodies (a `RUN <<EOF` script is the body). The exec
 * form (`RUN ["go", "build"]`) becomes its words; `sh -c "…"` (either form) becomes the script it runs.
 */
function runScript(ins) {
    let args = ins.args.trim();
    if (args.startsWith('[')) {
        try {
            const words = JSON.parse(args);
            if (Array.isArray(words))
                args = words
                    .map(String)
                    .map((w) => (/\s/.test(w) ? `"${w}"` : w))
                    .join(' ');
        }
        catch {
            // not JSON: shell form after all
        }
    }
    const shc = /^(?:\S*\/)?(?:ba|da|a)?sh\s+-\w*c\s+(["'])([\s\S]*)\1\s*$/.exec(args);
    if (shc)
        args = shc[2] ?? args;
    return [args, ...ins.heredocs.map((h) => h.body)].join('\n');
}

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
        // BUILDPLATFORM/TARGETPLATFORM are always set in FROM lines: `${BUILDPLATFORM:-linux/amd64}` is the build platform
        const raw = varsIn(stage.platform);
        const text = raw.some((v) => /^(BUILD|TARGET)(PLATFORM|OS|ARCH|VARIANT)$/.test(v))
            ? stage.platform
            : expandVars(stage.platform, vars);
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
/** A FROM/COPY --from reference, expanded for one target platform (`build-${TARGETARCH}` names a stage per arch). */
function refFor(ref, vars, platform) {
    if (platform === undefined)
        return expandVars(ref, vars);
    const [os = '', arch = '', variant = ''] = normalizePlatform(platform).split('/');
    const withPlatform = new Map(vars);
    for (const [k, v] of Object.entries({
        TARGETPLATFORM: normalizePlatform(platform),
        TARGETOS: os,
        TARGETARCH: arch,
        TARGETVARIANT: variant,
    }))
        withPlatform.set(k, v);
    return expandVars(ref, withPlatform);
}
/**
 * Stages the target depends on (FROM <stage>, COPY --from=<stage>, RUN --mount=from=<stage>), each with the
 * platforms it is built for: a stage picked by `FROM build-${TARGETARCH}` only for that arch.
 */
function neededStages(parsed, target, vars, requested = []) {
    return [...neededFor(parsed, target, vars, requested).keys()].map((i) => parsed.stages[i]);
}
function neededFor(parsed, target, vars, requested) {
    const last = parsed.stages[parsed.stages.length - 1];
    const root = target === undefined ? last : findStage(parsed, target, Number.MAX_SAFE_INTEGER);
    const out = new Map();
    if (!root)
        return out;
    const visit = (s, platform) => {
        const seen = out.get(s.index) ?? new Set();
        if (seen.has(platform))
            return;
        seen.add(platform);
        out.set(s.index, seen);
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
            const dep = findStage(parsed, refFor(ref, vars, platform), s.index);
            if (dep)
                visit(dep, platform);
        }
    };
    for (const p of requested.length > 0 ? requested : [''])
        visit(root, p);
    return new Map([...out].sort((a, b) => a[0] - b[0]));
}
/** Stages whose files reach a target-platform stage through COPY --from or RUN --mount=from (directly or via others). */
function feedsTarget(parsed, stages, where, vars) {
    const feeds = new Set();
    const mark = (s) => {
        for (const ins of s.instructions) {
            const from = ins.flags.find((f) => f.name === 'from')?.value ??
                (ins.keyword === 'RUN' ? mountsOf(ins).find((m) => m.from !== undefined)?.from : undefined);
            if (from === undefined || (ins.keyword !== 'COPY' && ins.keyword !== 'ADD' && ins.keyword !== 'RUN'))
                continue;
            const dep = findStage(parsed, expandVars(from, vars), s.index);
            if (dep && !feeds.has(dep.index)) {
                feeds.add(dep.index);
                mark(dep);
                // a stage built FROM another one carries its files too
                for (let b = findStage(parsed, expandVars(dep.image, vars), dep.index); b; b = findStage(parsed, expandVars(b.image, vars), b.index)) {
                    if (feeds.has(b.index))
                        break;
                    feeds.add(b.index);
                    mark(b);
                }
            }
        }
    };
    for (const s of stages)
        if (where(s).kind !== 'build')
            mark(s);
    return feeds;
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
    const where = (s) => whereRuns(parsed, s, vars, memo);
    const needed = neededFor(parsed, opts.target, vars, requested);
    const stages = [...needed.keys()].map((i) => parsed.stages[i]);
    const feeds = feedsTarget(parsed, stages, where, vars);
    const findings = [];
    for (const stage of stages) {
        const w = where(stage);
        const forPlatforms = needed.get(stage.index) ?? new Set();
        const runsOn = w.kind === 'target'
            ? requested.filter((p) => forPlatforms.has(p))
            : w.kind === 'fixed'
                ? [w.platform]
                : [];
        const emulated = runsOn.filter((p) => !native.has(p));
        const compilerHere = chainScripts(parsed, stage, vars).some(installsCompiler);
        for (const ins of stage.instructions) {
            if (ins.keyword !== 'RUN')
                continue;
            const script = runScript(ins);
            const steps = compileSteps(script).filter((c) => !c.maybeNative || compilerHere);
            const first = steps[0];
            if (first && emulated.length > 0)
                findings.push(emulatedFinding(stage, ins.line, first, emulated));
            const hidden = first ? undefined : scriptRun(script);
            if (hidden && emulated.length > 0)
                findings.push(hiddenFinding(stage, ins.line, hidden, emulated));
            if (w.kind !== 'build' || buildPlatform === undefined || !feeds.has(stage.index))
                continue;
            if (runLater(stage, ins.line, script))
                continue;
            const wrong = buildArch(parsed, stage, script, vars, opts, steps, requested, buildPlatform);
            if (wrong)
                findings.push(wrong(ins.line));
        }
    }
    return findings.sort((a, b) => a.line - b.line);
}
/**
 * A binary built (`go build -o PATH`) and then run by a later RUN of the same stage is a build-machine tool (a
 * code or docs generator): right for the build machine, and not what the image ships.
 */
function runLater(stage, line, script) {
    const out = /\s-o[=\s]+(\S+)/.exec(script)?.[1];
    if (!out)
        return false;
    const name = out.slice(out.lastIndexOf('/') + 1).replace(/["']/g, '');
    const esc = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const runs = new RegExp(`(^|[;&|\\n]\\s*|^\\s*)(${esc(out)}|${esc(name)})(\\s|$)`);
    return stage.instructions.some((i) => i.keyword === 'RUN' && i.line > line && runs.test(runScript(i).trim()));
}
/** Every RUN script of a stage and the stages it is built FROM (what the stage has installed). */
function chainScripts(parsed, stage, vars) {
    const out = [];
    for (let s = stage; s; s = findStage(parsed, expandVars(s.image, vars), s.index)) {
        for (const ins of s.instructions)
            if (ins.keyword === 'RUN')
                out.push(runScript(ins));
    }
    return out;
}
/** A go/cargo build on the build platform whose output is not for the target: the finding, by line. */
function buildArch(parsed, stage, script, vars, opts, steps, requested, buildPlatform) {
    const buildArchName = archOf(buildPlatform);
    const wrong = requested.filter((p) => archOf(p) !== buildArchName);
    const blind = steps.find((s) => !s.hostTool && (s.toolchain === 'go' || (s.toolchain === 'rust' && s.command === 'cargo build')));
    if (!blind || wrong.length === 0)
        return undefined;
    if (blind.toolchain === 'go') {
        const goarch = goarchFor(parsed, stage, script, vars, opts.buildArgs ?? {});
        if (goarch.kind === 'target')
            return undefined;
        // a hard-coded GOARCH gives every platform that one architecture's binary
        const gets = goarch.kind === 'literal' ? `linux/${goarch.value}` : normalizePlatform(buildPlatform);
        const affected = requested.filter((p) => archOf(p) !== archOf(gets));
        const why = goarch.kind === 'literal' ? `with GOARCH fixed to ${goarch.value}` : undefined;
        return affected.length > 0
            ? (line) => buildArchFinding(stage, line, blind, affected, gets, why)
            : undefined;
    }
    if (targetsArch(parsed, stage, script, vars, blind.toolchain))
        return undefined;
    return (line) => buildArchFinding(stage, line, blind, wrong, normalizePlatform(buildPlatform));
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
function hiddenFinding(stage, line, run, platforms) {
    return {
        kind: 'hidden-compile',
        line,
        stage: stageLabel(stage),
        platforms,
        command: run,
        message: `Dockerfile line ${line} (stage "${stageLabel(stage)}"): \`${run}\` runs under QEMU emulation for ${platforms.join(', ')}; ` +
            `if it compiles (the Dockerfile does not say), that is several times slower than cross-compiling`,
        fix: 'run the script in a FROM --platform=$BUILDPLATFORM stage with the target from ARG TARGETOS TARGETARCH, and COPY its output',
    };
}
function buildArchFinding(stage, line, step, platforms, build, why = 'without a target architecture (GOARCH, TARGETARCH or --target)') {
    const fix = step.toolchain === 'go'
        ? 'add ARG TARGETOS TARGETARCH to the stage and build with GOOS=$TARGETOS GOARCH=$TARGETARCH go build'
        : 'add ARG TARGETARCH to the stage and pass cargo build --target <triple for $TARGETARCH>';
    return {
        kind: 'build-arch-binary',
        line,
        stage: stageLabel(stage),
        platforms,
        command: step.command,
        message: `Dockerfile line ${line} (stage "${stageLabel(stage)}"): \`${step.command}\` runs on $BUILDPLATFORM ${why}, ` +
            `so the images for ${platforms.join(', ')} would get ${build} binaries`,
        fix,
    };
}

// EXTERNAL MODULE: ./node_modules/@actions/exec/lib/exec.js + 1 modules
var exec = __webpack_require__(1955);
;// CONCATENATED MODULE: ./src/exec.ts
/**
 * The one way this action starts a process: argument arrays (never a shell), output captured,
 * optional streaming to the log, stdin for secrets. Everything docker/buildx/git goes through a Runner,
 * so higher layers are tested with a fake Runner and this wrapper against the real engine.
 */

/** Command line as shown in logs and dry-run plans, quoted so it can be pasted into a shell. */
function shellQuote(args) {
    return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
/** `echoTo`: where streamed output goes (the command line keeps stdout for --json: it passes stderr). */
function createRunner(echoTo) {
    return {
        async run(cmd, args, opts = {}) {
            const started = Date.now();
            const env = opts.env ? { ...process.env, ...opts.env } : undefined;
            const res = await exec/* getExecOutput */.H(cmd, [...args], {
                ignoreReturnCode: true,
                silent: !opts.stream,
                ...(echoTo ? { outStream: echoTo, errStream: echoTo } : {}),
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

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
;// CONCATENATED MODULE: ./src/json.ts
function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
}
/** The value as an object, `{}` for anything else. */
function objectOf(v) {
    return isObject(v) ? v : {};
}
/** A string as is, a number as its decimal text, '' for anything else. */
function stringOf(v) {
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
/** An array's objects, `[]` for anything else. */
function objectsOf(v) {
    return Array.isArray(v) ? v.map(objectOf) : [];
}

;// CONCATENATED MODULE: ./src/context.ts
/**
 * What the run knows about the repository and the event, read once. Pure code receives a
 * RunContext; only this module touches @actions/github.
 */

/** Build a RunContext from @actions/github's context (or a test fixture shaped like it). */
function toRunContext(gh) {
    const payload = gh.payload;
    const repository = objectOf(payload.repository);
    const license = objectOf(repository.license);
    const owner = gh.repo.owner;
    const name = gh.repo.repo;
    const fullName = owner && name ? `${owner}/${name}` : stringOf(repository.full_name);
    const serverUrl = gh.serverUrl || 'https://github.com';
    const repo = {
        owner,
        name,
        fullName,
        htmlUrl: stringOf(repository.html_url) || (fullName ? `${serverUrl}/${fullName}` : ''),
        defaultBranch: stringOf(repository.default_branch) || stringOf(repository.master_branch),
        description: stringOf(repository.description),
        license: stringOf(license.spdx_id) === 'NOASSERTION' ? '' : stringOf(license.spdx_id),
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
    const pull = objectOf(payload.pull_request);
    if (Object.keys(pull).length > 0) {
        const head = objectOf(pull.head);
        const base = objectOf(pull.base);
        const headRepo = objectOf(head.repo);
        const baseRepo = objectOf(base.repo);
        ctx.pr = {
            number: Number(pull.number ?? payload.number ?? 0),
            headRef: stringOf(head.ref),
            baseRef: stringOf(base.ref),
            headSha: stringOf(head.sha),
            fromFork: stringOf(headRepo.full_name) !== '' && stringOf(headRepo.full_name) !== stringOf(baseRepo.full_name),
        };
        // pull_request_target runs on the base branch; the ref/sha GitHub gives are the base's.
    }
    const headCommit = objectOf(payload.head_commit);
    const ts = stringOf(headCommit.timestamp);
    if (ts && stringOf(headCommit.id) === gh.sha) {
        const d = new Date(ts);
        if (!Number.isNaN(d.getTime()))
            ctx.commitDate = d;
    }
    return ctx;
}
const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);
/** A pull request event: not pushed by default, never "the default branch", its code may come from a fork. */
function isPullRequestEvent(eventName) {
    return PR_EVENTS.has(eventName);
}

;// CONCATENATED MODULE: ./src/github-api.ts
/** What comes from GitHub itself: the run's context, and the tag list through the API (when git cannot reach the remote). */


function githubContext() {
    return toRunContext(github/* context */._);
}
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

;// CONCATENATED MODULE: ./src/secrets.ts
/** How `secrets` values reach buildx: through environment variables named here, never through argv. */

/** Env var that carries secret `id` to buildx. */
function secretEnvName(id) {
    return `CROSSBUILD_SECRET_${id.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}
/** Secret values for the build's environment, by env var name (never logged, never in argv). */
function secretEnv(lines) {
    return Object.fromEntries(lines.map((l) => keyValue(l)).map(([id, v]) => [secretEnvName(id), v]));
}

;// CONCATENATED MODULE: ./src/validate.ts
/**
 * Formats of the inputs buildx, docker and the registry would otherwise reject late (or silently ignore): checked
 * while the settings are read, before any effect, each failure one line naming the input and the fix. Pure.
 */


const ARCHES = {
    amd64: ['v1', 'v2', 'v3', 'v4'],
    arm64: ['v8', 'v9'],
    arm: ['v5', 'v6', 'v7', 'v8'],
    '386': [],
    ppc64le: [],
    ppc64: [],
    s390x: [],
    riscv64: [],
    mips64le: [],
    mips64: [],
    mipsle: [],
    mips: [],
    loong64: [],
    wasm: [],
};
const OSES = new Set(['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'wasip1', 'js']);
/** Why `os/arch[/variant]` names no platform buildx knows, or undefined when it does. */
function platformProblem(p) {
    const [os = '', arch = '', variant] = p.split('/');
    if (!OSES.has(os))
        return `"${os}" is not an OS buildx builds for`;
    const variants = ARCHES[arch];
    if (!variants)
        return `"${arch}" is not an architecture (amd64, arm64, arm, 386, ppc64le, s390x, riscv64, …)`;
    if (variant !== undefined && !variants.includes(variant)) {
        return variants.length === 0
            ? `${arch} has no variants`
            : `"${variant}" is not a variant of ${arch} (${variants.join(', ')})`;
    }
    return undefined;
}
const csvKeys = (what, keys, values = {}) => (v) => {
    for (const f of splitFields(v, what)) {
        const [k, val] = keyValue(f);
        if (!f.includes('='))
            return `"${f}" is not key=value`;
        if (!keys.includes(k))
            return `unknown key "${k}" (use ${keys.join(', ')})`;
        const allowed = values[k];
        if (allowed && !allowed.includes(val))
            return `${k}=${val}: use ${allowed.join(' or ')}`;
    }
    return undefined;
};
const BOOL = ['true', 'false', '1', '0'];
const attest = (what, keys, values) => (v) => BOOL.includes(v.toLowerCase()) ? undefined : csvKeys(what, keys, values)(v);
const provenanceProblem = attest('provenance', ['mode', 'builder-id', 'disabled', 'reproducible', 'inline-only', 'version', 'filename'], {
    mode: ['min', 'max'],
    disabled: BOOL,
});
const sbomProblem = attest('sbom', ['generator', 'disabled'], { disabled: BOOL });
const CACHE_TYPES = ['registry', 'local', 'gha', 's3', 'azblob', 'inline'];
function cacheProblem(line, input) {
    // cache-from takes a bare reference as type=registry,ref=… (buildx's shorthand)
    if (!line.includes('='))
        return input === 'cache-from' ? undefined : `"${line}" needs type=…`;
    const fields = Object.fromEntries(splitFields(line, input).map(keyValue));
    const type = fields.type;
    if (type === undefined)
        return `"${line}" has no type= (${CACHE_TYPES.join(', ')})`;
    if (!CACHE_TYPES.includes(type))
        return `type=${type} is not a cache type (${CACHE_TYPES.join(', ')})`;
    if (fields.mode !== undefined && !['min', 'max'].includes(fields.mode))
        return `mode=${fields.mode}: use min or max`;
    return undefined;
}
function shmSizeProblem(v) {
    return /^\d+(\.\d+)?\s*([bkmg]b?)?$/i.test(v) ? undefined : `"${v}" is not a size (e.g. 2g, 512m)`;
}
const ULIMITS = [
    'core',
    'cpu',
    'data',
    'fsize',
    'locks',
    'memlock',
    'msgqueue',
    'nice',
    'nofile',
    'nproc',
    'rss',
    'rtprio',
    'rttime',
    'sigpending',
    'stack',
];
function ulimitProblem(v) {
    const m = /^([a-z]+)=(-?\d+|unlimited)(?::(-?\d+|unlimited))?$/.exec(v);
    if (!m)
        return `"${v}" is not name=soft[:hard] (e.g. nofile=1024:1024)`;
    return ULIMITS.includes(m[1] ?? '') ? undefined : `"${m[1] ?? ''}" is not a ulimit (${ULIMITS.join(', ')})`;
}
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
function addHostProblem(v) {
    const m = /^([A-Za-z0-9][A-Za-z0-9.-]*)[:=](.+)$/.exec(v);
    const ip = m?.[2] ?? '';
    if (!m)
        return `"${v}" is not host:ip (e.g. db:10.0.0.5)`;
    if (ip === 'host-gateway' || IPV4.test(ip) || (/^\[?[0-9a-f:]+\]?$/i.test(ip) && ip.includes(':')))
        return undefined;
    return `"${ip}" is not an IP address (or host-gateway)`;
}
function networkProblem(v) {
    return ['default', 'none', 'host'].includes(v) ? undefined : `"${v}" is not default, none or host`;
}
function sshProblem(v) {
    return /^[A-Za-z0-9_.-]+(=[^,\s]+(,[^,\s]+)*)?$/.test(v)
        ? undefined
        : `"${v}" is not default or id=path[,path]`;
}
const SCHEMES = [
    'tcp',
    'unix',
    'ssh',
    'npipe',
    'docker-container',
    'kube-pod',
    'nerdctl-container',
    'podman-container',
];
/** The remote driver needs a URL; other drivers take a URL or a docker context name. */
function endpointProblem(v, driver) {
    const m = /^([a-z][a-z0-9+.-]*):\/\/(.+)$/.exec(v);
    if (m)
        return SCHEMES.includes(m[1] ?? '')
            ? undefined
            : `${m[1] ?? ''}:// is not a builder address (${SCHEMES.join(', ')})`;
    if (driver === 'remote')
        return `"${v}" is not an address; write tcp://HOST:PORT or unix:///PATH`;
    return /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/.test(v)
        ? undefined
        : `"${v}" is neither an address nor a docker context name`;
}
// registry[:port]/path[:tag][@digest], lowercase path (the distribution reference grammar, simplified)
const IMAGE_REF = /^([a-z0-9.-]+(:\d+)?\/)?[a-z0-9]+([._-]+[a-z0-9]+)*(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[\w][\w.-]{0,127})?(@sha256:[0-9a-f]{64})?$/;
function imageRefProblem(v) {
    return IMAGE_REF.test(v) ? undefined : `"${v}" is not an image reference`;
}
function nameProblem(v) {
    return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(v) ? undefined : `"${v}" is not a name (letters, digits, _ . -)`;
}
/** Throws InputError(input, …) for the first value `check` rejects. */
function each(input, values, check, fix = '') {
    for (const v of values) {
        const why = check(v);
        if (why !== undefined)
            throw new InputError(input, `${why}${fix ? `; ${fix}` : ''}`);
    }
}
/** A build context given as a remote source (buildx fetches it): nothing to find on disk. */
function isRemoteContext(context) {
    return /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/.test(context) || context === '-';
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
    throw new InputError(name, `"${raw}" is not a boolean; use true or false`);
}
function oneOf(name, raw, allowed, dflt) {
    const v = raw.trim().toLowerCase();
    if (v === '')
        return dflt;
    if (allowed.includes(v))
        return v;
    throw new InputError(name, `"${raw}" is not one of ${allowed.join(', ')}`);
}
function num(name, raw, dflt, min, max) {
    const t = raw.trim();
    if (t === '')
        return dflt;
    const n = Number(t);
    if (!Number.isFinite(n) || n < min || n > max) {
        throw new InputError(name, `"${raw}" must be a number from ${min} to ${max}`);
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
    const entries = lines(raw)
        .flatMap((l) => l.split(','))
        .map((x) => x.trim());
    if (entries.includes('')) {
        throw new InputError('platforms', `"${raw.trim()}" has an empty entry; separate platforms with single commas`);
    }
    for (const p of entries) {
        const v = p.toLowerCase();
        if (!/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(v)) {
            const hint = ARCH_SHORTHAND[v] ?? ARCH_SHORTHAND[v.replace(/^linux\//, '')];
            throw new InputError('platforms', `"${raw.trim()}" — "${p}" is not os/arch[/variant]` + (hint ? `; did you mean ${hint}?` : ''));
        }
        const canonical = normalizePlatform(v);
        const why = v.includes('/') ? platformProblemOf(canonical) : undefined;
        if (why)
            throw new InputError('platforms', `"${p}" — ${why}`);
        if (!out.includes(canonical))
            out.push(canonical);
    }
    return out;
}
const platformProblemOf = (p) => platformProblem(p);
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
        throw new InputError('platforms', 'no platform given; e.g. linux/amd64,linux/arm64');
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
        'retry-attempts': num('retry-attempts', s('retry-attempts'), 5, 1, 10),
        'retry-wait': num('retry-wait', s('retry-wait'), 0.5, 0, 60),
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
            throw new InputError(name, `${what} is not KEY=value; write one KEY=value per line`);
        }
    }
    // secrets reach buildx through env vars named after their ids; two ids must not share one
    const envNames = new Map();
    for (const l of settings.secrets) {
        const [id] = keyValue(l);
        const other = envNames.get(secretEnvName(id));
        if (other !== undefined && other !== id) {
            throw new InputError('secrets', `ids "${other}" and "${id}" differ only in punctuation; rename one`);
        }
        envNames.set(secretEnvName(id), id);
    }
    if (settings.load &&
        settings.platforms.length > 1 &&
        settings.driver !== 'docker' &&
        settings.driver !== 'auto') {
        throw new InputError('load', 'a multi-platform image can be loaded only with the docker driver (containerd store)');
    }
    checkFormats(settings);
    return settings;
}
/** Every input with a format buildx or the registry would check later, checked now. */
function checkFormats(s) {
    each('provenance', s.provenance ? [s.provenance] : [], provenanceProblem);
    each('sbom', s.sbom ? [s.sbom] : [], sbomProblem);
    each('cache-from', s['cache-from'], (l) => cacheProblem(l, 'cache-from'));
    each('cache-to', s['cache-to'], (l) => cacheProblem(l, 'cache-to'));
    each('shm-size', s['shm-size'] ? [s['shm-size']] : [], shmSizeProblem);
    each('ulimit', s.ulimit, ulimitProblem);
    each('add-hosts', s['add-hosts'], addHostProblem);
    each('network', s.network ? [s.network] : [], networkProblem);
    each('ssh', s.ssh, sshProblem);
    each('endpoint', s.endpoint ? [s.endpoint] : [], (e) => endpointProblem(e, s.driver));
    if (s.driver === 'remote' && s.endpoint === '' && s.builder === '') {
        throw new InputError('endpoint', 'driver: remote needs the buildkitd address, e.g. tcp://buildkitd:1234');
    }
    each('qemu-image', [s['qemu-image']], imageRefProblem);
    each('cache-mounts-helper', [s['cache-mounts-helper']], imageRefProblem);
    each('builder', s.builder ? [s.builder] : [], nameProblem);
    each('target', s.target ? [s.target] : [], nameProblem);
    each('driver-opts', s['driver-opts'], (o) => (o.includes('=') ? undefined : `"${o}" is not key=value`));
    each('outputs', s.outputs, (o) => /(^|,)type=\w+/.test(o) ? undefined : `"${o}" has no type= (e.g. type=local,dest=out)`);
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
;// CONCATENATED MODULE: ./src/action-io.ts
/**
 * Everything the action says to the runner, behind one small interface: logs and annotations, inputs,
 * outputs, saved state, the job summary, the failure. `coreIO` is the real one (@actions/core); tests
 * pass a recorder (__tests__/fixtures/io.ts), so main and the job run without a runner.
 */

function coreIO() {
    return {
        info: (m) => {
            core/* info */.pq(m);
        },
        warning: (m, where) => {
            core/* warning */.$e(m, where);
        },
        notice: (m) => {
            core/* notice */.lm(m);
        },
        group: (name, fn) => core/* group */.Os(name, fn),
        input: (n) => core/* getInput */.V4(n),
        setSecret: (v) => {
            core/* setSecret */.Pq(v);
        },
        setOutput: (n, v) => {
            core/* setOutput */.uH(n, v);
        },
        saveState: (n, v) => {
            core/* saveState */.LZ(n, v);
        },
        state: (n) => core/* getState */.Gu(n),
        summary: async (md) => {
            await core/* summary */.z.addRaw(md).write();
        },
        setFailed: (m) => {
            core/* setFailed */.C1(m);
        },
    };
}

;// CONCATENATED MODULE: ./src/plan/build-args.ts
/** Version build-args the action passes when the Dockerfile declares them (reproducible: commit time, not now). */

const AUTO_ARGS = ['VERSION', 'GIT_COMMIT', 'BUILD_DATE', 'SOURCE_DATE_EPOCH'];
/**
 * KEY=value lines for the automatic args the Dockerfile declares and the user did not set.
 * SOURCE_DATE_EPOCH is also honoured by BuildKit itself for reproducible timestamps.
 */
function autoBuildArgs(declared, userArgs, f) {
    const userKeys = new Set(userArgs.map((l) => keyValue(l)[0]));
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

;// CONCATENATED MODULE: ./src/plan/buildx-argv.ts
/**
 * The exact `docker buildx build` argv for a plan. Pure. Secret values never appear: they reach buildx
 * through environment variables named here and filled in by the effect that runs the command.
 */

function buildx_argv_each(flag, values) {
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
    argv.push(...buildx_argv_each('--build-arg', s.buildArgs));
    argv.push(...buildx_argv_each('--build-context', s.buildContexts));
    argv.push(...opt('--target', s.target));
    argv.push(...buildx_argv_each('--secret', s.secretEnvs.map((x) => `id=${x.id},env=${x.env}`)));
    argv.push(...buildx_argv_each('--secret', s.secretFiles.map(secretFile)));
    argv.push(...buildx_argv_each('--ssh', s.ssh));
    argv.push(...buildx_argv_each('--cache-from', s.cacheFrom));
    argv.push(...buildx_argv_each('--cache-to', s.cacheTo));
    if (s.noCache)
        argv.push('--no-cache');
    if (s.pull)
        argv.push('--pull');
    argv.push(...buildx_argv_each('--label', s.labels));
    argv.push(...buildx_argv_each('--annotation', s.annotations));
    argv.push(...opt('--provenance', s.provenance));
    argv.push(...opt('--sbom', s.sbom));
    argv.push(...opt('--network', s.network));
    argv.push(...buildx_argv_each('--add-host', s.addHosts));
    argv.push(...opt('--shm-size', s.shmSize));
    argv.push(...buildx_argv_each('--ulimit', s.ulimits));
    const out = s.output;
    switch (out.kind) {
        case 'oci-layout':
            argv.push('--output', `type=oci,dest=${out.dest},tar=false`);
            // a second exporter (buildx/BuildKit 0.13+): the image in docker too, under its tags
            if (out.load)
                argv.push(...buildx_argv_each('--tag', s.tags), '--load');
            break;
        case 'build-only':
            argv.push(...buildx_argv_each('--tag', s.tags));
            if (out.load)
                argv.push('--load');
            break;
        case 'custom':
            argv.push(...buildx_argv_each('--tag', s.tags), ...buildx_argv_each('--output', out.outputs));
            break;
    }
    argv.push(s.context);
    return argv;
}
/** `id=path` (action syntax) → buildx `id=ID,src=PATH`; already-buildx syntax passes through. */
function secretFile(line) {
    if (/(^|,)(src|source)=/.test(line))
        return line;
    const [id, path] = keyValue(line);
    return `id=${id},src=${path}`;
}

;// CONCATENATED MODULE: ./src/plan/plan.ts
/**
 * Intent + the engine's facts → Plan: the exact build and what happens to its result, decided once.
 * Pure (no I/O): the Dockerfile's declared ARGs, the driver, the builder and paths are passed in.
 */





function decidePush(s, eventName) {
    if (s.outputs.length > 0)
        return { push: false, reason: 'outputs: custom — buildx writes them; nothing is pushed or tagged' };
    if (s.push === 'true')
        return { push: true, reason: 'push: true' };
    if (s.push === 'false')
        return { push: false, reason: 'push: false' };
    if (isPullRequestEvent(eventName))
        return { push: false, reason: `push: auto — not pushed on ${eventName}` };
    return { push: true, reason: `push: auto — pushed on ${eventName}` };
}
function plan_dockerfilePath(s) {
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
function outputMode(p, verifyArch) {
    const s = p.settings;
    if (s.outputs.length > 0)
        return { kind: 'custom', outputs: s.outputs };
    // a layout to push and prove (and load into docker as well when asked); otherwise build (and load) only
    if (p.push || verifyArch)
        return { kind: 'oci-layout', dest: p.layoutDir, load: s.load };
    return { kind: 'build-only', load: s.load };
}
function makePlan(p) {
    const { settings: s, ctx, meta, push } = p;
    const verifyArch = s['verify-arch'] === 'true' || (s['verify-arch'] === 'auto' && push);
    const output = outputMode(p, verifyArch);
    const spec = {
        builder: p.builder,
        context: s.context,
        file: s.file,
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
            ...s.secrets.map((l) => ({ id: keyValue(l)[0], env: secretEnvName(keyValue(l)[0]) })),
            ...s['secret-envs'].map(keyValue).map(([id, env]) => ({ id, env })),
        ],
        secretFiles: s['secret-files'],
        ssh: s.ssh,
        cacheFrom: p.cacheFrom,
        cacheTo: p.cacheTo,
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
        // a layout carries no name: tags are put on it in the registry, after the proof (docker gets them on load)
        tags: output.kind === 'oci-layout' && !s.load ? [] : meta.tags.filter((t) => t.includes(':')),
        output,
        metadataFile: p.metadataFile,
    };
    return {
        meta,
        driver: p.driver,
        platforms: s.platforms,
        push,
        spec,
        tagPlan: push ? tagPlan(meta) : [],
        verify: push && s.verify,
        verifyArch: verifyArch && output.kind === 'oci-layout',
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

;// CONCATENATED MODULE: ./src/dockerfile/read.ts
/** Reads and parses the Dockerfile the build will use: the one read of it in a run. */



function dockerfileInfo(path, text) {
    const parsed = text === undefined ? undefined : parseDockerfile(text);
    return { path, text: text ?? '', parsed, declaredArgs: parsed?.declaredArgs ?? [] };
}
function readDockerfile(s) {
    const path = dockerfilePath(s);
    return dockerfileInfo(path, existsSync(path) ? readFileSync(path, 'utf8') : undefined);
}

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
                throw new Error(`git describe failed (${lastLine(r.stderr)}); check out the repository with fetch-depth: 0 so tags are present`);
            }
            return r.stdout.trim();
        },
        async releasedTags() {
            const r = await runner.run('git', ['ls-remote', '--tags', 'origin'], { cwd });
            if (r.code === 0)
                return parseLsRemoteTags(r.stdout);
            log(`git ls-remote --tags origin failed (${lastLine(r.stderr)}); asking the GitHub API for tags`);
            if (!api)
                throw new Error('no git remote and no GitHub token to list released tags');
            return api.listTags();
        },
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
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
        const [k, v] = keyValue(l);
        if (k !== '' && l.includes('='))
            vars.set(k, v);
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

;// CONCATENATED MODULE: ./src/retry.ts
/**
 * Bounded exponential backoff, and which registry failures are worth another attempt.
 * Pure apart from the injected sleep (tests pass a recorder, so no test waits).
 */

const realSleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** `gave up after 3 attempts over 7.5 s`: how hard it tried, for the one error line. */
function gaveUp(attempts, ms) {
    return `gave up after ${attempts} attempts over ${(ms / 1000).toFixed(1)} s`;
}
/** Wait before attempt `attempt + 1`. */
function backoffMs(attempt, waitMs, maxWaitMs = 60_000) {
    return Math.min(maxWaitMs, waitMs * 2 ** (attempt - 1));
}
async function withRetry(fn, opts) {
    const attempts = Math.max(1, Math.floor(opts.attempts));
    const sleep = opts.sleep ?? realSleep;
    const now = opts.now ?? Date.now;
    const started = now();
    for (let attempt = 1;; attempt++) {
        try {
            return await fn(attempt);
        }
        catch (err) {
            const transient = opts.isTransient(err, attempt);
            if (!transient || attempt >= attempts) {
                // the user sees that retries happened and ran out, not just the last error
                if (err instanceof Error && attempt > 1)
                    err.message += ` (${gaveUp(attempt, now() - started)})`;
                throw err;
            }
            const asked = Math.min(opts.askedWaitMs?.(err) ?? 0, opts.maxWaitMs ?? 60_000);
            const wait = Math.max(backoffMs(attempt, opts.waitMs, opts.maxWaitMs), asked);
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
/**
 * Progress-aware retry: an attempt that got further than the last (`progress()` grew) earns another try within
 * the budget; one that made no progress counts against `stalls`. The error says how hard it tried.
 */
async function withProgress(fn, progress, p) {
    const now = p.now ?? Date.now;
    const started = now();
    let best = progress();
    let stalled = 0;
    for (let attempt = 1;; attempt++) {
        try {
            return await fn();
        }
        catch (err) {
            const got = progress();
            if (got > best)
                stalled = 0;
            else
                stalled++;
            best = Math.max(best, got);
            if (!p.isTransient(err) || stalled >= p.stalls || now() - started >= p.budgetMs) {
                if (err instanceof Error && attempt > 1)
                    err.message += ` (whole operation: ${gaveUp(attempt, now() - started)})`;
                throw err;
            }
            p.onRetry?.(attempt, err);
        }
    }
}
/** The run's one retry policy, from the retry-attempts and retry-wait inputs; every registry call uses it. */
function policyOf(attempts, waitSeconds, log) {
    return {
        attempts,
        waitMs: waitSeconds * 1000,
        maxWaitMs: 30_000,
        onRetry: (attempt, err, waitMs) => {
            const why = firstLine(messageOf(err));
            log?.(`attempt ${attempt} failed (${why}); retrying in ${waitMs / 1000} s`);
        },
    };
}

;// CONCATENATED MODULE: ./src/docker/command.ts
/**
 * Running docker through the Runner and turning a non-zero exit into one error line that says whether a
 * retry may help. The full output stays on the error for a debug group.
 */


class CommandError extends StepError {
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
        const line = errorText(res.stderr) || errorText(res.stdout) || `exit code ${res.code}`;
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
    return err instanceof CommandError && isTransientRegistryError(err.output, attempt);
}
/** A registry-facing docker command, retried on transient failures under the action's retry policy. */
function dockerWithRetry(runner, step, args, policy, opts = {}) {
    return withRetry(() => docker(runner, step, args, opts), { ...policy, isTransient: isTransientCommand });
}

;// CONCATENATED MODULE: ./src/docker/login.ts
/**
 * Registry logins: parsed from `registry`/`username`/`password` and the `logins` block, run as
 * `docker login REGISTRY -u USER --password-stdin` — the password travels on stdin only.
 */




/**
 * The `logins` input: either `registry username password` per line, or a YAML list of mappings with
 * keys registry, username, password (only that shape; values may be quoted).
 */
function parseLogins(text) {
    const lines = inputLines(text);
    if (lines.some((l) => /^\s*-\s/.test(l) || /^\s*-$/.test(l)))
        return parseYamlList(lines);
    return lines.map((l, i) => {
        const parts = l.trim().split(/\s+/);
        if (parts.length !== 3) {
            throw new InputError('logins', `line ${i + 1} has ${parts.length} fields; write "registry username password"`);
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
            throw new InputError('logins', `line ${n + 1} is not "key: value" inside a "- registry: …" item`);
        }
        const key = line.slice(0, colon).trim();
        if (!['registry', 'username', 'password'].includes(key)) {
            const shown = /^[\w-]{1,20}$/.test(key) ? `"${key}"` : `on line ${n + 1}`;
            throw new InputError('logins', `unknown key ${shown}; each item takes registry, username, password`);
        }
        current[key] = unquote(line.slice(colon + 1).trim());
    }
    return items.map((it, i) => {
        if (!it.username || !it.password) {
            throw new InputError('logins', `item ${i + 1} needs username and password`);
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
            throw new InputError(missing, `login to ${where} needs a ${missing}; pass it from secrets`);
        }
        logins.push(l);
    }
    return { logins, notices };
}
function loginArgs(l) {
    return ['login', ...(l.registry ? [l.registry] : []), '--username', l.username, '--password-stdin'];
}
async function login(runner, l, policy) {
    try {
        await dockerWithRetry(runner, 'login', loginArgs(l), policy, { input: l.password });
    }
    catch (err) {
        if (!(err instanceof CommandError))
            throw err;
        const why = errorText(err.output).split(l.password).join('***');
        throw new StepError('login', `${l.registry || 'Docker Hub'} as ${l.username}: ${why}; check the username and token`);
    }
}
/** Post step; failure is only a warning there. */
async function logout(runner, registry) {
    const res = await runner.run('docker', ['logout', ...(registry ? [registry] : [])]);
    return res.code === 0
        ? undefined
        : `docker logout ${registry || 'Docker Hub'} failed: ${res.stderr.trim()}`;
}

;// CONCATENATED MODULE: ./src/intent.ts
/**
 * Settings + run context (+ the tag engine's result and the parsed Dockerfile) → Intent: every decision of the
 * run, made before any effect. Whether to push and why, whom to log in to, whether a nightly may reuse an image,
 * what the emulation advisor found and whether it blocks the build. A bad input fails here, with one line naming
 * it, before QEMU, a builder or a registry is touched. Pure.
 */







const REUSE_EVENTS = new Set(['schedule', 'workflow_dispatch']);
function reuse(s, ctx, meta, push) {
    return (s['skip-unchanged'] &&
        REUSE_EVENTS.has(ctx.eventName) &&
        push &&
        meta.images.length > 0 &&
        meta.tagNames.length > 0 &&
        /^[0-9a-f]{40}$/i.test(ctx.sha));
}
function checkPaths(s, df, facts) {
    if (isRemoteContext(s.context))
        return;
    if (!facts.contextExists)
        throw new InputError('context', `"${s.context}" is not a directory here; check out the repository first or fix the path`);
    if (!df.parsed)
        throw new InputError('file', `${df.path} does not exist; set file: to the Dockerfile's path`);
}
function advise(s, df, native) {
    if (!df.parsed || s.emulation === 'allow')
        return [];
    return adviseEmulation(df.parsed, {
        requested: s.platforms,
        native,
        buildArgs: Object.fromEntries(s['build-args'].map(keyValue)),
        ...(s.target ? { target: s.target } : {}),
    });
}
function blockedBy(findings, df, mode) {
    if (mode !== 'error' || findings.length === 0)
        return undefined;
    const list = (kind) => findings
        .filter((f) => f.kind === kind)
        .map((f) => `${df.path}:${f.line} \`${f.command}\` (${f.platforms.join(', ')})`)
        .join('; ');
    const parts = [];
    if (list('emulated-compile'))
        parts.push(`compile steps would run under QEMU: ${list('emulated-compile')}`);
    if (list('build-arch-binary'))
        parts.push(`build-machine binaries would reach other platforms: ${list('build-arch-binary')}`);
    return `${parts.join('; ')}; fix them as the warnings say (cross-compile on $BUILDPLATFORM with GOARCH=$TARGETARCH) or set emulation: warn`;
}
function makeIntent(settings, ctx, meta, dockerfile, facts) {
    const s = settings;
    const { push, reason } = decidePush(s, ctx.eventName);
    if (push && meta.images.length === 0) {
        throw new InputError('images', 'nothing to push to; set images (e.g. ghcr.io/OWNER/NAME) or push: false');
    }
    if (push && meta.tagNames.length === 0) {
        throw new InputError('tags', `no rule produced a tag for ${ctx.eventName} ${ctx.ref}; add a rule or set push: false`);
    }
    checkPaths(s, dockerfile, facts);
    if (Array.isArray(s['cache-mounts']))
        parseCacheMounts(s['cache-mounts']);
    const fromFork = ctx.pr?.fromFork ?? false;
    const { logins, notices } = resolveLogins(s, fromFork);
    const warnings = [...meta.warnings];
    if (push && fromFork && s.push === 'true') {
        warnings.push(`push: true on a pull request from a fork (${ctx.pr?.headRef ?? ''}): the image is built from the fork's code and pushed with this repository's credentials`);
    }
    const findings = advise(s, dockerfile, facts.native);
    const blocked = blockedBy(findings, dockerfile, s.emulation);
    return {
        settings,
        ctx,
        meta,
        dockerfile,
        push,
        pushReason: reason,
        logins,
        notices,
        reuse: reuse(s, ctx, meta, push) && s.outputs.length === 0,
        findings,
        ...(blocked ? { blocked } : {}),
        warnings,
        secrets: [
            s.password,
            s['github-token'],
            ...s.secrets.map((l) => keyValue(l)[1]),
            ...logins.map((l) => l.password),
        ].filter((v) => v !== ''),
    };
}

;// CONCATENATED MODULE: ./src/docker/engine.ts
/**
 * One probe of the engine (`docker info --format '{{json .}}'`) whose facts are passed around, instead of
 * asking docker/buildx again in every step.
 */



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
        info = objectOf(JSON.parse(json));
    }
    catch {
        throw new StepError('docker', `\`docker info\` gave no JSON (${errorText(stderr) || 'empty output'}); ${FIX_DAEMON}`);
    }
    const client = objectOf(info.ClientInfo);
    const serverVersion = stringOf(info.ServerVersion);
    const serverErrors = Array.isArray(info.ServerErrors)
        ? info.ServerErrors.map(stringOf).filter(Boolean)
        : [];
    if (serverVersion === '') {
        const why = errorText(stderr) || serverErrors[0] || 'no server version reported';
        throw new StepError('docker', `cannot reach the Docker daemon (${why}); ${FIX_DAEMON}`);
    }
    const plugins = Array.isArray(client.Plugins) ? client.Plugins.map(objectOf) : [];
    const buildx = plugins.find((p) => stringOf(p.Name) === 'buildx');
    if (!buildx)
        throw new StepError('docker', `the buildx plugin is missing; ${FIX_BUILDX}`);
    if (stringOf(buildx.Err) !== '') {
        throw new StepError('docker', `the buildx plugin is broken (${stringOf(buildx.Err)}); ${FIX_BUILDX}`);
    }
    const driverStatus = Array.isArray(info.DriverStatus) ? info.DriverStatus : [];
    const containerdStore = driverStatus.some((row) => Array.isArray(row) && row[0] === 'driver-type' && row[1] === 'io.containerd.snapshotter.v1');
    const os = stringOf(info.OSType) || 'linux';
    const arch = ociArch(stringOf(info.Architecture));
    return {
        serverVersion,
        clientVersion: stringOf(client.Version),
        buildxVersion: stringOf(buildx.Version),
        buildxPath: stringOf(buildx.Path),
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
        throw new StepError('docker', `the docker CLI is not available (${messageOf(err)}); use a runner with Docker or install it first`);
    }
    return parseEngineInfo(res.stdout, res.stderr);
}

;// CONCATENATED MODULE: ./src/plan/from-intent.ts
/** The Plan of an Intent once the builder and the cache plan are known (the real run and the dry run alike). Pure. */


/** Where buildx writes its metadata file and the OCI layout. */
const metadataFile = (tempDir) => (0,external_node_path_.join)(tempDir, 'crossbuild-metadata.json');
const layoutDir = (tempDir) => (0,external_node_path_.join)(tempDir, 'crossbuild-oci');
function planFor(intent, tempDir, builder, cache) {
    return makePlan({
        settings: intent.settings,
        ctx: intent.ctx,
        meta: intent.meta,
        push: intent.push,
        declaredArgs: intent.dockerfile.declaredArgs,
        driver: builder.driver === 'docker' ? 'docker' : 'other',
        builder: builder.name,
        metadataFile: metadataFile(tempDir),
        layoutDir: layoutDir(tempDir),
        cacheFrom: cache.cacheFrom,
        cacheTo: cache.cacheTo,
    });
}

;// CONCATENATED MODULE: ./src/proof/elf.ts
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

;// CONCATENATED MODULE: ./src/proof/arch.ts
/**
 * Proof that each platform of an image holds binaries for that platform: follow the entrypoint (PATH lookup, `#!`
 * interpreters, symlinks) inside the platform's own layers and read the ELF header. A registry index only says
 * what a manifest claims; an arm64 manifest carrying an amd64 binary (kubernetes/autoscaler v1.32.6) passes every
 * other check. Reads the OCI layout the build wrote, so it needs no container, no engine call and no push, and
 * runs while the image is being pushed.
 */




class ArchProofError extends StepError {
    rows;
    constructor(rows, detail) {
        super('verify-arch', detail);
        this.rows = rows;
        this.name = 'ArchProofError';
    }
}
const strings = (v) => (Array.isArray(v) ? v.map(stringOf) : null);
/** `config` of an OCI image config blob. */
function runConfigOf(imageConfig) {
    const c = objectOf(objectOf(imageConfig).config);
    return {
        Entrypoint: strings(c.Entrypoint),
        Cmd: strings(c.Cmd),
        Env: strings(c.Env),
        WorkingDir: stringOf(c.WorkingDir),
    };
}
// the PATH runc uses when the image sets none
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
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
async function proveOne(img) {
    const { platform, config: cfg } = img;
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
    const argv = cfg.Entrypoint?.length ? cfg.Entrypoint : (cfg.Cmd ?? []);
    const notes = [];
    if (argv[1] === '-c' && /(^|\/)(ba|da|a)?sh$/.test(argv[0] ?? ''))
        notes.push('shell form: checked the shell');
    let name = argv[0];
    if (name === undefined)
        return { ...row, status: 'unverifiable', note: 'the image has no entrypoint or cmd' };
    let fs;
    try {
        fs = await img.rootfs();
    }
    catch (err) {
        return { ...row, note: `layers could not be read: ${err instanceof Error ? err.message : String(err)}` };
    }
    for (let hop = 0; hop <= MAX_INTERPRETERS; hop++) {
        const hit = candidates(name, cfg.Env ?? [], cfg.WorkingDir)
            .map((c) => fs.file(c))
            .find((f) => f !== undefined);
        if (!hit) {
            const where = name.includes('/') ? '' : ' on the image PATH';
            return { ...row, note: [...notes, `${name} not found${where} or not a file`].join('; ') };
        }
        const exe = identify(hit.head);
        if (exe.kind === 'elf') {
            const c = checkElf(platform, exe.elf);
            return {
                ...row,
                path: hit.path,
                found: c.found,
                ok: c.ok,
                status: c.ok ? 'ok' : 'mismatch',
                note: notes.join('; '),
            };
        }
        if (exe.kind === 'unknown') {
            return {
                ...row,
                path: hit.path,
                status: 'unverifiable',
                note: [...notes, `${hit.path}: ${exe.reason}`].join('; '),
            };
        }
        name = interpreterOf(exe.shebang.interpreter, exe.shebang.arg);
        notes.push(`${hit.path} is a script run by ${name}`);
    }
    return { ...row, status: 'unverifiable', note: [...notes, 'too many #! interpreters'].join('; ') };
}
/** One row per platform (concurrently), then ArchProofError (with the rows) when a binary is wrong or missing. */
async function verifyArch(images, what) {
    const rows = await Promise.all(images.map(proveOne));
    const bad = rows.filter((r) => r.status === 'mismatch' || r.status === 'error');
    if (bad.length > 0) {
        const list = bad.map((r) => r.status === 'mismatch'
            ? `${r.platform} ${r.path} is ${r.found}, expected ${r.expected}`
            : `${r.platform}: ${r.note}`);
        throw new ArchProofError(rows, `${what}: ${list.join('; ')} — build each platform's binary for its target (e.g. GOARCH=$TARGETARCH)`);
    }
    return rows;
}

;// CONCATENATED MODULE: ./src/registry/index-json.ts
/**
 * Reading an image index as the registry holds it: which platforms it has, which entries are attestations
 * (buildx adds them with platform unknown/unknown — never platforms), what is missing or doubled. Pure.
 */


/** Media types of a single image manifest (OCI, docker). */
const MANIFEST_TYPES = [
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json',
];
/** Media types of an image index (OCI) and a manifest list (docker). */
const INDEX_TYPES = new Set([
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
]);

function platformOf(p) {
    const os = stringOf(p.os);
    const arch = stringOf(p.architecture);
    const variant = stringOf(p.variant);
    return normalizePlatform(variant ? `${os}/${arch}/${variant}` : `${os}/${arch}`);
}
function analyzeIndex(rawJson, requested) {
    const doc = objectOf(JSON.parse(rawJson));
    const mediaType = stringOf(doc.mediaType);
    const manifests = Array.isArray(doc.manifests) ? doc.manifests.map(objectOf) : [];
    const isIndex = INDEX_TYPES.has(mediaType) || (mediaType === '' && Array.isArray(doc.manifests));
    const platforms = [];
    const attestations = [];
    for (const m of manifests) {
        const ann = objectOf(m.annotations);
        const entry = { digest: stringOf(m.digest), size: typeof m.size === 'number' ? m.size : 0 };
        if (stringOf(ann['vnd.docker.reference.type']) === 'attestation-manifest') {
            attestations.push({ ...entry, refersTo: stringOf(ann['vnd.docker.reference.digest']) });
            continue;
        }
        platforms.push({
            ...entry,
            platform: platformOf(objectOf(m.platform)),
            mediaType: stringOf(m.mediaType),
        });
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
    const doc = objectOf(JSON.parse(rawJson));
    const size = (d) => {
        const s = objectOf(d).size;
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
function revisionOf(config) {
    return stringOf(objectOf(objectOf(config.config).Labels)[REVISION_LABEL]);
}
/**
 * `.Image` of `imagetools inspect --format '{{json .}}'`: for an index buildx prints a map
 * platform → image config (attestations already left out); for a single manifest, the config itself.
 */
function revisionsOf(image) {
    const doc = objectOf(image);
    if (typeof doc.architecture === 'string' || typeof doc.os === 'string') {
        return [{ platform: platformOf(doc), revision: revisionOf(doc) }];
    }
    return Object.entries(doc).map(([key, v]) => {
        const config = objectOf(v);
        return {
            platform: config.os ? platformOf(config) : normalizePlatform(key),
            revision: revisionOf(config),
        };
    });
}
/** Parses `docker buildx imagetools inspect REF --format '{{json .}}'` (keys name, manifest, image). */
function parseInspect(stdout) {
    const doc = objectOf(JSON.parse(stdout));
    const manifest = objectOf(doc.manifest);
    const mediaType = stringOf(manifest.mediaType);
    const isIndex = INDEX_TYPES.has(mediaType) || Array.isArray(manifest.manifests);
    const configs = revisionsOf(doc.image);
    return {
        digest: stringOf(manifest.digest),
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

;// CONCATENATED MODULE: ./src/result.ts
/** The step outputs of a result (docker/metadata-action's names and build-push-action's). */
function outputsOf(r) {
    const m = r.meta;
    const out = {
        version: m.version,
        tags: m.tags.join('\n'),
        'tag-names': m.tagNames.join('\n'),
        labels: m.labels.join('\n'),
        annotations: m.annotations.join('\n'),
        json: JSON.stringify(m.json),
    };
    if (r.dryRun)
        return out;
    if (r.digest !== undefined)
        out.digest = r.digest;
    if (r.imageId !== undefined)
        out.imageid = r.imageId;
    if (r.metadata !== undefined)
        out.metadata = JSON.stringify(r.metadata);
    if (r.qemuPlatforms !== undefined)
        out['qemu-platforms'] = r.qemuPlatforms.join(',');
    if (r.builder) {
        out.builder = r.builder.name;
        out['builder-platforms'] = r.builder.platforms.join(',');
    }
    const verified = (r.rows ?? []).filter((p) => p.digest !== '');
    if (verified.length > 0)
        out.platforms = verified.map((p) => p.platform).join(',');
    if (r.retagged !== undefined)
        out.retagged = String(r.retagged);
    return out;
}
/** A result that knows only the intent: what a failure before anything else reports. */
function newResult(intent) {
    return {
        ctx: intent.ctx,
        meta: intent.meta,
        platforms: intent.settings.platforms,
        push: intent.push,
        pushReason: intent.pushReason,
        dryRun: intent.settings['dry-run'],
        steps: [],
        warnings: [
            ...intent.warnings,
            ...intent.findings.map((f) => `${intent.dockerfile.path}:${f.line}: ${f.message}`),
        ],
    };
}

;// CONCATENATED MODULE: ./src/state.ts
/**
 * What the main step hands to the post step through saved state: names only, never a credential.
 * Every key in one place.
 */
const STATE = {
    /** set first thing in main: the same entry file then runs as the post step */
    isPost: 'isPost',
    /** a builder this run created (post removes it) */
    builder: 'builder',
    /** JSON list of registries logged in to (post logs out) */
    logins: 'logins',
    /** JSON list of temporary files and directories main made (post removes them) */
    temp: 'temp',
};
/** Keeps a JSON list in one state key, saved after every addition (a crash mid-run still leaves it). */
function stateList(store, name) {
    const items = [];
    return {
        items,
        add(item) {
            items.push(item);
            store.save(name, JSON.stringify(items));
        },
    };
}
function readStateList(raw) {
    try {
        const v = JSON.parse(raw || '[]');
        return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
    }
    catch {
        return [];
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/docker/build.ts
/**
 * Running `docker buildx build` (argv from src/plan/buildx-argv.ts) and reading what it made from the
 * metadata file. A failure says whether it was a passing registry fault (a push-by-digest build pushes as
 * it goes; re-running it is cheap because every step is cached) or a build error that must fail at once.
 */



class BuildError extends StepError {
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
        throw new StepError('build', 'buildx wrote no readable metadata file; is buildx older than 0.6?');
    }
    const digest = stringOf(raw['containerimage.digest']);
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) {
        throw new StepError('build', 'the metadata file has no containerimage.digest; the build produced no image');
    }
    return { digest, imageId: stringOf(raw['containerimage.config.digest']), raw };
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
        const why = errorText(res.stderr) || `exit code ${res.code}`;
        const transient = isTransientRegistryError(output);
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
    return err instanceof BuildError && isTransientRegistryError(err.output, attempt);
}

;// CONCATENATED MODULE: ./src/steps/build.ts
/** The build itself: `docker buildx build` with the plan's argv, secrets through the environment. */




/**
 * A build that failed on a passing registry fault (pulling a base image, a cache import) is run again: every
 * finished step is cached by then. A build error fails at once.
 */
function build(d, plan, env) {
    const argv = planArgv(plan);
    const opts = {
        metadataFile: plan.spec.metadataFile,
        readFile: (p) => (0,promises_.readFile)(p, 'utf8'),
        env,
        stream: true,
    };
    return withRetry((attempt) => {
        if (attempt > 1)
            d.log.info(`build attempt ${attempt} (finished steps are cached)`);
        return runBuild(d.runner, argv, opts);
    }, { ...d.policy, isTransient: isTransientBuild });
}

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
    const text = (err) => firstLine(messageOf(err));
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
        throw new InputError('cache', 'registry needs an image to keep the cache next to; set images or use cache: gha/local');
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
        throw new StepError('cache mounts', `filling cache mounts failed: ${lastLine(res.stderr)}`);
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
        throw new StepError('cache mounts', `reading cache mounts failed: ${lastLine(res.stderr)}`);
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
                d.warning(`${messageOf(err)}; the build starts with empty cache mounts`);
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
        d.warning(`${messageOf(err)}; ${what} not saved`);
    }
}

;// CONCATENATED MODULE: ./src/steps/cache.ts





function mountsFor(log, intent) {
    const s = intent.settings;
    const df = intent.dockerfile;
    if (s['cache-mounts'] === 'off')
        return [];
    if (s['cache-mounts'] !== 'auto')
        return parseCacheMounts(s['cache-mounts']);
    if (!df.parsed)
        return [];
    const found = cacheMountsIn(df.parsed, argValues(df.parsed, s['build-args']));
    for (const k of found.skipped)
        log.info(`cache mounts: ${df.path}:${k.line} not carried: ${k.reason}`);
    return found.mounts;
}
/**
 * The cache plan. The docker driver on the classic image store exports no cache (buildx refuses --cache-to there,
 * and ignore-error does not cover a refused flag): imports are kept, exports dropped, and the plan says so.
 */
async function decideCache(log, intent, env, tempDir, dockerDriverWithoutStore) {
    const { settings: s, ctx, meta } = intent;
    const df = intent.dockerfile;
    let plan = cachePlan({
        cache: s.cache,
        cacheFrom: s['cache-from'],
        cacheTo: s['cache-to'],
        images: meta.images,
        platforms: s.platforms,
        push: intent.push,
        ref: ctx.ref,
        ...(ctx.pr?.headRef ? { headRef: ctx.pr.headRef } : {}),
        runId: ctx.runId,
        env: cacheEnvOf(env),
        dockerfile: df.text,
        lockfiles: await readLockfiles(s.context),
        tempDir,
        noCache: s['no-cache'],
        mounts: mountsFor(log, intent),
    });
    if (dockerDriverWithoutStore && plan.cacheTo.length > 0 && plan.mode !== 'user') {
        plan = {
            ...plan,
            why: `${plan.why}; no cache export: the docker driver exports cache only with the containerd image store`,
            cacheTo: [],
        };
    }
    log.info(plan.why);
    if (plan.mountsWhy)
        log.info(plan.mountsWhy);
    return plan;
}
function needsDirectories(plan) {
    return plan.local !== undefined || plan.mounts !== undefined;
}
function cacheDeps(d, c) {
    return {
        runner: d.runner,
        store: c.store ?? actionsCacheStore(),
        builder: c.builder,
        helperImage: c.helperImage,
        info: (m) => {
            d.log.info(m);
        },
        warning: (m) => {
            d.log.warning(m);
        },
    };
}
function restoreCache(d, c) {
    return beforeBuild(cacheDeps(d, c), c.plan);
}
function saveCache(d, c, restored) {
    return afterBuild(cacheDeps(d, c), c.plan, restored);
}

;// CONCATENATED MODULE: ./src/steps/phases.ts
class Phases {
    log;
    clock;
    timings = [];
    constructor(log, clock = Date.now) {
        this.log = log;
        this.clock = clock;
    }
    async run(name, fn, note) {
        return this.log.group(name, async () => {
            const started = this.clock();
            let text = 'failed';
            try {
                const r = await fn();
                text = note?.(r);
                return r;
            }
            finally {
                this.timings.push({ step: name, ms: this.clock() - started, ...(text ? { note: text } : {}) });
            }
        });
    }
}

// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/proof/tar.ts
const BLOCK = 512;
function cstring(b, start, len) {
    const s = b.subarray(start, start + len);
    const end = s.indexOf(0);
    return s.subarray(0, end < 0 ? s.length : end).toString('utf8');
}
/** Octal, or base-256 when the high bit is set (GNU, for sizes over 8 GiB). */
function tarNumber(b) {
    if (((b[0] ?? 0) & 0x80) !== 0) {
        let n = (b[0] ?? 0) & 0x7f;
        for (let i = 1; i < b.length; i++)
            n = n * 256 + (b[i] ?? 0);
        return n;
    }
    const t = cstring(b, 0, b.length).trim();
    return t === '' ? 0 : parseInt(t, 8);
}
/** `path=…` and `linkpath=…` of a pax extended header (`<len> key=value\n` records). */
function paxRecords(data) {
    const out = {};
    let i = 0;
    while (i < data.length) {
        const sp = data.indexOf(0x20, i);
        if (sp < 0)
            break;
        const len = parseInt(data.subarray(i, sp).toString(), 10);
        if (!(len > 0))
            break;
        const rec = data.subarray(sp + 1, i + len - 1).toString('utf8');
        const eq = rec.indexOf('=');
        if (eq > 0)
            out[rec.slice(0, eq)] = rec.slice(eq + 1);
        i += len;
    }
    return out;
}
function cleanPath(p) {
    return p.replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '');
}
const TYPES = {
    '0': 'file',
    '\0': 'file',
    '7': 'file',
    '1': 'hardlink',
    '2': 'symlink',
    '5': 'dir',
};
/** Reads every entry of an (uncompressed) tar stream. */
async function readTar(chunks, headBytes = 64) {
    const entries = [];
    let buf = Buffer.alloc(0);
    let pending;
    let data = [];
    let left = 0;
    let pax = {};
    let longName = '';
    let longLink = '';
    const finish = () => {
        if (!pending)
            return;
        const body = Buffer.concat(data);
        const { typeflag } = pending;
        if (typeflag === 'x')
            pax = paxRecords(body);
        else if (typeflag === 'L')
            longName = cstring(body, 0, body.length);
        else if (typeflag === 'K')
            longLink = cstring(body, 0, body.length);
        else if (typeflag !== 'g') {
            entries.push({
                path: cleanPath(pax.path ?? (longName || pending.path)),
                type: TYPES[typeflag] ?? 'other',
                linkname: pax.linkpath ?? (longLink || pending.linkname),
                head: body,
            });
            pax = {};
            longName = '';
            longLink = '';
        }
        pending = undefined;
        data = [];
    };
    for await (const chunk of chunks) {
        buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
        for (;;) {
            if (pending) {
                const take = Math.min(left, buf.length);
                const kept = data.reduce((n, d) => n + d.length, 0);
                if (kept < pending.keep)
                    data.push(buf.subarray(0, Math.min(take, pending.keep - kept)));
                buf = buf.subarray(take);
                left -= take;
                if (left > 0)
                    break;
                finish();
                continue;
            }
            if (buf.length < BLOCK)
                break;
            const h = buf.subarray(0, BLOCK);
            if (h.every((x) => x === 0)) {
                buf = buf.subarray(BLOCK);
                continue;
            }
            const size = tarNumber(h.subarray(124, 136));
            const typeflag = String.fromCharCode(h[156] ?? 0);
            const prefix = cstring(h, 257, 6).startsWith('ustar') ? cstring(h, 345, 155) : '';
            const name = cstring(h, 0, 100);
            const meta = typeflag === 'x' || typeflag === 'L' || typeflag === 'K' || typeflag === 'g';
            pending = {
                size,
                keep: meta ? size : TYPES[typeflag] === 'file' ? Math.min(headBytes, size) : 0,
                typeflag,
                path: prefix ? `${prefix}/${name}` : name,
                linkname: cstring(h, 157, 100),
            };
            left = Math.ceil(size / BLOCK) * BLOCK;
            buf = buf.subarray(BLOCK);
            if (left === 0)
                finish();
        }
    }
    return entries;
}

;// CONCATENATED MODULE: ./src/proof/rootfs.ts
/**
 * The file system an image's layers make, as far as the arch proof needs it: which path is a file (and its first
 * bytes), a directory or a link, after whiteouts (OCI image spec, layer changesets). Lookups follow symlinks the
 * way the kernel would inside the container, so `/bin/sh → busybox` finds busybox.
 */


const MAX_LINKS = 40;
function mergeLayers(layers) {
    const fs = new Map();
    const removeUnder = (dir, below) => {
        for (const [p, v] of fs)
            if ((dir === '' || p.startsWith(`${dir}/`)) && v.layer < below)
                fs.delete(p);
    };
    layers.forEach((entries, layer) => {
        for (const e of entries) {
            const base = external_node_path_.posix.basename(e.path);
            const dir = external_node_path_.posix.dirname(e.path) === '.' ? '' : external_node_path_.posix.dirname(e.path);
            if (base === '.wh..wh..opq')
                removeUnder(dir, layer);
            else if (base.startsWith('.wh.')) {
                const gone = dir ? `${dir}/${base.slice(4)}` : base.slice(4);
                fs.delete(gone);
                removeUnder(gone, layer + 1);
            }
            else
                fs.set(e.path, { e, layer });
        }
    });
    const resolve = (path, hops) => {
        const parts = cleanPath(external_node_path_.posix.normalize(`/${path}`))
            .split('/')
            .filter((p) => p !== '');
        let cur = '';
        for (let i = 0; i < parts.length; i++) {
            const next = cur ? `${cur}/${parts[i] ?? ''}` : (parts[i] ?? '');
            const hit = fs.get(next)?.e;
            if (hit?.type === 'symlink') {
                if (hops >= MAX_LINKS)
                    return undefined;
                const rest = parts.slice(i + 1).join('/');
                const target = hit.linkname.startsWith('/') ? hit.linkname : external_node_path_.posix.join('/', cur, hit.linkname);
                return resolve(rest ? `${target}/${rest}` : target, hops + 1);
            }
            cur = next;
        }
        return cur;
    };
    return {
        file(path) {
            const real = resolve(path, 0);
            let hit = real === undefined ? undefined : fs.get(real)?.e;
            if (hit?.type === 'hardlink')
                hit = fs.get(cleanPath(hit.linkname))?.e;
            if (!hit || hit.type !== 'file' || real === undefined)
                return undefined;
            return { path, target: `/${real}`, head: hit.head };
        },
    };
}

;// CONCATENATED MODULE: ./src/proof/layout-images.ts
/** The platform images of an OCI layout (src/registry/layout.ts), with their layers read lazily for the proof. */







async function layerEntries(path, mediaType) {
    if (/zstd/.test(mediaType))
        throw new Error(`zstd layers cannot be read by Node ${process.versions.node}; use gzip`);
    const file = (0,external_node_fs_.createReadStream)(path);
    return readTar(/gzip/.test(mediaType) ? file.pipe((0,external_node_zlib_.createGunzip)()) : file);
}
function platformImage(tree, m, config) {
    const doc = objectOf(JSON.parse(m.bytes.toString('utf8')));
    const layers = objectsOf(doc.layers).map((l) => ({
        digest: stringOf(l.digest),
        mediaType: stringOf(l.mediaType),
    }));
    return {
        platform: m.platform,
        config: runConfigOf(config),
        rootfs: async () => mergeLayers(await Promise.all(layers.map((l) => layerEntries(tree.path(l.digest), l.mediaType)))),
    };
}
/** Every platform image of the tree (attestations are not images). */
async function layoutImages(tree) {
    const images = tree.root.isIndex ? tree.children.filter((c) => !c.attestation) : [tree.root];
    return Promise.all(images.map(async (m) => {
        const configDigest = stringOf(objectOf(objectOf(JSON.parse(m.bytes.toString('utf8'))).config).digest);
        return platformImage(tree, m, JSON.parse((await (0,promises_.readFile)(tree.path(configDigest))).toString('utf8')));
    }));
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./src/registry/auth.ts
/**
 * Registry credentials and the token dance (https://distribution.github.io/distribution/spec/auth/token/).
 * Credentials come from this run's logins first, then docker's own store (config.json `auths`, a credential
 * helper), so a login made by another step is used too. Nothing here logs: a secret never leaves this module
 * except inside an Authorization header.
 */




/** `Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull"` */
function parseChallenge(header) {
    const m = /^\s*(\w+)\s*(.*)$/s.exec(header);
    if (!m)
        return undefined;
    const scheme = (m[1] ?? '').toLowerCase();
    if (scheme !== 'bearer' && scheme !== 'basic')
        return undefined;
    const params = {};
    for (const p of (m[2] ?? '').matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
        params[(p[1] ?? '').toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
    }
    return { scheme, params };
}
function basicHeader(c) {
    return `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
}
/** The keys docker writes for a host in config.json (Docker Hub keeps its historical URL). */
function configKeys(host) {
    if (host === 'docker.io')
        return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io'];
    return [host, `https://${host}`, `http://${host}`];
}
/** Reads a credential from docker's config (`auths`, `credHelpers`, `credsStore`). */
function dockerConfigSource(runner, env = process.env) {
    let config;
    const load = () => (config ??= (0,promises_.readFile)((0,external_node_path_.join)(env.DOCKER_CONFIG ?? (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.docker'), 'config.json'), 'utf8')
        .then((t) => {
        const doc = JSON.parse(t);
        return isObject(doc) ? doc : {};
    })
        .catch(() => ({})));
    return async (host) => {
        const doc = await load();
        const keys = configKeys(host);
        const helpers = isObject(doc.credHelpers) ? doc.credHelpers : {};
        const helper = keys.map((k) => stringOf(helpers[k])).find((h) => h !== '') || stringOf(doc.credsStore);
        const auths = isObject(doc.auths) ? doc.auths : {};
        for (const k of keys) {
            const a = auths[k];
            if (!isObject(a))
                continue;
            const decoded = Buffer.from(stringOf(a.auth), 'base64').toString('utf8');
            const colon = decoded.indexOf(':');
            if (colon > 0)
                return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
        }
        if (helper === '')
            return undefined;
        for (const k of keys) {
            const r = await runner.run(`docker-credential-${helper}`, ['get'], { input: k }).catch(() => undefined);
            if (!r || r.code !== 0)
                continue;
            const got = JSON.parse(r.stdout);
            if (isObject(got) && stringOf(got.Secret) !== '') {
                return { username: stringOf(got.Username), password: stringOf(got.Secret) };
            }
        }
        return undefined;
    };
}
/** This run's logins first (by host), then `fallback`. */
function chainSources(logins, fallback) {
    return async (host) => {
        const l = logins.find((x) => loginHost(x.registry) === host);
        return l ? { username: l.username, password: l.password } : fallback(host);
    };
}
/** The host a `docker login REGISTRY` argument names ('' is Docker Hub). */
function loginHost(registry) {
    const h = registry.replace(/^https?:\/\//, '').replace(/\/.*$/, '');
    return h === '' || h === 'index.docker.io' || h === 'registry-1.docker.io' ? 'docker.io' : h;
}

;// CONCATENATED MODULE: ./src/registry/reference.ts
/** Loopback is an insecure registry by default in docker; so it is here. */
function isLoopback(host) {
    const name = host.replace(/:\d+$/, '');
    return name === 'localhost' || /^127\.\d+\.\d+\.\d+$/.test(name) || name === '[::1]';
}
/** `ghcr.io/acme/app`, `acme/app`, `alpine` (no tag or digest). */
function parseRepository(image) {
    const bare = image.replace(/@.*$/, '');
    const slash = bare.indexOf('/');
    const first = slash < 0 ? '' : bare.slice(0, slash);
    const hasHost = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
    let host = hasHost ? first : 'docker.io';
    let path = hasHost ? bare.slice(slash + 1) : bare;
    // a tag on the repository name (`img:1`) is not part of it; a port is (handled above)
    const colon = path.lastIndexOf(':');
    if (colon >= 0)
        path = path.slice(0, colon);
    if (host === 'index.docker.io')
        host = 'docker.io';
    if (host === 'docker.io' && !path.includes('/'))
        path = `library/${path}`;
    return {
        host,
        apiHost: host === 'docker.io' ? 'registry-1.docker.io' : host,
        path,
        scheme: isLoopback(host) ? 'http' : 'https',
    };
}
/** `host/path` as users write it (Docker Hub without its host). */
function repositoryName(r) {
    return r.host === 'docker.io' ? r.path.replace(/^library\//, '') : `${r.host}/${r.path}`;
}

;// CONCATENATED MODULE: ./src/registry/client.ts
/**
 * A small registry API client (distribution spec v2) for what the action writes and reads itself: blobs and
 * manifests by digest, tags, manifest reads. Every request is retried on its own under the run's retry policy,
 * so a transient fault costs one request, not the release. Authentication follows the registry's challenge
 * (bearer token or basic) with credentials from a CredentialSource; no secret is ever part of an error.
 */







class RegistryError extends StepError {
    status;
    transient;
    refused;
    retryAfter;
    constructor(step, detail, status, transient, 
    /** nothing answered at all: a registry restarting, or none there */
    refused = false, 
    /** seconds the registry asked to wait (Retry-After) */
    retryAfter) {
        super(step, detail);
        this.status = status;
        this.transient = transient;
        this.refused = refused;
        this.retryAfter = retryAfter;
        this.name = 'RegistryError';
    }
}
/** 429 and 5xx are passing; so are a dropped connection and a timeout. */
function isTransientStatus(status) {
    return status === 429 || status === 408 || (status >= 500 && status <= 599 && status !== 501);
}
/** How often "nothing listening" is retried: a registry restarting is back within a second or two. */
const REFUSED_ATTEMPTS = 2;
function isRetryable(err, attempt) {
    if (!(err instanceof RegistryError) || !err.transient)
        return false;
    return !err.refused || attempt < REFUSED_ATTEMPTS;
}
/** The registry's own words: `UNAVAILABLE: injected 503`, from its JSON error body when it sent one. */
function registryMessage(body) {
    try {
        const first = objectsOf(objectOf(JSON.parse(body.toString('utf8'))).errors)[0];
        if (first)
            return [stringOf(first.code), stringOf(first.message)].filter((x) => x !== '').join(': ');
    }
    catch {
        // not JSON: fall through
    }
    return firstLine(body.toString('utf8').trim()).slice(0, 200);
}
function sha256(bytes) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
}
function causeCode(err) {
    const cause = objectOf(objectOf(err).cause);
    return stringOf(cause.code) || stringOf(objectOf(err).name);
}
class RegistryClient {
    deps;
    tokens = new Map();
    fetch;
    constructor(deps) {
        this.deps = deps;
        this.fetch = deps.fetch ?? fetch;
    }
    url(repo, path) {
        if (/^https?:\/\//.test(path))
            return path;
        if (path.startsWith('/'))
            return `${repo.scheme}://${repo.apiHost}${path}`;
        return `${repo.scheme}://${repo.apiHost}/v2/${repo.path}/${path}`;
    }
    /** One request, retried on passing faults under the run's policy; throws RegistryError otherwise. */
    request(repo, spec) {
        return withRetry(() => this.once(repo, spec), {
            ...this.deps.policy,
            isTransient: isRetryable,
            askedWaitMs: (err) => err instanceof RegistryError && err.retryAfter !== undefined ? err.retryAfter * 1000 : undefined,
        });
    }
    async once(repo, spec, authRetry = true) {
        const key = `${repo.apiHost} ${repo.path} ${spec.scope}`;
        const auth = this.tokens.get(key);
        const what = `${spec.method} ${repositoryName(repo)} ${shortPath(spec.path)}`;
        const step = this.deps.step ?? 'registry';
        const body = spec.body?.();
        let res;
        try {
            res = await this.fetch(this.url(repo, spec.path), {
                method: spec.method,
                headers: {
                    ...spec.headers,
                    ...(auth ? { authorization: auth } : {}),
                    ...(body ? { 'content-length': String(body.length) } : {}),
                },
                ...(body ? { body: body.data, duplex: 'half' } : {}),
                redirect: 'follow',
                signal: AbortSignal.timeout(this.deps.timeoutMs ?? 300_000),
            });
        }
        catch (err) {
            const code = causeCode(err);
            const refused = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
            throw new RegistryError(step, `${what}: ${code || 'network error'}`, 0, true, refused);
        }
        const bytes = Buffer.from(await res.arrayBuffer().catch(() => new ArrayBuffer(0)));
        if (res.status === 401 && authRetry) {
            const challenge = parseChallenge(res.headers.get('www-authenticate') ?? '');
            if (challenge) {
                this.tokens.set(key, await this.authorize(repo, challenge, spec.scope, step));
                return this.once(repo, spec, false);
            }
        }
        if (spec.ok.includes(res.status))
            return { status: res.status, headers: res.headers, body: bytes };
        const said = registryMessage(bytes);
        const retryAfter = Number(res.headers.get('retry-after') ?? '');
        throw new RegistryError(step, `${what}: ${res.status} ${res.statusText || (external_node_http_.STATUS_CODES[res.status] ?? '')}${said ? ` (${said})` : ''}`, res.status, isTransientStatus(res.status), false, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
    }
    async authorize(repo, c, scope, step) {
        const creds = await this.deps.credentials(repo.host);
        if (c.scheme === 'basic') {
            if (!creds)
                throw new RegistryError(step, `${repositoryName(repo)}: the registry asks for a login; log in first`, 401, false);
            return basicHeader(creds);
        }
        const realm = c.params.realm ?? '';
        const u = new URL(realm);
        if (c.params.service)
            u.searchParams.set('service', c.params.service);
        u.searchParams.set('scope', `repository:${repo.path}:${scope}`);
        let res;
        try {
            res = await this.fetch(u, {
                headers: creds ? { authorization: basicHeader(creds) } : {},
                signal: AbortSignal.timeout(60_000),
            });
        }
        catch (err) {
            throw new RegistryError(step, `token from ${u.host}: ${causeCode(err) || 'network error'}`, 0, true);
        }
        const text = await res.text();
        if (!res.ok) {
            throw new RegistryError(step, `token from ${u.host} for ${repositoryName(repo)} (${scope}): ${res.status} ${res.statusText}; check the login's username and token and its permission on the repository`, res.status, isTransientStatus(res.status));
        }
        const doc = objectOf(JSON.parse(text));
        const token = stringOf(doc.token) || stringOf(doc.access_token);
        return `Bearer ${token}`;
    }
}
/** `manifests/sha256:0123456789ab…` for error lines: the interesting end of a path, shortened. */
function shortPath(path) {
    const p = path.replace(/^https?:\/\/[^/]+/, '').replace(/^\/v2\/.+?\/(blobs|manifests)\//, '$1/');
    return p.replace(/(sha256:[0-9a-f]{12})[0-9a-f]{52}/g, '$1…').replace(/\?.*$/, '');
}

;// CONCATENATED MODULE: ./src/registry/layout.ts
/**
 * An OCI image layout on disk (what `buildx build --output type=oci,tar=false` writes): the image's manifests
 * as exact bytes and its blobs as files, read into one tree. Pure apart from the injected file reader.
 */




function descriptor(d) {
    const o = objectOf(d);
    return { digest: stringOf(o.digest), mediaType: stringOf(o.mediaType), size: Number(o.size ?? 0) };
}
function blobPath(dir, digest) {
    const [alg = 'sha256', hex = ''] = digest.split(':');
    return (0,external_node_path_.join)(dir, 'blobs', alg, hex);
}
/** Reads the manifest `digest` (default: the one index.json names) and everything below it. */
async function readImageTree(dir, read, digest) {
    const rootDigest = digest ??
        descriptor(objectsOf(objectOf(JSON.parse((await read((0,external_node_path_.join)(dir, 'index.json'))).toString())).manifests)[0])
            .digest;
    const blobs = new Map();
    const node = async (d, attestation) => {
        const bytes = await read(blobPath(dir, d.digest));
        const doc = objectOf(JSON.parse(bytes.toString('utf8')));
        const mediaType = stringOf(doc.mediaType) || d.mediaType;
        const isIndex = INDEX_TYPES.has(mediaType) || Array.isArray(doc.manifests);
        let platform = '';
        if (!isIndex) {
            const config = descriptor(doc.config);
            for (const b of [config, ...objectsOf(doc.layers).map(descriptor)])
                blobs.set(b.digest, b);
            if (!attestation)
                platform = platformOf(objectOf(JSON.parse((await read(blobPath(dir, config.digest))).toString())));
        }
        return { digest: d.digest, mediaType, size: bytes.length, bytes, isIndex, platform, attestation };
    };
    const root = await node({ digest: rootDigest, mediaType: '', size: 0 }, false);
    const children = root.isIndex
        ? await Promise.all(objectsOf(objectOf(JSON.parse(root.bytes.toString('utf8'))).manifests).map((m) => node(descriptor(m), stringOf(objectOf(m.annotations)['vnd.docker.reference.type']) === 'attestation-manifest')))
        : [];
    return { root, children, blobs: [...blobs.values()], path: (d) => blobPath(dir, d) };
}
/** Config and layers of one image manifest. */
function blobsOf(m) {
    const doc = objectOf(JSON.parse(m.bytes.toString('utf8')));
    return [descriptor(doc.config), ...objectsOf(doc.layers).map(descriptor)];
}
/**
 * A one-platform OCI index holding `m` (what `imagetools create IMAGE@DIGEST` makes of a single manifest): the
 * root of a per-arch tree, its only child `m`.
 */
function singlePlatformTree(tree, m) {
    const [os = '', architecture = '', variant] = m.platform.split('/');
    const bytes = Buffer.from(JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
            {
                mediaType: m.mediaType,
                digest: m.digest,
                size: m.size,
                platform: { architecture, os, ...(variant ? { variant } : {}) },
            },
        ],
    }));
    const root = {
        digest: `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        size: bytes.length,
        bytes,
        isIndex: true,
        platform: '',
        attestation: false,
    };
    return { root, children: [m], blobs: blobsOf(m), path: (d) => tree.path(d) };
}
/** Compressed size of each platform image (config + layers), for the summary. */
function platformSizes(tree) {
    const images = tree.root.isIndex ? tree.children.filter((c) => !c.attestation) : [tree.root];
    return Object.fromEntries(images.map((m) => [m.digest, manifestSize(m.bytes.toString('utf8'))]));
}

;// CONCATENATED MODULE: ./src/registry/push.ts
/**
 * Publishing an image tree without a tag: blobs, then platform manifests, then the index, all by digest; then
 * reading it back by digest; tags are separate PUTs of the verified index bytes (one request each, atomic), made
 * only after every check passed. Each request is retried on its own (RegistryClient); the whole push is
 * retried while it makes progress (pushWithProgress).
 */






/** Accept every kind of manifest: a registry answers what it holds, byte for byte. */
const MANIFEST_ACCEPT = [...INDEX_TYPES, ...MANIFEST_TYPES].join(', ');
/** Runs `work` over `items`, at most `limit` at a time; the first failure rejects (the others finish). */
async function eachLimited(items, limit, work) {
    let next = 0;
    const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
        while (next < items.length)
            await work(items[next++]);
    });
    const settled = await Promise.allSettled(lanes);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed)
        throw failed.reason;
}
async function pushBlob(client, repo, tree, b) {
    const head = await client.request(repo, {
        method: 'HEAD',
        path: `blobs/${b.digest}`,
        scope: 'pull,push',
        ok: [200, 404],
    });
    if (head.status === 200)
        return;
    const start = await client.request(repo, {
        method: 'POST',
        path: 'blobs/uploads/',
        scope: 'pull,push',
        ok: [202],
    });
    const location = start.headers.get('location') ?? '';
    if (location === '')
        throw new StepError('push', `${repositoryName(repo)}: the registry gave no upload location`);
    const url = new URL(location, client.url(repo, '/'));
    url.searchParams.set('digest', b.digest);
    await client.request(repo, {
        method: 'PUT',
        path: url.toString(),
        scope: 'pull,push',
        headers: { 'content-type': 'application/octet-stream' },
        body: () => ({ data: (0,external_node_fs_.createReadStream)(tree.path(b.digest)), length: b.size }),
        ok: [201],
    });
}
function putManifest(client, repo, m, ref) {
    return client.request(repo, {
        method: 'PUT',
        path: `manifests/${ref}`,
        scope: 'pull,push',
        headers: { 'content-type': m.mediaType },
        body: () => ({ data: m.bytes, length: m.bytes.length }),
        ok: [201],
    });
}
/** Blobs (4 at a time), then the root's children, then the root: all by digest, no tag. */
async function pushTree(client, repo, tree, progress) {
    await eachLimited(tree.blobs, 4, async (b) => {
        await pushBlob(client, repo, tree, b);
        progress.blobs.add(`${repo.path} ${b.digest}`);
    });
    await eachLimited(tree.children, 4, async (m) => {
        await putManifest(client, repo, m, m.digest);
        progress.manifests.add(`${repo.path} ${m.digest}`);
    });
    await putManifest(client, repo, tree.root, tree.root.digest);
    progress.manifests.add(`${repo.path} ${tree.root.digest}`);
}
/**
 * Every repository gets the whole tree. A push that gave up on one request is repeated while each attempt gets
 * further than the last (within the policy's budget); finished parts are skipped cheaply (HEAD) the next time.
 */
async function pushEverywhere(client, repos, tree, policy) {
    const progress = { blobs: new Set(), manifests: new Set() };
    await withProgress(async () => {
        for (const repo of repos)
            await pushTree(client, repo, tree, progress);
    }, () => progress.blobs.size + progress.manifests.size, policy);
    return progress;
}
async function readManifest(client, repo, ref) {
    const res = await client.request(repo, {
        method: 'GET',
        path: `manifests/${ref}`,
        scope: 'pull',
        headers: { accept: MANIFEST_ACCEPT },
        ok: [200, 404],
    });
    if (res.status === 404)
        return undefined;
    return { digest: sha256(res.body), raw: res.body.toString('utf8') };
}
/**
 * The index as the registry serves it by digest, and each platform manifest present: problems, one line each.
 * A single-manifest root is judged by the platform of its (local) config.
 */
async function verifyByDigest(client, repo, tree, platforms) {
    const name = `${repositoryName(repo)}@${tree.root.digest}`;
    const got = await readManifest(client, repo, tree.root.digest);
    if (!got)
        return { analysis: analyzeIndex('{}', platforms), problems: [`${name}: not in the registry`] };
    const problems = [];
    if (got.digest !== tree.root.digest)
        problems.push(`${name}: served bytes hash to ${got.digest}`);
    const analysis = tree.root.isIndex
        ? analyzeIndex(got.raw, platforms)
        : singleAnalysis(tree.root, platforms);
    problems.push(...indexProblems(name, analysis));
    const heads = await Promise.all(tree.children.map((c) => client.request(repo, {
        method: 'HEAD',
        path: `manifests/${c.digest}`,
        scope: 'pull',
        headers: { accept: MANIFEST_ACCEPT },
        ok: [200, 404],
    })));
    heads.forEach((h, i) => {
        if (h.status === 404)
            problems.push(`${name}: manifest ${tree.children[i]?.digest ?? ''} is missing`);
    });
    return { analysis, problems };
}
/** One manifest is a correct result only for a one-platform build. */
function singleAnalysis(m, requested) {
    return {
        isIndex: requested.length <= 1,
        mediaType: m.mediaType,
        platforms: [{ platform: m.platform, digest: m.digest, size: m.size, mediaType: m.mediaType }],
        attestations: [],
        missing: requested.filter((p) => p !== m.platform),
        duplicates: [],
        unexpected: requested.includes(m.platform) ? [] : [m.platform],
    };
}
/** Points each tag at the root (a PUT of its exact bytes: the digest cannot change). */
async function putTags(client, repo, tree, tags) {
    await eachLimited(tags, 4, async (t) => {
        await putManifest(client, repo, tree.root, t);
    });
}
/** `ref: points at X, expected Y` for each tag that does not hold the root. */
async function push_checkTags(client, repo, tree, tags) {
    const got = await Promise.all(tags.map((t) => readManifest(client, repo, t)));
    return got.flatMap((m, i) => m?.digest === tree.root.digest
        ? []
        : [
            `${repositoryName(repo)}:${tags[i] ?? ''}: points at ${m?.digest ?? 'nothing'}, expected ${tree.root.digest}`,
        ]);
}

;// CONCATENATED MODULE: ./src/steps/publish.ts
/**
 * After the build: the image goes to every registry by digest while its binaries are proven from the layout; it
 * is read back by digest; only when both have passed do tags move: fixed tags, then per-arch tags, then floating
 * tags, each group read back. A failure anywhere leaves every tag where it was.
 */










/** A whole push is repeated while it gets further, within the budget; two attempts without progress end it. */
function progressPolicy(d) {
    return {
        stalls: 2,
        budgetMs: d.pushBudgetMs ?? 600_000,
        isTransient: (e) => isRetryable(e, 1),
        onRetry: (n, err) => {
            d.log.warning(`push attempt ${n} stopped (${firstLine(messageOf(err))}); going on from where it got`);
        },
    };
}
function fail(step, problems) {
    throw new StepError(step, `the registry does not hold what was built (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p}`).join('\n'));
}
function rowsOf(analysis, sizes, proof) {
    return analysis.platforms.map((p) => {
        const r = proof.find((x) => x.platform === p.platform);
        return {
            platform: p.platform,
            digest: p.digest,
            ...(sizes[p.digest] !== undefined ? { size: sizes[p.digest] } : {}),
            ...(r ? { found: r.found ? `${r.path}: ${r.found}` : r.note, ok: r.status === 'ok' } : {}),
        };
    });
}
async function prove(d, plan, tree) {
    if (!plan.verifyArch)
        return [];
    const rows = await verifyArch(await layoutImages(tree), plan.meta.images[0] ?? 'the image');
    for (const r of rows.filter((x) => x.status === 'unverifiable'))
        d.log.warning(`verify-arch: ${r.platform}: ${r.note}`);
    return rows;
}
/** Push and read back by digest in every repository; the proof runs meanwhile. Nothing is tagged here. */
async function pushAndProve(d, client, plan, tree) {
    const proof = prove(d, plan, tree);
    // the proof's failure is reported after the push settles, never as an unhandled rejection
    proof.catch(() => undefined);
    const repos = plan.meta.images.map(parseRepository);
    let analysis = analyzeIndex(tree.root.bytes.toString('utf8'), plan.platforms);
    if (plan.push) {
        const progress = await pushEverywhere(client, repos, tree, {
            stalls: 2,
            budgetMs: d.pushBudgetMs ?? 600_000,
            isTransient: (e) => isRetryable(e, 1),
            onRetry: (n, err) => {
                d.log.warning(`push attempt ${n} stopped (${err instanceof Error ? err.message : String(err)}); going on from where it got`);
            },
        });
        d.log.info(`pushed by digest to ${repos.length} repositor${repos.length === 1 ? 'y' : 'ies'}: ${progress.blobs.size} blobs, ${progress.manifests.size} manifests`);
        if (plan.verify) {
            const checks = await Promise.all(repos.map((r) => verifyByDigest(client, r, tree, plan.platforms)));
            const problems = checks.flatMap((c) => c.problems);
            if (problems.length > 0)
                fail('verify', problems);
            analysis = checks[0]?.analysis ?? analysis;
        }
    }
    return { analysis, proof: await proof };
}
async function moveTags(client, plan, tree, floating) {
    const refs = [];
    const problems = [];
    await Promise.all(plan.tagPlan.map(async (t) => {
        const tags = t.order.filter((x) => t.floating.includes(x) === floating);
        if (tags.length === 0)
            return;
        const repo = parseRepository(t.image);
        await putTags(client, repo, tree, tags);
        refs.push(...tags.map((x) => `${t.image}:${x}`));
        if (plan.verify)
            problems.push(...(await push_checkTags(client, repo, tree, tags)));
    }));
    if (problems.length > 0)
        fail('verify', problems);
    return refs;
}
async function publish(d, plan, layoutDir, digest) {
    const tree = await readImageTree(layoutDir, (p) => (0,promises_.readFile)(p), digest);
    const client = new RegistryClient({
        credentials: d.credentials,
        policy: d.policy,
        step: 'push',
        ...(d.fetch ? { fetch: d.fetch } : {}),
    });
    const { analysis, proof } = await pushAndProve(d, client, plan, tree);
    const sizes = platformSizes(tree);
    const refs = plan.push ? await moveTags(client, plan, tree, false) : [];
    if (plan.perArchTags)
        refs.push(...(await publishPerArch(d, client, plan, tree)));
    if (plan.push)
        refs.push(...(await moveTags(client, plan, tree, true)));
    return { rows: rowsOf(analysis, sizes, proof), attestations: analysis.attestations.length, refs, proof };
}
/**
 * Legacy per-arch tags (IMAGE-ARCH:TAG, as Cluster Autoscaler publishes beside its index): each holds a
 * one-platform index of that platform's manifest, pushed to the per-arch repository by digest, then tagged and
 * read back, like the main index.
 */
async function publishPerArch(d, client, plan, tree) {
    const done = [];
    for (const image of plan.meta.images) {
        for (const m of tree.root.isIndex ? tree.children.filter((c) => !c.attestation) : [tree.root]) {
            const refs = perArchRefs(plan, image, m.platform);
            if (refs.length === 0)
                continue;
            const sub = singlePlatformTree(tree, m);
            const repo = parseRepository(refs[0] ?? '');
            const tags = refs.map((r) => r.slice(r.lastIndexOf(':') + 1));
            await pushEverywhere(client, [repo], sub, progressPolicy(d));
            await putTags(client, repo, sub, tags);
            const problems = plan.verify ? await push_checkTags(client, repo, sub, tags) : [];
            if (problems.length > 0)
                fail('per-arch-tags', problems);
            done.push(...refs);
        }
    }
    return done;
}


;// CONCATENATED MODULE: ./src/docker/publish.ts

/** The ordered imagetools commands that put every image's tags on `source` (IMAGE@DIGEST). Pure. */
function tagSteps(tags, source) {
    const fixed = [];
    const floating = [];
    for (const { image, order, floating: moving } of tags) {
        const stable = order.filter((t) => !moving.includes(t));
        const late = order.filter((t) => moving.includes(t));
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
        floating,
        refs,
        args: ['buildx', 'imagetools', 'create', ...refs.flatMap((r) => ['--tag', r]), source],
    };
}
/** Runs the given steps in order, each retried on transient registry errors; stops at the first failure. */
async function runTagSteps(runner, steps, policy) {
    for (const step of steps)
        await dockerWithRetry(runner, 'tag', step.args, policy);
}

;// CONCATENATED MODULE: ./src/registry/verify.ts
/**
 * Reading back what the registry holds, through `docker buildx imagetools inspect --raw` (docker's own
 * credentials; no registry client of our own), and failing with every problem listed.
 */




async function inspectRaw(runner, ref, policy) {
    const res = await dockerWithRetry(runner, 'verify', ['buildx', 'imagetools', 'inspect', '--raw', ref], policy);
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
        throw new StepError('verify', `the registry does not hold what was built (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
            problems.map((p) => `  ${p}`).join('\n'));
    }
    return { digest: expectedDigest, analysis, refs: digests };
}
/** A single-platform image pushed without an index: its platform is in the config. */
async function singleManifest(runner, ref, m, requested, policy) {
    const res = await dockerWithRetry(runner, 'verify', ['buildx', 'imagetools', 'inspect', `${repositoryOf(ref)}@${m.digest}`, '--format', '{{json .Image}}'], policy);
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

;// CONCATENATED MODULE: ./src/steps/reuse.ts






/** One candidate: its digest and every platform's config in a single imagetools call. */
async function lookup(runner, ref, policy) {
    try {
        const res = await dockerWithRetry(runner, 'skip-unchanged', ['buildx', 'imagetools', 'inspect', ref, '--format', '{{json .}}'], policy);
        return { ref, kind: 'image', image: parseInspect(res.stdout) };
    }
    catch (err) {
        if (err instanceof CommandError && isNotFound(err.output))
            return { ref, kind: 'absent' };
        return { ref, kind: 'error', message: firstLine(messageOf(err)) };
    }
}
/**
 * The index already published for commit `sha` with exactly `platforms`, under one of the candidate tags
 * of the first image; undefined means build (nothing found, or the registry could not tell: warned).
 */
async function findReusable(runner, meta, sha, platforms, policy, log) {
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
    // imagetools copies an index across repositories unchanged
    const steps = tagSteps(tagPlan(meta), `${source}@${found.digest}`);
    let verified;
    for (const floating of [false, true]) {
        const group = steps.filter((s) => s.floating === floating);
        if (group.length === 0)
            continue;
        await runTagSteps(runner, group, policy);
        const refs = group.flatMap((s) => s.refs);
        verified = await verifyPublished(runner, refs, platforms, found.digest, policy);
    }
    if (!verified) {
        // retagSteps gives at least one step whenever meta has an image and a tag; shouldTryReuse checks both
        verified = await verifyPublished(runner, [found.ref], platforms, found.digest, policy);
    }
    return { refs: steps.flatMap((s) => s.refs), verified };
}

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

;// CONCATENATED MODULE: ./src/docker/builder.ts
/**
 * Choosing the buildx builder: an existing one by name, the engine's own (docker driver, when the
 * containerd image store can hold multi-platform images), or a fresh one this run creates and removes.
 */



/** `docker buildx ls --format json` prints one JSON object per builder per line. */
function parseBuilderList(stdout) {
    return stdout
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.startsWith('{'))
        .map((l) => objectOf(JSON.parse(l)))
        .map((b) => {
        const nodes = Array.isArray(b.Nodes) ? b.Nodes.map(objectOf) : [];
        const platforms = nodes.flatMap((n) => (Array.isArray(n.Platforms) ? n.Platforms.map(stringOf) : []));
        return {
            name: stringOf(b.Name),
            driver: stringOf(b.Driver),
            platforms: [...new Set(platforms.filter(Boolean))],
        };
    });
}
async function listBuilders(runner) {
    const res = await docker(runner, 'builder', ['buildx', 'ls', '--format', 'json']);
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
            throw new InputError('builder', `no buildx builder named "${inputs.builder}"; create it first or leave builder empty`);
        }
        return { ...found, created: false };
    }
    const driver = chooseDriver(inputs.driver, facts);
    if (driver === 'docker') {
        if (!facts.containerdStore && inputs.platforms.length > 1) {
            throw new InputError('driver', 'the docker driver builds several platforms only with the containerd image store; enable it ' +
                '(daemon.json "features": {"containerd-snapshotter": true}) or use driver: docker-container');
        }
        // The engine's own builder is named after the docker context ("default" whenever DOCKER_HOST is set).
        // Not listed: `buildx ls` costs ~300 ms a run, and its platforms are the host's plus the registered
        // QEMU handlers, which the QEMU step has already checked.
        return { name: deps.dockerContext ?? 'default', driver: 'docker', created: false, platforms: [] };
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
    await docker(runner, 'builder', args, { stream: true });
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
    await dockerWithRetry(runner, 'qemu', install, policy);
}

;// CONCATENATED MODULE: ./src/steps/setup.ts
/** Steps before the build: QEMU, builder, registry logins. */









async function setupQemu(d, s, facts, binfmt = procBinfmtReader()) {
    // a remote or kubernetes builder runs elsewhere: this host's binfmt says nothing about it
    const elsewhere = s.driver === 'remote' || s.driver === 'kubernetes';
    const handlers = await readQemuHandlers(binfmt);
    if (elsewhere)
        d.log.info(`qemu: not set up here; the ${s.driver} builder emulates (or runs natively) on its own nodes`);
    const plan = qemuPlan(elsewhere ? 'false' : s.qemu, s.platforms, { arch: facts.arch, os: facts.os }, handlers, s['qemu-image']);
    if (plan.install) {
        d.log.info(`installing QEMU handlers: docker ${plan.install.join(' ')}`);
        await installQemu(d.runner, plan.install, d.policy);
    }
    for (const p of plan.platforms)
        d.log.info(`${p.platform}: ${p.runs}`);
    const missing = plan.platforms.filter((p) => p.runs === 'missing').map((p) => p.platform);
    if (missing.length > 0 && !elsewhere) {
        throw new StepError('qemu', `no emulator for ${missing.join(', ')} on this ${facts.arch} host; set qemu: auto or true, or build these on a native runner`);
    }
    return plan;
}
async function setupBuilder(d, s, facts, env) {
    const temp = stateList(d.state, STATE.temp);
    const b = await resolveBuilder(s, {
        runner: d.runner,
        facts,
        writeTempFile: async (name, content) => {
            const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(d.tempDir, 'crossbuild-'));
            temp.add(dir);
            const path = (0,external_node_path_.join)(dir, name);
            await (0,promises_.writeFile)(path, content);
            return path;
        },
        randomId: () => (0,external_node_crypto_.randomBytes)(4).toString('hex'),
        ...(env.DOCKER_CONTEXT ? { dockerContext: env.DOCKER_CONTEXT } : {}),
        willCreate: (name) => {
            d.state.save(STATE.builder, name);
        },
    });
    const unsupported = s.platforms.filter((p) => !b.platforms.includes(p));
    if (b.platforms.length > 0 && unsupported.length > 0) {
        throw new StepError('builder', `builder ${b.name} (${b.driver}) cannot build ${unsupported.join(', ')}; it supports ${b.platforms.join(', ')}`);
    }
    d.log.info(`builder ${b.name} (driver ${b.driver}${b.created ? ', created for this run' : ''})`);
    return b;
}
async function setupLogins(d, logins, notices) {
    for (const n of notices)
        d.log.notice(n);
    // registry names only: credentials never go into saved state
    const done = stateList(d.state, STATE.logins);
    for (const l of logins) {
        await login(d.runner, l, d.policy);
        done.add(l.registry);
        d.log.info(`logged in to ${l.registry || 'Docker Hub'} as ${l.username}`);
    }
    return done.items;
}

;// CONCATENATED MODULE: ./src/job.ts















async function runJob(intent, d) {
    const result = newResult(intent);
    const phases = new Phases(d.log, d.clock);
    try {
        await phasesOf(intent, d, phases, result);
    }
    catch (err) {
        result.failed = messageOf(err);
        // a failed proof still shows what each platform holds
        if (err instanceof ArchProofError) {
            result.rows = err.rows.map((r) => ({
                platform: r.platform,
                digest: '',
                found: r.found ? `${r.path}: ${r.found}` : r.note,
                ok: r.ok,
            }));
        }
    }
    result.steps = phases.timings;
    return result;
}
const describeFacts = (f) => `docker ${f.serverVersion}, buildx ${f.buildxVersion}${f.containerdStore ? ', containerd image store' : ''}`;
async function phasesOf(intent, d, phases, result) {
    const facts = await phases.run('Docker and buildx', () => probeEngine(d.runner), describeFacts);
    // logins first: a nightly that reuses an image reads (and tags) the registry before anything is built
    if (intent.logins.length > 0 || intent.notices.length > 0) {
        await phases.run('Registry login', () => setupLogins(d, intent.logins, intent.notices));
    }
    if (intent.reuse && (await reuseIfUnchanged(intent, d, phases, result)))
        return;
    const builder = await prepareBuilder(intent, d, phases, facts, result);
    const driverWithoutStore = builder.driver === 'docker' && !facts.containerdStore;
    const cache = await decideCache(d.log, intent, d.env, d.tempDir, driverWithoutStore);
    const plan = planFor(intent, d.tempDir, builder, cache);
    result.argv = planArgv(plan);
    result.cache = cache.why;
    result.retagged = false;
    await buildAndPublish(intent, d, phases, { plan, cache, builder: builder.name }, result);
}
async function reuseIfUnchanged(intent, d, phases, result) {
    const { meta, ctx, settings: s } = intent;
    const found = await phases.run('Reuse check', () => findReusable(d.runner, meta, ctx.sha, s.platforms, d.policy, d.log), (f) => (f ? `${f.ref} is this commit` : 'no image for this commit: building'));
    if (!found)
        return false;
    const r = await phases.run('Retag', () => retag(d.runner, meta, found, s.platforms, d.policy), (x) => describeReuse(found, x.refs));
    result.retagged = true;
    result.digest = found.digest;
    result.rows = r.verified.analysis.platforms.map((p) => ({ platform: p.platform, digest: p.digest }));
    result.attestations = r.verified.analysis.attestations.length;
    return true;
}
async function prepareBuilder(intent, d, phases, facts, result) {
    const s = intent.settings;
    const qemu = await phases.run('QEMU', () => setupQemu(d, s, facts, d.binfmt), (q) => (q.needed.length === 0 ? 'all platforms native' : `emulated: ${q.needed.join(', ')}`));
    result.qemuPlatforms = qemu.platforms.filter((p) => p.runs === 'qemu').map((p) => p.platform);
    const builder = await phases.run('Builder', () => setupBuilder(d, s, facts, d.env), (b) => `${b.name} (${b.driver})`);
    // the docker driver builds for the host and every registered QEMU handler
    const platforms = builder.platforms.length > 0
        ? builder.platforms
        : qemu.platforms.filter((p) => p.runs !== 'missing').map((p) => p.platform);
    result.builder = { name: builder.name, platforms };
    return builder;
}
async function buildAndPublish(intent, d, phases, p, result) {
    const s = intent.settings;
    const cacheStep = {
        plan: p.cache,
        builder: p.builder,
        helperImage: s['cache-mounts-helper'],
        ...(d.cacheStore ? { store: d.cacheStore } : {}),
    };
    const restored = needsDirectories(p.cache)
        ? await phases.run('Cache restore', () => restoreCache(d, cacheStep))
        : undefined;
    const temp = stateList(d.state, STATE.temp);
    temp.add(p.plan.spec.metadataFile);
    const out = p.plan.spec.output;
    if (out.kind === 'oci-layout')
        temp.add(out.dest);
    const built = await phases.run('Build', () => build(d, p.plan, secretEnv(s.secrets)), (b) => `${b.digest.slice(0, 19)}${b.cache ? ` · ${b.cache.cached}/${b.cache.steps} steps from cache` : ''}`);
    result.digest = built.digest;
    result.imageId = built.imageId;
    result.metadata = built.raw;
    if (out.kind === 'oci-layout') {
        const pub = await phases.run(p.plan.push ? 'Publish and verify' : 'Architecture proof', () => publish({ ...d, ...(d.fetch ? { fetch: d.fetch } : {}) }, p.plan, out.dest, built.digest), (x) => p.plan.push ? `${x.refs.length} tag(s)` : x.proof.map((r) => `${r.platform} ${r.status}`).join(', '));
        result.rows = pub.rows;
        result.attestations = pub.attestations;
    }
    else if (s['verify-arch'] === 'true') {
        d.log.warning('verify-arch: custom outputs are written by buildx as they say, so there is no layout to inspect; drop outputs to get the proof');
    }
    // last: uploading cache directories must not delay the push
    if (restored)
        await phases.run('Cache save', () => saveCache(d, cacheStep, restored));
}

;// CONCATENATED MODULE: ./src/steps/dry-run.ts






/** The registry work after the build, as comment lines (it is HTTP, not docker commands). */
function registryLines(plan) {
    if (!plan.push)
        return [];
    const digest = 'sha256:<index digest>';
    const lines = plan.meta.images.map((i) => `# registry: push ${i}@${digest} by digest (blobs, manifests, index), read it back`);
    for (const floating of [false, true]) {
        for (const t of plan.tagPlan) {
            const tags = t.order.filter((x) => t.floating.includes(x) === floating);
            if (tags.length > 0)
                lines.push(`# registry: tag ${tags.map((x) => `${t.image}:${x}`).join(' ')} → ${digest}`);
        }
    }
    return lines;
}
async function dryRun(intent, log, env, tempDir) {
    const s = intent.settings;
    // without docker the engine is unknown: `auto` is shown as the docker driver (containerd image store)
    const driver = s.driver === 'auto' || s.driver === 'docker' ? 'docker' : 'other';
    const cache = await decideCache(log, intent, env, tempDir, false);
    // what the real run passes: the named builder, the engine's own (docker driver), or one it creates
    const builder = s.builder || (driver === 'docker' ? 'default' : 'crossbuild-<id>');
    const plan = planFor(intent, tempDir, { name: builder, driver }, cache);
    const result = newResult(intent);
    const argv = planArgv(plan);
    result.argv = argv;
    result.cache = cache.why;
    const around = {
        before: intent.logins.map((l) => shellQuote(['docker', ...loginArgs(l)])),
        after: registryLines(plan),
    };
    result.around = around;
    await log.group('Plan (dry run: no docker, no registry)', () => {
        log.info(`version: ${intent.meta.version}`);
        log.info(`tags:\n  ${intent.meta.tags.join('\n  ')}`);
        for (const c of [...around.before, shellQuote(['docker', ...argv]), ...around.after])
            log.info(c);
        return Promise.resolve();
    });
    return result;
}

;// CONCATENATED MODULE: ./src/summary.ts
/** The job summary: what was built and why, what the registry holds, how long each step took. Pure rendering. */

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
    const { ctx, meta } = r;
    const out = [];
    const title = r.dryRun
        ? 'Crossbuild plan (dry run)'
        : r.failed !== undefined
            ? 'Crossbuild: failed'
            : r.retagged
                ? 'Crossbuild: unchanged, retagged'
                : 'Crossbuild';
    out.push(`## ${title}`, '');
    if (r.failed !== undefined) {
        const [first = '', ...detail] = r.failed.split('\n');
        out.push(`> ❌ ${first}`, '');
        for (const d of detail)
            if (d.trim() !== '')
                out.push(`- ${d.trim()}`);
        if (detail.length > 0)
            out.push('');
    }
    out.push(`Event **${ctx.eventName}** on \`${ctx.ref}\` at \`${ctx.sha.slice(0, 12)}\` → version **${meta.version || '(none)'}**`);
    out.push('', `Platforms: ${r.platforms.map((p) => `\`${p}\``).join(', ')} · ${r.pushReason}`, '');
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
    if (r.rows && r.rows.length > 0) {
        out.push('### Platforms', '', '| platform | digest | size | entrypoint binary |', '|---|---|---|---|');
        for (const p of r.rows) {
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
    if (r.argv && !r.retagged) {
        out.push(r.dryRun ? '### Commands it would run' : '### Build command', '', '```sh');
        out.push(...(r.around?.before ?? []), shellQuote(['docker', ...r.argv]), ...(r.around?.after ?? []));
        out.push('```', '');
    }
    return out.join('\n');
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
/**
 * `{{name}}` expressions in rule values, prefixes, patterns and label values:
 * globals (branch, tag, sha, base_ref, is_default_branch, …), rule-local variables (semver's {{major}}, …)
 * and the date helpers `{{date 'FMT' tz='Area/City'}}` / `{{commit_date …}}`.
 */



function isPullRequest(ctx) {
    return isPullRequestEvent(ctx.eventName) && ctx.pr !== undefined;
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
                throw new InputError(input, `${whole} in "${text}" is malformed; write {{${name} 'YYYYMMDD' tz='Area/City'}}`);
            }
            const tz = a[4] ?? 'UTC';
            try {
                assertTimeZone(tz);
            }
            catch {
                throw new InputError(input, `unknown time zone "${tz}" in ${whole}; use an IANA name such as Europe/Paris`);
            }
            return formatDate(name === 'date' ? env.now : env.commitDate, a[2] ?? 'YYYYMMDD', tz);
        }
        const value = args === '' ? env.vars[name] : undefined;
        if (value === undefined) {
            const known = [...Object.keys(env.vars), 'date', 'commit_date'].map((k) => `{{${k}}}`).join(' ');
            throw new InputError(input, `unknown expression ${whole} in "${text}"; known here: ${known}`);
        }
        return value;
    });
}
/** `enable=` values: after rendering they must be exactly true or false. */
function renderBool(text, env, input, what) {
    const v = render(text, env, input).trim().toLowerCase();
    if (v !== 'true' && v !== 'false') {
        throw new InputError(input, `${what} "${text}" evaluates to "${v}", not true or false; use true, false or {{is_default_branch}}`);
    }
    return v === 'true';
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
            throw new InputError('annotations', `"${key}" has an unknown level; use manifest:, index:, manifest-descriptor: or index-descriptor:`);
        }
        return `${m ? key : `manifest:${key}`}=${value}`;
    });
    return toLines(merge(base, user.join('\n'), 'annotations', env));
}
function labelRecord(labels) {
    return Object.fromEntries(labels.map(keyValue));
}

;// CONCATENATED MODULE: ./src/tags/flavor.ts
/** The `flavor` input: `latest=auto|true|false`, `prefix=X[,onlatest=true]`, `suffix=X[,onlatest=true]`. */


function flavor_bool(line, v) {
    if (v !== 'true' && v !== 'false')
        throw new InputError('flavor', `"${line}": onlatest=${v} is not true or false`);
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
            throw new InputError('flavor', `"${line}": unexpected "${extra?.key ?? 'onlatest'}"; only prefix= and suffix= take ,onlatest=true`);
        }
        switch (head.key) {
            case 'latest':
                if (!['auto', 'true', 'false'].includes(head.value)) {
                    throw new InputError('flavor', `"${line}": latest must be auto, true or false`);
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
                throw new InputError('flavor', `"${line}": unknown key "${head.key || head.value}"; use latest=, prefix= or suffix=`);
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
        throw new InputError('images', `"${name}" is not a valid image name (registry/namespace/name)${hint}`);
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
                    throw new InputError('images', `"${line}": ${f.key}= needs name= on the same line`);
                out.push(f.value.toLowerCase());
            }
            continue;
        }
        let enabled = true;
        for (const f of fields) {
            if (f.key === 'enable')
                enabled = renderBool(f.value, env, 'images', 'enable=');
            else if (f.key !== 'name') {
                throw new InputError('images', `"${line}": unknown "${f.key || f.value}"; a name= line takes only enable=`);
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
function rules_fail(line, detail) {
    throw new InputError('tags', `"${line}": ${detail}`);
}
function compile(line, key, src) {
    try {
        return new RegExp(src);
    }
    catch (e) {
        return rules_fail(line, `${key}=${src} is not a valid regular expression (${e.message}); fix the regex`);
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
            rules_fail(line, `"${f.value}" is not key=value; quote values that contain commas`);
        if (f.key in attrs)
            rules_fail(line, `${f.key}= is given twice; keep one`);
        attrs[f.key] = f.value;
    }
    const type = (attrs.type ?? 'raw');
    if (!RULE_TYPES.includes(type))
        rules_fail(line, `unknown type "${type}"; use one of ${RULE_TYPES.join(', ')}`);
    const allowed = [...COMMON, ...KEYS[type]];
    for (const k of Object.keys(attrs)) {
        if (!allowed.includes(k))
            rules_fail(line, `type=${type} has no "${k}" attribute; it accepts ${allowed.join(', ')}`);
    }
    const rule = { type, attrs, priority: DEFAULT_PRIORITY[type], source };
    if (attrs.priority !== undefined) {
        if (!/^-?\d+$/.test(attrs.priority))
            rules_fail(line, `priority=${attrs.priority} is not an integer`);
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
                rules_fail(line, `type=${rule.type} needs pattern=, e.g. pattern={{version}}`);
            if (a.match)
                rule.regex = compile(line, 'match', a.match);
            break;
        case 'match':
            if (!a.pattern)
                rules_fail(line, 'type=match needs pattern=<regex>, e.g. pattern=v(\\d+\\.\\d+)');
            rule.regex = compile(line, 'pattern', a.pattern);
            a.group ??= '0';
            if (!/^\d+$/.test(a.group))
                rules_fail(line, `group=${a.group} is not a group number`);
            break;
        case 'ref':
            if (!['branch', 'tag', 'pr'].includes(a.event ?? ''))
                rules_fail(line, 'type=ref needs event=branch, event=tag or event=pr');
            if (a.event === 'pr')
                rule.prefix ??= 'pr-';
            break;
        case 'raw':
            if (a.value === undefined || a.value === '')
                rules_fail(line, 'type=raw needs value=');
            break;
        case 'sha':
            a.format ??= 'short';
            if (!['short', 'long'].includes(a.format))
                rules_fail(line, `format=${a.format} is not short or long`);
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
        throw new StepError('tags', `type=describe needs \`git describe --tags --always\`: ${e.message}`);
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
/**
 * Wiring only: inputs → settings → tags → intent → (dry run | job) → one Result → outputs and summary, each
 * written once, on success and on failure alike. Every failure becomes one setFailed line.
 */



















/** One line for the annotation; a multi-line error (verification lists every problem) keeps its detail in a group. */
function main_fail(io, message) {
    const [first = '', ...detail] = message.split('\n');
    if (detail.length === 0) {
        io.setFailed(first);
        return;
    }
    void io.group('Error details', () => {
        for (const d of detail)
            io.info(d);
        return Promise.resolve();
    });
    io.setFailed(`${first} (listed in "Error details" and the job summary)`);
}
function readWorkspace(d, s) {
    const at = (p) => (0,external_node_path_.resolve)(d.cwd, p);
    const path = plan_dockerfilePath(s);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(at(path), 'utf8');
    }
    catch {
        text = undefined;
    }
    let contextExists = false;
    try {
        contextExists = (0,external_node_fs_.statSync)(at(s.context)).isDirectory();
    }
    catch {
        contextExists = false;
    }
    return { dockerfile: dockerfileInfo(path, text), contextExists };
}
/** Settings → tags → intent: everything decided, nothing done. Throws InputError for a bad input. */
async function prepare(d) {
    const settings = readSettings((n) => d.io.input(n));
    const ctx = d.context();
    const git = createGitReader(d.runner, d.cwd, d.tagLister(settings, ctx), (m) => {
        d.io.info(m);
    });
    const meta = await computeMeta(settings, ctx, { now: d.now(), git });
    const ws = readWorkspace(d, settings);
    const intent = makeIntent(settings, ctx, meta, ws.dockerfile, {
        contextExists: ws.contextExists,
        native: [d.hostPlatform],
    });
    for (const v of intent.secrets)
        d.io.setSecret(v);
    return intent;
}
const FINDING_TITLES = {
    'emulated-compile': (p) => `Compiles under QEMU for ${p}`,
    'build-arch-binary': (p) => `Build-machine binary in the ${p} images`,
    'hidden-compile': (p) => `A build script runs under QEMU for ${p} (may compile)`,
};
function report(d, intent) {
    for (const w of intent.warnings)
        d.io.warning(w);
    for (const f of intent.findings) {
        d.io.warning(`${f.message}. Fix: ${f.fix}`, {
            title: FINDING_TITLES[f.kind](f.platforms.join(', ')),
            file: intent.dockerfile.path,
            startLine: f.line,
        });
    }
}
async function execute(d, intent) {
    const tempDir = d.env.RUNNER_TEMP ?? '/tmp';
    if (intent.blocked)
        return { ...newResult(intent), failed: `emulation: ${intent.blocked}` };
    if (intent.settings['dry-run'])
        return dryRun(intent, d.io, d.env, tempDir);
    const s = intent.settings;
    return runJob(intent, {
        runner: d.runner,
        log: d.io,
        // a retried request is routine (the run's summary counts on the result, not on these lines)
        policy: policyOf(s['retry-attempts'], s['retry-wait'], (m) => {
            d.io.info(m);
        }),
        state: {
            save: (k, v) => {
                d.io.saveState(k, v);
            },
        },
        tempDir,
        env: d.env,
        credentials: chainSources(intent.logins, dockerConfigSource(d.runner, d.env)),
        ...(d.fetch ? { fetch: d.fetch } : {}),
        ...(d.binfmt ? { binfmt: d.binfmt } : {}),
        ...(d.cacheStore ? { cacheStore: d.cacheStore } : {}),
        ...(d.clock ? { clock: d.clock } : {}),
    });
}
async function write(io, result) {
    for (const [k, v] of Object.entries(outputsOf(result)))
        io.setOutput(k, v);
    try {
        await io.summary(renderSummary(result));
    }
    catch (err) {
        // the summary is a report, never a reason to fail the run (or to hide the real error)
        io.warning(`job summary not written: ${messageOf(err)}`);
    }
    if (result.failed === undefined)
        return 'ok';
    main_fail(io, result.failed);
    // the advisor blocking the build (emulation: error) is about the Dockerfile given, like a bad input
    return result.failed.startsWith('emulation:') ? 'input-error' : 'failed';
}
/** The action's main step (typescript-action's convention: `run()`, so local runners can call it). */
async function run(d = defaultDeps()) {
    d.io.saveState(STATE.isPost, 'true');
    try {
        const intent = await prepare(d);
        report(d, intent);
        return await write(d.io, await execute(d, intent));
    }
    catch (err) {
        main_fail(d.io, messageOf(err));
        return err instanceof InputError ? 'input-error' : 'failed';
    }
}
function defaultDeps() {
    return {
        io: coreIO(),
        runner: createRunner(),
        context: githubContext,
        tagLister: (s, ctx) => apiTagLister(s['github-token'], ctx.repo.owner, ctx.repo.name),
        env: process.env,
        cwd: process.cwd(),
        now: () => new Date(),
        hostPlatform: hostPlatform(process.arch),
    };
}
/** The platform node runs on, as the builder's native platform when nothing better is known. */
function hostPlatform(arch) {
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

;// CONCATENATED MODULE: ./src/steps/cleanup.ts
/** Post step: log out of what main logged in to, remove a builder it created and its temporary files. Warnings only. */




async function cleanup(runner, log, state) {
    for (const r of readStateList(state(STATE.logins))) {
        const warning = await logout(runner, r);
        if (warning)
            log.warning(warning);
        else
            log.info(`logged out of ${r || 'Docker Hub'}`);
    }
    const builder = state(STATE.builder);
    if (builder !== '') {
        const warning = await removeBuilder(runner, builder);
        if (warning)
            log.warning(warning);
        else
            log.info(`removed builder ${builder}`);
    }
    for (const path of readStateList(state(STATE.temp))) {
        await (0,promises_.rm)(path, { recursive: true, force: true }).then(() => {
            log.info(`removed ${path}`);
        }, (err) => {
            log.warning(`could not remove ${path}: ${err instanceof Error ? err.message : String(err)}`);
        });
    }
}

;// CONCATENATED MODULE: ./src/post.ts
/** Post step: undo what main set up (registry logins, a builder it created, its temporary files). Only ever warns. */




async function post(io = coreIO(), runner = createRunner()) {
    try {
        await cleanup(runner, io, (n) => io.state(n));
    }
    catch (err) {
        io.warning(`post: ${messageOf(err)}`);
    }
}

// EXTERNAL MODULE: ./src/cli/args.ts
var args = __webpack_require__(7593);
;// CONCATENATED MODULE: ./src/cli/context.ts
/** owner/name from a git remote URL (https, ssh, scp-like), or undefined. */
function repoFromRemote(url) {
    const m = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?([^/:]+)[:/](?:\d+\/)?(.+?)(?:\.git)?\/?$/.exec(url.trim());
    if (!m)
        return undefined;
    const path = (m[2] ?? '').split('/');
    const name = path.pop() ?? '';
    return name && path.length > 0 ? { host: m[1] ?? '', owner: path.join('/'), name } : undefined;
}
function context_base(eventName, ref, sha, full, htmlUrl) {
    const slash = full.lastIndexOf('/');
    return {
        eventName,
        ref,
        sha,
        repo: {
            owner: slash < 0 ? '' : full.slice(0, slash),
            name: full.slice(slash + 1),
            fullName: full,
            htmlUrl,
            defaultBranch: '',
            description: '',
            license: '',
        },
        serverUrl: htmlUrl ? new URL(htmlUrl).origin : '',
        runId: 0,
        runNumber: 0,
        actor: '',
        workflow: '',
        payload: {},
    };
}
function date(text) {
    const d = text ? new Date(text) : undefined;
    return d && !Number.isNaN(d.getTime()) ? d : undefined;
}
/** GitLab CI's predefined variables. */
function gitlab(env) {
    const tag = env.CI_COMMIT_TAG;
    const mr = env.CI_PIPELINE_SOURCE === 'merge_request_event';
    const event = env.CI_PIPELINE_SOURCE === 'schedule' ? 'schedule' : mr ? 'pull_request' : 'push';
    const ref = tag
        ? `refs/tags/${tag}`
        : mr
            ? `refs/merge-requests/${env.CI_MERGE_REQUEST_IID ?? '0'}/head`
            : `refs/heads/${env.CI_COMMIT_BRANCH ?? env.CI_COMMIT_REF_NAME ?? ''}`;
    const ctx = context_base(event, ref, env.CI_COMMIT_SHA ?? '', env.CI_PROJECT_PATH ?? '', env.CI_PROJECT_URL ?? '');
    ctx.repo.defaultBranch = env.CI_DEFAULT_BRANCH ?? '';
    ctx.repo.description = env.CI_PROJECT_DESCRIPTION ?? '';
    ctx.runId = Number(env.CI_PIPELINE_ID ?? 0);
    ctx.runNumber = Number(env.CI_PIPELINE_IID ?? 0);
    ctx.actor = env.GITLAB_USER_LOGIN ?? '';
    const commitDate = date(env.CI_COMMIT_TIMESTAMP);
    if (commitDate)
        ctx.commitDate = commitDate;
    if (mr) {
        ctx.pr = {
            number: Number(env.CI_MERGE_REQUEST_IID ?? 0),
            headRef: env.CI_MERGE_REQUEST_SOURCE_BRANCH_NAME ?? '',
            baseRef: env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME ?? '',
            headSha: env.CI_COMMIT_SHA ?? '',
            fromFork: (env.CI_MERGE_REQUEST_SOURCE_PROJECT_ID ?? '') !== (env.CI_MERGE_REQUEST_PROJECT_ID ?? ''),
        };
    }
    return ctx;
}
/** Google Cloud Build's substitutions, passed to the step as environment variables. */
function cloudBuild(env, git) {
    const pr = env._PR_NUMBER;
    const event = pr ? 'pull_request' : 'push';
    const ref = env.TAG_NAME
        ? `refs/tags/${env.TAG_NAME}`
        : pr
            ? `refs/pull/${pr}/head`
            : `refs/heads/${env.BRANCH_NAME ?? ''}`;
    const remote = repoFromRemote(git.remote);
    const full = remote ? `${remote.owner}/${remote.name}` : (env.REPO_NAME ?? git.dirName);
    const ctx = context_base(event, ref, env.COMMIT_SHA ?? git.sha, full, remote ? `https://${remote.host}/${full}` : '');
    if (pr) {
        ctx.pr = {
            number: Number(pr),
            headRef: env._HEAD_BRANCH ?? '',
            baseRef: env._BASE_BRANCH ?? '',
            headSha: env.COMMIT_SHA ?? '',
            fromFork: false,
        };
    }
    if (git.commitDate && ctx.sha === git.sha)
        ctx.commitDate = git.commitDate;
    return ctx;
}
/** The local repository: an exact tag on HEAD is a release, else the branch. */
function context_local(git) {
    const remote = repoFromRemote(git.remote);
    const full = remote ? `${remote.owner}/${remote.name}` : git.dirName;
    const ref = git.tag ? `refs/tags/${git.tag}` : `refs/heads/${git.branch}`;
    const ctx = context_base('push', ref, git.sha, full, remote ? `https://${remote.host}/${full}` : '');
    if (git.commitDate)
        ctx.commitDate = git.commitDate;
    return ctx;
}
function ciKind(env) {
    if (env.GITHUB_ACTIONS === 'true')
        return 'github';
    if (env.GITLAB_CI === 'true')
        return 'gitlab';
    if (env.BUILD_ID && (env.TAG_NAME || env.BRANCH_NAME || env.COMMIT_SHA))
        return 'cloudbuild';
    return 'local';
}
/** The context for CI kinds other than GitHub's (which @actions/github reads), with the overrides applied. */
function detectContext(env, git, o = {}) {
    const kind = ciKind(env);
    const ctx = kind === 'gitlab' ? gitlab(env) : kind === 'cloudbuild' ? cloudBuild(env, git) : context_local(git);
    return applyOverrides(ctx, o);
}
function applyOverrides(ctx, o) {
    const out = { ...ctx };
    if (o.ref !== undefined)
        out.ref = o.ref.startsWith('refs/')
            ? o.ref
            : /^v?\d/.test(o.ref)
                ? `refs/tags/${o.ref}`
                : `refs/heads/${o.ref}`;
    if (o.sha !== undefined)
        out.sha = o.sha;
    if (o.event !== undefined)
        out.eventName = o.event;
    return out;
}

// EXTERNAL MODULE: ./src/cli/inputs.generated.ts
var inputs_generated = __webpack_require__(4022);
;// CONCATENATED MODULE: ./src/cli/io.ts

class CliIO {
    flags;
    env;
    write;
    outputs = {};
    summaries = [];
    failed;
    saved = new Map();
    secrets = [];
    constructor(flags, env, write) {
        this.flags = flags;
        this.env = env;
        this.write = write;
    }
    say(line) {
        let out = line;
        for (const s of this.secrets)
            out = out.split(s).join('***');
        this.write(out);
    }
    input(name) {
        const fromFlag = this.flags[name];
        if (fromFlag !== undefined)
            return fromFlag;
        const fromEnv = this.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
        if (fromEnv !== undefined)
            return fromEnv;
        // the runner fills in action.yml's defaults; here that is our job (expressions like ${{ github.token }} aside)
        const dflt = inputs_generated/* INPUTS */.mc.find((i) => i.name === name)?.default ?? '';
        return dflt.includes('${{') ? '' : dflt;
    }
    info(m) {
        this.say(m);
    }
    warning(m, where) {
        const at = where?.file ? `${where.file}${where.startLine ? `:${where.startLine}` : ''}: ` : '';
        this.say(`warning: ${at}${m}`);
    }
    notice(m) {
        this.say(`notice: ${m}`);
    }
    async group(name, fn) {
        this.say(`▸ ${name}`);
        return fn();
    }
    setSecret(v) {
        if (v !== '')
            this.secrets.push(v);
    }
    setOutput(n, v) {
        this.outputs[n] = v;
    }
    saveState(n, v) {
        this.saved.set(n, v);
    }
    state(n) {
        return this.saved.get(n) ?? '';
    }
    summary(md) {
        this.summaries.push(md);
        return Promise.resolve();
    }
    setFailed(m) {
        this.failed = m;
        this.say(`error: ${m}`);
    }
}

;// CONCATENATED MODULE: ./src/cli/lint.ts
/** A build-machine binary is a broken image; an emulated compile is slow; a hidden one may be. */
const lint_LEVELS = {
    'build-arch-binary': 'error',
    'emulated-compile': 'warning',
    'hidden-compile': 'note',
};
const RANK = { error: 3, warning: 2, note: 1, none: 99 };
/** Whether any finding is at or above `failOn`. */
function failsAt(results, failOn) {
    return results.some((r) => r.findings.some((f) => RANK[lint_LEVELS[f.kind]] >= RANK[failOn]));
}
function asText(results) {
    const lines = results.flatMap((r) => r.findings.map((f) => `${r.file}:${f.line}: ${lint_LEVELS[f.kind]}: [${f.kind}] ${f.message}\n  fix: ${f.fix}`));
    const n = lines.length;
    return [
        ...lines,
        `${n} finding${n === 1 ? '' : 's'} in ${results.length} file${results.length === 1 ? '' : 's'}`,
    ].join('\n');
}
function asJson(results) {
    return JSON.stringify(results.flatMap((r) => r.findings.map((f) => ({ file: r.file, level: lint_LEVELS[f.kind], ...f }))), null, 2);
}
const RULES = [
    {
        id: 'build-arch-binary',
        name: 'BuildMachineBinary',
        text: 'A binary compiled for the build machine reaches the images of other platforms',
    },
    { id: 'emulated-compile', name: 'EmulatedCompile', text: 'A compile step runs under QEMU emulation' },
    {
        id: 'hidden-compile',
        name: 'HiddenCompile',
        text: 'A build script runs under QEMU emulation and may compile',
    },
];
function asSarif(results, version) {
    return JSON.stringify({
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'crossbuild',
                        version,
                        informationUri: 'https://github.com/crossbuild/crossbuild',
                        rules: RULES.map((r) => ({
                            id: r.id,
                            name: r.name,
                            shortDescription: { text: r.text },
                            defaultConfiguration: { level: lint_LEVELS[r.id] },
                        })),
                    },
                },
                results: results.flatMap((r) => r.findings.map((f) => ({
                    ruleId: f.kind,
                    ruleIndex: RULES.findIndex((x) => x.id === f.kind),
                    level: lint_LEVELS[f.kind],
                    message: { text: `${f.message}. Fix: ${f.fix}` },
                    locations: [
                        { physicalLocation: { artifactLocation: { uri: r.file }, region: { startLine: f.line } } },
                    ],
                }))),
            },
        ],
    }, null, 2);
}

;// CONCATENATED MODULE: ./src/cli/main.ts
/**
 * `crossbuild`: the same run as the action (settings → intent → plan → steps → result) from a terminal or any CI.
 * Exit codes: 0 done, 1 lint findings, 2 bad input, 3 build or push failed, 4 verification or proof failed.
 */
















const EXIT = { ok: 0, findings: 1, input: 2, build: 3, verify: 4 };
/** Which exit code a run's outcome (and its failure line) means. */
function exitCodeOf(outcome, failed = '') {
    if (outcome === 'ok')
        return EXIT.ok;
    if (outcome === 'input-error')
        return EXIT.input;
    const step = failed.slice(0, Math.max(0, failed.indexOf(':')));
    return step === 'verify' || step === 'verify-arch' || step === 'per-arch-tags' ? EXIT.verify : EXIT.build;
}
async function gitFacts(runner, cwd) {
    const git = async (...args) => {
        const r = await runner.run('git', args, { cwd }).catch(() => undefined);
        return r?.code === 0 ? r.stdout.trim() : '';
    };
    const [sha, tag, branch, when, remote] = await Promise.all([
        git('rev-parse', 'HEAD'),
        git('describe', '--tags', '--exact-match', 'HEAD'),
        git('rev-parse', '--abbrev-ref', 'HEAD'),
        git('log', '-1', '--format=%cI'),
        git('remote', 'get-url', 'origin'),
    ]);
    const commitDate = when ? new Date(when) : undefined;
    return {
        sha,
        ...(tag ? { tag } : {}),
        branch: branch === 'HEAD' ? '' : branch,
        ...(commitDate && !Number.isNaN(commitDate.getTime()) ? { commitDate } : {}),
        remote,
        dirName: (0,external_node_path_.basename)(cwd),
    };
}
function lint(args, d) {
    const platforms = parsePlatforms(args.inputs.platforms ?? 'linux/amd64,linux/arm64');
    const buildArgs = Object.fromEntries(lines(args.inputs['build-args'] ?? '').map(keyValue));
    const files = args.files.length > 0 ? args.files : [args.inputs.file || 'Dockerfile'];
    const results = files.map((file) => ({
        file,
        findings: adviseEmulation(parseDockerfile((0,external_node_fs_.readFileSync)(`${d.cwd}/${file}`, 'utf8')), {
            requested: platforms,
            native: [hostPlatform(process.arch)],
            buildArgs,
            ...(args.inputs.target ? { target: args.inputs.target } : {}),
        }),
    }));
    d.stdout(args.format === 'sarif'
        ? asSarif(results, d.version)
        : args.format === 'json'
            ? asJson(results)
            : asText(results));
    return failsAt(results, args.failOn) ? EXIT.findings : EXIT.ok;
}
async function main_build(args, d) {
    const io = new CliIO(args.inputs, d.env, d.stderr);
    const overrides = {
        ...(args.ref ? { ref: args.ref } : {}),
        ...(args.sha ? { sha: args.sha } : {}),
        ...(args.event ? { event: args.event } : {}),
    };
    const ctx = ciKind(d.env) === 'github'
        ? applyOverrides(githubContext(), overrides)
        : detectContext(d.env, await gitFacts(d.runner, d.cwd), overrides);
    const outcome = await run({
        io,
        runner: d.runner,
        context: () => ctx,
        tagLister: (s, c) => apiTagLister(s['github-token'], c.repo.owner, c.repo.name),
        env: { ...d.env, RUNNER_TEMP: d.env.RUNNER_TEMP ?? d.env.TMPDIR ?? '/tmp' },
        cwd: d.cwd,
        now: () => new Date(),
        hostPlatform: hostPlatform(process.arch),
        ...(d.fetch ? { fetch: d.fetch } : {}),
    });
    // the post step's work, in the same process: log out, remove a created builder and temporary files
    await post(io, d.runner);
    if (args.json) {
        const outputs = Object.fromEntries(inputs_generated/* OUTPUTS */.py.filter((o) => io.outputs[o] !== undefined).map((o) => [o, io.outputs[o]]));
        d.stdout(JSON.stringify({ ok: io.failed === undefined, ...(io.failed ? { error: firstLine(io.failed) } : {}), outputs }, null, 2));
    }
    else if (io.failed === undefined) {
        d.stderr(`done: ${io.outputs.digest ?? io.outputs.version ?? ''}`);
    }
    return exitCodeOf(outcome, io.failed);
}
async function cli(argv, d) {
    let args;
    try {
        args = parseArgs(argv);
    }
    catch (err) {
        if (!(err instanceof UsageError))
            throw err;
        d.stderr(`crossbuild: ${err.message}`);
        return EXIT.input;
    }
    if (args.help) {
        d.stdout(helpText());
        return EXIT.ok;
    }
    return runCommand(args, d);
}
async function runCommand(args, d) {
    try {
        return args.command === 'lint' ? lint(args, d) : await main_build(args, d);
    }
    catch (err) {
        d.stderr(`crossbuild: ${firstLine(messageOf(err))}`);
        return EXIT.input;
    }
}
function defaultCliDeps(version) {
    return {
        env: process.env,
        cwd: process.cwd(),
        runner: createRunner(process.stderr),
        stdout: (t) => {
            process.stdout.write(`${t}\n`);
        },
        stderr: (l) => {
            process.stderr.write(`${l}\n`);
        },
        version,
    };
}


/***/ })

};
