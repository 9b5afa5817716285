import { describe, expect, it, vi } from "vitest";
import { fairShare, grantSlots, inProcessEhrBudget, startTimes, type EhrLimits } from "./ehr-budget";
import { EhrLimiter } from "./ehr-limiter";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
const budgetOf = (limits: Record<string, EhrLimits>) => inProcessEhrBudget((id) => limits[id] ?? { maxInFlight: 8, requestsPerMinute: null });

/** Jobs that record how many run at once per health system, and when each started. */
function tracker() {
  const active: Record<string, number> = {};
  const peak: Record<string, number> = {};
  const starts: Record<string, number[]> = {};
  const job = (ehr: string, ms: number) => async () => {
    active[ehr] = (active[ehr] ?? 0) + 1;
    peak[ehr] = Math.max(peak[ehr] ?? 0, active[ehr]!);
    (starts[ehr] ??= []).push(Date.now());
    await tick(ms);
    active[ehr]!--;
  };
  return { peak, starts, job };
}

describe("requests in flight per health system", () => {
  it("runs at most each health system's own limit at once, independently for each", async () => {
    const limiter = new EhrLimiter({ budget: budgetOf({ a: { maxInFlight: 2, requestsPerMinute: null }, b: { maxInFlight: 3, requestsPerMinute: null } }), owner: "w", renewMs: 20 });
    const { peak, job } = tracker();
    await Promise.all([..."aaaaaaaabbbbbbbbbb"].map((ehr) => limiter.run(ehr, job(ehr, 15))));
    expect(peak).toEqual({ a: 2, b: 3 });
  });

  it("two limiters (two workers) sharing one budget never exceed the limit together", async () => {
    const budget = budgetOf({ a: { maxInFlight: 4, requestsPerMinute: null } });
    const workers = [new EhrLimiter({ budget, owner: "w1", renewMs: 20 }), new EhrLimiter({ budget, owner: "w2", renewMs: 20 })];
    const { peak, job } = tracker();
    const done = [0, 0];
    await Promise.all(workers.flatMap((w, i) => Array.from({ length: 24 }, () => w.run("a", job("a", 10)).then(() => done[i]!++))));
    expect(peak.a).toBeLessThanOrEqual(4);
    expect(done).toEqual([24, 24]);
  });

  it("a limiter made with a number counts that many per health system in this process", async () => {
    const limiter = new EhrLimiter(2);
    const { peak, job } = tracker();
    await Promise.all([..."aaaaaabbbbbb"].map((ehr) => limiter.run(ehr, job(ehr, 10))));
    expect(peak).toEqual({ a: 2, b: 2 });
  });

  it("an idle limiter gives its slots back, so another worker can take the whole limit", async () => {
    const budget = budgetOf({ a: { maxInFlight: 4, requestsPerMinute: null } });
    const limiter = new EhrLimiter({ budget, owner: "w1", renewMs: 10 });
    await Promise.all(Array.from({ length: 8 }, () => limiter.run("a", () => tick(5))));
    await vi.waitFor(async () => expect((await budget.lease({ healthSystemId: "a", owner: "w2", want: 4, inFlight: 0, leaseMs: 1000 })).slots).toBe(4));
  });

  it("a worker ending its pass gives its slots back at once, before its lease would run out (a process about to exit)", async () => {
    const budget = budgetOf({ a: { maxInFlight: 4, requestsPerMinute: null } });
    // Renewal once a minute, leases of a minute: without giving back, w2 would get nothing for a minute.
    const limiter = new EhrLimiter({ budget, owner: "w1", renewMs: 60_000, leaseMs: 60_000 });
    await Promise.all(Array.from({ length: 8 }, () => limiter.run("a", () => tick(2))));
    const w2 = () => budget.lease({ healthSystemId: "a", owner: "w2", want: 4, inFlight: 0, leaseMs: 1000 });
    expect((await w2()).slots).toBe(0);
    await limiter.giveBackIdle();
    expect((await w2()).slots).toBe(4);
    // The limiter still works afterwards: it leases again.
    const { peak, job } = tracker();
    await w2().then(() => budget.lease({ healthSystemId: "a", owner: "w2", want: 0, inFlight: 0, leaseMs: 1000 }));
    await Promise.all(Array.from({ length: 3 }, () => limiter.run("a", job("a", 2))));
    expect(peak.a).toBeGreaterThan(0);
  });
});

/** 32 starts, each in its own 50 ms interval, at most 20 in any fixed second. */
function assertGrid(starts: number[]) {
  const times = [...starts].sort((a, b) => a - b);
  expect(times).toHaveLength(32);
  expect(new Set(times.map((t) => Math.floor(t / 50))).size).toBe(32);
  const perSecond = new Map<number, number>();
  for (const t of times) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
  expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(20);
}

describe("request rate per health system", () => {
  it("two limiters sharing a rate of 1,200 a minute start each request in its own 50 ms interval, at most 20 in any fixed second", async () => {
    // On a fake clock: a loaded machine fires timers late, which would move starts across intervals.
    vi.useFakeTimers({ now: 1_700_000_000_000 });
    try {
      const budget = budgetOf({ r: { maxInFlight: 8, requestsPerMinute: 1200 } });
      const workers = [new EhrLimiter({ budget, owner: "w1", renewMs: 20 }), new EhrLimiter({ budget, owner: "w2", renewMs: 20 })];
      const { starts, job } = tracker();
      const all = Promise.all(workers.flatMap((w) => Array.from({ length: 16 }, () => w.run("r", job("r", 5)))));
      await vi.advanceTimersByTimeAsync(10_000);
      await all;
      assertGrid(starts.r!);
    } finally {
      vi.useRealTimers();
    }
  });

  it("start times lie on a grid from the epoch, so minute (and, at multiples of 60, second) boundaries are grid points", () => {
    expect(startTimes(1200, 1_000_001, 3)).toEqual({ startsAt: 1_000_050, intervalMs: 50, count: 3 });
    expect(startTimes(250, 60_000, 1).startsAt).toBe(60_000);
    expect(startTimes(7, 299_999, 1).startsAt).toBeCloseTo(300_000, 6);
  });
});

describe("pause after a 429", () => {
  it("holds the health system back for every limiter sharing the budget, and not the others", async () => {
    const budget = budgetOf({});
    const [first, second] = [new EhrLimiter({ budget, owner: "w1" }), new EhrLimiter({ budget, owner: "w2" })];
    const until = Date.now() + 250;
    first.pause("busy", 0.25);
    await tick(0);
    const order: string[] = [];
    let busyStartedAt = 0;
    await Promise.all([
      second.run("busy", async () => void (busyStartedAt = Date.now(), order.push("busy"))),
      second.run("other", async () => void order.push("other")),
    ]);
    expect(busyStartedAt).toBeGreaterThanOrEqual(until);
    expect(order).toEqual(["other", "busy"]);
  });
});

describe("sharing the limit among workers", () => {
  it("meets small wants first and splits the rest evenly", () => {
    expect(fairShare(8, [8, 8], 1)).toBe(4);
    expect(fairShare(8, [2, 8], 1)).toBe(6);
    expect(fairShare(8, [8, 8, 8], 0) + fairShare(8, [8, 8, 8], 1) + fairShare(8, [8, 8, 8], 2)).toBe(8);
  });

  it("grants within what the others hold, and never fewer than the worker has in flight", () => {
    expect(grantSlots(8, [{ slots: 8, wanted: 8 }], 8, 0)).toEqual({ slots: 0, target: 0 });
    expect(grantSlots(8, [{ slots: 3, wanted: 8 }], 8, 0)).toEqual({ slots: 4, target: 4 });
    // Above its share: the lease keeps what is running, the worker starts nothing new until below 4.
    expect(grantSlots(8, [{ slots: 0, wanted: 8 }], 8, 7)).toEqual({ slots: 7, target: 4 });
    expect(grantSlots(8, [], 3, 0)).toEqual({ slots: 3, target: 3 });
  });
});
