import { describe, expect, test } from 'vitest';
import { readSettings } from '../src/inputs.js';
import { makePlan, planArgv } from '../src/plan/plan.js';
import type { Result } from '../src/result.js';
import { renderSummary } from '../src/summary.js';
import { events } from './fixtures/events.js';
import { metaFixture } from './fixtures/meta.js';

function report(extra: Partial<Result> = {}): Result {
  const { ctx } = events.tagStable;
  const meta = metaFixture(['ghcr.io/acme/widget'], ['1.2.3', 'latest'], ['latest']);
  meta.floating.push({ tag: '1', applied: false, reason: 'withheld: v2.0.0 is greater' });
  const settings = readSettings(() => '');
  const plan = makePlan({
    settings,
    ctx,
    meta,
    push: true,
    job: 'single',
    verifyArch: true,
    declaredArgs: [],
    driver: 'docker',
    builder: 'default',
    metadataFile: '/tmp/m.json',
    layoutDir: '/tmp/oci',
    cacheFrom: [],
    cacheTo: [],
  });
  return {
    ctx,
    meta,
    platforms: settings.platforms,
    mode: 'all',
    separators: { tags: '\n', labels: '\n', annotations: '\n' },
    summary: true,
    push: true,
    pushReason: 'push: auto — pushed on push',
    argv: planArgv(plan),
    dryRun: false,
    steps: [{ step: 'Build', ms: 1234 }],
    warnings: [],
    ...extra,
  };
}

describe('renderSummary', () => {
  test.each<[Partial<Result>, string]>([
    [{}, '## Crossbuild\n'],
    [{ dryRun: true }, '## Crossbuild plan (dry run)'],
    [
      {
        failure: {
          phase: 'Publish and verify',
          kind: 'proof',
          message: 'verify-arch: linux/arm64 is x86-64',
          detail: [],
        },
      },
      '## Crossbuild: failed (verification; no tag moved after it)\n\n> ❌ verify-arch: linux/arm64 is x86-64',
    ],
    [{ retagged: true }, '## Crossbuild: unchanged, retagged'],
    [
      {
        failure: {
          phase: 'Publish and verify',
          kind: 'proof',
          message: 'verify: the registry does not hold what was built (2 problems):',
          detail: ['  a:1: missing linux/s390x', '  a:1: points at sha256:x'],
        },
      },
      '> ❌ verify: the registry does not hold what was built (2 problems):\n\n- a:1: missing linux/s390x\n- a:1: points at sha256:x\n',
    ],
  ])('%j → title', (extra, want) => {
    expect(renderSummary(report(extra))).toContain(want);
  });

  test('tags with the rule (or flavor) that made each, floating decisions with reasons, step durations', () => {
    const md = renderSummary(report());
    expect(md).toContain('| `1.2.3` | `type=semver,pattern={{version}}` |');
    expect(md).toContain('| `latest` | applied | greatest |');
    expect(md).toContain('| `1` | withheld | v2.0.0 is greater |');
    expect(md).toContain('| Build | 1.23 s |  |');
    expect(md).toContain('### Build command');
  });

  test('per-platform rows: digest, size, binary proof', () => {
    const md = renderSummary(
      report({
        digest: 'sha256:' + 'a'.repeat(64),
        attestations: 2,
        rows: [
          {
            platform: 'linux/amd64',
            digest: 'sha256:' + 'b'.repeat(64),
            size: 1536,
            found: '/app: x86-64 64-bit LE',
            ok: true,
          },
          { platform: 'linux/arm64', digest: '', found: '/app: x86-64 64-bit LE', ok: false },
        ],
      }),
    );
    expect(md).toContain('| `linux/amd64` | `sha256:bbbbbbbbbbbb…` | 1.5 KiB | ✅ /app: x86-64 64-bit LE |');
    expect(md).toContain('| `linux/arm64` |  |  | ❌ /app: x86-64 64-bit LE |');
    expect(md).toContain('2 attestation manifest(s)');
  });

  test.each<[string, NonNullable<Result['builder']>, string[]]>([
    [
      'pinned nodes: each platform on the node pinning it',
      {
        name: 'crossbuild-abc123',
        platforms: ['linux/amd64', 'linux/arm64'],
        nodes: [
          {
            name: 'crossbuild-abc123-0',
            endpoint: 'tcp://amd64-node:1234',
            platforms: ['linux/amd64', 'linux/arm64'],
            pinned: ['linux/amd64'],
          },
          {
            name: 'crossbuild-abc123-1',
            endpoint: 'tcp://arm64-node:1234',
            platforms: ['linux/arm64'],
            pinned: ['linux/arm64'],
          },
        ],
      },
      [
        '### Builder nodes (crossbuild-abc123)',
        '| platform | node | endpoint |',
        '| `linux/amd64` | crossbuild-abc123-0 | `tcp://amd64-node:1234` |',
        '| `linux/arm64` | crossbuild-abc123-1 | `tcp://arm64-node:1234` |',
      ],
    ],
    [
      'an existing builder (pins unknown): the first node listing it',
      {
        name: 'multi',
        platforms: ['linux/amd64', 'linux/arm64'],
        nodes: [
          { name: 'multi0', platforms: ['linux/amd64'] },
          { name: 'arm|1', endpoint: 'arm-ctx', platforms: ['linux/arm64'] },
        ],
      },
      ['| `linux/amd64` | multi0 |  |', '| `linux/arm64` | arm\\|1 | `arm-ctx` |'],
    ],
  ])('multi-node builder: %s', (_, builder, want) => {
    const md = renderSummary(report({ builder, platforms: ['linux/amd64', 'linux/arm64'] }));
    for (const line of want) expect(md).toContain(line);
  });

  test.each<[string, Result['builder']]>([
    ['no builder', undefined],
    ['one node', { name: 'b', platforms: [], nodes: [{ name: 'b0', platforms: ['linux/amd64'] }] }],
    ['nodes not listed (docker driver)', { name: 'default', platforms: [] }],
  ])('no node table: %s', (_, builder) => {
    expect(renderSummary(report(builder ? { builder } : {}))).not.toContain('### Builder nodes');
  });

  test('a retag shows no build command; a table cell cannot be broken by a pipe', () => {
    expect(renderSummary(report({ retagged: true }))).not.toContain('### Build command');
    expect(renderSummary(report({ warnings: ['a | b'] }))).toContain('- a | b');
    const md = renderSummary(report({ steps: [{ step: 'Build', ms: 5, note: 'x | y' }] }));
    expect(md).toContain('| Build | 0.01 s | x \\| y |');
  });
});

describe('the timeline (a mermaid gantt GitHub draws)', () => {
  test('the phases, then each platform’s tests, on one millisecond axis; names safe for mermaid', () => {
    const md = renderSummary(
      report({
        steps: [
          { step: 'Build', at: 40, ms: 600 },
          { step: 'Publish and verify', at: 640, ms: 900 },
        ],
        tests: [
          { platform: 'linux/amd64', test: '/app --version', ok: true, ms: 240, at: 700, output: [] },
          {
            platform: 'linux/arm64',
            test: "sh -c 'a; b: #c'",
            ok: false,
            ms: 0,
            at: 700,
            output: [],
            exit: 'exited 1',
          },
        ],
      }),
    );
    const block = md.split('```mermaid\n')[1]?.split('```')[0] ?? '';
    expect(block.split('\n')).toEqual([
      'gantt',
      '  dateFormat x',
      '  axisFormat %M:%S',
      '  section Phases',
      '  Build :40, 640',
      '  Publish and verify :640, 1540',
      '  section Tests linux/amd64',
      '  /app --version :700, 940',
      '  section Tests linux/arm64',
      "  sh -c 'a b c' :700, 701",
      '',
    ]);
  });

  test('no timed phase (a dry run): no timeline', () => {
    expect(renderSummary(report({ steps: [] }))).not.toContain('mermaid');
  });
});
