/**
 * Which shell commands compile (or install native code) — slow under QEMU — and how each toolchain
 * cross-builds instead. Commands are matched at command position only, so `apt-get install gcc` is not a
 * compile step but `CC=clang make` is.
 */
import { posix } from 'node:path';
import { unquote } from '../lines.js';
import { expandVars } from './expand.js';

export type Toolchain = 'go' | 'rust' | 'c' | 'node' | 'python' | 'ruby' | 'dotnet' | 'graalvm';

export interface CompileStep {
  toolchain: Toolchain;
  /** the command as matched, e.g. `go build`, `make` */
  command: string;
  /**
   * a package install that compiles only when a dependency has native code (npm ci, pip install -r): a finding
   * only where the stage also installs a compiler (python3-dev, build-essential, g++, …)
   */
  maybeNative?: boolean;
  /**
   * not the image's binary: `go install tool@version` or `cargo install tool` (a build-machine tool), `cargo chef
   * cook` (the dependencies), `go run build.go` (a build program; what it builds follows its own flags)
   */
  hostTool?: boolean;
}

// `npx node-gyp rebuild` runs node-gyp: npx is a prefix like env or sudo
const PREFIXES = new Set(['env', 'sudo', 'time', 'exec', 'nice', 'command', 'npx']);

/**
 * Split a shell script into simple commands (on ; && || | newlines, parentheses and if/then/do keywords): each with
 * the assignments and prefixes before its command (`GOARCH=arm64 make`, `sudo -E`) and its words from the command on.
 */
function commandWords(script: string): { assign: string[]; words: string[] }[] {
  return script
    .split(/&&|\|\||[;|\n()`]|\$\(/)
    .map((c) =>
      c
        .trim()
        .split(/\s+/)
        // a quote left alone by the split (`LIBS="$(pkg-config …)" ./configure`) is no word
        .filter((w) => w !== '' && !/^["']+$/.test(w)),
    )
    .map((words) => {
      let k = 0;
      let prefixed = false; // options of env/sudo/time (`sudo -E`) are not the command
      for (;;) {
        const w = words[k];
        if (w === undefined) break;
        const skip =
          /^[A-Za-z_][A-Za-z0-9_]*=/.test(w) ||
          PREFIXES.has(w) ||
          /^(then|do|else|elif|if|while|until|!|\{)$/.test(w) ||
          (prefixed && w.startsWith('-'));
        if (!skip) break;
        if (PREFIXES.has(w)) prefixed = true;
        k++;
      }
      const clean = (w: string) => w.replace(/^["']|["']$/g, '');
      return {
        assign: words.slice(0, k).filter((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w)),
        words: words.slice(k).map(clean),
      };
    })
    .filter((c) => c.words.length > 0);
}

/**
 * commandWords with the directory each command runs in, relative to the script's start ('.'), as its `cd DIR`s
 * leave it (`cd /src && make`, `cd helpers; ./build.sh`); a `cd` to a variable's value is not followed.
 */
export function commandsIn(script: string): { dir: string; assign: string[]; words: string[] }[] {
  let dir = '.';
  return commandWords(script).map((c) => {
    const [cmd, to] = c.words;
    if (cmd === 'cd' && to !== undefined && !to.includes('$')) dir = within(dir, to);
    return { dir, ...c };
  });
}

/** A path as seen from `dir` (`cd x`, `make -C x`): an absolute one as it is. */
export function within(dir: string, path: string): string {
  return posix.normalize(path.startsWith('/') ? path : posix.join(dir, path));
}

function simpleCommands(script: string): string[][] {
  return commandWords(script).map((c) => c.words);
}

/**
 * A command's name without its directory; an interpreter named with its version, given or from a variable
 * (`python3.12`, `/venv/bin/python${PYTHON_VERSION}`, `pip3.11`), by the name it is known under.
 */
function base(word: string): string {
  const name = word.slice(word.lastIndexOf('/') + 1);
  const versioned = /^(python|pip)(?:[0-9][0-9.]*|3?\$\{?\w+\}?)$/.exec(name);
  return versioned ? (versioned[1] === 'python' ? 'python3' : 'pip3') : name;
}

const C_TOOLS: ReadonlySet<string> = new Set(['gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'make']);

function classifyGo(sub: string, rest: readonly string[]): CompileStep | undefined {
  // `go install tool` installs the tools go.mod declares (Go 1.24)
  if (sub === 'install' && rest.some((w) => /@[\w.-]+$/.test(w) || w === 'tool'))
    return { toolchain: 'go', command: 'go install', hostTool: true };
  // `go run build.go` (restic, syncthing): compiles a build program, which compiles the product
  if (sub === 'run') return { toolchain: 'go', command: 'go run', hostTool: true };
  // `go get` built and installed binaries before modules (GOPATH era): tools, under emulation a compile still;
  // `go get -d` only downloads (and in module mode, Go 1.18 on, `go get` only edits go.mod)
  if (sub === 'get' && rest.includes('-d')) return undefined;
  if (sub === 'get') return { toolchain: 'go', command: 'go get', hostTool: true };
  return sub === 'build' || sub === 'install' || sub === 'get'
    ? { toolchain: 'go', command: `go ${sub}` }
    : undefined;
}

function classifyCargo(sub: string, rest: readonly string[]): CompileStep | undefined {
  // `cargo install --path .` builds the product; `cargo install tool` a build-machine tool
  if (sub === 'install')
    return rest.some((w) => w === '--path' || w.startsWith('--path='))
      ? { toolchain: 'rust', command: 'cargo install --path' }
      : { toolchain: 'rust', command: 'cargo install', hostTool: true };
  // `cargo run --bin gen` compiles a build program (and its dependencies) and runs it
  if (sub === 'run') return { toolchain: 'rust', command: 'cargo run', hostTool: true };
  // cargo-chef compiles every dependency (not the product itself)
  if (sub === 'chef' && rest.includes('cook'))
    return { toolchain: 'rust', command: 'cargo chef cook', hostTool: true };
  // cargo-zigbuild and cargo-auditable wrap cargo build (`cargo auditable zigbuild --target …`)
  if (sub === 'zigbuild' || (sub === 'auditable' && /^(zig)?build$/.test(rest[1] ?? '')))
    return {
      toolchain: 'rust',
      command: `cargo ${sub === 'auditable' ? `auditable ${rest[1] ?? ''}` : sub}`,
    };
  return sub === 'build' ? { toolchain: 'rust', command: 'cargo build' } : undefined;
}

export const AFTER_BUILD = /^(install|install-\S+|clean|distclean|check|test|uninstall)$/;

/** `make install`, `make -C x install clean`: goals that only copy, clean or test what a compile built. */
function isInstallOnly(args: readonly string[]): boolean {
  const goals = args.filter(
    (w, i) => !w.startsWith('-') && !w.includes('=') && !/^-[Cfj]$/.test(args[i - 1] ?? ''),
  );
  return goals.length > 0 && goals.every((g) => AFTER_BUILD.test(g));
}

const COMPILER_QUERY = /^-(dumpmachine|dumpversion|dumpfullversion|print-[\w-]+(=.*)?|-version|v)$/;

/** xcaddy (Caddy with plugins: FrankenPHP) runs `go build` of a generated main; its GOARCH is the environment's. */
const xcaddy = (sub: string): CompileStep | undefined =>
  sub === 'build' ? { toolchain: 'go', command: 'xcaddy build' } : undefined;

function classify(words: readonly string[]): CompileStep | undefined {
  const cmd = base(words[0] ?? '');
  const sub = words[1] ?? '';
  const rest = words.slice(1);
  // `make install` (or clean, test) after a compile copies what was built: the advisor tells it apart
  if (cmd === 'make' && isInstallOnly(rest)) return { toolchain: 'c', command: 'make install' };
  // `gcc -dumpmachine`, `cc --version`: a question to the compiler, not a compile
  if (C_TOOLS.has(cmd) && cmd !== 'make' && rest.some((w) => COMPILER_QUERY.test(w))) return undefined;
  if (C_TOOLS.has(cmd)) return { toolchain: 'c', command: cmd };
  switch (cmd) {
    // tonistiigi/xx's wrappers: the same builds, for $TARGETPLATFORM when the stage declares it
    case 'go':
    case 'xx-go':
    case 'xcaddy':
      return cmd === 'xcaddy' ? xcaddy(sub) : classifyGo(sub, rest);
    case 'make.bash':
      return { toolchain: 'go', command: 'make.bash' };
    case 'rustc':
      return { toolchain: 'rust', command: 'rustc' };
    case 'node-gyp':
      return { toolchain: 'node', command: 'node-gyp' };
    case 'cargo':
    case 'xx-cargo': {
      // `cargo +nightly build`: a rustup toolchain first
      const args = rest[0]?.startsWith('+') ? rest.slice(1) : rest;
      return classifyCargo(args[0] ?? '', args);
    }
    case 'cmake':
      return rest.includes('--build')
        ? { toolchain: 'c', command: 'cmake --build' }
        : rest.some((w) => w === '..' || w === '.' || /^-[SB]/.test(w)) &&
            !rest.some((w) => /^-(E|P)$|^--(install|version)$/.test(w))
          ? { toolchain: 'c', command: 'cmake' }
          : undefined;
    case 'npm':
    case 'yarn':
    case 'pnpm':
      return nodeInstall(cmd, sub, rest);
    case 'pip':
    case 'pip3':
      return pipInstall(cmd, rest);
    case 'python':
    case 'python3':
      return pythonRun(cmd, words);
    case 'uv':
    case 'poetry':
    case 'pipenv':
    case 'pdm':
    case 'hatch':
      return pythonTool(cmd, rest);
    case 'dotnet':
      return sub === 'publish' || sub === 'build'
        ? { toolchain: 'dotnet', command: `dotnet ${sub}` }
        : undefined;
    default:
      return classifyMore(cmd, sub, words);
  }
}

/** maven's and gradle's ways to ask for a GraalVM native image (native-maven-plugin, Quarkus, Spring Boot, Micronaut). */
const NATIVE_GOAL =
  /(^|\s)(native:compile(-no-fork)?|\S*nativeCompile|nativeBuild)(\s|$)|(^|\s)-P\s*native(\s|,|$)|(^|\s)-Dnative(\s|=|$)|-Dquarkus\.(package\.type=native|native\.enabled=true)/;

const PURE_GEMS: ReadonlySet<string> = new Set(['bundler', 'rake', 'rubygems-update', 'foreman']);

/** The gems `gem install` is given: its words but options and their values (`-v 2.5.1`, `--install-dir DIR`). */
function gemNames(words: readonly string[]): string[] {
  return words.filter(
    (w, i) =>
      !w.startsWith('-') &&
      !/^(-[vinb]|--(version|install-dir|bindir|source|platform))$/.test(words[i - 1] ?? ''),
  );
}

/**
 * javac, maven and gradle make bytecode: the same for every platform, never a wrong-arch binary; GraalVM's native-image
 * (directly, or through maven's and gradle's native goals) makes a native program.
 */
function classifyJvm(cmd: string, args: readonly string[]): CompileStep | undefined {
  if (cmd === 'native-image') return { toolchain: 'graalvm', command: 'native-image' };
  return /^(mvn|mvnw|gradle|gradlew)$/.test(cmd) && NATIVE_GOAL.test(args.join(' '))
    ? { toolchain: 'graalvm', command: `${cmd} (native image)` }
    : undefined;
}

/**
 * `python -m pip …` as pip; setuptools' own commands: build_ext compiles the extension modules; build, bdist_wheel and
 * install do where there are any (a compiler in the stage).
 */
function pythonRun(cmd: string, words: readonly string[]): CompileStep | undefined {
  const [, sub = '', verb = ''] = words;
  if (sub === '-m' && (verb === 'pip' || verb === 'pip3')) return pipInstall(`${cmd} -m pip`, words.slice(3));
  if (!/^(\.\/)?setup\.py$/.test(sub)) return undefined;
  if (verb === 'build_ext') return { toolchain: 'c', command: 'setup.py build_ext' };
  return /^(build|bdist_wheel|install|develop)$/.test(verb)
    ? { toolchain: 'python', command: `setup.py ${verb}`, maybeNative: true }
    : undefined;
}

/** Package and extension builders: Bundler, Alpine's abuild, the php images' installers, autotools' configure. */
function classifyMore(cmd: string, sub: string, words: readonly string[]): CompileStep | undefined {
  const jvm = classifyJvm(cmd, words.slice(1));
  if (jvm) return jvm;
  switch (cmd) {
    // Bundler builds gems' native extensions where a compiler is installed
    case 'bundle':
      return sub === 'install'
        ? { toolchain: 'ruby', command: 'bundle install', maybeNative: true }
        : undefined;
    // `gem install` builds a gem's native extension where a compiler is installed (bundler itself is Ruby; a `.gem`
    // file is the project's own, built by `gem build` from its gemspec: its dependencies came with `bundle install`)
    case 'gem':
      return sub === 'install' && !gemNames(words.slice(2)).every((w) => PURE_GEMS.has(w) || /\.gem$/.test(w))
        ? { toolchain: 'ruby', command: 'gem install', maybeNative: true }
        : undefined;
    // Alpine's package builder compiles the APKBUILD's sources
    case 'abuild':
      return sub === '' || /^-/.test(sub) ? { toolchain: 'c', command: 'abuild' } : undefined;
    // the official php images' extension installers compile C (phpize, configure, make); mlocati's
    // install-php-extensions drives them (and pecl) for each extension it is given
    case 'docker-php-ext-install':
    case 'install-php-extensions':
      return { toolchain: 'c', command: cmd };
    case 'pecl':
      return sub === 'install' ? { toolchain: 'c', command: 'pecl install' } : undefined;
    // the build runners of C/C++ and others, and Debian's and RPM's package builders: each compiles what it is given
    case 'ninja':
    case 'samu':
    case 'scons':
    case 'debuild':
    case 'dpkg-buildpackage':
    case 'rpmbuild':
      return { toolchain: 'c', command: cmd };
    case 'meson':
      return sub === 'compile' ? { toolchain: 'c', command: 'meson compile' } : undefined;
    case 'vcpkg':
      // vcpkg builds every port from source (binary caches aside)
      return sub === 'install' ? { toolchain: 'c', command: 'vcpkg install' } : undefined;
    case 'bazel':
    case 'bazelisk':
    case 'zig':
    case 'swift':
      return sub === 'build' ? { toolchain: 'c', command: `${cmd} build` } : undefined;
    case 'cabal':
    case 'stack': {
      // the first word that is not an option (`stack --no-terminal --install-ghc test --only-dependencies`): test and
      // bench build the package and its dependencies too
      const verb = words.slice(1).find((w) => !w.startsWith('-')) ?? '';
      return /^((v[12]|new)-)?(build|install|test|bench)$/.test(verb)
        ? { toolchain: 'c', command: `${cmd} ${verb}` }
        : undefined;
    }
    // autotools' configure compiles and runs test programs for every feature it checks
    case 'configure':
      return words[0]?.includes('/') ? { toolchain: 'c', command: 'configure' } : undefined;
    default:
      return undefined;
  }
}

/**
 * A package install that may build native modules: not with --ignore-scripts (no install scripts, no node-gyp), and
 * not a global tool (`npm install -g pnpm`).
 */
/** npm's install commands and their aliases (`clean-install`, `ic`, `install-clean` are `ci`). */
const NPM_INSTALLS: ReadonlySet<string> = new Set([
  'ci',
  'clean-install',
  'ic',
  'install-clean',
  'install',
  'i',
]);

function nodeInstall(cmd: string, sub: string, rest: readonly string[]): CompileStep | undefined {
  if (rest.some((w) => w === '--ignore-scripts' || w === '-g' || w === '--global')) return undefined;
  // `npm rebuild --arch=x64 sharp`: prebuilt binaries for a named architecture, fetched (advisor: npmArchUse)
  if (npmArch(rest) !== undefined) return undefined;
  if (cmd === 'npm' && sub === 'rebuild') return { toolchain: 'node', command: 'npm rebuild' };
  const installs =
    cmd === 'npm'
      ? NPM_INSTALLS.has(sub)
      : cmd === 'yarn'
        ? sub === '' ||
          sub === 'install' ||
          sub.startsWith('--') ||
          (sub === 'workspaces' && rest[1] === 'focus')
        : sub === 'install' || sub === 'i';
  return installs
    ? { toolchain: 'node', command: cmd === 'yarn' ? 'yarn' : `${cmd} ${sub}`, maybeNative: true }
    : undefined;
}

/** The architecture an npm/yarn/pnpm command asks prebuilt binaries for (`--arch=x64`, `--cpu arm64`), as written. */
export function npmArch(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const m = /^--(arch|target_arch|target-arch|cpu)(?:=(.*))?$/.exec(words[i] ?? '');
    if (m) return m[2] ?? words[i + 1];
  }
  return undefined;
}

/**
 * uv, poetry, pipenv, pdm and hatch install like pip: `uv pip install …` as pip does; `uv sync`, `poetry install`,
 * `pipenv install`, `pdm install`/`sync` and `hatch env create` (the project's dependencies) maybe native.
 */
function pythonTool(cmd: string, rest: readonly string[]): CompileStep | undefined {
  if (cmd === 'uv' && rest[0] === 'pip') return pipInstall('uv pip', rest.slice(1));
  const sub = rest[0] ?? '';
  return (cmd === 'uv' && sub === 'sync') ||
    (cmd === 'poetry' && sub === 'install') ||
    ((cmd === 'pipenv' || cmd === 'pdm') && (sub === 'install' || sub === 'sync')) ||
    (cmd === 'hatch' && sub === 'env' && rest[1] === 'create')
    ? { toolchain: 'python', command: `${cmd} ${sub}`, maybeNative: true }
    : undefined;
}

const PACKAGING_TOOLS: ReadonlySet<string> = new Set([
  'pip',
  'setuptools',
  'wheel',
  'uv',
  'poetry',
  'pipenv',
  'virtualenv',
  'pip-tools',
  'build',
  'pipx',
  'hatch',
  'flit',
  'twine',
  'setuptools-scm',
  'setuptools_scm',
  'setuptools-rust',
  'setuptools_rust',
  'tox',
  'nox',
  'flake8',
  'pytest',
  'pre-commit',
]);

/** `pip install` compiles sdists unless it is told to take wheels only. */
function pipInstall(cmd: string, words: readonly string[]): CompileStep | undefined {
  // pip's general options come before its command (`pip --disable-pip-version-check install py/.`)
  const at = words.findIndex((w) => !w.startsWith('-'));
  const rest = at < 0 ? [] : words.slice(at);
  // `pip wheel` builds wheels for what it is given: from source where no wheel exists
  if (rest[0] !== 'install' && rest[0] !== 'wheel') return undefined;
  if (rest.some((w, i) => w === '--only-binary=:all:' || (w === '--only-binary' && rest[i + 1] === ':all:')))
    return undefined;
  // the packaging tools themselves (`pip install --upgrade pip setuptools wheel`) are pure-Python wheels
  const names = rest.slice(1).filter((w) => !w.startsWith('-'));
  if (
    names.length > 0 &&
    !rest.some((w) => /^-(r|e|c)$|^--(requirement|editable|constraint)/.test(w)) &&
    names.every((n) => PACKAGING_TOOLS.has(n.toLowerCase().replace(/[<>=~!].*$/, '')))
  )
    return undefined;
  // --no-binary forces a source build; otherwise a wheel is used where one exists
  const forced = rest.some((w) => w.startsWith('--no-binary'));
  return { toolchain: 'python', command: `${cmd} ${rest[0]}`, ...(forced ? {} : { maybeNative: true }) };
}

/** A script a RUN runs: how it was called (`./build.sh`, `node scripts/build.js`) and its path as written. */
export interface ScriptCall {
  label: string;
  path: string;
  /** the words after the script (`./do.sh gobuildstatic`: a subcommand) */
  args: string[];
}

// what a script's name or subcommand says it does: build or compile (then it may compile, whatever else it says), or
// fetch, install, choose, clone, copy, test or set up (then it does not, as far as its name tells)
const BUILDS = /build|compile|make|cmake/i;
const OTHER_WORK =
  /download|fetch|install|packages?\b|choose|select|clone|copy|test|lint|check|verify|assert|clean|version|setup|user|wait|health|entrypoint|deps|goget|tidy|generate|autogen|prepare|env/i;

/**
 * A script whose name says it builds Go (`go-build-static.sh`, a build image's wrapper of `go build`; `hack/build-go.sh`
 * of a cloned repository): a go build where its text cannot be read.
 */
export const goBuildScript = (call: ScriptCall): boolean =>
  /^(go[-_]?build|build[-_]go)([-_.]|$)/i.test(base(call.path));

/** Whether an unread script may compile, by its name and subcommand (`build.sh`, `do.sh gobuildstatic`: yes). */
export function mayCompile(call: ScriptCall): boolean {
  const said = [base(call.path), ...call.args.slice(0, 1)].join(' ');
  return BUILDS.test(said) || !OTHER_WORK.test(said);
}

const DATA_FILE = /\.(json|ya?ml|toml|txt|lock|md|cfg|ini|conf)$/;

const INTERPRETERS = /^((ba|da)?sh|node|python3?)$/;

/** Every script a RUN runs by path (directly, or through sh/bash/node/python): it may compile; its text says. */
export function scriptCalls(script: string): ScriptCall[] {
  const out: ScriptCall[] = [];
  for (const { dir, words } of commandsIn(script)) {
    const [cmd = ''] = words;
    // the shell's own options before the script (`sh -ex ./build_linux.sh`); `-c` takes a command, not a script
    const opts = /^(ba|da)?sh$/.test(base(cmd))
      ? words.slice(1).findIndex((w) => !/^-[a-bd-z]+$/.test(w) && !/^[-+]o$/.test(w))
      : 0;
    const argAt = opts < 0 ? words.length : opts + 1;
    const arg = words[argAt] ?? '';
    const at = (p: string) => (dir === '.' || p.startsWith('/') || p.includes('$') ? p : posix.join(dir, p));
    // a data file named in a quoted expression (`node -p "require('./pkg/package.json')"`) runs nothing; the Maven and
    // Gradle wrappers build bytecode; a framework's own command (`./bin/rails assets:precompile`) bundles assets
    if (DATA_FILE.test(cmd) || /^(mvnw|gradlew|rails|rake|bundle|manage\.py)$/.test(base(cmd))) continue;
    // node/python programs (manage.py, server.js) run all sorts of things: only build programs count
    if (/\.(m?js|py)$/.test(cmd) && !/build|compile/i.test(base(cmd))) continue;
    // a script by its extension, or by a relative path (`./build`) or a scripts directory (`.ci/build`, `hack/make`)
    // (a name before `.sh`: `…-Linux-$(uname -m).sh` is part of a URL, not a command)
    if (
      /[\w-]\.sh$/.test(cmd) ||
      /^\.\.?\//.test(cmd) ||
      /^(\.[\w-]+|hack|scripts?|ci|tools)\/[\w./-]*[\w-]$/.test(cmd) ||
      // the same where the context was copied (`COPY . /app`, then `/app/scripts/build`)
      /^\/[\w./-]*\/(hack|scripts?|ci|tools)\/[\w.-]*[\w-]$/.test(cmd)
    )
      out.push({ label: cmd, path: at(cmd), args: words.slice(1) });
    else if (/^(ba|da)?sh$/.test(base(cmd)) && /\.sh$|\//.test(arg) && !arg.startsWith('-'))
      out.push({ label: `${cmd} ${arg}`, path: at(arg), args: words.slice(argAt + 1) });
    // node/python run all sorts of programs (manage.py, server.js): only build programs count
    else if (INTERPRETERS.test(base(cmd)) && /\.(m?js|py)$/.test(arg) && /build|compile/i.test(base(arg)))
      out.push({ label: `${cmd} ${arg}`, path: at(arg), args: words.slice(2) });
  }
  return out;
}

/**
 * A RUN's text with the values its own quoted assignments give (`deps=" build-essential libpq-dev "`, then `apt-get
 * install $deps`), whitespace and line continuations of a value made single spaces: what a package install names.
 */
function withOwnAssignments(script: string): string {
  const vars = new Map<string, string>();
  for (const m of script.matchAll(/(?:^|[\s;&|(])([A-Za-z_]\w*)=(?:"([^"$`]*)"|'([^']*)')/g))
    vars.set(m[1] ?? '', (m[2] ?? m[3] ?? '').replace(/\\\n/g, ' ').replace(/\s+/g, ' ').trim());
  return vars.size === 0 ? script : expandVars(script, vars);
}

/** A stage that installs a compiler or headers: its package installs may well build native code. */
export function installsCompiler(text: string): boolean {
  const script = withOwnAssignments(text);
  // make alone compiles nothing (it runs what a Makefile says: often a JS bundler); node-gyp needs a C++ compiler
  // rustup's installer brings cargo and rustc (`curl https://sh.rustup.rs | sh`)
  if (/sh\.rustup\.rs|rustup-init|rustup\s+toolchain\s+install/.test(script)) return true;
  const compiler = String.raw`(?<![\w+.-])(build-essential|build-base|gcc|g\+\+|clang|python3?-dev|musl-dev|libffi-dev|linux-headers|cargo|rustc)(?![\w+.-])`;
  const install = /\b(apt-get|apt|apk|yum|dnf|microdnf)\b[^\n]*\b(install|add)\b/;
  // named on the install line, or gathered in a bash array it installs (`TEMP_PACKAGES+=(build-essential)`, then
  // `apt-get install "${TEMP_PACKAGES[@]}"`)
  return (
    new RegExp(`${install.source}[^\\n]*${compiler}`).test(script) ||
    (install.test(script) &&
      new RegExp(String.raw`\b(\w+)\+?=\([^)]*${compiler}[^)]*\)`).test(script) &&
      /\$\{\w+\[[@*]\]\}/.test(script))
  );
}

const COMPILER_PACKAGE = /^(build-essential|build-base|gcc|g\+\+|clang|cc|c\+\+|python3?-dev|musl-dev)$/;

/**
 * Whether a compiler is there after these RUN scripts (in build order): installed by one, and not removed by a later
 * one (`apk add --virtual .build-deps gcc …` then `apk del .build-deps`; `apt-get purge -y gcc build-essential`).
 */
export function compilerAfter(scripts: readonly string[]): boolean {
  let installed = false;
  const virtuals = new Set<string>();
  for (const text of scripts) {
    const script = withOwnAssignments(text);
    if (installsCompiler(script)) {
      installed = true;
      for (const m of script.matchAll(/\bapk\s+add\b[^\n;&|]*?(?:--virtual|-t)[=\s]+(\S+)/g))
        virtuals.add(m[1] ?? '');
    }
    for (const words of simpleCommands(script)) {
      const [cmd = '', sub = ''] = words;
      const removing =
        (cmd === 'apk' && sub === 'del') ||
        (/^apt(-get)?$/.test(cmd) && /^(purge|remove)$/.test(sub)) ||
        (/^(yum|dnf|microdnf)$/.test(cmd) && /^(remove|erase)$/.test(sub));
      if (removing && words.slice(2).some((w) => virtuals.has(w) || COMPILER_PACKAGE.test(w)))
        installed = false;
    }
  }
  return installed;
}

export function compileSteps(script: string): CompileStep[] {
  const out: CompileStep[] = [];
  for (const words of simpleCommands(script)) {
    // a toolchain named through the usual variable (`GO=${GO:-go}` then `${GO} build`, `$CARGO build`)
    const [first = '', ...rest] = words;
    const tool = TOOL_VARS[/^\$\{?([A-Z]+)\}?$/.exec(first)?.[1] ?? ''];
    const step = classify(tool ? [tool, ...rest] : words);
    if (step) out.push(step);
  }
  return out;
}

const TOOL_VARS: Readonly<Record<string, string>> = { GO: 'go', CARGO: 'cargo', CC: 'cc', CXX: 'c++' };

/** What a script's builds write (`go build -o PATH`, `-o "PATH"`), quotes removed, in order. */
export function buildOutputs(script: string): string[] {
  return [...script.matchAll(/\s-o[=\s]+("[^"]*"|'[^']*'|\S+)/g)].map((m) => unquote(m[1] ?? ''));
}

/** `go build` flags that take the next word as their value. */
const GO_VALUE_FLAGS = new Set([
  '-o',
  '-C',
  '-p',
  '-ldflags',
  '-gcflags',
  '-asmflags',
  '-gccgoflags',
  '-tags',
  '-mod',
  '-modfile',
  '-installsuffix',
  '-buildmode',
  '-pkgdir',
  '-overlay',
  '-pgo',
  '-compiler',
  '-toolexec',
]);

/**
 * The file one `go build` writes: its `-o` (a directory, `-o bin/`, gets the package's name), else, for one package
 * path (`go build ./cmd/cel-key`), that package's last element in the working directory. Undefined where go names it
 * after the module or directory (`go build`, `go build .`) or builds several packages; a `go install` only by its -o.
 */
export function goBuildOutput(command: string): string | undefined {
  const all = command
    .replace(/"[^"]*"|'[^']*'/g, 'Q')
    .trim()
    .split(/\s+/);
  // `go install` writes into GOBIN, named after the package: no file of the working directory
  if (all[1] !== 'build') return buildOutputs(command)[0];
  const words = all.slice(2);
  let out: string | undefined;
  const packages: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    if (w === '-o' || w.startsWith('-o=')) out = buildOutputs(` ${command.slice(command.indexOf(w))}`)[0];
    if (GO_VALUE_FLAGS.has(w)) i++;
    else if (!w.startsWith('-')) packages.push(w);
  }
  const only = packages.length === 1 ? (packages[0] ?? '') : '';
  const name = /^(?:\.\/|[\w.-]+\/)[\w./-]*?([\w.-]+)\/?$/.exec(only)?.[1];
  const named = name !== undefined && name !== '.' && !only.endsWith('...') && !only.endsWith('.go');
  if (out !== undefined) return out.endsWith('/') && named ? `${out}${name}` : out;
  return named ? name : undefined;
}

/** The cross-build recipe per toolchain, as one line. */
export const CROSS_FIX: Record<Toolchain, string> = {
  go: 'use FROM --platform=$BUILDPLATFORM, ARG TARGETOS TARGETARCH, and CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build',
  rust: 'use FROM --platform=$BUILDPLATFORM, ARG TARGETARCH, rustup target add for the matching triple and cargo build --target <triple> with a cross linker',
  c: 'use FROM --platform=$BUILDPLATFORM with a cross compiler chosen from ARG TARGETARCH (e.g. gcc-aarch64-linux-gnu, clang --target=<triple>)',
  node: 'run the install in a FROM --platform=$BUILDPLATFORM stage and COPY node_modules when no dependency builds native code (npm_config_arch=$TARGETARCH picks prebuilt binaries)',
  python:
    'install prebuilt wheels (pip install --only-binary=:all:) or build wheels in a FROM --platform=$BUILDPLATFORM stage with pip download --platform for the target',
  ruby: 'install gems with native extensions in a FROM --platform=$BUILDPLATFORM stage only when they ship prebuilt platform gems (bundle lock --add-platform), else keep the compile but cache it',
  dotnet:
    'use FROM --platform=$BUILDPLATFORM, ARG TARGETARCH, and dotnet publish -a $TARGETARCH (amd64 is x64 to dotnet)',
  graalvm:
    "native-image does not cross-compile: build each platform's image on a runner of that architecture (mode: build per platform, then mode: merge), or ship the JVM build",
};
