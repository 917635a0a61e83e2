import { describe, expect, test } from 'vitest';
import { majorTagMoves } from '../src/release/major-tags.js';

const moves = (release: string, released: string[]) =>
  majorTagMoves(release, released).map((m) => `${m.tag}:${m.move ? 'move' : 'stay'}`);

describe('the action’s major tags move forward only', () => {
  test.each([
    ['first release', 'v1.0.0', [], ['v1:move', 'v1.0:move']],
    ['a new minor', 'v1.4.0', ['v1.3.8', 'v1.3.9'], ['v1:move', 'v1.4:move']],
    ['a backport after v1.4.0 moves v1.3 only', 'v1.3.9', ['v1.3.8', 'v1.4.0'], ['v1:stay', 'v1.3:move']],
    [
      'an old major’s patch leaves the new major alone',
      'v1.5.1',
      ['v1.5.0', 'v2.0.0'],
      ['v1:move', 'v1.5:move'],
    ],
    [
      'moving tags and prereleases do not count',
      'v1.4.1',
      ['v1', 'v1.4', 'v1.5.0-rc.1', 'v1.4.0'],
      ['v1:move', 'v1.4:move'],
    ],
  ])('%s', (_name, release, released, want) => {
    expect(moves(release, released)).toEqual(want);
  });

  test('v1.4.0 then a v1.3.9 backport: v1 stays at v1.4.0, v1.3 moves', () => {
    const afterFirst = ['v1.3.8', 'v1.4.0'];
    expect(moves('v1.4.0', afterFirst)).toEqual(['v1:move', 'v1.4:move']);
    const backport = majorTagMoves('v1.3.9', [...afterFirst, 'v1', 'v1.4', 'v1.3.9']);
    expect(backport[0]).toEqual({ tag: 'v1', move: false, reason: 'withheld: v1.4.0 is greater' });
    expect(backport[1]?.move).toBe(true);
  });

  test('only vX.Y.Z releases', () => {
    expect(() => majorTagMoves('v1.4', [])).toThrow('v1.4 is not a release tag (vX.Y.Z)');
  });
});
