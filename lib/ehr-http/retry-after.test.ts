import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./retry-after";

const NOW = new Date("2024-05-01T12:00:00Z");

describe("parseRetryAfter", () => {
  it.each([
    ["30", 30],
    [" 0 ", 0],
    ["Wed, 01 May 2024 12:00:10 GMT", 10],
    ["Wed, 01 May 2024 11:00:00 GMT", 0],
    ["999999999", 86_400],
    ["soon", undefined],
    ["-5", undefined],
  ])("%s → %s", (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});