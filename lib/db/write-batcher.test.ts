import { describe, expect, it } from "vitest";
import { WriteBatcher } from "./write-batcher";

/** A stand-in database write that records each call and holds the first one until told. */
function recorder() {
  const calls: number[][] = [];
  let release: (() => void) | null = null;
  const write = async (items: number[]) => {
    calls.push(items);
    if (release === null && calls.length === 1) await new Promise<void>((r) => (release = r));
    return items.map((n) => n * 10);
  };
  return { calls, write, letFirstFinish: () => release?.() };
}

describe("WriteBatcher (group commit)", () => {
  it("writes everything queued in the same moment together and gives each caller its own outcome", async () => {
    const r = recorder();
    const batcher = new WriteBatcher(r.write);
    const pending = [1, 2, 3].map((n) => batcher.add(n));
    await new Promise((res) => setImmediate(res));
    r.letFirstFinish();
    expect(await Promise.all(pending)).toEqual([10, 20, 30]);
    expect(r.calls).toEqual([[1, 2, 3]]);
  });

  it("gathers writes that arrive during a flush into the next one, never two flushes at once", async () => {
    const r = recorder();
    const batcher = new WriteBatcher(r.write);
    const first = batcher.add(1);
    await new Promise((res) => setImmediate(res));
    const later = [2, 3].map((n) => batcher.add(n));
    await new Promise((res) => setTimeout(res, 5));
    expect(r.calls).toEqual([[1]]); // still waiting for the first flush
    r.letFirstFinish();
    expect(await Promise.all([first, ...later])).toEqual([10, 20, 30]);
    expect(r.calls).toEqual([[1], [2, 3]]);
  });

  it("splits at maxItems", async () => {
    const calls: number[][] = [];
    const batcher = new WriteBatcher(async (items: number[]) => (calls.push(items), items), { maxItems: 2 });
    expect(await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.add(n)))).toEqual([1, 2, 3, 4, 5]);
    expect(calls).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("splits where the items' weights would pass maxWeight, and sends an item heavier than that alone", async () => {
    const calls: number[][] = [];
    const batcher = new WriteBatcher(async (items: number[]) => (calls.push(items), items), { maxWeight: 10, weigh: (n) => n });
    expect(await Promise.all([4, 5, 3, 12, 2, 9].map((n) => batcher.add(n)))).toEqual([4, 5, 3, 12, 2, 9]);
    expect(calls).toEqual([[4, 5], [3], [12], [2], [9]]);
  });

  it("retries a failed batch item by item: only the bad write fails", async () => {
    const calls: number[][] = [];
    const batcher = new WriteBatcher(async (items: number[]) => {
      calls.push(items);
      if (items.includes(2)) throw new Error("constraint failed");
      return items;
    });
    const results = await Promise.allSettled([1, 2, 3].map((n) => batcher.add(n)));
    expect(results.map((x) => x.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(calls).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it("keeps working after a failure", async () => {
    let fail = true;
    const batcher = new WriteBatcher(async (items: number[]) => {
      if (fail) throw new Error("database unavailable");
      return items;
    });
    await expect(batcher.add(1)).rejects.toThrow("database unavailable");
    fail = false;
    expect(await batcher.add(2)).toBe(2);
  });

  it("runs one flush at a time; the rest wait their turn", async () => {
    let running = 0;
    let most = 0;
    const batcher = new WriteBatcher(
      async (items: number[]) => {
        most = Math.max(most, ++running);
        await new Promise((res) => setTimeout(res, 5));
        running--;
        return items;
      },
      { maxItems: 1 },
    );
    expect(await Promise.all([1, 2, 3, 4, 5, 6].map((n) => batcher.add(n)))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(most).toBe(1);
  });
});
