/** `crossbuild lint`: the emulation advisor alone, as text, JSON or SARIF 2.1.0 (for code-scanning upload). Pure. */
import type { Finding, FindingKind } from '../dockerfile/advisor.js';

type Level = 'error' | 'warning' | 'note';

/** A build-machine binary is a broken image; an emulated compile is slow; a hidden one may be. */
const LEVELS: Record<FindingKind, Level> = {
  'build-arch-binary': 'error',
  'emulated-compile': 'warning',
  'hidden-compile': 'note',
};

const RANK: Record<Level | 'none', number> = { error: 3, warning: 2, note: 1, none: 99 };

export interface FileFindings {
  file: string;
  findings: Finding[];
}

/** Whether any finding is at or above `failOn`. */
export function failsAt(results: readonly FileFindings[], failOn: 'error' | 'warning' | 'none'): boolean {
  return results.some((r) => r.findings.some((f) => RANK[LEVELS[f.kind]] >= RANK[failOn]));
}

export function asText(results: readonly FileFindings[]): string {
  const lines = results.flatMap((r) =>
    r.findings.map(
      (f) => `${r.file}:${f.line}: ${LEVELS[f.kind]}: [${f.kind}] ${f.message}\n  fix: ${f.fix}`,
    ),
  );
  const n = lines.length;
  return [
    ...lines,
    `${n} finding${n === 1 ? '' : 's'} in ${results.length} file${results.length === 1 ? '' : 's'}`,
  ].join('\n');
}

export function asJson(results: readonly FileFindings[]): string {
  return JSON.stringify(
    results.flatMap((r) => r.findings.map((f) => ({ file: r.file, level: LEVELS[f.kind], ...f }))),
    null,
    2,
  );
}

const RULES: { id: FindingKind; name: string; text: string }[] = [
  {
    id: 'build-arch-binary',
    name: 'BuildMachineBinary',
    text: 'A binary compiled for the build machine reaches the images of other platforms',
  },
  { id: 'emulated-compile', name: 'EmulatedCompile', text: 'A compile step runs under QEMU emulation' },
  {
    id: 'hidden-compile',
    name: 'HiddenCompile',
    text: 'A build script runs under QEMU emulation and may compile',
  },
];

export function asSarif(results: readonly FileFindings[], version: string): string {
  return JSON.stringify(
    {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'crossbuild',
              version,
              informationUri: 'https://github.com/crossbuild/crossbuild',
              rules: RULES.map((r) => ({
                id: r.id,
                name: r.name,
                shortDescription: { text: r.text },
                defaultConfiguration: { level: LEVELS[r.id] },
              })),
            },
          },
          results: results.flatMap((r) =>
            r.findings.map((f) => ({
              ruleId: f.kind,
              ruleIndex: RULES.findIndex((x) => x.id === f.kind),
              level: LEVELS[f.kind],
              message: { text: `${f.message}. Fix: ${f.fix}` },
              locations: [
                { physicalLocation: { artifactLocation: { uri: r.file }, region: { startLine: f.line } } },
              ],
            })),
          ),
        },
      ],
    },
    null,
    2,
  );
}
