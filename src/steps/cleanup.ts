/** Post step: log out of what main logged in to and remove a builder it created. Warnings only. */
import * as core from '@actions/core';
import { removeBuilder } from '../docker/builder.js';
import { logout } from '../docker/login.js';
import type { Runner } from '../exec.js';
import { STATE_BUILDER, STATE_LOGINS } from './setup.js';

export async function cleanup(runner: Runner): Promise<void> {
  const registries = JSON.parse(core.getState(STATE_LOGINS) || '[]') as string[];
  for (const r of registries) {
    const warning = await logout(runner, r);
    if (warning) core.warning(warning);
    else core.info(`logged out of ${r || 'Docker Hub'}`);
  }
  const builder = core.getState(STATE_BUILDER);
  if (builder !== '') {
    const warning = await removeBuilder(runner, builder);
    if (warning) core.warning(warning);
    else core.info(`removed builder ${builder}`);
  }
}
