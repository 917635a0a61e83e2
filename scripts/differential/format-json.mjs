// JSON text laid out the way the repository's Prettier settings would lay it out (`prettier --check .` covers
// __tests__/), so that the data files need no formatting pass: every non-empty object is broken over lines, one
// key a line; an array of scalars stays on one line when that line, its trailing comma included, fits in
// printWidth (110) and otherwise takes one element a line; an array holding a non-empty object or array is
// always broken. Two-space indentation, a final newline.

const PRINT_WIDTH = 110;

const isScalar = (value) => value === null || typeof value !== 'object';

const isEmpty = (value) => (Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0);

function flat(value) {
  if (isScalar(value)) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(flat).join(', ')}]`;
  return isEmpty(value) ? '{}' : null;
}

/** `value` printed at `depth`; `head` is the text already on its line, `tail` what follows it there. */
function print(value, depth, head, tail) {
  const pad = '  '.repeat(depth);
  if (isScalar(value) || isEmpty(value)) return flat(value);
  if (Array.isArray(value)) {
    const inline = value.every(isScalar) ? flat(value) : null;
    if (inline !== null && head.length + inline.length + tail.length <= PRINT_WIDTH) return inline;
    const inner = '  '.repeat(depth + 1);
    const lines = value.map((item, i) => {
      const comma = i < value.length - 1 ? ',' : '';
      return inner + print(item, depth + 1, inner, comma) + comma;
    });
    return `[\n${lines.join('\n')}\n${pad}]`;
  }
  const inner = '  '.repeat(depth + 1);
  const keys = Object.keys(value).filter((key) => value[key] !== undefined);
  const lines = keys.map((key, i) => {
    const comma = i < keys.length - 1 ? ',' : '';
    const label = `${inner}${JSON.stringify(key)}: `;
    return label + print(value[key], depth + 1, label, comma) + comma;
  });
  return `{\n${lines.join('\n')}\n${pad}}`;
}

/** The text of a JSON file holding `value`. */
export function formatJson(value) {
  return `${print(value, 0, '', '')}\n`;
}
