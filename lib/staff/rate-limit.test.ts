import { describe, expect, it } from "vitest";
import { AttemptWindow } from "./rate-limit";

describe("AttemptWindow", () => {
  it("allows `limit` attempts per window per key, then refuses until the window ends", () => {
    let now = 0;
    const window = new AttemptWindow(3, 60_000, () => now);
    expect([1, 2, 3].map(() => window.take("1.2.3.4"))).toEqual([true, true, true]);
    expect(window.take("1.2.3.4")).toBe(false);
    expect(window.take("5.6.7.8")).toBe(true);
    now = 60_000;
    expect(window.take("1.2.3.4")).toBe(true);
  });
});
