import { describe, expect, test } from 'vitest';
import { autoBuildArgs } from '../../src/plan/build-args.js';

const date = new Date('2025-04-30T12:34:56.789Z');

describe('autoBuildArgs', () => {
  test.each([
    [
      ['VERSION', 'GIT_COMMIT', 'BUILD_DATE'],
      [],
      ['VERSION=1.2.3', 'GIT_COMMIT=abc123', 'BUILD_DATE=2025-04-30T12:34:56Z'],
    ],
    [['SOURCE_DATE_EPOCH'], [], ['SOURCE_DATE_EPOCH=1746016496']],
    [['VERSION'], ['VERSION=custom'], []],
    [[], [], []],
    [['TARGETARCH', 'VERSION'], ['OTHER=1'], ['VERSION=1.2.3']],
  ])('declared %j, user %j → %j', (declared, user, want) => {
    expect(autoBuildArgs(declared, user, { version: '1.2.3', sha: 'abc123', commitDate: date })).toEqual(
      want,
    );
  });

  test('unknown commit date and version leave those args out', () => {
    expect(autoBuildArgs(['VERSION', 'BUILD_DATE', 'GIT_COMMIT'], [], { version: '', sha: 'abc' })).toEqual([
      'GIT_COMMIT=abc',
    ]);
  });
});
