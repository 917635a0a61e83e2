/**
 * The `images` input: names separated by newlines or commas, or `name=X,enable=EXPR` lines.
 * Names are lowercased (registries reject upper case); disabled images are dropped.
 */
import { InputError } from '../errors.js';
import { renderBool, type ExprEnv } from './expressions.js';
import { inputLines, parseFields } from '../lines.js';

// registry[:port]/path — lowercase components, no tag or digest (tags come from the `tags` input)
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST = /^[a-z0-9.-]+(?::\d+)?$/;

/** Why `name` is not a repository name (registry/namespace/name, lowercase), or undefined. */
function imageNameProblem(name: string): string | undefined {
  const parts = name.split('/');
  const first = parts[0] ?? '';
  const hostLike = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const path = hostLike ? parts.slice(1) : parts;
  const bad = (hostLike && !HOST.test(first)) || path.some((p) => !COMPONENT.test(p));
  return bad || name.includes('@')
    ? `"${name}" is not a valid image name (registry/namespace/name)`
    : undefined;
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/**
 * A `tags` line that is a whole reference, as build-push-action takes them (`ghcr.io/acme/app:1.2.3`, or
 * metadata-action's `tags` output pasted in): no `=`, and a `/` or `:` no tag name can hold. Undefined for a
 * rule line; an InputError for a reference that is not valid.
 */
export function referenceLine(line: string): { image: string; tag: string } | undefined {
  const l = line.trim();
  if (l.includes('=') || l.includes('{{') || !/[/:]/.test(l)) return undefined;
  const slash = l.lastIndexOf('/');
  const colon = l.lastIndexOf(':');
  const image = colon > slash ? l.slice(0, colon) : l;
  const tag = colon > slash ? l.slice(colon + 1) : '';
  const why = imageNameProblem(image);
  if (why || !TAG.test(tag))
    throw new InputError(
      'tags',
      `"${l}" is not a valid image reference; write NAME:TAG (e.g. ghcr.io/acme/app:1.2.3) or a rule (type=…)`,
    );
  return { image, tag };
}

function check(name: string): void {
  const why = imageNameProblem(name);
  if (why === undefined) return;
  const last = name.split('/').at(-1) ?? '';
  const hint =
    last.includes(':') || name.includes('@') ? '; put tags in the tags input, not in the image name' : '';
  throw new InputError('images', `${why}${hint}`);
}

export function parseImages(text: string, env: ExprEnv): string[] {
  const out: string[] = [];
  for (const line of inputLines(text)) {
    const fields = parseFields(line, 'images');
    if (fields.every((f) => f.key === '')) {
      out.push(...fields.map((f) => f.value.toLowerCase()));
      continue;
    }
    // with attributes on the line, a field without `=` is the name (`ghcr.io/acme/app,enable=false`)
    const named = fields.find((f) => f.key === 'name') ?? fields.find((f) => f.key === '');
    if (!named || fields.filter((f) => f.key === '' || f.key === 'name').length > 1)
      throw new InputError('images', `"${line}": give one image name per line with its attributes`);
    let enabled = true;
    for (const f of fields) {
      if (f.key === 'enable') enabled = renderBool(f.value, env, 'images', 'enable=');
      else if (f !== named && f.key !== 'name') {
        throw new InputError(
          'images',
          `"${line}": unknown "${f.key || f.value}"; a name= line takes only enable=`,
        );
      }
    }
    if (enabled) out.push(named.value.toLowerCase());
  }
  for (const name of out) check(name);
  return [...new Set(out)];
}
