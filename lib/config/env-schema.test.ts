import { describe, expect, it } from "vitest";
import { parseEnv } from "./env-schema";

const valid = {
  AUTH_SECRET: "x".repeat(32),
  TOKEN_ENCRYPTION_KEY: "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
};

describe("parseEnv", () => {
  it("accepts the minimum and fills the defaults (SQLite file, local sandbox)", () => {
    const result = parseEnv(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.env.DATABASE_URL).toBe("file:./data/portal.db");
    expect(result.env.SANDBOX_URL).toBe("http://localhost:9000");
    expect(result.env.WITHDRAWAL_POLICY).toBe("delete");
    expect(result.env.STALE_AFTER_DAYS).toBe(3);
  });

  it.each([
    [{ TOKEN_ENCRYPTION_KEY: valid.TOKEN_ENCRYPTION_KEY }, "AUTH_SECRET is not set"],
    [{ AUTH_SECRET: valid.AUTH_SECRET }, "TOKEN_ENCRYPTION_KEY is not set"],
    [{ ...valid, AUTH_SECRET: "short" }, "AUTH_SECRET must be at least 32 characters"],
    [{ ...valid, TOKEN_ENCRYPTION_KEY: "not-a-key" }, "TOKEN_ENCRYPTION_KEY must be kid:base64"],
    [{ ...valid, DATABASE_URL: "mysql://x/y" }, "DATABASE_URL must start with file: (SQLite) or postgresql://"],
    [{ ...valid, DATABASE_URL: "postgresql://localhost" }, "DATABASE_URL names no database"],
    [{ ...valid, DATABASE_URL: "postgresql://" }, "DATABASE_URL"],
    [{ ...valid, PORTAL_URL: "javascript:alert(1)" }, "PORTAL_URL must be an http(s) URL"],
    [{ ...valid, WITHDRAWAL_POLICY: "shred" }, "WITHDRAWAL_POLICY"],
    [{ ...valid, STALE_AFTER_DAYS: "soon" }, "STALE_AFTER_DAYS"],
    [{ ...valid, STALE_AFTER_DAYS: "0" }, "STALE_AFTER_DAYS"],
  ])("names the variable that is wrong: %j", (source, expected) => {
    const result = parseEnv(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain(expected);
    expect(result.message.split("\n")).toHaveLength(1);
  });

  it("treats empty strings as unset, so `AUTH_SECRET=` in a file is reported as missing", () => {
    const result = parseEnv({ ...valid, AUTH_SECRET: "" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("AUTH_SECRET is not set");
  });
});
