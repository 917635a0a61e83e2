/** The `flavor` input: `latest=auto|true|false`, `prefix=X[,onlatest=true]`, `suffix=X[,onlatest=true]`, one or more per line. */
import { InputError } from '../errors.js';
import { inputLines, parseFields } from '../lines.js';

export interface Flavor {
  latest: 'auto' | 'true' | 'false';
  prefix: string;
  prefixOnLatest: boolean;
  suffix: string;
  suffixOnLatest: boolean;
}

function bool(line: string, v: string): boolean {
  if (v !== 'true' && v !== 'false')
    throw new InputError('flavor', `"${line}": onlatest=${v} is not true or false`);
  return v === 'true';
}

/**
 * Each line is fields in order, as in metadata-action: `latest=auto,prefix=app-,onlatest=true` sets latest and the
 * prefix; `onlatest=` applies to the prefix or suffix before it on its line (and to nothing else).
 */
export function parseFlavor(text: string): Flavor {
  const f: Flavor = { latest: 'auto', prefix: '', prefixOnLatest: false, suffix: '', suffixOnLatest: false };
  for (const line of inputLines(text)) {
    let affix: 'prefix' | 'suffix' | undefined;
    for (const field of parseFields(line, 'flavor')) {
      switch (field.key) {
        case 'latest':
          if (!['auto', 'true', 'false'].includes(field.value)) {
            throw new InputError('flavor', `"${line}": latest must be auto, true or false`);
          }
          f.latest = field.value as Flavor['latest'];
          break;
        case 'prefix':
        case 'suffix':
          f[field.key] = field.value;
          affix = field.key;
          break;
        case 'onlatest':
          if (affix === 'prefix') f.prefixOnLatest = bool(line, field.value);
          else if (affix === 'suffix') f.suffixOnLatest = bool(line, field.value);
          else bool(line, field.value);
          break;
        default:
          throw new InputError(
            'flavor',
            `"${line}": unknown key "${field.key || field.value}"; use latest=, prefix= or suffix=`,
          );
      }
    }
  }
  return f;
}
