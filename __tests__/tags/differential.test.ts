/**
 * Differential test against docker/metadata-action (#22): seeded random cases (scripts/differential/generate.mjs) and
 * what metadata-action's real bundled code output for each, recorded once (scripts/differential/record.mjs; the data
 * file names its commit). This tag engine runs every case; version, tags, tag names, labels, annotations and the json
 * output must equal metadata-action's once the deliberate differences (./differential/differences.ts, each written
 * down once, with its reason: the README's table is generated from it) are applied to metadata-action's side.
 * Nothing else may differ (but the cases of ./differential/unexplained.json, a shrinking list), and every listed
 * difference must explain at least one case.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadDates } from '../../src/tags/index.js';
import { exprEnv, render, renderBool } from '../../src/tags/expressions.js';
import { parseFlavor } from '../../src/tags/flavor.js';
import { parseRules } from '../../src/tags/rules.js';
import { generateCases } from '../../scripts/differential/generate.mjs';
import {
  DIFFERENCES,
  OTHER_DIFFERENCES,
  type Case,
  type Facts,
  type Out,
} from './differential/differences.js';
import { metaOfRow, rowContext, type RepositoryFacts } from './run.js';

interface Recorded {
  source: { repository: string; commit: string; version?: string };
  seed: number;
  created: string;
  repository: RepositoryFacts;
  cases: (Case & { out: Out })[];
}

/**
 * Cases that differ with no transformation written for them yet, each with what it looks like: empty now. A ratchet
 * for a new recording (a newer metadata-action): each listed case must still differ, and no other case may.
 */
const unexplained = JSON.parse(
  readFileSync(new URL('./differential/unexplained.json', import.meta.url), 'utf8'),
) as Record<string, string>;

const data = JSON.parse(
  readFileSync(new URL('./differential/metadata-action.json', import.meta.url), 'utf8'),
) as Recorded;

/** This engine on a case, in the recorded shape; a refused input is `error`. */
async function ours(c: Case & { out: Out }): Promise<Out> {
  try {
    const m = await metaOfRow(c.inputs, rowContext(c.ctx, data.repository), {
      now: new Date(data.created),
      // git's date of the commit is the commit's (metadata-action asked the recorder's API, which answered the
      // case's date, or 404 and it used the clock)
      commitDate: new Date(c.ctx.commitDate ?? data.created),
      ...(c.env ? { env: c.env } : {}),
    });
    const sep = c.inputs['sep-tags'];
    return {
      version: m.version,
      tags: m.tags,
      'tag-names': m.tagNames,
      labels: m.labels,
      annotations: m.annotations,
      json: m.json,
      // the output as written with sep-tags (recorded where metadata-action wrote one)
      ...(sep !== undefined && c.out.joined !== undefined ? { joined: m.tags.join(sep) } : {}),
    };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const dates = await loadDates();

/** The case's rules, flavor and expressions as this engine reads them (undefined where it refuses them). */
function factsOf(c: Case): Facts | undefined {
  try {
    const ctx = rowContext(c.ctx, data.repository);
    const env = exprEnv(ctx, new Date(data.created), {
      dates,
      commitDate: ctx.commitDate ?? new Date(data.created),
      shortLength: Number(c.env?.DOCKER_METADATA_SHORT_SHA_LENGTH ?? '7'),
      warn: () => undefined,
    });
    const rendered = (t: string) => render(t, env, 'tags');
    return {
      rules: parseRules(c.inputs.tags ?? ''),
      flavor: parseFlavor(c.inputs.flavor ?? ''),
      render: rendered,
      // metadata-action's schedule patterns know only {{date}} and {{commit_date}}; anything else renders empty
      renderDatesOnly: (t) => rendered(t.replace(/\{\{\s*(?!date\b|commit_date\b)[^}]*\}\}/g, '')),
      enabled: (r) => renderBool(r.attrs.enable ?? 'true', env, 'tags', 'enable='),
    };
  } catch {
    return undefined;
  }
}

/** metadata-action's output with every difference that applies to the case made; the names of those applied. */
function expected(c: Case, theirs: Out, mine: Out): { out: Out; applied: string[] } {
  let out = structuredClone(theirs);
  const applied: string[] = [];
  const facts = factsOf(c);
  for (const d of DIFFERENCES) {
    const next = d.apply(c, out, mine, facts);
    if (next === undefined) continue;
    out = next;
    applied.push(d.id);
  }
  // the joined output follows the tags it joins
  const sep = c.inputs['sep-tags'] ?? '\n';
  if (theirs.joined !== undefined && theirs.joined === (theirs.tags ?? []).join(sep))
    out.joined = (out.tags ?? []).join(sep);
  return { out, applied };
}

/** The outputs compared (the recording also keeps metadata-action's warnings and API calls, for reading). */
const comparable = (o: Out): Out =>
  o.error !== undefined
    ? { error: 'refused' }
    : {
        version: o.version,
        tags: o.tags,
        'tag-names': o['tag-names'],
        labels: [...(o.labels ?? [])].sort(),
        annotations: [...(o.annotations ?? [])].sort(),
        // annotation order means nothing (metadata-action lists the written levels first, this engine last)
        json: {
          ...(o.json as object),
          annotations: [...((o.json as { annotations?: string[] }).annotations ?? [])].sort(),
        },
        ...(o.joined !== undefined ? { joined: o.joined } : {}),
      };

describe(`differential: ${data.cases.length} seeded cases (seed ${data.seed}) against docker/metadata-action @ ${data.source.commit.slice(0, 7)}`, () => {
  const used = new Map<string, number>();

  test('at least 500 cases, the generator’s for the recorded seed', () => {
    expect(data.cases.length).toBeGreaterThanOrEqual(500);
    const made = generateCases(data.seed, data.cases.length);
    expect(
      data.cases.map(({ id, ctx, inputs, env }) => ({ id, ctx, inputs, ...(env ? { env } : {}) })),
    ).toEqual(made);
  });

  test.each(data.cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const mine = await ours(c);
    const { out, applied } = expected(c, c.out, mine);
    for (const id of applied) used.set(id, (used.get(id) ?? 0) + 1);
    if (c.id in unexplained) {
      expect(comparable(mine), `${c.id} is listed as unexplained but agrees now: take it off`).not.toEqual(
        comparable(out),
      );
      return;
    }
    expect(comparable(mine)).toEqual(comparable(out));
  });

  test('every listed difference explains at least one case', () => {
    const unused = DIFFERENCES.filter((d) => !used.has(d.id)).map((d) => d.id);
    console.log(
      `differences applied: ${DIFFERENCES.map((d) => `${d.id} ${used.get(d.id) ?? 0}`).join(', ')}`,
    );
    expect(unused).toEqual([]);
  });
});

/** The README's table of deliberate differences, as it must read (generated from differences.ts). */
function differencesTable(): string {
  const rows = [...DIFFERENCES, ...OTHER_DIFFERENCES].map((d) => `| ${d.theirs} | ${d.ours} |`);
  return ['| docker/metadata-action | Crossbuild |', '| --- | --- |', ...rows].join('\n');
}

test('the README lists every deliberate difference, as differences.ts has them', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  // cells compared, not spacing (prettier pads the table)
  const cells = (table: string) =>
    table
      .trim()
      .split('\n')
      .map((row) =>
        row
          .split(/(?<!\\)\|/)
          .map((c) => c.trim().replace(/^-+$/, '---'))
          .join('|'),
      );
  const section = /<!-- differences:start -->\n([\s\S]*?)\n<!-- differences:end -->/.exec(readme)?.[1] ?? '';
  expect(
    cells(section),
    `README.md needs, between <!-- differences:start --> and <!-- differences:end -->:\n${differencesTable()}`,
  ).toEqual(cells(differencesTable()));
});
