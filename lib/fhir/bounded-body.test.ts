import { describe, expect, it } from "vitest";
import { nestsDeeperThan } from "./bounded-body";

/** The same rule, one character at a time: what the fast scan must agree with. */
function slowDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") deepest = Math.max(deepest, ++depth);
    else if (ch === "}" || ch === "]") depth--;
  }
  return deepest;
}

const nested = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;

describe("nestsDeeperThan", () => {
  it("counts objects and arrays, and stops at the limit", () => {
    expect(nestsDeeperThan(nested(100), 100)).toBe(false);
    expect(nestsDeeperThan(nested(101), 100)).toBe(true);
    expect(nestsDeeperThan(`${"[".repeat(200_000)}${"]".repeat(200_000)}`, 100)).toBe(true);
    expect(nestsDeeperThan(`{"a":[[{"b":[]}]]}`, 5)).toBe(false);
    expect(nestsDeeperThan(`{"a":[[{"b":[]}]]}`, 4)).toBe(true);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    const inside = `{"text":"${"[{".repeat(500)}","q":"say \\"[[[[\\" ok","path":"C:\\\\"}`;
    expect(JSON.parse(inside)).toBeTruthy();
    expect(nestsDeeperThan(inside, 1)).toBe(false);
    // A string ending in an escaped backslash closes there: the bracket after it counts.
    expect(nestsDeeperThan(`["a\\\\",[[1]]]`, 2)).toBe(true);
    expect(nestsDeeperThan(`["a\\\\",[[1]]]`, 3)).toBe(false);
  });

  it("does not loop or throw on an unterminated string", () => {
    expect(nestsDeeperThan(`{"a":"never closed \\"`, 100)).toBe(false);
    expect(nestsDeeperThan(`"`, 0)).toBe(false);
  });

  it("agrees with a character-by-character scan on mixed input", () => {
    const pieces = ["{", "}", "[", "]", '"', "\\", "\\\\", '\\"', "a", ",", ":", "é", "0"];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 2000; n++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 60) }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      const deepest = slowDepth(text);
      for (const max of [0, 1, 2, 5]) expect(nestsDeeperThan(text, max), `${JSON.stringify(text)} at ${max}`).toBe(deepest > max);
    }
  });
});
