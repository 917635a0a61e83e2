/** Post step: log out of what main logged in to, remove a builder it created and its temporary files. Warnings only. */
import { rm } from 'node:fs/promises';
import type { Log } from '../action-io.js';
import { removeBuilder } from '../docker/builder.js';
import { logout } from '../docker/login.js';
import type { Runner } from '../exec.js';
import { readStateList, STATE } from '../state.js';

export async function cleanup(
  runner: Runner,
  log: Pick<Log, 'info' | 'warning'>,
  state: (name: string) => string,
): Promise<void> {
  for (const r of readStateList(state(STATE.logins))) {
    const warning = await logout(runner, r);
    if (warning) log.warning(warning);
    else log.info(`logged out of ${r || 'Docker Hub'}`);
  }
  const builder = state(STATE.builder);
  if (builder !== '') {
    const warning = await removeBuilder(runner, builder);
    if (warning) log.warning(warning);
    else log.info(`removed builder ${builder}`);
  }
  for (const path of readStateList(state(STATE.temp))) {
    await rm(path, { recursive: true, force: true }).then(
      () => {
        log.info(`removed ${path}`);
      },
      (err: unknown) => {
        log.warning(`could not remove ${path}: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
  }
}
