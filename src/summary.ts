/** The job summary: what was built and why, what the registry holds, how long each step took. Pure rendering. */
import { nodesForPlatforms } from './plan/nodes.js';
import type { FailureKind } from './errors.js';
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
  internal: 'a Crossbuild bug; please report it',
};

export function renderSummary(r: Result): string {
  const { ctx, meta } = r;
  const out: string[] = [];
  const title = r.dryRun
    ? 'Crossbuild plan (dry run)'
    : r.failure !== undefined
      ? `Crossbuild: failed (${FAILED_AT[r.failure.kind]})`
      : r.retagged
        ? 'Crossbuild: unchanged, retagged'
        : r.mode === 'all'
          ? 'Crossbuild'
          : `Crossbuild (mode: ${r.mode})`;
  out.push(`## ${title}`, '');
  if (r.failure !== undefined) {
    const { message, detail } = r.failure;
    out.push(`> ❌ ${message}`, '');
    for (const d of detail) if (d.trim() !== '') out.push(`- ${d.trim()}`);
    if (detail.length > 0) out.push('');
  }
  out.push(
    `Event **${ctx.eventName}** on \`${ctx.ref}\` at \`${ctx.sha.slice(0, 12)}\` → version **${meta.version || '(none)'}**`,
  );
  out.push('', `Platforms: ${r.platforms.map((p) => `\`${p}\``).join(', ')} · ${r.pushReason}`, '');
  if (r.digest) out.push(`Index digest: \`${r.digest}\``, '');
  // the cache plan's own words start with the input (`cache: registry — …`)
  if (r.cache) out.push(`Cache: ${r.cache.replace(/^cache:\s*/, '')}`, '');

  out.push('### Tags', '', '| tag | from rule |', '|---|---|');
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
  if (r.rows && r.rows.length > 0) out.push(...platformTable(r), '');
  out.push(...nodeTable(r));
  if (r.staged && r.staged.length > 0) {
    out.push(r.mode === 'build' ? '### Staged for the merge job' : '### Staging references left', '');
    for (const s of r.staged) out.push(`- \`${s}\``);
    out.push('');
  }
  if (r.steps.length > 0) {
    out.push('### Steps', '', '| step | duration | note |', '|---|---|---|');
    for (const s of r.steps) out.push(`| ${s.step} | ${(s.ms / 1000).toFixed(2)} s | ${esc(s.note ?? '')} |`);
    out.push('');
  }
  if (r.warnings.length > 0) {
    out.push('### Warnings', '');
    for (const w of r.warnings) out.push(`- ${w}`);
    out.push('');
  }
  out.push('<details><summary>Labels and annotations</summary>', '', '```');
  out.push(...meta.labels, ...meta.annotations, '```', '', '</details>', '');
  // a retag built nothing: no build command to show (a merge has registry lines only)
  if ((r.argv || r.around) && !r.retagged) {
    out.push(r.dryRun ? '### Commands it would run' : '### Build command', '', '```sh');
    out.push(...(r.around?.before ?? []), ...(r.argv ? [shellQuote(['docker', ...r.argv])] : []));
    out.push(...(r.around?.after ?? []), '```', '');
  }
  return out.join('\n');
}
