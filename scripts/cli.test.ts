/** The scripts' bad-input paths: one plain line, exit code 1, no stack trace. */
import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

function run(script: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", script], {
    env: { ...process.env, NODE_ENV: "development", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr.trim(), stdout: result.stdout };
}

const noStackTrace = (text: string) => expect(text).not.toMatch(/\n\s+at /);

describe("npm run db:migrate with a bad DATABASE_URL", () => {
  it.each([
    ["mysql://localhost/portal", "DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)."],
    ["postgresql://localhost", "DATABASE_URL names no database"],
    ["postgresql://postgres@127.0.0.1:1/portal", "DATABASE_URL: cannot reach the PostgreSQL database"],
  ])("%s → one line naming the variable", (url, message) => {
    const { code, stderr } = run("scripts/db-migrate.ts", { DATABASE_URL: url });
    expect(code).toBe(1);
    expect(stderr).toContain(message);
    expect(stderr.split("\n")).toHaveLength(1);
    noStackTrace(stderr);
  });
});

describe("npm run start in production without a mail server", () => {
  it("refuses to start and names SMTP_URL and MAIL_FROM", () => {
    const secrets = { AUTH_SECRET: "x".repeat(32), TOKEN_ENCRYPTION_KEY: "k1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=" };
    const { code, stderr } = run("scripts/start.ts", { NODE_ENV: "production", ...secrets, SMTP_URL: "", MAIL_FROM: "", PORT: "3999" });
    expect(code).toBe(1);
    expect(stderr).toMatch(/SMTP_URL is not set \(required in production\); MAIL_FROM is not set/);
    noStackTrace(stderr);
  });
});

describe("npm run start in production without its secrets", () => {
  it("refuses to start and names the missing variable", () => {
    const { code, stderr } = run("scripts/start.ts", { NODE_ENV: "production", AUTH_SECRET: "", TOKEN_ENCRYPTION_KEY: "", PORT: "3999" });
    expect(code).toBe(1);
    expect(stderr).toMatch(/AUTH_SECRET is not set/);
    expect(stderr).toMatch(/TOKEN_ENCRYPTION_KEY is not set/);
    noStackTrace(stderr);
  });
});

describe("npm run dev when its port is taken", () => {
  let blocker: Server;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen({ port: 3998, host: "localhost" }, resolve));
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it("names the port and the variable that moves it", () => {
    const { code, stderr } = run("scripts/dev.ts", { PORT: "3998", DATABASE_URL: "file:./data/cli-test/portal.db" });
    expect(code).toBe(1);
    expect(stderr).toContain("Port 3998 is already in use");
    expect(stderr).toContain("PORT=<port>");
    noStackTrace(stderr);
  });
});

describe("the e2e run without Chromium", () => {
  it("says how to install it", () => {
    const { code, stderr } = run("scripts/check-chromium.ts", { CHROMIUM_PATH: "/nonexistent/chromium" });
    expect(code).toBe(1);
    expect(stderr).toContain("apt-get install -y chromium");
  });
});
