/**
 * Bounded exponential backoff, and which registry failures are worth another attempt.
 * Pure apart from the injected sleep (tests pass a recorder, so no test waits).
 */
import { firstLine, messageOf } from './errors.js';

export interface RetryPolicy {
  /** total attempts, including the first (action input `retry-attempts`) */
  attempts: number;
  /** wait before the first retry (the second when `quickMs` is set); doubles each time (input `retry-wait`, in ms) */
  waitMs: number;
  /**
   * the first retry's wait when shorter than `waitMs`: a lone fault (a dropped connection, one 503) clears at once,
   * and a registry that stays down still gets the doubling waits after it
   */
  quickMs?: number;
  /** cap for one wait; 60 s unless told */
  maxWaitMs?: number;
  onRetry?: (attempt: number, err: unknown, waitMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface RetryOptions extends RetryPolicy {
  /** `attempt` is the one that just failed (1-based) */
  isTransient: (err: unknown, attempt: number) => boolean;
  /** a wait the failure asked for (a registry's Retry-After), used when longer than the backoff; capped */
  askedWaitMs?: (err: unknown) => number | undefined;
  /** clock for the "over N s" in the give-up message; Date.now unless told */
  now?: () => number;
}

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `gave up after 3 attempts over 7.5 s`: how hard it tried, for the one error line. */
function gaveUp(attempts: number, ms: number): string {
  return `gave up after ${attempts} attempts over ${(ms / 1000).toFixed(1)} s`;
}

/** Wait before attempt `attempt + 1`: `quickMs` first when it is shorter, then `waitMs` doubling, capped. */
export function backoffMs(attempt: number, waitMs: number, maxWaitMs = 60_000, quickMs?: number): number {
  if (quickMs === undefined || quickMs >= waitMs) return Math.min(maxWaitMs, waitMs * 2 ** (attempt - 1));
  return attempt === 1 ? quickMs : Math.min(maxWaitMs, waitMs * 2 ** (attempt - 2));
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const attempts = Math.max(1, Math.floor(opts.attempts));
  const sleep = opts.sleep ?? realSleep;
  const now = opts.now ?? Date.now;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const transient = opts.isTransient(err, attempt);
      if (!transient || attempt >= attempts) {
        // the user sees that retries happened and ran out, not just the last error
        if (err instanceof Error && attempt > 1) err.message += ` (${gaveUp(attempt, now() - started)})`;
        throw err;
      }
      const asked = Math.min(opts.askedWaitMs?.(err) ?? 0, opts.maxWaitMs ?? 60_000);
      const wait = Math.max(backoffMs(attempt, opts.waitMs, opts.maxWaitMs, opts.quickMs), asked);
      opts.onRetry?.(attempt, err, wait);
      await sleep(wait);
    }
  }
}

// Checked first: a retry cannot fix credentials, a missing repository or a broken Dockerfile.
const FATAL = [
  /unauthori[sz]ed/i,
  /\bdenied\b/i,
  /authentication required/i,
  /\b40[13]\b/,
  /manifest unknown/i,
  /name unknown/i,
  /name invalid/i,
  /manifest invalid/i,
  /dockerfile parse error/i,
  /did not complete successfully/i, // a RUN step failed
  /\bnot found\b/i,
];

const TRANSIENT = [
  /\b429\b/,
  /too many requests/i,
  /\b50[0234]\b/,
  /internal server error/i,
  /bad gateway/i,
  /service unavailable/i,
  /gateway time-?out/i,
  /connection reset by peer/i,
  /i\/o timeout/i,
  /TLS handshake timeout/i,
  /\bunexpected EOF\b/i,
  /\bEOF$/m,
  /broken pipe/i,
  // containerd's pusher when the registry drops the connection mid-request (a flaky proxy, a registry restarting)
  /use of closed network connection/i,
  /context deadline exceeded/i,
];

/**
 * A manifest PUT answered 400 right after its blobs were copied: registry 2.8 logs "manifest blob unknown" for
 * a blob mounted a moment earlier (seen copying a platform manifest across repositories). A real
 * MANIFEST_INVALID fails the same way every time, so only the first attempts are retried.
 */
const MANIFEST_400 = /PUT request to \S+\/manifests\/\S+: 400 Bad Request/i;
const MANIFEST_400_RETRIES = 2;

/** `connection refused` is a registry restarting, worth a retry only early on. */
const REFUSED = /connection refused/i;
const REFUSED_RETRIES = 2;

/**
 * The error part of a command's output: buildx/docker `ERROR:`/`error:` lines when present (a build log
 * is mostly progress, and a RUN step may print anything), else the last `tail` non-empty lines.
 */
export function errorText(output: string, tail = 1): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const errs = lines.filter((l) => /^(ERROR|error)\b/.test(l));
  if (errs.length > 0) return errs.join('\n');
  return lines.slice(-tail).join('\n');
}

/** Whether a failed registry command (login, a build's push, the QEMU installer's pull) should be retried. */
export function isTransientRegistryError(output: string, attempt = 1): boolean {
  // docker push reports an HTTP status and its reason on separate lines
  const text = errorText(output, 3);
  if (FATAL.some((re) => re.test(text))) return false;
  if (TRANSIENT.some((re) => re.test(text))) return true;
  if (MANIFEST_400.test(text)) return attempt <= MANIFEST_400_RETRIES;
  return REFUSED.test(text) && attempt <= REFUSED_RETRIES;
}

/** Repeating a whole operation (a push of many requests) whose requests already retried on their own. */
export interface ProgressPolicy {
  /** failed attempts in a row that got no further than the one before, before giving up */
  stalls: number;
  /** no new attempt starts once this much time has passed since the first */
  budgetMs: number;
  /** only these failures are worth repeating the operation for */
  isTransient: (err: unknown) => boolean;
  now?: () => number;
  onRetry?: (attempt: number, err: unknown) => void;
}

/**
 * Progress-aware retry: an attempt that got further than the last (`progress()` grew) earns another try within
 * the budget; one that made no progress counts against `stalls`. The error says how hard it tried.
 */
export async function withProgress<T>(
  fn: () => Promise<T>,
  progress: () => number,
  p: ProgressPolicy,
): Promise<T> {
  const now = p.now ?? Date.now;
  const started = now();
  let best = progress();
  let stalled = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const got = progress();
      if (got > best) stalled = 0;
      else stalled++;
      best = Math.max(best, got);
      if (!p.isTransient(err) || stalled >= p.stalls || now() - started >= p.budgetMs) {
        if (err instanceof Error && attempt > 1)
          err.message += ` (whole operation: ${gaveUp(attempt, now() - started)})`;
        throw err;
      }
      p.onRetry?.(attempt, err);
    }
  }
}

/** The first retry of the run's policy: 50 ms (the wait that follows is retry-wait's). */
const QUICK_RETRY_MS = 50;

/** The run's one retry policy, from the retry-attempts and retry-wait inputs; every registry call uses it. */
export function policyOf(
  attempts: number,
  waitSeconds: number,
  log?: (message: string) => void,
): RetryPolicy {
  return {
    attempts,
    waitMs: waitSeconds * 1000,
    quickMs: QUICK_RETRY_MS,
    maxWaitMs: 30_000,
    onRetry: (attempt, err, waitMs) => {
      const why = firstLine(messageOf(err));
      log?.(`attempt ${attempt} failed (${why}); retrying in ${waitMs / 1000} s`);
    },
  };
}
