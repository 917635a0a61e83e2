// Prints the CHANGELOG.md section of a release (`## [1.2.3] - date` up to the next `## `), for the release notes.
// Usage: node scripts/changelog-section.mjs v1.2.3   (fails when the CHANGELOG has no such section)
import { readFileSync } from 'node:fs';

export function changelogSection(text, tag) {
  const version = tag.replace(/^v/, '');
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`## [${version}]`));
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim();
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const tag = process.argv[2] ?? '';
  const section = changelogSection(readFileSync('CHANGELOG.md', 'utf8'), tag);
  if (section === undefined) {
    console.error(`CHANGELOG.md has no "## [${tag.replace(/^v/, '')}]" section; add one before tagging`);
    process.exit(1);
  }
  console.log(section);
}
