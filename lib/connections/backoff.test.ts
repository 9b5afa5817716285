import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./backoff";

describe("backoff with jitter", () => {
  it("grows exponentially, stays within [ceiling/2, ceiling], and is capped", () => {
    for (const attempt of [0, 1, 2, 3, 10]) {
      const ceiling = Math.min(30_000, 200 * 2 ** attempt);
      expect(backoffDelayMs(attempt, undefined, { random: () => 0 })).toBe(ceiling / 2);
      expect(backoffDelayMs(attempt, undefined, { random: () => 0.999 })).toBeLessThanOrEqual(ceiling);
    }
  });

  it("never retries sooner than Retry-After", () => {
    expect(backoffDelayMs(0, 3, { random: () => 0 })).toBe(3000);
    expect(backoffDelayMs(5, 1, { random: () => 0.5 })).toBeGreaterThanOrEqual(1000);
  });
});
