/** Steps before the build: QEMU, builder, registry logins. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { qemuPlan, type QemuPlan } from '../docker/binfmt.js';
import { chooseDriver, resolveBuilder, type BuilderDeps, type ResolvedBuilder } from '../docker/builder.js';
import { loopbackReference, setsNetwork, settingsReferences } from '../docker/loopback.js';
import { nodesForPlatforms } from '../plan/nodes.js';
import type { EngineFacts } from '../docker/engine.js';
import { login } from '../docker/login.js';
import type { Login } from '../logins.js';
import { installQemu, procBinfmtReader, readQemuHandlers, type BinfmtReader } from '../docker/qemu.js';
import { StepError } from '../errors.js';
import type { Settings } from '../inputs.js';
import { STATE, stateList } from '../state.js';
import type { StepDeps } from './deps.js';

export async function setupQemu(
  d: StepDeps,
  s: Pick<Settings, 'driver' | 'qemu' | 'platforms' | 'qemu-image'>,
  facts: EngineFacts,
  binfmt: BinfmtReader = procBinfmtReader(),
): Promise<QemuPlan> {
  // a remote or kubernetes builder runs elsewhere: this host's binfmt says nothing about it
  const elsewhere = s.driver === 'remote' || s.driver === 'kubernetes';
  const handlers = await readQemuHandlers(binfmt);
  if (elsewhere)
    d.log.info(`qemu: not set up here; the ${s.driver} builder emulates (or runs natively) on its own nodes`);
  const plan = qemuPlan(
    elsewhere ? 'false' : s.qemu,
    s.platforms,
    { arch: facts.arch, os: facts.os },
    handlers,
    s['qemu-image'],
  );
  if (plan.install) {
    d.log.info(`installing QEMU handlers: docker ${plan.install.join(' ')}`);
    await installQemu(d.runner, plan.install, d.policy);
  }
  for (const p of plan.platforms) d.log.info(`${p.platform}: ${p.runs}`);
  const missing = plan.platforms.filter((p) => p.runs === 'missing').map((p) => p.platform);
  if (missing.length > 0 && !elsewhere) {
    throw new StepError(
      'qemu',
      `no emulator for ${missing.join(', ')} on this ${facts.arch} host; set qemu: auto or true, or build these on a native runner`,
      'engine',
    );
  }
  return plan;
}

/**
 * A docker-container builder this run creates shares the host's network when a reference of the run is on a
 * loopback registry (#27), unless driver-opts chose a network. `refs`: what only the caller knows (the intent's
 * images, the Dockerfile's bases); the inputs' own references are read here.
 */
function hostNetwork(d: StepDeps, s: Settings, facts: EngineFacts, refs: readonly string[]): boolean {
  if (s.builder !== '' || chooseDriver(s.driver, facts) !== 'docker-container') return false;
  if (setsNetwork(s['driver-opts'])) return false;
  const ref = loopbackReference([...settingsReferences(s), ...refs]);
  if (ref === undefined) return false;
  d.log.info(
    `builder: network=host, so the docker-container builder reaches the loopback registry in "${ref}"`,
  );
  return true;
}

/** What resolveBuilder needs from the run: temp files listed for the post step, cleanup announced before create. */
function builderDeps(d: StepDeps, s: Settings, facts: EngineFacts, env: NodeJS.ProcessEnv): BuilderDeps {
  const temp = stateList(d.state, STATE.temp);
  return {
    runner: d.runner,
    facts,
    writeTempFile: async (name, content) => {
      const dir = await mkdtemp(join(d.tempDir, 'crossbuild-'));
      temp.add(dir);
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
    randomId: () => randomBytes(4).toString('hex'),
    ...(env.DOCKER_CONTEXT ? { dockerContext: env.DOCKER_CONTEXT } : {}),
    willCreate: (name) => {
      // cleanup: false keeps the builder for later steps of the job
      if (s.cleanup) d.state.save(STATE.builder, name);
    },
  };
}

export async function setupBuilder(
  d: StepDeps,
  s: Settings,
  facts: EngineFacts,
  env: NodeJS.ProcessEnv,
  refs: readonly string[] = [],
): Promise<ResolvedBuilder> {
  const inputs = { ...s, hostNetwork: hostNetwork(d, s, facts, refs) };
  const b = await resolveBuilder(inputs, builderDeps(d, s, facts, env));
  const unsupported = s.platforms.filter((p) => !b.platforms.includes(p));
  if (b.platforms.length > 0 && unsupported.length > 0) {
    throw new StepError(
      'builder',
      `builder ${b.name} (${b.driver}) cannot build ${unsupported.join(', ')}; it supports ${b.platforms.join(', ')}`,
      'engine',
    );
  }
  d.log.info(`builder ${b.name} (driver ${b.driver}${b.created ? ', created for this run' : ''})`);
  // buildx picks the node per platform; say which, so a slow or failing platform points at its machine
  if (b.nodes.length > 1)
    for (const { platform, node } of nodesForPlatforms(b.nodes, s.platforms))
      d.log.info(`  ${platform}: node ${node}`);
  return b;
}

export async function setupLogins(
  d: StepDeps,
  logins: readonly Login[],
  notices: readonly string[],
  logoutAfter = true,
): Promise<string[]> {
  for (const n of notices) d.log.notice(n);
  // registry names only: credentials never go into saved state; logout: false leaves them for later steps
  const done = stateList(d.state, STATE.logins);
  for (const l of logins) {
    await login(d.runner, l, d.policy);
    if (logoutAfter) done.add(l.registry);
    d.log.info(`logged in to ${l.registry || 'Docker Hub'} as ${l.username}`);
  }
  return done.items;
}
