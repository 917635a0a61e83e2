/**
 * A RUN's script as it runs on one target platform: each `if … elif … else … fi` whose tests compare the platform
 * (`$TARGETPLATFORM`, `${TARGETARCH:0:3}`), the machine (`$(uname -m)`, `$(dpkg --print-architecture)`) or a
 * variable the script set from such a probe (`arch=$(dpkg --print-architecture)`) with a value keeps only the branch
 * taken there. And the packages of another Debian architecture (`rbfeeder:armhf`) that text installs. Pure.
 */
import { cpuOf } from './stages.js';

/**
 * The names machine probes print for a Go arch where they differ from it, the usual one first (arm: v7's, then v6's):
 * `uname -m` (and `arch`), `dpkg --print-architecture`, `apk --print-arch`. One table for every reader (content.ts
 * platformWords takes any of them).
 */
export const PROBE_NAMES: Record<'uname' | 'dpkg' | 'apk', Record<string, string[]>> = {
  uname: { amd64: ['x86_64'], arm64: ['aarch64'], arm: ['armv7l', 'armv6l'], '386': ['i686', 'i386'] },
  dpkg: { arm: ['armhf', 'armel'], '386': ['i386'], ppc64le: ['ppc64el'], mips64le: ['mips64el'] },
  apk: { amd64: ['x86_64'], arm64: ['aarch64'], arm: ['armv7', 'armhf'], '386': ['x86'] },
};

/** Debian's name for the platform's architecture (`linux/arm/v7`: armhf, `linux/arm/v6`: armel). */
export function debianArch(platform: string): string {
  if (/\/arm\/v[56]$/.test(platform)) return 'armel';
  const cpu = cpuOf(platform);
  return PROBE_NAMES.dpkg[cpu]?.[0] ?? cpu;
}

/** The platform buildx names for a Debian architecture (armhf: linux/arm/v7), the one debianArch maps to it. */
export function debianPlatform(arch: string): string {
  const platforms = [
    'linux/arm/v7',
    'linux/arm/v6',
    ...Object.keys(PROBE_NAMES.dpkg).map((cpu) => `linux/${cpu}`),
  ];
  return platforms.find((p) => debianArch(p) === arch) ?? `linux/${arch}`;
}

const PROBE = /^\$\(\s*(uname\s+-m|arch|dpkg\s+--print-architecture|apk\s+--print-arch)\s*\)$/;

function probeValue(command: string, platform: string): string {
  const tool = /^(uname|arch)/.test(command) ? 'uname' : command.startsWith('dpkg') ? 'dpkg' : 'apk';
  if (tool === 'dpkg') return debianArch(platform);
  const names = PROBE_NAMES[tool][cpuOf(platform)];
  // (arm/v6: the second name)
  return (/\/arm\/v6$/.test(platform) ? names?.[1] : names?.[0]) ?? cpuOf(platform);
}

/**
 * What a platform ARG is on `platform`, for the ARGs the stage declares (`declared`); undefined for one it does not
 * (a base image's ENV may set it).
 */
function platformArg(name: string, platform: string): string | undefined {
  const [os = 'linux', , variant = ''] = platform.split('/');
  const values: Record<string, string> = {
    TARGETPLATFORM: platform,
    TARGETARCH: cpuOf(platform),
    TARGETOS: os,
    TARGETVARIANT: variant,
  };
  return values[name];
}

interface Token {
  word: 'if' | 'then' | 'elif' | 'else' | 'fi';
  at: number;
  end: number;
}

/**
 * `script` with each `if` chain on the platform resolved for `platform`: the branch taken stays, the rest goes. A
 * chain with a test it cannot decide (another variable, a file test) is dropped whole: what it installs is nobody's
 * finding. `declared`: the platform ARGs the stage declares.
 */
export function branchTaken(script: string, platform: string, declared: (name: string) => boolean): string {
  const tokens = tokensOf(script);
  if (!tokens.some((t) => t.word === 'if')) return script;
  // the script's own variables set from a machine probe (`arch=$(dpkg --print-architecture)`, `apkArch="$(uname -m)"`)
  const probes = new Map<string, string>();
  for (const m of script.matchAll(/(?:^|[\s;&|(])(\w+)=["']?(\$\([^)]*\))["']?(?=$|[\s;&|)])/g))
    if (PROBE.test(m[2] ?? '')) probes.set(m[1] ?? '', m[2] ?? '');
  const value = (subject: string): string | undefined => {
    const probe = PROBE.exec(subject)?.[1];
    if (probe !== undefined) return probeValue(probe, platform);
    const v = /^\$\{?(\w+)(?::(\d+)(?::(\d+))?)?\}?$/.exec(subject);
    if (!v) return undefined;
    const name = v[1] ?? '';
    const whole = probes.has(name)
      ? value(probes.get(name) ?? '')
      : declared(name)
        ? platformArg(name, platform)
        : undefined;
    if (whole === undefined || v[2] === undefined) return whole;
    const from = Number(v[2]);
    return v[3] === undefined ? whole.slice(from) : whole.slice(from, from + Number(v[3]));
  };
  return resolve(script, tokens, (test) => decide(test, value), false);
}

/** The shell's `if`, `then`, `elif`, `else` and `fi` words in a script, where they are words of their own. */
function tokensOf(script: string): Token[] {
  const tokens: Token[] = [];
  for (const m of script.matchAll(/(?<![\w$./-])(if|then|elif|else|fi)(?![\w./-])/g))
    tokens.push({ word: m[1] as Token['word'], at: m.index, end: m.index + m[0].length });
  return tokens;
}

// a test whose `[` is glued to its first word (`["$X" = y ]`: the shell looks for a command `["linux/arm64"`) or
// whose `]` is glued to its last (`[ "$X" = "y"]`: `[` misses its `]`): it fails, whatever it compares
const BROKEN_TEST = /^\s*\[(?=[^\s[])|^\s*\[\s[^\n]*[^\s\]]\]\s*;?\s*$/;

/**
 * The script as the shell runs it where an `if` or `elif` test is a broken `[` (BROKEN_TEST): that branch never
 * runs (`if ["$TARGETPLATFORM" = linux/arm64 ]; then <arm64 build>; else <x86_64 build>; fi` always builds x86_64).
 * Other chains stay as written.
 */
export function withoutBrokenTests(script: string): string {
  if (!/\[["'$\w]|[\w"']\]/.test(script)) return script;
  const tokens = tokensOf(script);
  if (!tokens.some((t) => t.word === 'if')) return script;
  let broken: string | undefined;
  const out = resolve(
    script,
    tokens,
    (test) => {
      const t = test.trim().replace(/;$/, '').trim();
      if (/&&|\|\|/.test(t) || !BROKEN_TEST.test(t)) return undefined;
      broken ??= t;
      return false;
    },
    true,
  );
  // (said first, as a no-op command, for the finding to name: brokenTest)
  // (its `$` written otherwise: the marker uses no variable)
  return broken === undefined
    ? script
    : `: ${BROKEN_MARK} ${broken.replace(/['\n]/g, '').replace(/\$/g, DOLLAR)}\n${out}`;
}

const DOLLAR = '\uff04';

const BROKEN_MARK = 'broken-test:';

/** The first broken `[` test withoutBrokenTests took out of a script, as written. */
export function brokenTest(script: string): string | undefined {
  return new RegExp(`(?:^|\\n): ${BROKEN_MARK} ([^\\n]*)`).exec(script)?.[1]?.replaceAll(DOLLAR, '$');
}

/** `[ "$S" = v ]`, `[[ $S == arm* ]]`, `!=`, joined all by `||` or all by `&&`: true, false, or undefined. */
function decide(condition: string, value: (subject: string) => string | undefined): boolean | undefined {
  const text = condition.trim().replace(/;$/, '').trim();
  const joiner = text.includes('||') ? '||' : '&&';
  if (text.includes('||') && text.includes('&&')) return undefined;
  const results = text.split(joiner).map((part) => {
    const m =
      /^(\[\[?)\s*["']?(\$\{?\w+(?::\d+(?::\d+)?)?\}?|\$\([^)]*\))["']?\s*(==?|!=)\s*["']?([\w./*-]*)["']?\s*\]\]?$/.exec(
        part.trim(),
      );
    if (!m) return undefined;
    const v = value(m[2] ?? '');
    if (v === undefined) return undefined;
    const want = m[4] ?? '';
    // a pattern only inside [[ ]] (in [ ] a `*` is that character)
    const equal =
      m[1] === '[[' && want.includes('*')
        ? new RegExp(`^${want.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(v)
        : v === want;
    return m[3] === '!=' ? !equal : equal;
  });
  if (results.some((r) => r === undefined)) return undefined;
  return joiner === '||' ? results.some(Boolean) : results.every(Boolean);
}

/**
 * The script with its chains resolved: each replaced by the branch taken; where it cannot tell, by `:` or (`keepUndecided`)
 * the chain as written.
 */
function resolve(
  script: string,
  tokens: readonly Token[],
  decideTest: (test: string) => boolean | undefined,
  keepUndecided: boolean,
): string {
  let i = 0;
  // the text from `from` up to the enclosing chain's next `elif`, `else` or `fi` (at the top: the end), resolved
  const sequence = (from: number, top: boolean): string => {
    let text = '';
    let at = from;
    while (i < tokens.length) {
      const t = tokens[i] as Token;
      if (t.word === 'if') {
        text += script.slice(at, t.at);
        const c = chain();
        text += c.text;
        at = c.end;
      } else if (top) i++;
      else return text + script.slice(at, t.at);
    }
    return text + script.slice(at);
  };
  // one chain from its `if` token to the end of its `fi` (an unclosed one: to the end of the script, dropped)
  const chain = (): { text: string; end: number } => {
    const from = (tokens[i] as Token).at;
    const unclosed = { text: keepUndecided ? script.slice(from) : ' : ', end: script.length };
    const branches: { test: string; body: string }[] = [];
    let rest = '';
    while (tokens[i]?.word === 'if' || tokens[i]?.word === 'elif') {
      const start = (tokens[i] as Token).end;
      // the test runs up to its `then`
      while (++i < tokens.length && tokens[i]?.word !== 'then');
      const then = tokens[i++];
      if (!then) return unclosed;
      branches.push({ test: script.slice(start, then.at), body: sequence(then.end, false) });
    }
    if (tokens[i]?.word === 'else') rest = sequence((tokens[i++] as Token).end, false);
    const fi = tokens[i++];
    if (fi?.word !== 'fi') return unclosed;
    for (const b of branches) {
      const d = decideTest(b.test);
      if (d === undefined) return { text: keepUndecided ? script.slice(from, fi.end) : ' : ', end: fi.end };
      if (d) return { text: ` ${b.body} `, end: fi.end };
    }
    return { text: ` ${rest} `, end: fi.end };
  };
  return sequence(0, true);
}

// the architectures Debian and Ubuntu publish packages for
const DEBIAN_ARCHES = 'amd64|arm64|armhf|armel|i386|ppc64el|s390x|riscv64|mips64el';

// libraries, headers and toolchain parts: what a program of that architecture needs, or a cross build's sysroot
const SUPPORT = /^lib|-(dev|dbg|common|data|doc)$|^(gcc|g\+\+|binutils|cpp)-|-cross$/;

/**
 * The programs of another Debian architecture than `own` that a script installs or downloads with apt or dpkg
 * (`fr24feed:armhf`), also where it lists them in a variable first. Libraries (`libc6:armhf`, `musl-dev:arm64`) are
 * left out: they serve a program from elsewhere, or a cross build. So are i386 ones on amd64: the machine runs them
 * itself (wine, steam).
 */
export function foreignPackages(script: string, own: string): { name: string; arch: string }[] {
  if (!/\b(apt-get|apt|aptitude|dpkg)\b/.test(script)) return [];
  const out: { name: string; arch: string }[] = [];
  const words = new RegExp(`(?<![\\w/.:@$-])([a-z0-9][a-z0-9+.-]*):(${DEBIAN_ARCHES})(?![\\w.:/-])`, 'g');
  // a name the script sets first (`NAME="sxfeeder" && NAME="${NAME}:armhf"`)
  const literal = new Map<string, string>();
  for (const m of script.matchAll(
    /(?:^|[\s;&|(])([A-Za-z_]\w*)=["']?([a-z0-9][a-z0-9+.-]*)["']?(?=$|[\s;&|)])/g,
  ))
    literal.set(m[1] ?? '', m[2] ?? '');
  const text = script
    .replace(/^\s*#.*$/gm, '')
    .replace(/\$\{(\w+)\}|\$(\w+)/g, (w, a?: string, b?: string) => literal.get(a ?? b ?? '') ?? w);
  for (const m of text.matchAll(words)) {
    const arch = m[2] ?? '';
    if (arch === own || (arch === 'i386' && own === 'amd64') || SUPPORT.test(m[1] ?? '')) continue;
    if (!out.some((o) => o.name === m[1] && o.arch === arch)) out.push({ name: m[1] ?? '', arch });
  }
  return out;
}
