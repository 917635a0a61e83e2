/**
 * Real-engine tests share the e2e project's one availability check (__tests__/e2e/global-setup.ts runs
 * scripts/e2e-env.sh): it fails the run under CI=true, and elsewhere sets CROSSBUILD_E2E_UNAVAILABLE so these
 * tests skip with its reason.
 */
import { createRunner } from '../../src/exec.js';

export const realRunner = createRunner();

const why = process.env.CROSSBUILD_E2E_UNAVAILABLE ?? '';
/** true: skip these tests (the global setup only allows it outside CI) */
export const skipReal = why !== '' && process.env.CI !== 'true';
export const skipReason = why;
