/**
 * What a COPY or ADD from the build context (or a URL) puts in each platform's image. The source is expanded per
 * target platform as BuildKit does it: a path that names another architecture than the platform's
 * (`COPY app-$TARGETARCH` under `ARG TARGETARCH=amd64`, `./dist/${TARGETARCH:+amd64/}app`, an `ADD …linux-amd64`
 * URL), or one program file the same for every platform (`ADD ./app /usr/local/bin/app`), gives an image a binary
 * of another architecture. Pure.
 */
import { posix } from 'node:path';
import { PROBE_NAMES } from './branches.js';
import { compileSteps } from './compile-steps.js';
import { escapeRegExp, expandVars, varsIn, varsUsed } from './expand.js';
import { finding, type Finding } from './finding.js';
import { archName, archesNamed, expandFor, stageChain, stageVar } from './goarch.js';
import { copyArgs, runScript, type Instruction, type ParsedDockerfile, type Stage } from './parse.js';
import { contextSource, runScripts } from './scripts.js';
import { cpuOf, findStage } from './stages.js';

export interface CopyScope {
  parsed: ParsedDockerfile;
  vars: ReadonlyMap<string, string>;
  buildArgs: Readonly<Record<string, string>>;
  /** the target platforms the stage is built for */
  platforms: readonly string[];
  /** the programs the image runs (ENTRYPOINT/CMD), by file name */
  programs: ReadonlySet<string>;
  /** the stage is built for each target platform (not once on $BUILDPLATFORM, where the context holds sources) */
  perTarget: boolean;
  /** the project's release tool builds each platform's image from its own context (goreleaser's `dockers`) */
  contextPerPlatform?: boolean;
  /** the build machine's platform: what `$BUILDPLATFORM`, `$BUILDARCH` and `$BUILDOS` are in every stage declaring them */
  buildPlatform?: string;
  /** the context's ELF executables by context path → Go arch, as their headers say (src/context-scripts.ts) */
  binaries?: Readonly<Record<string, string>>;
  /** the stage is the image's own, or one it is built FROM */
  inImage?: boolean;
}

// `386` and `arm` alone are left out: too often a number or a word of something else

/** Files read, not run as machine code: scripts, bytecode, configuration, certificates, text. */
const TEXT_FILE =
  /\.(sh|bash|py|js|mjs|cjs|ts|rb|pl|lua|jar|war|conf|cfg|ini|json|ya?ml|toml|txt|md|crt|pem|html|css|patch|diff|xml|properties|env)$/i;

// scripts, configuration and data (TEXT_FILE), and what names itself a helper: the same for every platform by nature
const NOT_A_PROGRAM = /entrypoint|healthcheck|wrapper|^(start|run|init|launch|boot)\b/i;

/** The file names the image runs: the first word of its ENTRYPOINT and CMD, in the image's stage chain. */
export function programsOf(
  parsed: ParsedDockerfile,
  root: Stage | undefined,
  vars: ReadonlyMap<string, string>,
): Set<string> {
  const out = new Set<string>();
  for (const s of root ? stageChain(parsed, root, vars) : [])
    for (const ins of s.instructions) {
      if (ins.keyword !== 'ENTRYPOINT' && ins.keyword !== 'CMD') continue;
      let first = ins.args.trim().split(/\s+/)[0] ?? '';
      try {
        const v: unknown = JSON.parse(ins.args);
        if (Array.isArray(v) && typeof v[0] === 'string') first = v[0];
      } catch {
        // the shell form: its first word
      }
      if (first !== '') out.add(posix.basename(first));
    }
  return out;
}

/**
 * The findings of one COPY/ADD without --from in a stage whose files reach the image. A stage that copies files of
 * several architectures by fixed paths (`COPY cache/amd64/ …`, `COPY cache/arm64/ …`) lets a later step pick: its
 * fixed paths are not one platform's pick.
 */
export function copyFindings(scope: CopyScope, stage: Stage, ins: Instruction): Finding[] {
  const { sources, dest } = copyArgs(ins);
  const literalArches = new Set(
    stage.instructions
      .filter((i) => (i.keyword === 'COPY' || i.keyword === 'ADD') && !i.flags.some((f) => f.name === 'from'))
      .flatMap((i) => copyArgs(i).sources.filter((x) => !x.includes('$')))
      .flatMap((x) => [...archesNamed(x)]),
  );
  const out: Finding[] = elfFindings(scope, stage, ins, sources);
  // a heredoc (`COPY <<EOF /start`) is the same text for every platform; an ELF file read is elfFindings' to judge
  for (const src of sources.filter((x) => !x.startsWith('<<') && elfOf(scope, x) === undefined)) {
    // (`ADD bin/${BUILDPLATFORM}/manager`: the build machine's build, whichever image it goes into)
    const built = scope.buildPlatform === undefined ? src : buildVarsOf(stage, src, scope.buildPlatform);
    const per = scope.platforms.map((p) => ({
      platform: p,
      ...expandFor(scope.parsed, stage, built, scope.vars, scope.buildArgs, p),
      ...(built !== src
        ? { why: `$BUILDPLATFORM is the build machine's, ${scope.buildPlatform ?? ''}` }
        : {}),
    }));
    // a script or text file is the same on every architecture (`arm64-workaround/bridj.sh` is a script about arm64)
    const text = TEXT_FILE.test(src);
    const wrong = per.filter((x) => {
      const named = archesNamed(x.text);
      return (
        !text &&
        named.size === 1 &&
        !named.has(cpuOf(x.platform)) &&
        (src.includes('$') || literalArches.size < 2)
      );
    });
    const first = wrong[0];
    if (first) {
      out.push(
        otherArch(
          stage,
          ins,
          src,
          first,
          wrong.map((w) => w.platform),
        ),
      );
      continue;
    }
    const same = per.every((x) => x.text === per[0]?.text) && !(per[0]?.text ?? '$').includes('$');
    const arches = new Set(scope.platforms.map(cpuOf));
    // from the context only the program the image runs: a bin directory also holds scripts without an extension
    if (
      same &&
      scope.perTarget &&
      !scope.contextPerPlatform &&
      dest.startsWith('/') &&
      arches.size > 1 &&
      archesNamed(src).size === 0 &&
      (isProgram(src, dest, scope.programs, false) || isJavaRuntime(stage, src, dest))
    )
      out.push(oneForAll(stage, ins, per[0]?.text ?? src, scope.platforms));
  }
  return out;
}

/**
 * A Java runtime from the context (`ADD jre /opt/app/jre`, a jlink image made on the build machine): named so, or
 * where the stage points JAVA_HOME. It holds one architecture's `java` and libraries.
 */
function isJavaRuntime(stage: Stage, src: string, dest: string): boolean {
  if (/[*?[]|^\.\/?$/.test(src)) return false;
  const at = dest.replace(/\/+$/, '');
  const home = stage.instructions.some((i) => {
    if (i.keyword !== 'ENV') return false;
    const m = /(?:^|\s)JAVA_HOME[=\s]\s*["']?([^"'\s]+)/.exec(i.args);
    return m !== null && m[1]?.replace(/\/+$/, '') === at;
  });
  return home || /^(jre|jdk)([-_.]?\d[\w.-]*)?$/.test(posix.basename(src.replace(/\/+$/, '')));
}

/** A reference to one of the build machine's platform ARGs (`$BUILDARCH`, `${BUILDPLATFORM}`), its name in group 1. */
export const BUILD_REF = /\$\{?(BUILD(?:PLATFORM|OS|ARCH|VARIANT))\b\}?/;

/** The build machine's platform ARGs a stage declares, with their values: what BuildKit sets them to. */
function buildVarsOf(stage: Stage, text: string, buildPlatform: string): string {
  const [os = 'linux', arch = '', variant = ''] = buildPlatform.split('/');
  const values: Record<string, string> = {
    BUILDPLATFORM: buildPlatform,
    BUILDOS: os,
    BUILDARCH: arch,
    BUILDVARIANT: variant,
  };
  const declared = new Set(stage.args.map((a) => a.name));
  return text.replace(new RegExp(BUILD_REF.source, 'g'), (w, name: string) =>
    declared.has(name) ? (values[name] ?? w) : w,
  );
}

/**
 * A single file (not a directory or glob) that looks like a program: what the image runs, or (with `inBin`) any file
 * in a bin directory.
 */
function isProgram(src: string, dest: string, programs: ReadonlySet<string>, inBin = true): boolean {
  if (/[*?[]|\/$|^\.$/.test(src)) return false;
  const name = posix.basename(src);
  const target = dest.endsWith('/') ? name : posix.basename(dest);
  // copied to the name the image runs (`COPY utils/tini-v0.19.0 /usr/bin/tini`, ENTRYPOINT ["/usr/bin/tini", …])
  if (
    target !== name &&
    programs.has(target) &&
    /(^|\/)s?bin\/[^/]+$/.test(dest) &&
    !TEXT_FILE.test(src) &&
    !NOT_A_PROGRAM.test(target)
  )
    return true;
  // a file from a scripts directory is one by where the project keeps it
  if (NOT_A_PROGRAM.test(name) || name.includes('.') || /(^|\/)scripts?\//.test(src)) return false;
  // data directories (`/usr/local/share/app`, `/etc/app`) hold what a program reads, not the program
  if (/(^|\/)(share|etc|doc|www|html|static|assets|templates?)(\/|$)/.test(posix.dirname(dest))) return false;
  return (inBin && /(^|\/)s?bin(\/|$)/.test(dest)) || programs.has(target) || programs.has(name);
}

function otherArch(
  stage: Stage,
  ins: Instruction,
  src: string,
  at: { platform: string; text: string; why?: string; fix?: string },
  platforms: string[],
): Finding {
  const arch = [...archesNamed(at.text)][0] ?? '';
  const fix =
    at.fix ??
    'name the source by the platform: ARG TARGETARCH declared in the stage (no default), used as-is (${TARGETARCH}, not a fixed word)';
  return finding(
    'build-arch-binary',
    stage,
    ins.line,
    platforms,
    `${ins.keyword} ${src}`,
    fix,
  )(
    `for ${at.platform} the source \`${src}\` is \`${at.text}\`${at.why ? ` (${at.why})` : ''}, ` +
      `so the images for ${platforms.join(', ')} would get linux/${arch} files`,
  );
}

/** The Go arch of a context file whose ELF header was read (src/context-scripts.ts readContextBinaries). */
const elfOf = (scope: CopyScope, src: string): string | undefined => scope.binaries?.[contextSource(src)];

/**
 * Executables the ELF header names one machine for: its machine, not its name, decides; the platforms of another
 * get that one's. A stage on the build machine (not the image's) runs the build machine's own: a code generator.
 */
function elfFindings(
  scope: CopyScope,
  stage: Stage,
  ins: Instruction,
  sources: readonly string[],
): Finding[] {
  if (!scope.perTarget && !scope.inImage) return [];
  return sources.flatMap((src) => {
    const arch = elfOf(scope, src);
    const wrong = scope.platforms.filter((p) => arch !== undefined && cpuOf(p) !== arch);
    return arch === undefined || wrong.length === 0 ? [] : [vendored(stage, ins, src, arch, wrong)];
  });
}

/** A binary of one architecture from the context (`COPY utils/tini-v0.19.0 /usr/bin/tini`, an x86-64 ELF). */
function vendored(stage: Stage, ins: Instruction, src: string, arch: string, platforms: string[]): Finding {
  return finding(
    'build-arch-binary',
    stage,
    ins.line,
    platforms,
    `${ins.keyword} ${src}`,
    `keep one per arch in the context (${src}-\${TARGETARCH}) and name it by ARG TARGETARCH, or fetch it per platform`,
  )(
    `${ins.keyword} takes ${src} from the context, an executable for linux/${arch} (its ELF header), ` +
      `so the images for ${platforms.join(', ')} would get the linux/${arch} one`,
  );
}

function oneForAll(stage: Stage, ins: Instruction, path: string, platforms: readonly string[]): Finding {
  const fix =
    'build it per platform (a FROM --platform=$BUILDPLATFORM stage with GOARCH=$TARGETARCH, then COPY --from), or name the file by the platform (COPY dist/${TARGETARCH}/app)';
  return finding(
    'build-arch-binary',
    stage,
    ins.line,
    platforms,
    `${ins.keyword} ${path}`,
    fix,
  )(
    `the same \`${path}\` goes into the image of every platform (${platforms.join(', ')}); ` +
      'a program is built for one architecture, so the others would get a binary they cannot run',
  );
}

// an architecture next to `linux` (`rex-linux-arm64`, `tool_linux_amd64.tar.gz`, `x86_64-unknown-linux-musl`,
// `/usr/lib/x86_64-linux-gnu/`): a file or package made for that one architecture
const LINUX_ARCH =
  /linux[-_./]?(?:musl[-_])?(amd64|x86_64|x64|arm64|aarch64|s390x|ppc64le|riscv64|armv7|armhf)(?![a-z0-9])|(?:^|[^a-z0-9])(amd64|x86_64|arm64|aarch64|s390x|ppc64le|riscv64)[-_.](?:unknown[-_.]|pc[-_.])?linux/gi;
// the script looks the architecture up, or chooses by it: what it names is one branch, not a fixed pick
// (the platform ARGs only: `${BUILDX_VERSION}` is a version)
const CHOOSES =
  /\buname\b|--print-architecture|\$\{?(TARGET|BUILD)(ARCH|OS|PLATFORM|VARIANT)\b|\barch\b|\bcase\b|\bif\b/;
// naming a target for a compiler or the cross compilers themselves is how cross builds are set up, not content
const TOOLCHAIN_WORDS =
  /rustup\s+target\s+add\s+\S+|--target[=\s]+\S+|--runtime[=\s]+\S+|\s-r\s+linux-\S+|\b(gcc|g\+\+|cpp|binutils|libc6-dev|crossbuild-essential)-\S+/g;

/**
 * The one architecture a RUN's download or package names with no choice in it (`npm pack @scope/tool-linux-arm64`,
 * `curl …/tool_linux_amd64.tar.gz`): in a stage built for each target platform, the others get that architecture's
 * file. Undefined when it names none, several, or picks by a probe or a platform variable.
 */
export function fixedArchPick(script: string): string | undefined {
  // (a line continued with a backslash is one command; a comment line names nothing it fetches)
  const text = script
    .replace(/\\\n/g, ' ')
    .replace(/^\s*#.*$/gm, '')
    .replace(TOOLCHAIN_WORDS, ' ');
  // where it chooses, only what it names outside the choice, in a command that does not choose itself (`tar xz
  // linux_amd64` after picking the tarball by $TARGETARCH)
  const chooses = CHOOSES.test(text);
  const { outside, inside: choices } = chooses ? splitChoices(text) : { outside: text, inside: '' };
  // a default the choice replaces (`URL=…x64…; case "$ARCH" in arm*) URL=…aarch64…;; esac`) is one of its branches
  const inChoice = (name: string) => new RegExp(`(?:^|[\\s;&|(])${name}=`).test(choices);
  let named = outside
    .split(/&&|\|\||[;|\n]/)
    // removing or printing a path takes nothing in (`rm -f /usr/lib/x86_64-linux-gnu/libmfxhw*`)
    .filter((c) => !(chooses && CHOOSES.test(c)) && !/^\s*(rm|rmdir|unlink|echo|printf)\b/.test(c))
    .filter((c) => !inChoice(/^\s*(?:export\s+)?([A-Za-z_]\w*)=/.exec(c)?.[1] ?? '-'));
  // an archive only its scripts are taken from (npm out of Node's x64 tarball) brings no architecture's code
  const neutral = scriptOnlyArchives(named);
  if (neutral.length > 0) named = named.filter((c) => !neutral.some((n) => c.includes(n)));
  // the RUN's own fixed values (`DOCKER_ARCH=x86_64 && curl …/stable/${DOCKER_ARCH}/docker.tgz`), one each, none a
  // choice replaces
  const own = new Map<string, string>();
  for (const c of named) {
    const m = /^\s*(?:export\s+)?([A-Za-z_]\w*)=["']?([\w.-]+)["']?\s*$/.exec(c);
    if (m) own.set(m[1] ?? '', own.has(m[1] ?? '') ? '' : (m[2] ?? ''));
  }
  if (own.size > 0)
    for (let i = 0; i < named.length; i++)
      named[i] = (named[i] ?? '').replace(
        /\$\{(\w+)\}|\$(\w+)/g,
        (w, a?: string, b?: string) => own.get(a ?? b ?? '') || w,
      );
  const arches = new Set<string>();
  for (const m of named.join('\n').matchAll(LINUX_ARCH)) {
    const a = archName(m[1] ?? m[2] ?? '');
    if (a !== undefined) arches.add(a);
  }
  // a URL fetched names its arch without `linux` too (`dumb-init_1.2.5_x86_64`, `…/aarch64/pkg.rpm`)
  const commands = named.join('\n').replace(/^\s*#.*$/gm, '');
  for (const url of commands.match(URL) ?? []) for (const a of archesNamed(url)) arches.add(a);
  return arches.size === 1 ? [...arches][0] : undefined;
}

/**
 * The archives a script's `tar x` unpacks only named scripts from (`tar xzf node-v20-linux-x64.tar.gz -C /usr/local
 * node-v20-linux-x64/lib/node_modules/npm node-v20-linux-x64/bin/npm`): JavaScript, Python or shell, the same for
 * every architecture. Their names as the script writes them (quotes off).
 */
function scriptOnlyArchives(commands: readonly string[]): string[] {
  const out: string[] = [];
  for (const c of commands) {
    const words = c
      .trim()
      .split(/\s+/)
      .map((w) => w.replace(/^["']|["']$/g, ''));
    if (words[0] !== 'tar' || !/^-?[a-z]*x/.test(words[1] ?? '')) continue;
    const args: string[] = [];
    // (`tar xzf …`: the first word is the bundled flags)
    for (let i = (words[1] ?? '').startsWith('-') ? 1 : 2; i < words.length; i++) {
      const w = words[i] ?? '';
      if (w === '-C' || w === '--directory' || w === '-f' || w === '--file') i++;
      else if (!w.startsWith('-')) args.push(w);
    }
    const [archive, ...members] = args;
    const script = (m: string) =>
      /(^|\/)node_modules\/|\/bin\/(npm|npx|corepack)$|\.(m?js|cjs|json|py|sh|rb)$/.test(m);
    if (
      archive !== undefined &&
      /\.(tar(\.\w+)?|tgz)$/.test(archive) &&
      members.length > 0 &&
      members.every(script)
    )
      out.push(archive);
  }
  return out;
}

/**
 * The script without its `if [ "$VAR" = word ]; then …; fi` blocks (no else) on a variable it never has (`unset`:
 * another RUN set it as a shell variable, which ends with that RUN): the test is false, what the RUN set before stays.
 */
export function withoutUntaken(script: string, unset: (name: string) => boolean): string {
  return script.replace(
    /\bif\s+\[\s+["']?\$\{?(\w+)\}?["']?\s+==?\s+["']?[\w./-]+["']?\s+\]\s*;?\s*then\b((?:(?!\b(?:if|else|elif|fi)\b)[\s\S])*)\bfi\b/g,
    (whole, name: string) => (unset(name) ? ':' : whole),
  );
}

/**
 * The script as dash runs it (Debian's and Ubuntu's /bin/sh): `[[` is not a command there, so an `if [[ … ]]; then …;
 * fi` never takes its branch (`[[: not found`) and the default before it stays. Those blocks (without else) removed.
 */
export function underDash(script: string): string {
  return script.replace(
    /\bif\s+\[\[[^\n]*?\]\]\s*;?\s*then\b((?:(?!\b(?:if|else|elif|fi)\b)[\s\S])*)\bfi\b/g,
    ':',
  );
}

// what an `if` or `case` that chooses by the machine or platform tests
const ARCH_TEST = /arch|platform|uname|dpkg|machine|musl|x86|amd64|arm|aarch|\$\(/i;

/**
 * The text outside its `if … fi` and `case … esac` blocks (a choice names one arch per branch) and the text of those
 * blocks, nested ones counted; an unclosed block's text is in neither. A block whose test is not about the
 * architecture (ARCH_TEST) is outside: it chooses something else.
 */
function splitChoices(text: string): { outside: string; inside: string } {
  let depth = 0;
  let from = 0;
  let outside = '';
  let inside = '';
  for (const m of text.matchAll(/(?<![\w$-])(if|fi|case|esac)(?![\w-])/g)) {
    const opens = m[1] === 'if' || m[1] === 'case';
    if (opens && depth++ === 0) {
      outside += text.slice(from, m.index) + ' ';
      from = m.index;
    }
    if (!opens && depth > 0 && --depth === 0) {
      const block = text.slice(from, m.index);
      // a test of something else (`if [ "$VERSION" = latest ]`): both branches fetch what the RUN names
      if (ARCH_TEST.test(/^(?:if|case)\b([\s\S]*?)(?:\bthen\b|\bin\b|$)/.exec(block)?.[1] ?? block))
        inside += `${block}\n`;
      else outside += `${block} `;
      from = m.index + m[0].length;
    }
  }
  return { outside: depth > 0 ? outside : outside + text.slice(from), inside };
}

/** A URL in a script. */
export const URL = /\bhttps?:\/\/[^\s"'`;|&)]+/g;

/** Arch names as vendors write them in a branch's value: Go's and a few more (`arm`, `armv6`, `x64`, `arm64v8`). */
function vendorArch(value: string): string | undefined {
  const v = value.toLowerCase();
  if (/^arm(el|v[5-7]l?)?$/.test(v)) return 'arm';
  return archName(v) ?? ({ x64: 'amd64', arm64v8: 'arm64', aarch_64: 'arm64' } as Record<string, string>)[v];
}

/** The arch a branch's value names: all of it (`arm`, `x64`) or its `linux-ARCH` end (`$BASE-linux-arm`). */
function valueArch(value: string): string | undefined {
  const end = /linux[-_.]([a-z0-9_]+)$/i.exec(value)?.[1];
  return vendorArch(value) ?? (end === undefined ? undefined : vendorArch(end));
}

// a `case` branch: its patterns (`arm64 | aarch64 )`, `(x86_64)`) and its body up to `;;`
const CASE_BRANCH = /(?:^|;;|\s)\(?\s*([\w./*"'-]+(?:\s*\|\s*[\w./*"'-]+)*)\s*\)([\s\S]*?)(?=;;|$)/g;

export interface ArchMapping {
  /** the architecture the branch is taken for (`linux/arm64`, `aarch64)`: arm64) */
  on: string;
  /** what the branch sets: `ARCHITECTURE=arm` */
  sets: string;
  /** the architecture that value names */
  names: string;
}

/**
 * Branches on the platform or the machine that map an architecture to another one's name (`if [ "$TARGETPLATFORM" =
 * "linux/arm64" ]; then ARCH=arm`, `case $(uname -m) in aarch64) A=amd64 ;;`): on that platform the image gets the other
 * architecture's files. Only assignments whose whole value is an arch name; `else` and `*)` branches are not read.
 */
export function wrongArchMappings(script: string): ArchMapping[] {
  const out: ArchMapping[] = [];
  // (a script's own spelling too: `case "$apkArch"`, `case "${dpkgArch##*-}"`)
  const subject = String.raw`(?:\$\{?[A-Za-z_]*(?:ARCH|[Aa]rch|PLATFORM|[Pp]latform)[A-Za-z_]*(?:##?[^}\s]*)?\}?|\$\((?:uname -m|arch|dpkg --print-architecture)\))`;
  // what the branch sets or fetches (`wget …ffmpeg-…-linux64-gpl.tar.xz` in the arm64 branch), named for another arch
  const add = (label: string, body: string): void => {
    const on = vendorArch(label.replace(/^linux\//i, '').split('/')[0] ?? '');
    if (on === undefined) return;
    for (const n of namedIn(body)) if (n.names !== on) out.push({ on, ...n });
  };
  const test = new RegExp(
    String.raw`\b(?:if|elif)\s+\[\[?\s*["']?${subject}["']?\s*==?\s*["']?([\w./-]+)["']?\s*\]\]?\s*;?\s*then\b([\s\S]*?)(?=\b(?:elif|else|fi)\b)`,
    'g',
  );
  for (const m of script.matchAll(test)) add(m[1] ?? '', m[2] ?? '');
  const cases = new RegExp(String.raw`\bcase\s+["']?${subject}["']?\s+in\b([\s\S]*?)\besac\b`, 'g');
  for (const c of script.matchAll(cases))
    for (const b of (c[1] ?? '').matchAll(CASE_BRANCH))
      for (const label of (b[1] ?? '').replace(/["'\s]/g, '').split('|')) add(label, b[2] ?? '');
  return out;
}

/**
 * What a platform test's subject is on `platform` (in a stage built for it): `$TARGETPLATFORM` `linux/arm64`,
 * `$TARGETARCH` `arm64`, `$(uname -m)` `aarch64`, `$(dpkg --print-architecture)` `arm64`; a project's own variable
 * (`$ARCH`) any of the usual spellings.
 */
export function platformWords(platform: string, subject = ''): Set<string> {
  const cpu = cpuOf(platform);
  const machine = PROBE_NAMES.uname;
  const dpkg = PROBE_NAMES.dpkg;
  if (/uname|\barch\b/.test(subject)) return new Set(machine[cpu] ?? [cpu]);
  if (/dpkg/.test(subject)) return new Set(dpkg[cpu] ?? [cpu]);
  if (/TARGETPLATFORM/.test(subject)) return new Set([platform.toLowerCase()]);
  if (/TARGETARCH/.test(subject)) return new Set([cpu]);
  return new Set([
    platform.toLowerCase(),
    cpu,
    ...(machine[cpu] ?? []),
    ...(dpkg[cpu] ?? []),
    ...(({ amd64: ['x86-64', 'x64'], arm: ['armv7', 'armhf'] } as Record<string, string[]>)[cpu] ?? []),
  ]);
}

/** A chain of tests on the platform whose last branch (`else`, `*)`) is taken by every platform none names. */
export interface FallThrough {
  /** the values the tests compare with (`linux/arm/v7`, `linux/arm/v8`) */
  labels: string[];
  /** what they test: `$TARGETPLATFORM`, `$(uname -m)` */
  subject: string;
  /** what the last branch sets or fetches, and the architecture that names */
  sets: string;
  names: string;
}

/** What a branch body sets or fetches that names one architecture: `ARCH=x64`, a `…linux-musl-x64.tar.gz` URL. */
function namedIn(body: string): { sets: string; names: string }[] {
  const out: { sets: string; names: string }[] = [];
  for (const m of body.matchAll(
    /(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)=["']?([^\s;&|)"']+)["']?(?=$|[\s;&|)])/g,
  )) {
    const names = valueArch(m[2] ?? '');
    if (names !== undefined) out.push({ sets: `${m[1]}=${m[2]}`, names });
  }
  for (const url of body.match(URL) ?? []) {
    const named = archesNamed(url);
    const names = named.size === 1 ? [...named][0] : undefined;
    if (names !== undefined) out.push({ sets: posix.basename(url), names });
  }
  return out;
}

/**
 * `if [ "$TARGETPLATFORM" = linux/arm/v7 ] … elif [ … = linux/arm/v8 ] … else <x64 download> fi`: buildx says
 * `linux/arm64`, which no test names, so arm64 takes the else. Chains whose every test compares the platform (or the
 * machine) with a value, and whose else names one architecture; `case … *)` likewise.
 */
export function fallThroughs(script: string): FallThrough[] {
  const out: FallThrough[] = [];
  if (!/\belse\b|\*\)/.test(script)) return out;
  const subject = String.raw`(?:\$\{?[A-Z_]*(?:ARCH|PLATFORM)[A-Z_]*\}?|\$\((?:uname -m|arch|dpkg --print-architecture)\))`;
  const test = new RegExp(
    String.raw`^\s+\[\[?\s*["']?(${subject})["']?\s*==?\s*["']?([\w./-]+)["']?\s*\]\]?\s*;?\s*then\b`,
  );
  for (const start of script.matchAll(/\bif\b/g)) {
    const labels: string[] = [];
    const at = start.index + 2;
    let depth = 0;
    let elseAt: number | undefined;
    let end: number | undefined;
    let first = test.exec(script.slice(at));
    if (!first) continue;
    const tested = first[1] ?? '';
    labels.push((first[2] ?? '').toLowerCase());
    const words = /\b(if|elif|else|fi)\b/g;
    words.lastIndex = at + first[0].length;
    for (let w = words.exec(script); w; w = words.exec(script)) {
      const word = w[1];
      if (word === 'if') depth++;
      else if (word === 'fi' && depth > 0) depth--;
      else if (depth > 0) continue;
      else if (word === 'elif') {
        first = test.exec(script.slice(w.index + 4));
        if (!first || first[1] !== tested) break;
        labels.push((first[2] ?? '').toLowerCase());
      } else if (word === 'else') elseAt = w.index + 4;
      else if (word === 'fi') {
        end = w.index;
        break;
      }
    }
    if (elseAt === undefined || end === undefined || labels.length === 0) continue;
    for (const n of namedIn(script.slice(elseAt, end))) out.push({ labels, subject: tested, ...n });
  }
  const cases = new RegExp(String.raw`\bcase\s+["']?(${subject})["']?\s+in\b([\s\S]*?)\besac\b`, 'g');
  for (const c of script.matchAll(cases)) {
    const labels: string[] = [];
    let rest: string | undefined;
    for (const b of (c[2] ?? '').matchAll(CASE_BRANCH)) {
      const ls = (b[1] ?? '').replace(/["'\s]/g, '').split('|');
      if (ls.includes('*')) rest = b[2] ?? '';
      else labels.push(...ls.map((l) => l.toLowerCase()));
    }
    if (rest !== undefined && labels.length > 0)
      for (const n of namedIn(rest)) out.push({ labels, subject: c[1] ?? '', ...n });
  }
  return out;
}

export interface StageCopyScope {
  parsed: ParsedDockerfile;
  vars: ReadonlyMap<string, string>;
  buildArgs: Readonly<Record<string, string>>;
  requested: readonly string[];
  programs: ReadonlySet<string>;
  /** the architecture a stage's files are for when it is one for every platform (build machine's, fixed), else undefined */
  oneArch: (s: Stage) => string | undefined;
  /** the context's scripts and Makefiles, as the caller read them */
  scripts?: Readonly<Record<string, string>>;
}

/**
 * Programs copied into target-platform stages (`COPY --from=builder /usr/local/bin/helm`) from a stage that runs on one
 * platform for every image — $BUILDPLATFORM or a fixed one — and never sees the target: no platform ARG, no xx
 * helper, no Go/Rust build of its own (buildArch judges those). It fetched or installed them for its own
 * architecture (an install script, a pinned image like `FROM --platform=$BUILDPLATFORM ${BUILDER_IMAGE}`). One
 * finding per such stage, at its first COPY.
 */
export function oneArchCopies(scope: StageCopyScope, copying: readonly Stage[]): Finding[] {
  const seen = new Map<number, { stage: Stage; line: number; paths: string[]; arch: string }>();
  for (const stage of copying)
    for (const ins of stage.instructions) {
      const from = ins.flags.find((f) => f.name === 'from')?.value;
      if (from === undefined || ins.keyword !== 'COPY') continue;
      const dep = findStage(scope.parsed, expandVars(from, scope.vars), stage.index);
      const arch = dep && scope.oneArch(dep);
      if (!dep || arch === undefined || seesTarget(scope, dep)) continue;
      const { sources, dest } = copyArgs(ins);
      // a source named by a platform ARG is the copying stage's pick among several (platformArgUse judges its value)
      const paths = sources.filter(
        (s) => isProgram(s, dest, scope.programs) && !/\$\{?TARGET(ARCH|OS|PLATFORM|VARIANT)\b/.test(s),
      );
      if (paths.length === 0) continue;
      const known = seen.get(dep.index);
      if (known) known.paths.push(...paths);
      else seen.set(dep.index, { stage, line: ins.line, paths, arch });
    }
  return [...seen.entries()].flatMap(([index, at]) => {
    const dep = scope.parsed.stages[index] as Stage;
    const platforms = scope.requested.filter((p) => cpuOf(p) !== at.arch);
    if (platforms.length === 0) return [];
    const name = dep.name ?? `stage ${dep.index}`;
    const names = at.paths.map((p) => posix.basename(p)).join(', ');
    return [
      finding(
        'build-arch-binary',
        at.stage,
        at.line,
        platforms,
        `COPY --from=${name}`,
        `fetch or build them for the target in stage "${name}": ARG TARGETARCH there and its value in the download or build (or build that stage without --platform)`,
      )(
        `copies ${names} from stage "${name}", which runs on one platform (linux/${at.arch}) for every image and never ` +
          `sees the target (no ARG TARGETARCH or TARGETPLATFORM declared before a RUN that uses it), so the images for ${platforms.join(', ')} would get linux/${at.arch} programs`,
      ),
    ];
  });
}

/** The stage (or one it is built FROM) can make something per target: a platform ARG, xx, or its own Go/Rust build. */
export function seesTarget(
  { parsed, vars, buildArgs, scripts }: Pick<StageCopyScope, 'parsed' | 'vars' | 'buildArgs' | 'scripts'>,
  dep: Stage,
): boolean {
  const chain = stageChain(parsed, dep, vars);
  // declared and then used: a default that fixes it is the platform-ARG rules' finding; declared and never used, or
  // declared only after the RUN using it (empty there), sees nothing
  const sees = (s: Stage, i: Instruction, used: readonly string[]) =>
    ['TARGETARCH', 'TARGETPLATFORM'].some(
      (n) => used.includes(n) && stageVar(parsed, s, n, vars, buildArgs, i.line) !== undefined,
    );
  for (const s of chain)
    for (const i of s.instructions) {
      // (a use that chooses something: not one only printed, `echo "building for $TARGETPLATFORM"`)
      if (sees(s, i, i.keyword === 'RUN' ? varsUsed(runScript(i)) : varsIn(i.args))) return true;
      // a declared platform ARG is in the environment of the scripts and makes the stage runs: one read that uses it
      if (
        i.keyword === 'RUN' &&
        sees(
          s,
          i,
          runScripts(s, i, scripts).known.flatMap((k) => varsUsed(k.text)),
        )
      )
        return true;
    }
  return chain.some(
    (s) =>
      /(^|\/)xx(:|@|$)/.test(expandVars(s.image, vars)) ||
      s.instructions.some(
        (i) =>
          i.keyword === 'RUN' &&
          (/\bxx-/.test(runScript(i)) ||
            compileSteps(runScript(i)).some(
              (c) => !c.hostTool && (c.toolchain === 'go' || c.toolchain === 'rust'),
            )),
      ),
  );
}

// the build machine's own architecture, looked up in a RUN
const HOST_PROBE =
  /\buname\s+-m\b|\bdpkg\s+--print-architecture\b|\bapk\s+--print-arch\b|\$\(\s*arch\s*\)|`arch`/;

/**
 * A RUN in a stage that runs on $BUILDPLATFORM for every image and never sees the target, which picks what it fetches
 * by the machine's own architecture (`dpkg --print-architecture`, `uname -m`): the build machine's JDK, tool or
 * library, which the image then takes. Undefined when the RUN does not probe.
 */
export function hostProbe(script: string): string | undefined {
  return HOST_PROBE.exec(script)?.[0];
}

// where `cargo install TOOL` and `go install tool@version` put what they build
const TOOL_BIN = /^(\/usr\/local\/cargo\/bin|\/root\/\.cargo\/bin|\/go\/bin|\/root\/go\/bin)\/[^/]+$/;
// a cross build: a host triple, a cross compiler, xx, zig, or the target's platform ARG in the RUN
const CROSS =
  /--host[=\s]|\bCC=\S*-(gcc|cc|clang)\b|CROSS_COMPILE|\bxx-|zig\s+cc|--target[=\s]|\$\{?TARGET(ARCH|PLATFORM|OS)|CHOST|-linux-(gnu|musl)(eabihf)?-|crossbuild/;

/**
 * The RUN of a stage on one platform that built `src` for that platform: a `cargo install TOOL` or `go install
 * tool@version` whose bin directory it is, or a C build (`./configure && make`, `cmake --build`) that names the program
 * (`rsync-3.2.7`, `cd rsync`) with no cross compiler. Undefined when none did.
 */
function machineBuild(dep: Stage, src: string): Instruction | undefined {
  const name = escapeRegExp(posix.basename(src));
  const names = new RegExp(`(^|[^\\w-])${name}([^\\w]|$)`);
  const env = dep.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args);
  if (env.some((e) => CROSS.test(e))) return undefined;
  const built = dep.instructions.filter((ins) => {
    if (ins.keyword !== 'RUN') return false;
    const script = runScript(ins);
    // a tool install judged on its own command (a RUN may cross-build the product beside it: `xx-cargo build && cargo
    // install sqlx-cli`); a C build on the whole RUN (its configure line carries --host)
    const tool = script
      .split(/&&|\|\||[;\n]/)
      .some(
        (cmd) =>
          !CROSS.test(cmd) &&
          compileSteps(cmd).some((c) => c.hostTool === true && /^(cargo|go) install$/.test(c.command)),
      );
    const c =
      !CROSS.test(script) &&
      compileSteps(script).some((s) => s.toolchain === 'c' && s.command !== 'make install');
    // jlink links a runtime from the JDK it runs: the build machine's on a one-platform stage
    const jre = /\bjlink\b/.test(script) && names.test(script);
    return (tool && TOOL_BIN.test(src)) || ((c || jre) && names.test(script) && !/\.\w+$/.test(src));
  });
  // the RUN that names it (`cargo install sqlx-cli` for sqlx), else the first
  return built.find((ins) => names.test(runScript(ins))) ?? built[0];
}

/**
 * Programs a target-platform stage copies that a stage on one platform built for itself (machineBuild): the images
 * of the other architectures get that one's. One finding per RUN that built them, at that RUN (the cause).
 */
export function machineBuiltCopies(scope: StageCopyScope, copying: readonly Stage[]): Finding[] {
  const out = new Map<string, Finding>();
  for (const stage of copying)
    for (const ins of stage.instructions) {
      const from = ins.flags.find((f) => f.name === 'from')?.value;
      if (from === undefined || ins.keyword !== 'COPY') continue;
      const dep = findStage(scope.parsed, expandVars(from, scope.vars), stage.index);
      const arch = dep && scope.oneArch(dep);
      if (!dep || arch === undefined) continue;
      const platforms = scope.requested.filter((p) => cpuOf(p) !== arch);
      for (const src of platforms.length > 0 ? copyArgs(ins).sources : []) {
        const run = machineBuild(dep, src);
        const key = `${dep.index}:${run?.line ?? 0}`;
        if (!run || out.has(key)) continue;
        const name = dep.name ?? `stage ${dep.index}`;
        out.set(
          key,
          finding(
            'build-arch-binary',
            dep,
            run.line,
            platforms,
            `COPY --from=${name} ${src}`,
            `build it for the target: a cross compiler and --host/--target from $TARGETARCH (or xx), or build it in a stage without --platform`,
          )(
            `builds ${posix.basename(src)} for the machine it runs on (linux/${arch}) and line ${ins.line} copies it into the image, ` +
              `so the images for ${platforms.join(', ')} would get a linux/${arch} program`,
          ),
        );
      }
    }
  return [...out.values()];
}
