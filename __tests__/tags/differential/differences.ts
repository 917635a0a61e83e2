/**
 * Where Crossbuild's tag engine differs from docker/metadata-action on purpose: each difference once, as a
 * transformation of metadata-action's output into Crossbuild's, with what it replaces and why. The differential test
 * applies them (../differential.test.ts); the README's "Differences from docker/metadata-action" table is generated
 * from them (scripts/gen-readme-inputs.mjs reads differences.json... see README test) and tested against this list.
 */
import type { Flavor } from '../../../src/tags/flavor.js';
import type { Rule } from '../../../src/tags/rules.js';
import { sanitizeTag } from '../../../src/tags/sanitize.js';
import type { RowContext } from '../run.js';

export interface Case {
  id: string;
  ctx: RowContext;
  inputs: Record<string, string>;
  env?: Record<string, string>;
}

/** One side's output, as recorded from metadata-action's GITHUB_OUTPUT (or the step's error). */
export interface Out {
  version?: string;
  tags?: string[];
  'tag-names'?: string[];
  labels?: string[];
  annotations?: string[];
  json?: unknown;
  /** the tags output as written, joined by sep-tags, when the case sets it */
  joined?: string;
  error?: string;
}

/** What the case's own inputs mean, worked out by this engine's parsers (the test builds it per case). */
export interface Facts {
  rules: Rule[];
  flavor: Flavor;
  /** the case's expressions rendered: every one (this engine), or only the date helpers (metadata-action's schedule) */
  render: (text: string) => string;
  renderDatesOnly: (text: string) => string;
  /** enable= of a rule, rendered */
  enabled: (rule: Rule) => boolean;
}

export interface Difference {
  id: string;
  /** what metadata-action does */
  theirs: string;
  /** what Crossbuild does instead, and why */
  ours: string;
  /** metadata-action's output changed as Crossbuild's is, when the difference applies to the case; else undefined */
  apply(c: Case, theirs: Out, mine: Out, facts?: Facts): Out | undefined;
}

const CREATED = 'org.opencontainers.image.created=';
const VERSION = 'org.opencontainers.image.version=';

type Json = {
  tags?: string[];
  'tag-names'?: string[];
  labels?: Record<string, string>;
  annotations?: string[];
};

/** metadata-action's output with its tag names, tags, label and annotation strings mapped; json's the same way. */
function remap(
  out: Out,
  f: {
    name?: (names: string[]) => string[];
    text?: (s: string) => string;
    annotation?: (s: string) => string;
  },
  mine?: Out,
): Out {
  const names = f.name ?? ((n: string[]) => n);
  // the version label and annotations carry the version, a tag name (unless a labels line sets them: only where
  // this engine's output has the changed line)
  const lines = new Set([...(mine?.labels ?? []), ...(mine?.annotations ?? [])]);
  const versioned = (t: string) => {
    const i = t.indexOf(VERSION);
    if (i < 0 || !f.name) return t;
    const v = `${t.slice(0, i + VERSION.length)}${names([t.slice(i + VERSION.length)])[0] ?? ''}`;
    return lines.has(v) ? v : t;
  };
  const text = (t: string) => versioned((f.text ?? ((x: string) => x))(t));
  const annotation = (a: string) => text((f.annotation ?? ((x: string) => x))(a));
  const json = out.json as Json | undefined;
  // a tag is IMAGE:NAME; the images part never changes
  const tags = (list: string[]) => {
    const byImage = new Map<string, string[]>();
    for (const t of list) {
      const i = t.lastIndexOf(':');
      const image = i < 0 ? '' : t.slice(0, i);
      byImage.set(image, [...(byImage.get(image) ?? []), t.slice(i + 1)]);
    }
    return [...byImage].flatMap(([image, n]) => names(n).map((x) => (image ? `${image}:${x}` : x)));
  };
  return {
    ...out,
    ...(out.version !== undefined ? { version: names([out.version])[0] ?? '' } : {}),
    ...(out.tags ? { tags: tags(out.tags) } : {}),
    ...(out['tag-names'] ? { 'tag-names': names(out['tag-names']) } : {}),
    ...(out.labels ? { labels: out.labels.map(text) } : {}),
    ...(out.annotations ? { annotations: out.annotations.map(annotation) } : {}),
    ...(json
      ? {
          json: {
            ...json,
            ...(json.tags ? { tags: tags(json.tags) } : {}),
            ...(json['tag-names'] ? { 'tag-names': names(json['tag-names']) } : {}),
            ...(json.labels
              ? {
                  labels: Object.fromEntries(
                    Object.entries(json.labels).map(([k, v]) => {
                      const line = text(`${k}=${v}`);
                      return [k, line.slice(line.indexOf('=') + 1)];
                    }),
                  ),
                }
              : {}),
            ...(json.annotations ? { annotations: json.annotations.map(annotation) } : {}),
          },
        }
      : {}),
  };
}

/** The changed output, or undefined when the change changed nothing (the difference does not apply). */
function changed(before: Out, after: Out): Out | undefined {
  return JSON.stringify(before) === JSON.stringify(after) ? undefined : after;
}

const dedupe = (names: string[]) => [...new Set(names)];

/** metadata-action's own tag sanitising (runs of other characters become `-`, nothing else). */
const theirTag = (t: string) => t.replace(/[^a-zA-Z0-9._-]+/g, '-');

/**
 * metadata-action's names with some removed, renamed or added (`edit` on the list), and what follows from it in its
 * own rules: the version is the first name (the labels and annotations naming it move with it), `latest` comes last,
 * and no version means no tags at all. When the rule that made the first name changed (`firstChanged`), latest=auto
 * was decided by another rule: there, and only there, the test takes this engine's word for whether `latest` is in.
 */
function renamed(
  theirs: Out,
  edit: (names: string[]) => string[],
  o: { latest: string; mine: Out; facts: Facts; firstChanged: boolean },
): Out {
  const before = theirs['tag-names'] ?? [];
  let after = edit(before);
  const next = after.find((n) => n !== o.latest) ?? '';
  if (next === '') after = [];
  else if (o.firstChanged && o.facts.flavor.latest === 'auto') {
    const want = (o.mine['tag-names'] ?? []).includes(o.latest);
    const has = after.includes(o.latest);
    if (want && !has) after = [...after, o.latest];
    if (!want && has) after = without(after, o.latest);
  }
  // each image's list of tags is the tag-names list
  const out = remap(theirs, { name: (n) => (sameNames(n, before) ? after : edit(n)) }, o.mine);
  const version = theirs.version ?? '';
  if (next === version) return out;
  const swap = (t: string) =>
    version !== '' && t.endsWith(`${VERSION}${version}`) ? `${t.slice(0, -version.length)}${next}` : t;
  const moved = remap({ ...out, version: next }, { text: swap });
  const json = moved.json as Json | undefined;
  if (json?.labels?.['org.opencontainers.image.version'] === version)
    json.labels['org.opencontainers.image.version'] = next;
  return moved;
}

const sameNames = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** `list` without the first occurrence of `name`. */
const without = (list: string[], name: string) => {
  const i = list.indexOf(name);
  return i < 0 ? list : [...list.slice(0, i), ...list.slice(i + 1)];
};

/** The name of the `latest` tag: the flavor's affixes on it where onlatest=true, written or rendered. */
function latestName(f: Facts, render: boolean): string {
  const r = render ? f.render : (t: string) => t;
  const fl = f.flavor;
  return `${fl.prefixOnLatest ? r(fl.prefix) : ''}latest${fl.suffixOnLatest ? r(fl.suffix) : ''}`;
}

/** The prefix and suffix metadata-action puts on a rule's value: the rule's own when it has the attribute, else the flavor's. */
function affixes(rule: Rule, f: Facts): [string, string] {
  return [f.render(rule.attrs.prefix ?? f.flavor.prefix), f.render(rule.attrs.suffix ?? f.flavor.suffix)];
}

/** What handlebars' escaping made of a character, after metadata-action's tag sanitising (`&amp;` → `-amp-`). */
const ENTITY_IN_TAG = /-(?:amp|lt|gt|quot|x27|x60|x3D)(?=-|$)/g;
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#x60;': '`',
  '&#x3D;': '=',
};

const LEVEL = '(?:index|manifest|index-descriptor|manifest-descriptor)';
/** metadata-action's level put before an annotation line that named its own: `manifest:index:k=v`. */
const DOUBLED_LEVEL = new RegExp(`^${LEVEL}:(${LEVEL}(?:,${LEVEL})*:)`);

export const DIFFERENCES: Difference[] = [
  {
    id: 'created-is-commit-time',
    theirs: '`org.opencontainers.image.created` is the clock at the run',
    ours: "the head commit's time when the event carries it, so a rebuild of the same commit gives the same image config (tested on its own in compat.test.ts)",
    apply(_c, theirs, mine) {
      const at = mine.labels?.find((l) => l.startsWith(CREATED))?.slice(CREATED.length);
      if (at === undefined || theirs.error !== undefined) return undefined;
      const swap = (s: string) => {
        const i = s.indexOf(CREATED);
        return i < 0 ? s : `${s.slice(0, i)}${CREATED}${at}`;
      };
      const out = remap(theirs, { text: swap });
      const json = out.json as Json | undefined;
      if (json?.labels && 'org.opencontainers.image.created' in json.labels)
        json.labels['org.opencontainers.image.created'] = at;
      return changed(theirs, out);
    },
  },
  {
    id: 'latest-once',
    theirs: '`latest` twice in the lists when a rule makes it and the flavor adds it too',
    ours: 'every tag once',
    apply(_c, theirs, mine) {
      return changed(theirs, remap(theirs, { name: dedupe }, mine));
    },
  },
  {
    id: 'no-html-escaping',
    theirs:
      'expression output is HTML-escaped: branch `fix/a&b=c` becomes tag `fix-a-amp-b-x3D-c`, label value `fix/a&amp;b&#x3D;c`',
    ours: 'expressions give their text as it is (a tag, a label and an annotation are not HTML)',
    apply(_c, theirs, mine) {
      // only where an expression's output was escaped: a label written as `<b>&amp;</b>` stays so on both sides
      const ours = new Set([...(mine.labels ?? []), ...(mine.annotations ?? [])]);
      const unescape = (s: string) => {
        const u = s.replace(/&(?:amp|lt|gt|quot|#x27|#x60|#x3D);/g, (e) => ENTITIES[e] ?? e);
        return !ours.has(s) && ours.has(u) ? u : s;
      };
      const names = (n: string[]) => dedupe(n.map((x) => x.replace(ENTITY_IN_TAG, '')));
      return changed(theirs, remap(theirs, { name: names, text: unescape }, mine));
    },
  },
  {
    id: 'annotation-level-kept',
    theirs:
      'an annotation line that names its level gets the default level in front as well: `manifest:index:k=v`',
    ours: 'the line keeps the level it names, once: `index:k=v`',
    apply(_c, theirs) {
      const out = remap(theirs, { annotation: (a) => a.replace(DOUBLED_LEVEL, '$1') });
      // with several default levels, metadata-action repeats the line under each of them: here it is there once
      const json = out.json as Json | undefined;
      if (out.annotations) out.annotations = dedupe(out.annotations);
      if (json?.annotations) json.annotations = dedupe(json.annotations);
      return changed(theirs, out);
    },
  },
  {
    id: 'empty-value-no-tag',
    theirs:
      'a `type=raw` value that comes out empty still gets its prefix and suffix: the bare affix is a tag (`type=raw,value={{tag}},prefix=app-` on a branch gives `app-`)',
    ours: 'an empty value is no tag, whatever its affixes',
    apply(c, theirs, mine, f) {
      if (!f || theirs.error !== undefined || mine.error !== undefined) return undefined;
      const bare = f.rules
        .filter((r) => r.type === 'raw' && f.enabled(r) && f.render(r.attrs.value ?? '') === '')
        .map((r) => theirTag(affixes(r, f).join('')))
        .filter((b) => b !== '');
      if (bare.length === 0) return undefined;
      const latest = theirTag(latestName(f, false));
      const firstChanged = bare.includes(theirs['tag-names']?.[0] ?? '');
      const edit = (n: string[]) => bare.reduce(without, n);
      return changed(theirs, renamed(theirs, edit, { latest, mine, facts: f, firstChanged }));
    },
  },
  {
    id: 'schedule-renders-every-expression',
    theirs: 'a `type=schedule` pattern renders only its date expressions: `nightly-{{sha}}` gives `nightly-`',
    ours: 'every expression is rendered, as in the other rules: `nightly-1a2b3c4`',
    apply(c, theirs, mine, f) {
      if (!f || c.ctx.event !== 'schedule' || theirs.error !== undefined || mine.error !== undefined)
        return undefined;
      const pairs = f.rules
        .filter((r) => r.type === 'schedule' && f.enabled(r))
        .map((r) => {
          const [prefix, suffix] = affixes(r, f);
          const pattern = r.attrs.pattern ?? 'nightly';
          return [f.renderDatesOnly(pattern), f.render(pattern)].map((body) =>
            theirTag(`${prefix}${body}${suffix}`),
          );
        })
        .filter(([a, b]) => a !== b);
      if (pairs.length === 0) return undefined;
      const ours = mine['tag-names'] ?? [];
      // renamed where metadata-action made a tag; where its pattern came out empty it made none: the tag goes where
      // this engine's list has it (the rules' order)
      const edit = (names: string[]) =>
        pairs.reduce((n, [a = '', b = '']) => {
          if (n.includes(a)) return n.map((x) => (x === a ? b : x));
          if (a !== '' || n.includes(b) || !ours.includes(b)) return n;
          const at = Math.min(ours.indexOf(b), n.length);
          return [...n.slice(0, at), b, ...n.slice(at)];
        }, names);
      const first = theirs['tag-names']?.[0];
      const firstChanged = edit(theirs['tag-names'] ?? [])[0] !== first && !pairs.some(([a]) => a === first);
      const latest = theirTag(latestName(f, false));
      return changed(theirs, renamed(theirs, edit, { latest, mine, facts: f, firstChanged }));
    },
  },
  {
    id: 'latest-affix-rendered',
    theirs:
      'a flavor prefix or suffix put on `latest` (`onlatest=true`) is used as written: `suffix=-{{sha}},onlatest=true` gives `latest--sha-`',
    ours: 'its expressions are rendered, as on every other tag: `latest-1a2b3c4`',
    apply(c, theirs, mine, f) {
      if (!f || theirs.error !== undefined) return undefined;
      const [written, rendered] = [latestName(f, false), latestName(f, true)].map(theirTag);
      if (written === rendered || !(theirs['tag-names'] ?? []).includes(written ?? '')) return undefined;
      const edit = (n: string[]) => n.map((x) => (x === written ? (rendered ?? x) : x));
      return changed(theirs, remap(theirs, { name: edit }, mine));
    },
  },
  {
    id: 'unknown-expression-refused',
    theirs:
      'an expression a rule does not know (`{{prerelease}}` in a `type=pep440` pattern, a misspelt name) renders empty',
    ours: 'an input error naming it and the expressions known there',
    apply(_c, theirs, mine) {
      return theirs.error === undefined && /unknown expression/.test(mine.error ?? '')
        ? { error: 'refused' }
        : undefined;
    },
  },
  {
    id: 'attribute-twice',
    theirs: 'a rule attribute given twice (`suffix=-a,suffix=-b`): the last one counts',
    ours: 'an input error naming the line: keep one',
    apply(c, theirs) {
      const twice = (c.inputs.tags ?? '').split('\n').some((line) => {
        const keys = line
          .split(',')
          .flatMap((f) => (f.includes('=') ? [f.slice(0, f.indexOf('=')).trim()] : []));
        return new Set(keys).size < keys.length;
      });
      return twice && theirs.error === undefined ? { error: 'refused' } : undefined;
    },
  },
  {
    id: 'tags-registries-accept',
    theirs: 'a tag may start with `-` or `.` or be longer than 128 characters (registries refuse the push)',
    ours: 'the leading `-`/`.` are dropped; a longer tag is cut to 119 characters, `-` and 8 hex digits of its sha256; with a warning',
    apply(_c, theirs, mine) {
      const names = (n: string[]) => dedupe(n.map((x) => sanitizeTag(x).tag).filter((x) => x !== ''));
      return changed(theirs, remap(theirs, { name: names }, mine));
    },
  },
];

/**
 * Deliberate differences in what is accepted or decided rather than in the outputs of a recorded case (refusals,
 * defaults, event rules): listed in the README's table with the ones above; each has its own tests.
 */
export const OTHER_DIFFERENCES: Pick<Difference, 'id' | 'theirs' | 'ours'>[] = [
  {
    id: 'forward-only',
    theirs:
      '`latest`, `{{major}}` and `{{major}}.{{minor}}` move with every release (a patch of an older line moves `latest` back)',
    ours: "they move only forward (`floating-tags: forward-only`, the default); `floating-tags: always` is metadata-action's behaviour",
  },
  {
    id: 'pr-not-default-branch',
    theirs:
      'a `pull_request_target` run (its ref is the base branch) is "the default branch" for `{{is_default_branch}}`',
    ours: "a pull request is never the default branch: PR code is not published as the default branch's image",
  },
  {
    id: 'unknown-tz',
    theirs: 'an unknown `tz=` in a date expression falls back to UTC',
    ours: 'it is an input error naming the expression',
  },
  {
    id: 'images-enable-evaluated',
    theirs: '`images` lines with `enable={{is_default_branch}}`: the step fails',
    ours: 'the expression is evaluated, as in `tags`',
  },
  {
    id: 'semver-match-whole',
    theirs: '`type=semver,match=` with no capture group: the step crashes',
    ours: 'the whole match is the version',
  },
  {
    id: 'enable-any-case',
    theirs: '`enable=True` is an invalid value',
    ours: '`true` and `false` in any case',
  },
  {
    id: 'images-comma-names',
    theirs: 'comma-separated names on one of several `images` lines: only the last is kept',
    ours: 'every name is kept',
  },
  {
    id: 'whole-references',
    theirs:
      'a `tags` line that is a whole reference (`ghcr.io/o/app:1.2`, build-push-action style) is a raw tag of every image',
    ours: 'it is pushed exactly there; an `images` name that contains a tag is refused',
  },
];
