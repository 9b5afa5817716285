import { describe, expect, it } from "vitest";
import { startPeriodic } from "./periodic";

describe("a periodic background job", () => {
  it("ticks again after each tick ends (never two at once), survives a failing tick, and stop() waits for the running one", async () => {
    let running = 0;
    let most = 0;
    let ticks = 0;
    let stoppedHook = false;
    let release!: () => void;
    const lastTick = new Promise<void>((resolve) => (release = resolve));
    const job = startPeriodic(
      "test_job",
      1,
      async () => {
        running++;
        most = Math.max(most, running);
        ticks++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        if (ticks === 2) throw new Error("one bad tick");
        if (ticks === 4) release();
      },
      () => (stoppedHook = true),
    );
    await lastTick;
    await job.stop();
    expect(most).toBe(1);
    expect(ticks).toBeGreaterThanOrEqual(4);
    expect(running).toBe(0);
    expect(stoppedHook).toBe(true);
    const after = ticks;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ticks).toBe(after);
  });
});
