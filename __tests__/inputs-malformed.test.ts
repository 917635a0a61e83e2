/**
 * Every input that has a format, malformed: the run fails in the settings/intent stage with one line naming the
 * input, before any command runs (the FakeRunner has no answers, so any command would fail the test differently).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { run } from '../src/main.js';
import { events } from './fixtures/events.js';
import { RecordingIO } from './fixtures/io.js';
import { FakeRunner } from './fixtures/runner.js';
import { tempDir } from '../scripts/temp.mjs';

const cwd = tempDir('crossbuild-bad-input-');
writeFileSync(join(cwd, 'Dockerfile'), 'FROM scratch\nCOPY app /app\n');
const BASE = {
  images: 'ghcr.io/acme/widget',
  tags: 'type=semver,pattern={{version}}',
  'floating-tags': 'always',
};

test.each<[string, string, RegExp?]>([
  // platforms
  ['platforms', 'linux/amd64,arm', /did you mean linux\/arm\/v7/],
  ['platforms', 'linux/arm64x', /"arm64x" is not an architecture/],
  ['platforms', 'linux/arm/v9', /"v9" is not a variant of arm/],
  ['platforms', 'linux/amd64,,linux/arm64', /empty entry/],
  ['platforms', 'linux/amd64, ,linux/arm64', /empty entry/],
  ['platforms', 'plan9/amd64', /"plan9" is not an OS/],
  ['platforms', 'linux/s390x/v2', /s390x has no variants/],
  ['platforms', 'amd64', /did you mean linux\/amd64/],
  ['platforms', 'linux/AMD 64'],
  // booleans and choices
  ['dry-run', 'yes'],
  ['push', 'always'],
  ['load', 'sometimes'],
  ['no-cache', '1x'],
  ['pull', 'maybe'],
  ['verify', 'perhaps'],
  ['verify-arch', 'strict'],
  ['emulation', 'fail'],
  ['qemu', 'on'],
  ['driver', 'podman'],
  ['cache', 'redis'],
  ['floating-tags', 'backwards'],
  ['per-arch-tags', 'both'],
  ['skip-unchanged', 'nightly'],
  // numbers
  ['retry-attempts', '0'],
  ['retry-attempts', 'many'],
  ['retry-wait', '-1'],
  ['retry-wait', '61'],
  // attestations
  ['provenance', 'mode=full', /mode=full: use min or max/],
  ['provenance', 'maximum'],
  ['provenance', 'mode=max,colour=blue', /unknown key "colour"/],
  ['sbom', 'generator'],
  ['sbom', 'disabled=perhaps'],
  // cache lines
  ['cache-from', 'type=redis,ref=x', /type=redis is not a cache type/],
  ['cache-from', 'ref=ghcr.io/acme/cache', /has no type=/],
  ['cache-to', 'ghcr.io/acme/cache', /needs type=/],
  ['cache-to', 'type=registry,ref=x,mode=all', /mode=all: use min or max/],
  ['cache-to', 'type=gha,mode="max'],
  // build options with a format
  ['shm-size', '2 gigs'],
  ['shm-size', '-1g'],
  ['ulimit', 'nofile'],
  ['ulimit', 'files=1024:2048', /"files" is not a ulimit/],
  ['ulimit', 'nofile=lots'],
  ['add-hosts', 'db'],
  ['add-hosts', 'db:not-an-ip'],
  ['add-hosts', 'db:300.1.1.1'],
  ['network', 'bridge'],
  ['ssh', 'default=/a b'],
  ['ssh', '=path'],
  ['endpoint', 'buildkitd:1234'],
  ['endpoint', 'http://buildkitd:1234', /http:\/\/ is not a builder address/],
  ['endpoint', 'ctx-a\nctx-b', /2 lines make a multi-node builder only with driver: remote/],
  ['endpoint', 'ctx-a,platforms=linux/arm64x', /^endpoint: line 1: .*is not a platform/],
  ['qemu-image', 'Tonistiigi/Binfmt:latest'],
  ['cache-mounts-helper', 'busybox:1.36 extra'],
  [
    'cache-mounts',
    '/go/pkg/mod\nid=x true; wget http://e/x | sh #',
    /^cache-mounts: line 2: cache mount id is not/,
  ],
  ['cache-mounts', 'id=npm,uid=root', /line 1: cache mount uid is not decimal digits only/],
  ['cache-mounts', 'uid=1000', /line 1: has no id or target/],
  ['builder', 'my builder'],
  ['target', '-runtime'],
  ['driver-opts', 'image'],
  ['outputs', 'dest=out'],
  // KEY=value lists
  ['build-args', 'VERSION'],
  ['build-contexts', 'alpine'],
  ['secrets', 'just-a-value', /line 1 is not KEY=value/],
  ['secret-files', 'cert'],
  ['secret-envs', '=TOKEN'],
  // metadata inputs
  ['images', 'ghcr.io/Acme/Widget:1.0'],
  ['tags', 'type=semvr,pattern={{version}}'],
  ['tags', 'type=raw,value=x,priority=high'],
  ['flavor', 'latest=sometimes'],
  ['labels', 'com.example.x={{nope}}'],
  ['labels', 'a=1\n=x', /^labels: line 2 has an empty key; write KEY=value$/],
  ['annotations', '\n  = x', /^annotations: line 2 has an empty key; write KEY=value$/],
  ['annotations', 'weird:level:key=v'],
  // logins
  ['logins', 'ghcr.io onlyuser'],
  ['logins', '- registry: ghcr.io\n  colour: blue'],
  [
    'logins',
    '[{registry: ghcr.io, username: me, Hunter2Secret}]',
    /^logins: item 1 \(line 1\): unknown key; /,
  ],
  // paths
  ['context', 'does-not-exist', /not a directory here/],
  ['file', 'build/Dockerfile.missing', /does not exist/],
])('%s: %j', async (input, value, detail) => {
  const io = new RecordingIO({ ...BASE, [input]: value });
  const runner = new FakeRunner();
  await run({
    io,
    runner,
    context: () => events.tagStable.ctx,
    repoApi: () => undefined,
    env: { RUNNER_TEMP: cwd },
    cwd,
    now: () => new Date('2026-11-24T03:00:00Z'),
    hostPlatform: 'linux/amd64',
  });
  expect(io.failed, io.log.join('\n')).toMatch(new RegExp(`^${input}: `));
  expect(io.failed).not.toContain('\n');
  expect(io.failed).not.toMatch(/\s+at \S+ \(/); // no stack trace
  if (detail) expect(io.failed).toMatch(detail);
  expect(runner.calls).toEqual([]);
  expect(io.summaries).toEqual([]);
});
