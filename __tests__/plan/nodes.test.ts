import { describe, expect, test } from 'vitest';
import { nodesForPlatforms, parseEndpointLine, type BuilderNode } from '../../src/plan/nodes.js';

describe('parseEndpointLine', () => {
  test.each([
    ['tcp://buildkitd:1234', { endpoint: 'tcp://buildkitd:1234', platforms: [] }],
    [
      'tcp://arm64-node:1234,platforms=linux/arm64',
      { endpoint: 'tcp://arm64-node:1234', platforms: ['linux/arm64'] },
    ],
    [
      ' tcp://arm:1234 , platforms=linux/arm64/v8,linux/arm ',
      { endpoint: 'tcp://arm:1234', platforms: ['linux/arm64', 'linux/arm/v7'] },
    ],
    [
      'unix:///run/buildkit/buildkitd.sock',
      { endpoint: 'unix:///run/buildkit/buildkitd.sock', platforms: [] },
    ],
    ['tcp://a:1,platforms=linux/amd64,linux/amd64', { endpoint: 'tcp://a:1', platforms: ['linux/amd64'] }],
  ])('%j', (line, want) => {
    expect(parseEndpointLine(line)).toEqual(want);
  });

  test.each([
    ['platforms=linux/arm64', /does not start with an address/],
    [',platforms=linux/arm64', /does not start with an address/],
    ['tcp://a:1,platform=linux/arm64', /unknown "platform"/],
    ['tcp://a:1,linux/arm64', /unknown "linux\/arm64"/],
    ['tcp://a:1,platforms=', /"" is not a platform/],
    ['tcp://a:1,platforms=linux/arm64x', /"linux\/arm64x" is not a platform/],
    ['tcp://a:1,platforms=linux/arm64,name=x', /"name=x" is not a platform/],
  ])('%j is refused', (line, why) => {
    expect(parseEndpointLine(line)).toMatch(why);
  });
});

const node = (name: string, platforms: string[], pinned?: string[]): BuilderNode => ({
  name,
  endpoint: `tcp://${name}:1234`,
  platforms,
  ...(pinned ? { pinned } : {}),
});
// an amd64 host with QEMU lists arm64 too; buildx ls puts pinned platforms first
const amd = ['linux/amd64', 'linux/amd64/v2', 'linux/arm64', 'linux/arm/v7'];
const arm = ['linux/arm64', 'linux/arm/v7'];

describe('nodesForPlatforms', () => {
  test.each<[string, BuilderNode[], string[], string[]]>([
    [
      'no pins: the first node listing it',
      [node('a', amd), node('b', arm)],
      ['linux/amd64', 'linux/arm64'],
      ['a', 'a'],
    ],
    [
      'every platform pinned somewhere: the node pinning it',
      [node('a', amd, ['linux/amd64']), node('b', arm, ['linux/arm64'])],
      ['linux/amd64', 'linux/arm64'],
      ['a', 'b'],
    ],
    [
      'one platform not pinned: buildx falls back to every node’s list, first wins',
      [node('a', amd, ['linux/amd64']), node('b', arm, ['linux/arm64'])],
      ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
      ['a', 'a', 'a'],
    ],
    [
      'only the second node lists it',
      [node('a', ['linux/amd64']), node('b', arm)],
      ['linux/amd64', 'linux/arm/v7'],
      ['a', 'b'],
    ],
    ['nobody lists it: the first node', [node('a', ['linux/amd64']), node('b', arm)], ['linux/s390x'], ['a']],
    [
      'spellings normalised (arm64/v8, arm)',
      [
        node('a', ['linux/amd64'], ['linux/amd64']),
        node('b', ['linux/arm64/v8', 'linux/arm'], ['linux/arm64/v8', 'linux/arm']),
      ],
      ['linux/arm64', 'linux/arm/v7'],
      ['b', 'b'],
    ],
    ['no nodes: none', [], ['linux/amd64'], ['']],
  ])('%s', (_, nodes, platforms, want) => {
    const got = nodesForPlatforms(nodes, platforms);
    expect(got.map((g) => g.platform)).toEqual(platforms);
    expect(got.map((g) => g.node)).toEqual(want);
  });
});
