/**
 * Drop-in compatibility with docker/metadata-action: every row of compat/metadata-action.json (its documented and
 * tested behaviour, as facts) run through this tag engine: version, tags, labels and annotations must be the same.
 * Crossbuild's own defaults that differ on purpose are set to metadata-action's here (floating-tags: always).
 * One difference is kept and asserted instead: `org.opencontainers.image.created` is the commit time when the event
 * carries it (a rebuild of the same commit gives the same image config), the clock otherwise; metadata-action always
 * uses the clock.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { RunContext } from '../../src/context.js';
import { computeMeta } from '../../src/tags/index.js';
import { exprEnv } from '../../src/tags/expressions.js';
import { parseImages } from '../../src/tags/images.js';
import { parseRules } from '../../src/tags/rules.js';
import { fakeGit } from '../fixtures/events.js';
import { metaOfRow, rowContext, type RepositoryFacts, type RowContext } from './run.js';

interface MetaRow {
  id: string;
  group: string;
  ctx: RowContext;
  note?: string;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  expect: {
    version?: string;
    tags?: string[];
    labels?: string[];
    annotations?: string[];
    annotationsWithLevels?: boolean;
    joinedTags?: string;
    /** the json output, where the row is about it (its created label is the clock's, as the others) */
    json?: { labels: Record<string, string> };
  };
}

interface Table {
  created: string;
  repository: RepositoryFacts;
  meta: MetaRow[];
  rules: { id: string; rule: string; valid: boolean; type?: string }[];
  images: { id: string; lines: string[]; valid: boolean; images?: { name: string; enable: boolean }[] }[];
  docs: {
    id: string;
    tag: string;
    rule: string;
    out: string[];
    now?: string;
    sha?: string;
    env?: Record<string, string>;
    annotationLevels?: string[];
  }[];
}

const table = JSON.parse(
  readFileSync(new URL('./compat/metadata-action.json', import.meta.url), 'utf8'),
) as Table;

const contextOf = (row: MetaRow): RunContext => rowContext(row.ctx, table.repository);

const withoutLevel = (a: string) => a.replace(/^manifest:/, '');

describe('metadata-action compatibility: version, tags, labels, annotations', () => {
  test.each(table.meta.map((r) => [`${r.group}/${r.id}`, r] as const))('%s', async (_id, row) => {
    const meta = await metaOfRow(row.inputs, contextOf(row), {
      now: new Date(table.created),
      // without a head commit in the event the commit's date comes from git (here: the frozen clock's instant)
      commitDate: new Date(table.created),
      ...(row.env ? { env: row.env } : {}),
    });
    const e = row.expect;
    if (e.joinedTags !== undefined) {
      expect(meta.tags.join(row.inputs['sep-tags'] ?? '\n')).toBe(e.joinedTags);
      return;
    }
    if (e.version !== undefined) expect(meta.version).toBe(e.version);
    const created = `org.opencontainers.image.created=${table.created}`;
    const ours = `org.opencontainers.image.created=${new Date(row.ctx.commitDate ?? table.created).toISOString()}`;
    const asOurs = (xs: string[] = []) => xs.map((x) => x.replace(created, ours));
    e.labels = asOurs(e.labels);
    e.annotations = asOurs(e.annotations);
    expect(meta.tags).toEqual(e.tags);
    expect([...meta.labels].sort()).toEqual([...(e.labels ?? [])].sort());
    const annotations = e.annotationsWithLevels ? meta.annotations : meta.annotations.map(withoutLevel);
    expect([...annotations].sort()).toEqual([...(e.annotations ?? [])].sort());
    if (e.json) {
      const label = 'org.opencontainers.image.created';
      const created = new Date(row.ctx.commitDate ?? table.created).toISOString();
      expect({ ...meta.json, labels: { ...meta.json.labels, [label]: '' } }).toEqual({
        ...e.json,
        labels: { ...e.json.labels, [label]: '' },
      });
      expect(meta.json.labels[label]).toBe(created);
    }
  });
});

describe('metadata-action compatibility: rule syntax', () => {
  test.each(table.rules.map((r) => [r.rule, r] as const))('%s', (_rule, row) => {
    const parse = () => parseRules(row.rule);
    if (!row.valid) {
      expect(parse).toThrow();
      return;
    }
    const [rule] = parse();
    expect(rule?.type).toBe(row.type);
  });
});

describe('metadata-action compatibility: images lines', () => {
  test.each(table.images.map((r) => [r.lines.join(' | '), r] as const))('%s', (_l, row) => {
    const parse = () =>
      parseImages(
        row.lines.join('\n'),
        exprEnv(contextOf(table.meta[0] as MetaRow), new Date(table.created)),
      );
    if (!row.valid) {
      expect(parse).toThrow();
      return;
    }
    const enabled = (row.images ?? []).filter((i) => i.enable).map((i) => i.name.toLowerCase());
    expect(parse()).toEqual(enabled);
  });
});

describe('metadata-action compatibility: its README tables and examples', () => {
  test.each(table.docs.map((r) => [`${r.id} ${r.tag} ${r.rule}`, r] as const))('%s', async (_n, row) => {
    const base = contextOf(table.meta[0] as MetaRow);
    const ctx: RunContext = {
      ...base,
      eventName: 'push',
      ref: `refs/tags/${row.tag}`,
      sha: row.sha ?? 'd0f0e0c0b0a09080706050403020100f0e0d0c0b',
    };
    const meta = await computeMeta(
      {
        images: '',
        tags: row.rule,
        flavor: 'latest=false',
        labels: '',
        annotations: '',
        'floating-tags': 'always',
      },
      ctx,
      { now: new Date(row.now ?? table.created), git: fakeGit({}), env: row.env ?? {} },
    );
    expect(meta.tagNames).toEqual(row.out);
    if (row.annotationLevels) {
      const levels = new Set(meta.annotations.map((a) => a.slice(0, a.indexOf(':'))));
      expect([...levels]).toEqual(row.annotationLevels);
      expect(meta.annotations).toContain(`index:org.opencontainers.image.version=${row.out[0] ?? ''}`);
    }
  });
});
