import { describe, expect, test } from 'vitest';
import { postIO } from '../src/post-io.js';

describe('postIO: the post step without @actions/core', () => {
  const lines = (): { io: ReturnType<typeof postIO>; out: string[] } => {
    const out: string[] = [];
    return { io: postIO({ STATE_builder: 'crossbuild-1a2b3c4d', STATE_temp: '' }, (l) => out.push(l)), out };
  };

  test('saved state comes from STATE_<name>; an unsaved name is empty', () => {
    const { io } = lines();
    expect(io.state('builder')).toBe('crossbuild-1a2b3c4d');
    expect(io.state('temp')).toBe('');
    expect(io.state('logins')).toBe('');
  });

  test.each([
    ['plain', 'could not remove /tmp/x: EBUSY', '::warning::could not remove /tmp/x: EBUSY\n'],
    ['percent first, then CR and LF', '100% done\r\nnext', '::warning::100%25 done%0D%0Anext\n'],
    ['an encoded-looking text stays itself', 'a %0A b', '::warning::a %250A b\n'],
  ])('a warning is one workflow command (%s)', (_, message, line) => {
    const { io, out } = lines();
    io.warning(message);
    expect(out).toEqual([line]);
  });

  test('info is the line as written', () => {
    const { io, out } = lines();
    io.info('removed builder crossbuild-1a2b3c4d');
    expect(out).toEqual(['removed builder crossbuild-1a2b3c4d\n']);
  });
});
