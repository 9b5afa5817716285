import { describe, expect, it } from "vitest";
import { EhrLimiter } from "./ehr-limiter";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("per-EHR concurrency", () => {
  it("runs at most N jobs per health system at once, independently for each", async () => {
    const limiter = new EhrLimiter(2);
    const active: Record<string, number> = { a: 0, b: 0 };
    const peak: Record<string, number> = { a: 0, b: 0 };
    const job = (ehr: string) => async () => {
      active[ehr]!++;
      peak[ehr] = Math.max(peak[ehr]!, active[ehr]!);
      await tick(5);
      active[ehr]!--;
    };
    await Promise.all([..."aaaaaabbbbbb"].map((ehr) => limiter.run(ehr, job(ehr))));
    expect(peak).toEqual({ a: 2, b: 2 });
  });

  it("holds back a health system after a 429 for its Retry-After, not the others", async () => {
    const limiter = new EhrLimiter(4);
    limiter.pause("busy", 0.15);
    const started = Date.now();
    let otherAt = 0;
    await Promise.all([limiter.run("busy", async () => undefined), limiter.run("other", async () => void (otherAt = Date.now() - started))]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(otherAt).toBeLessThan(100);
  });
});
