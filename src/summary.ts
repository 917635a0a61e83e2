/** The job summary: what was built and why, what the registry holds, how long each step took. Pure rendering. */
import { nodesForPlatforms } from './plan/nodes.js';
import { foreignText, type FailureKind } from './errors.js';
import { shellQuote } from './shell.js';
import type { Result } from './result.js';

const esc = (s: string): string => s.replace(/\|/g, '\\|');

function bytes(n: number | undefined): string {
  if (n === undefined) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** Per platform: digest, size, the arch proof; for a merge, which job built it and how long that took. */
function platformTable(r: Result): string[] {
  const rows = r.rows ?? [];
  const merged = rows.some((p) => p.job !== undefined);
  const out = merged
    ? ['### Platforms', '', '| platform | digest | size | built by | build time |', '|---|---|---|---|---|']
    : ['### Platforms', '', '| platform | digest | size | entrypoint binary |', '|---|---|---|---|'];
  for (const p of rows) {
    const digest = p.digest === '' ? '' : `\`${p.digest.slice(0, 19)}…\``;
    const last = merged
      ? `${esc(p.job ?? '')} | ${p.ms === undefined ? '' : `${(p.ms / 1000).toFixed(1)} s`}`
      : p.found === undefined
        ? ''
        : `${p.ok ? '✅' : '❌'} ${esc(p.found)}`;
    out.push(`| \`${p.platform}\` | ${digest} | ${bytes(p.size)} | ${last} |`);
  }
  if (r.attestations)
    out.push('', `${r.attestations} attestation manifest(s) (provenance/SBOM) — not platforms.`);
  return out;
}

/** What a container printed, shown in a table cell: HTML-escaped, one line per line, never a new table row. */
const cellText = (lines: readonly string[]): string =>
  lines
    .map((l) => foreignText(l).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'))
    .map((l) => esc(l))
    .join('<br>');

/** The `test` commands: platform × command, passed or not, how long, the first lines they printed. */
function testTable(r: Result): string[] {
  const tests = r.tests ?? [];
  if (tests.length === 0) return [];
  const rows = tests.map(
    (t) =>
      `| \`${t.platform}\` | \`${esc(t.test)}\` | ${t.ok ? '✅' : `❌ ${esc(t.exit ?? '')}`} | ${(t.ms / 1000).toFixed(2)} s | ${cellText(t.output)} |`,
  );
  return ['### Tests', '', '| platform | test | | time | output |', '|---|---|---|---|---|', ...rows, ''];
}

/** A multi-node builder: which node builds which platform (buildx's choice, src/plan/nodes.ts). */
function nodeTable(r: Result): string[] {
  const nodes = r.builder?.nodes ?? [];
  if (nodes.length < 2) return [];
  const out = [
    `### Builder nodes (${esc(r.builder?.name ?? '')})`,
    '',
    '| platform | node | endpoint |',
    '|---|---|---|',
  ];
  for (const { platform, node } of nodesForPlatforms(nodes, r.platforms)) {
    const endpoint = nodes.find((n) => n.name === node)?.endpoint ?? '';
    out.push(`| \`${platform}\` | ${esc(node)} | ${endpoint ? `\`${esc(endpoint)}\`` : ''} |`);
  }
  return [...out, ''];
}

/** What the title says failed: from the failure's kind. */
const FAILED_AT: Record<FailureKind, string> = {
  input: 'an input to fix',
  engine: 'docker or BuildKit',
  registry: 'the registry',
  proof: 'verification; no tag moved after it',
  test: 'a test of the built image; no tag moved',
  attest: 'the signed provenance; no tag moved',
  internal: 'a Crossbuild bug; please report it',
};

export function renderSummary(r: Result): string {
  return [
    `## ${titleOf(r)}`,
    '',
    ...failureLines(r),
    ...headLines(r),
    ...tagLines(r),
    ...(r.rows && r.rows.length > 0 ? [...platformTable(r), ''] : []),
    ...testTable(r),
    ...nodeTable(r),
    ...stagedLines(r),
    ...provenanceLines(r),
    ...stepLines(r),
    ...timeline(r),
    ...list('### Warnings', r.warnings),
    '<details><summary>Labels and annotations</summary>',
    '',
    '```',
    ...r.meta.labels,
    ...r.meta.annotations,
    '```',
    '',
    '</details>',
    '',
    ...commandLines(r),
  ].join('\n');
}

function titleOf(r: Result): string {
  if (r.dryRun) return 'Crossbuild plan (dry run)';
  if (r.failure !== undefined) return `Crossbuild: failed (${FAILED_AT[r.failure.kind]})`;
  if (r.retagged) return 'Crossbuild: unchanged, retagged';
  return r.mode === 'all' ? 'Crossbuild' : `Crossbuild (mode: ${r.mode})`;
}

function failureLines(r: Result): string[] {
  if (r.failure === undefined) return [];
  const { message, detail } = r.failure;
  const items = detail.filter((d) => d.trim() !== '').map((d) => `- ${d.trim()}`);
  return [`> ❌ ${message}`, '', ...items, ...(detail.length > 0 ? [''] : [])];
}

function headLines(r: Result): string[] {
  const { ctx, meta } = r;
  return [
    `Event **${ctx.eventName}** on \`${ctx.ref}\` at \`${ctx.sha.slice(0, 12)}\` → version **${meta.version || '(none)'}**`,
    '',
    `Platforms: ${r.platforms.map((p) => `\`${p}\``).join(', ')} · ${r.pushReason}`,
    '',
    ...(r.digest ? [`Index digest: \`${r.digest}\``, ''] : []),
    // the cache plan's own words start with the input (`cache: registry — …`)
    ...(r.cache ? [`Cache: ${r.cache.replace(/^cache:\s*/, '')}`, ''] : []),
  ];
}

function tagLines({ meta }: Result): string[] {
  const out = ['### Tags', '', '| tag | from rule |', '|---|---|'];
  for (const rule of meta.rules)
    for (const t of rule.tags) out.push(`| \`${esc(t)}\` | \`${esc(rule.rule)}\` |`);
  if (meta.rules.every((x) => x.tags.length === 0)) out.push('| (none) | |');
  out.push('');
  if (meta.images.length > 0) out.push(`Images: ${meta.images.map((i) => `\`${i}\``).join(', ')}`, '');
  if (meta.floating.length > 0) {
    out.push('### Floating tags', '', '| tag | | why |', '|---|---|---|');
    for (const f of meta.floating)
      out.push(
        `| \`${f.tag}\` | ${f.applied ? 'applied' : 'withheld'} | ${esc(f.reason.replace(/^(applied|withheld|skipped):\s*/, ''))} |`,
      );
    out.push('');
  }
  return out;
}

/** The signed provenance: who signed, where it is, and how a user checks it. */
function provenanceLines(r: Result): string[] {
  const a = r.attestation;
  if (!a) return [];
  const image = `${r.meta.images[0] ?? ''}@${r.digest ?? ''}`;
  const keyless = !a.signer.startsWith('key ');
  return [
    '### Provenance',
    '',
    `SLSA v1 provenance signed by \`${a.signer}\`${a.issuer ? ` (${a.issuer})` : ''}${a.logIndex ? `, transparency log entry ${a.logIndex}` : ''}; ${a.subjects} subject(s); attached as \`${a.digest}\` (${a.via}); verified before the tags moved.`,
    '',
    '```sh',
    ...(keyless
      ? [
          `cosign verify-attestation --new-bundle-format --type slsaprovenance1 --certificate-identity '${a.signer}' --certificate-oidc-issuer '${a.issuer}' ${image}`,
          ...(a.issuer === 'https://token.actions.githubusercontent.com'
            ? [`gh attestation verify oci://${image} --bundle-from-oci -R ${repoOf(a.signer)}`]
            : []),
        ]
      : [
          `cosign verify-attestation --new-bundle-format --type slsaprovenance1 --key PUBLIC_KEY.pem ${image}`,
        ]),
    '```',
    '',
  ];
}

/** `https://github.com/o/r/.github/workflows/x.yml@ref` → `o/r` */
const repoOf = (san: string) =>
  san
    .replace(/^https:\/\/[^/]+\//, '')
    .split('/')
    .slice(0, 2)
    .join('/');

function stagedLines(r: Result): string[] {
  const title = r.mode === 'build' ? '### Staged for the merge job' : '### Staging references left';
  return list(
    title,
    (r.staged ?? []).map((s) => `\`${s}\``),
  );
}

function stepLines(r: Result): string[] {
  if (r.steps.length === 0) return [];
  const rows = r.steps.map((s) => `| ${s.step} | ${(s.ms / 1000).toFixed(2)} s | ${esc(s.note ?? '')} |`);
  return ['### Steps', '', '| step | duration | note |', '|---|---|---|', ...rows, ''];
}

/** A gantt task's name: mermaid reads `:` as the end of it and `;`, `#` and `%` as syntax. */
const taskName = (s: string): string =>
  s
    .replace(/[:;#%]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim() || '?';

/** Where the time went: the phases and each platform's tests on one axis (a mermaid gantt, which GitHub draws). */
function timeline(r: Result): string[] {
  const task = (label: string, at: number, ms: number) =>
    `  ${taskName(label)} :${at}, ${at + Math.max(ms, 1)}`;
  const phases = r.steps.flatMap((s) => (s.at === undefined ? [] : [task(s.step, s.at, s.ms)]));
  if (phases.length === 0) return [];
  const tests = (r.tests ?? []).filter((t) => t.at !== undefined);
  const platforms = [...new Set(tests.map((t) => t.platform))];
  return [
    '### Timeline',
    '',
    '```mermaid',
    'gantt',
    '  dateFormat x',
    '  axisFormat %M:%S',
    '  section Phases',
    ...phases,
    ...platforms.flatMap((p) => [
      `  section Tests ${taskName(p)}`,
      ...tests.filter((t) => t.platform === p).map((t) => task(t.test, t.at ?? 0, t.ms)),
    ]),
    '```',
    '',
  ];
}

/** A titled bullet list, nothing when empty. */
function list(title: string, items: readonly string[]): string[] {
  return items.length === 0 ? [] : [title, '', ...items.map((i) => `- ${i}`), ''];
}

function commandLines(r: Result): string[] {
  // a retag built nothing: no build command to show (a merge has registry lines only)
  if ((!r.argv && !r.around) || r.retagged) return [];
  return [
    r.dryRun ? '### Commands it would run' : '### Build command',
    '',
    '```sh',
    ...(r.around?.before ?? []),
    ...(r.argv ? [shellQuote(['docker', ...r.argv])] : []),
    ...(r.around?.after ?? []),
    '```',
    '',
  ];
}
