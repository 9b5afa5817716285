import { describe, expect, it } from "vitest";
import { timeOrderedId } from "./time-ordered-id";

describe("timeOrderedId", () => {
  it("makes ids that sort in the order they were made, and never repeats one", () => {
    const ids = Array.from({ length: 20_000 }, () => timeOrderedId());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("looks like the other row ids: a letter first, then lowercase letters and digits", () => {
    expect(timeOrderedId()).toMatch(/^c[0-9a-f]{29}$/);
  });
});

describe("timeOrderedId across many ids", () => {
  it("keeps its random tails distinct past one draw of the random source", () => {
    const tails = Array.from({ length: 2_000 }, () => timeOrderedId().slice(-12));
    expect(new Set(tails).size).toBe(tails.length);
  });
});
