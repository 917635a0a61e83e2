/** Steps before the build: engine facts, QEMU, builder, registry logins. */
import * as core from '@actions/core';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { qemuPlan, type QemuPlan } from '../docker/binfmt.js';
import { resolveBuilder, type ResolvedBuilder } from '../docker/builder.js';
import type { EngineFacts } from '../docker/engine.js';
import { login, resolveLogins } from '../docker/login.js';
import { installQemu, procBinfmtReader, readQemuHandlers } from '../docker/qemu.js';
import { StepError } from '../errors.js';
import type { Runner } from '../exec.js';
import type { Settings } from '../inputs.js';
import type { RetryPolicy } from '../retry.js';

export const STATE_BUILDER = 'builder';
export const STATE_LOGINS = 'logins';

export async function setupQemu(
  runner: Runner,
  s: Settings,
  facts: EngineFacts,
  policy: RetryPolicy,
): Promise<QemuPlan> {
  // a remote or kubernetes builder runs elsewhere: this host's binfmt says nothing about it
  const elsewhere = s.driver === 'remote' || s.driver === 'kubernetes';
  const handlers = await readQemuHandlers(procBinfmtReader());
  const mode = elsewhere ? 'false' : s.qemu;
  if (elsewhere)
    core.info(`qemu: not set up here; the ${s.driver} builder emulates (or runs natively) on its own nodes`);
  const plan = qemuPlan(mode, s.platforms, { arch: facts.arch, os: facts.os }, handlers, s['qemu-image']);
  if (plan.install) {
    core.info(`installing QEMU handlers: docker ${plan.install.join(' ')}`);
    await installQemu(runner, plan.install, policy);
  }
  for (const p of plan.platforms) core.info(`${p.platform}: ${p.runs}`);
  const missing = plan.platforms.filter((p) => p.runs === 'missing').map((p) => p.platform);
  if (missing.length > 0 && !elsewhere) {
    throw new StepError(
      'qemu',
      `no emulator for ${missing.join(', ')} on this ${facts.arch} host; set qemu: auto or true, or build these on a native runner`,
    );
  }
  return plan;
}

export async function setupBuilder(
  runner: Runner,
  s: Settings,
  facts: EngineFacts,
): Promise<ResolvedBuilder> {
  const b = await resolveBuilder(s, {
    runner,
    facts,
    writeTempFile: async (name, content) => {
      const dir = await mkdtemp(join(process.env.RUNNER_TEMP ?? tmpdir(), 'crossbuild-'));
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
    randomId: () => randomBytes(4).toString('hex'),
    ...(process.env.DOCKER_CONTEXT ? { dockerContext: process.env.DOCKER_CONTEXT } : {}),
    willCreate: (name) => {
      core.saveState(STATE_BUILDER, name);
    },
  });
  const unsupported = s.platforms.filter((p) => !b.platforms.includes(p));
  if (b.platforms.length > 0 && unsupported.length > 0) {
    throw new StepError(
      'builder',
      `builder ${b.name} (${b.driver}) cannot build ${unsupported.join(', ')}; it supports ${b.platforms.join(', ')}`,
    );
  }
  core.info(`builder ${b.name} (driver ${b.driver}${b.created ? ', created for this run' : ''})`);
  return b;
}

export async function setupLogins(
  runner: Runner,
  s: Settings,
  fromFork: boolean,
  policy: RetryPolicy,
): Promise<string[]> {
  const { logins, notices } = resolveLogins(s, fromFork);
  for (const n of notices) core.notice(n);
  const done: string[] = [];
  for (const l of logins) {
    await login(runner, l, policy);
    done.push(l.registry);
    // registry names only: credentials never go into saved state
    core.saveState(STATE_LOGINS, JSON.stringify(done));
    core.info(`logged in to ${l.registry || 'Docker Hub'} as ${l.username}`);
  }
  return done;
}
