import { describe, expect, it } from "vitest";
import { redactForLog } from "./log";

describe("log redaction", () => {
  it("replaces values under token, secret and patient-data keys", () => {
    const out = redactForLog({
      event: "x",
      refresh_token: "lETVw4xZIuBr6RZBw9vghTQJQyC90Z",
      clientSecret: "0e541908",
      nested: { accessToken: "abc", patientId: "smart-1288992", displayName: "Daniel Adams" },
      code: "5tQu3bV8XDTYgf8t3VOjzsbVZ5Fuqn",
    }) as Record<string, unknown>;
    const text = JSON.stringify(out);
    for (const secret of ["lETVw4xZ", "0e541908", "abc", "Daniel Adams", "5tQu3bV8"]) expect(text).not.toContain(secret);
    expect(text).toContain("smart-1288992");
  });

  it("scrubs bearer and basic credentials inside free text", () => {
    expect(redactForLog("header Authorization: Bearer abc.def-ghi")).toBe("header Authorization: Bearer [redacted]");
    expect(redactForLog("Basic Zm9vOmJhcg==")).toBe("Basic [redacted]");
  });
});
