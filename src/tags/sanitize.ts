/**
 * Registry tag grammar: `[A-Za-z0-9_][A-Za-z0-9._-]{0,127}`
 * (https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests).
 * Like docker/metadata-action, runs of other characters silently become `-` (branch `feature/x` is the
 * everyday case, not worth a warning); beyond it, we also repair, with a warning, what
 * the registry would still reject: leading `.`/`-` are stripped (the tag stays readable, and
 * `-rc1`/`.rc1` collapsing to `rc1` is deduplicated), and tags over 128 characters are cut to 119
 * characters + `-` + 8 hex digits of the full tag's sha256, so distinct long tags stay distinct.
 */
import { createHash } from 'node:crypto';

const MAX_TAG = 128;

export interface Sanitized {
  /** '' when nothing usable remains */
  tag: string;
  warning?: string;
}

export function sanitizeTag(original: string): Sanitized {
  const fixes: string[] = [];
  let tag = original.replace(/[^A-Za-z0-9._-]+/g, '-');
  const stripped = tag.replace(/^[.-]+/, '');
  if (stripped !== tag) fixes.push('a tag cannot start with "." or "-", so they were removed');
  tag = stripped;
  if (tag.length > MAX_TAG) {
    const hash = createHash('sha256').update(tag).digest('hex').slice(0, 8);
    tag = `${tag.slice(0, MAX_TAG - 9)}-${hash}`;
    fixes.push(`longer than ${MAX_TAG} characters, so it was cut and suffixed with a hash`);
  }
  if (tag === '') return { tag, warning: `tag "${original}" has no usable characters and was dropped` };
  if (fixes.length === 0) return { tag };
  return { tag, warning: `tag "${original}" became "${tag}": ${fixes.join('; ')}` };
}
