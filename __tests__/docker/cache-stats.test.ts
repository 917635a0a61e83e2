import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cacheStats } from '../../src/docker/build.js';

describe('cacheStats', () => {
  test('a real two-platform build of the reference Dockerfile with new version args', () => {
    // captured from `docker buildx build --progress plain` on this project's Dockerfile: the go build
    // steps re-ran (new -ldflags), everything before them came from cache
    const progress = readFileSync(join(import.meta.dirname, 'data/progress-warm.txt'), 'utf8');
    expect(cacheStats(progress)).toEqual({ cached: 8, steps: 13 });
  });

  test.each([
    ['', { cached: 0, steps: 0 }],
    ['#1 [internal] load build definition from Dockerfile\n#1 CACHED', { cached: 0, steps: 0 }],
    [
      '#4 [build 2/3] RUN make\n#4 CACHED\n#5 [build 3/3] RUN make install\n#5 DONE 1.2s',
      { cached: 1, steps: 2 },
    ],
    ['#4 [linux/arm64 stage-1 1/1] FROM x\n#4 CACHED', { cached: 1, steps: 1 }],
  ])('%j', (progress, want) => {
    expect(cacheStats(progress)).toEqual(want);
  });
});
