/** The `flavor` input: `latest=auto|true|false`, `prefix=X[,onlatest=true]`, `suffix=X[,onlatest=true]`. */
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

export function parseFlavor(text: string): Flavor {
  const f: Flavor = { latest: 'auto', prefix: '', prefixOnLatest: false, suffix: '', suffixOnLatest: false };
  for (const line of inputLines(text)) {
    const [head, ...rest] = parseFields(line, 'flavor');
    if (!head) continue;
    const onlatest = rest.find((r) => r.key === 'onlatest');
    const extra = rest.find((r) => r.key !== 'onlatest');
    if (extra || (onlatest && head.key === 'latest')) {
      throw new InputError(
        'flavor',
        `"${line}": unexpected "${extra?.key ?? 'onlatest'}"; only prefix= and suffix= take ,onlatest=true`,
      );
    }
    switch (head.key) {
      case 'latest':
        if (!['auto', 'true', 'false'].includes(head.value)) {
          throw new InputError('flavor', `"${line}": latest must be auto, true or false`);
        }
        f.latest = head.value as Flavor['latest'];
        break;
      case 'prefix':
        f.prefix = head.value;
        f.prefixOnLatest = onlatest ? bool(line, onlatest.value) : false;
        break;
      case 'suffix':
        f.suffix = head.value;
        f.suffixOnLatest = onlatest ? bool(line, onlatest.value) : false;
        break;
      default:
        throw new InputError(
          'flavor',
          `"${line}": unknown key "${head.key || head.value}"; use latest=, prefix= or suffix=`,
        );
    }
  }
  return f;
}
