/**
 * Whether the real container stack (scripts/e2e-env.sh or /work/shared/tools/dockerenv.sh) is reachable.
 * Real-engine tests skip with this reason locally, but under CI=true they run and fail: a missing engine
 * there is a broken pipeline, not a reason to pass.
 */
import { createRunner } from '../../src/exec.js';
import { probeEngine } from '../../src/docker/engine.js';
import { messageOf } from '../../src/errors.js';

export const realRunner = createRunner();

async function reason(): Promise<string> {
  try {
    await probeEngine(realRunner);
    const res = await realRunner.run('curl', ['-sf', 'http://127.0.0.1:5000/v2/']).catch(() => ({ code: 1 }));
    return res.code === 0 ? '' : 'no registry on 127.0.0.1:5000';
  } catch (err) {
    return messageOf(err);
  }
}

const why = await reason();
/** true: skip these tests (only ever outside CI) */
export const skipReal = why !== '' && process.env.CI !== 'true';
export const skipReason = why === '' ? '' : `real engine unavailable (${why}); source dockerenv.sh to run`;
if (skipReal) console.warn(`skipping real-engine tests: ${skipReason}`);
