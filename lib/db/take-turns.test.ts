import { describe, expect, it } from "vitest";
import { TakeTurns } from "./take-turns";

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

describe("TakeTurns", () => {
  it("runs one piece of work per key at a time, in arrival order, and keys apart in parallel", async () => {
    const turns = new TakeTurns(100);
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const work = (name: string) => async () => {
      most = Math.max(most, ++running);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([turns.take("a", work("a1")), turns.take("a", work("a2")), turns.take("a", work("a3"))]);
    expect(results).toEqual(["a1", "a2", "a3"]);
    expect(log).toEqual(["start a1", "end a1", "start a2", "end a2", "start a3", "end a3"]);
    expect(most).toBe(1);
    running = 0;
    most = 0;
    await Promise.all([turns.take("x", work("x")), turns.take("y", work("y"))]);
    expect(most).toBe(2);
  });

  it("answers undefined at once beyond maxWaiting, and a failure does not stop the next turn", async () => {
    const turns = new TakeTurns(2);
    const first = turns.take("k", async () => {
      await tick();
      throw new Error("boom");
    });
    const second = turns.take("k", async () => "second");
    expect(await turns.take("k", async () => "third")).toBeUndefined();
    await expect(first).rejects.toThrow("boom");
    expect(await second).toBe("second");
    expect(await turns.take("k", async () => "later")).toBe("later");
  });
});
