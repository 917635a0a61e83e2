/** The job summary: what was built and why, what the registry holds, how long each step took. Pure rendering. */
import type { RunContext } from './context.js';
import { shellQuote } from './exec.js';
import type { Plan } from './plan/plan.js';

export interface StepTiming {
  step: string;
  ms: number;
  note?: string;
}

export interface PlatformRow {
  platform: string;
  digest: string;
  size?: number;
  /** arch proof: what the entrypoint binary is */
  found?: string;
  ok?: boolean;
}

export interface Report {
  ctx: Pick<RunContext, 'eventName' | 'ref' | 'sha'>;
  plan: Plan;
  argv: string[];
  dryRun: boolean;
  /** docker commands the real run would add before and after the build (dry-run only) */
  around?: { before: string[][]; after: string[][] };
  digest?: string;
  platforms?: PlatformRow[];
  attestations?: number;
  steps: StepTiming[];
  warnings: string[];
  retagged?: boolean;
  /** what the cache plan chose and why */
  cache?: string;
  /** the error when the run failed: its first line, then any detail lines */
  failed?: string;
}

const esc = (s: string): string => s.replace(/\|/g, '\\|');

function bytes(n: number | undefined): string {
  if (n === undefined) return '';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export function renderSummary(r: Report): string {
  const { plan, ctx } = r;
  const meta = plan.meta;
  const out: string[] = [];
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
    for (const d of detail) if (d.trim() !== '') out.push(`- ${d.trim()}`);
    if (detail.length > 0) out.push('');
  }
  out.push(
    `Event **${ctx.eventName}** on \`${ctx.ref}\` at \`${ctx.sha.slice(0, 12)}\` → version **${meta.version || '(none)'}**`,
  );
  out.push('', `Platforms: ${plan.platforms.map((p) => `\`${p}\``).join(', ')} · ${plan.pushReason}`, '');
  if (r.digest) out.push(`Index digest: \`${r.digest}\``, '');
  if (r.cache) out.push(`Cache: ${r.cache}`, '');

  out.push('### Tags', '', '| tag | from rule |', '|---|---|');
  for (const rule of meta.rules)
    for (const t of rule.tags) out.push(`| \`${esc(t)}\` | \`${esc(rule.rule)}\` |`);
  if (meta.rules.every((x) => x.tags.length === 0)) out.push('| (none) | |');
  out.push('');
  if (meta.images.length > 0) out.push(`Images: ${meta.images.map((i) => `\`${i}\``).join(', ')}`, '');

  if (meta.floating.length > 0) {
    out.push('### Floating tags', '', '| tag | | why |', '|---|---|---|');
    for (const f of meta.floating)
      out.push(`| \`${f.tag}\` | ${f.applied ? 'applied' : 'withheld'} | ${esc(f.reason)} |`);
    out.push('');
  }
  if (r.platforms && r.platforms.length > 0) {
    out.push('### Platforms', '', '| platform | digest | size | entrypoint binary |', '|---|---|---|---|');
    for (const p of r.platforms) {
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
  // a retag built nothing: no build command to show
  if (!r.retagged) {
    out.push(r.dryRun ? '### Commands it would run' : '### Build command', '', '```sh');
    for (const c of r.around?.before ?? []) out.push(shellQuote(['docker', ...c]));
    out.push(shellQuote(['docker', ...r.argv]));
    for (const c of r.around?.after ?? []) out.push(shellQuote(['docker', ...c]));
    out.push('```', '');
  }
  return out.join('\n');
}
