/**
 * The `images` input: names separated by newlines or commas, or `name=X,enable=EXPR` lines.
 * Names are lowercased (registries reject upper case); disabled images are dropped.
 */
import { InputError } from '../errors.js';
import { renderBool, type ExprEnv } from './expressions.js';
import { inputLines, parseFields } from './lines.js';

// registry[:port]/path — lowercase components, no tag or digest (tags come from the `tags` input)
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const HOST = /^[a-z0-9.-]+(?::\d+)?$/;

function check(name: string): void {
  const parts = name.split('/');
  const first = parts[0] ?? '';
  const hostLike = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const path = hostLike ? parts.slice(1) : parts;
  const bad = (hostLike && !HOST.test(first)) || path.some((p) => !COMPONENT.test(p));
  if (bad || name.includes('@')) {
    const hint =
      (parts.at(-1) ?? '').includes(':') || name.includes('@')
        ? '; put tags in the tags input, not in the image name'
        : '';
    throw new InputError('images', `"${name}" is not a valid image name (registry/namespace/name)${hint}`);
  }
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
