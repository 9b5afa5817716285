/**
 * Retry delays for transient EHR failures: exponential with jitter, and never sooner than the
 * EHR's Retry-After. Pure (the random source is injectable for tests).
 */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

/** Delay before retry number `attempt` (0 = the first retry). */
export function backoffDelayMs(attempt: number, retryAfterSeconds: number | undefined, options: BackoffOptions = {}): number {
  const { baseMs = 200, maxMs = 30_000, random = Math.random } = options;
  if (retryAfterSeconds !== undefined && retryAfterSeconds > 0) {
    return retryAfterSeconds * 1000 + Math.floor(random() * 250);
  }
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  // "Equal jitter": half fixed, half random, so retries from many clients spread out.
  return Math.floor(ceiling / 2 + random() * (ceiling / 2));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
