/** The CLI (`npm run sandbox`) and where the sandbox listens. */
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:net";
import { networkInterfaces } from "node:os";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { optionsFromEnv } from "./env";
import type { RunningSandbox } from "./server";
import { start } from "./test/helpers";

function runCli(env: Record<string, string>, untilOutput?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], { env: { ...process.env, ...env }, cwd: process.cwd() });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (untilOutput?.test(stdout)) child.kill("SIGTERM");
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("CLI", () => {
  let blocker: Server;
  let port = 0;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    port = (blocker.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => blocker.close(resolve)));

  it("exits 1 with one line naming the port and SANDBOX_PORT when the port is taken", async () => {
    const { code, stderr } = await runCli({ SANDBOX_PORT: String(port) });
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain(String(port));
    expect(stderr).toContain("SANDBOX_PORT");
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("prints the URLs, the logins and the sandbox EHRs, and stops on SIGTERM", async () => {
    const { code, stdout } = await runCli({ SANDBOX_PORT: "0", SANDBOX_SMTP_PORT: "0", SANDBOX_PUBLIC_URL: "http://localhost:9999" }, /State:/);
    expect(code).toBe(0);
    expect(stdout).toContain("http://localhost:9999/api/fhir");
    expect(stdout).toContain("http://localhost:9999/v2/fhir");
    expect(stdout).toContain("daniel-adams");
    expect(stdout).toContain("demo-password");
    expect(stdout).toMatch(/mail +SMTP smtp:\/\/127\.0\.0\.1:\d+ +inbox http:\/\/localhost:9999\/_mail/);
  });

  it("validates the environment", () => {
    expect(optionsFromEnv({ SANDBOX_PORT: "abc" }).ok).toBe(false);
    expect(optionsFromEnv({ SANDBOX_PATIENTS: "100001" }).ok).toBe(false);
    const ok = optionsFromEnv({ SANDBOX_PORT: "9100", SANDBOX_ONE_LIVE_AUTH: "1", SANDBOX_ACCESS_LIFETIME: "60", SANDBOX_ADMIN: "off", SANDBOX_PATIENTS: "" });
    expect(ok).toEqual({ ok: true, options: { port: 9100, syntheticPatients: 0, oneLiveAuthorizationPerClient: true, accessTokenLifetimeSeconds: 60, admin: false, mailPort: 2525 } });
    expect(optionsFromEnv({ SANDBOX_SMTP_PORT: "off" })).toMatchObject({ ok: true, options: { port: 9000 } });
    expect(optionsFromEnv({ SANDBOX_SMTP_PORT: "off" }).ok && "mailPort" in (optionsFromEnv({ SANDBOX_SMTP_PORT: "off" }) as { options: object }).options).toBe(false);
    expect(optionsFromEnv({ SANDBOX_SMTP_PORT: "25x" }).ok).toBe(false);
  });
});

describe("listening", () => {
  let sb: RunningSandbox;
  beforeAll(async () => {
    sb = await start();
  });
  afterAll(() => sb.close());

  it("names itself http://localhost:<port>", () => {
    expect(sb.url).toBe(`http://localhost:${sb.port}`);
    expect(sb.s4sFhirBase).toBe(`${sb.url}/api/fhir`);
    expect(sb.v2FhirBase).toBe(`${sb.url}/v2/fhir`);
  });

  it("answers on 127.0.0.1, and on ::1 where the machine has IPv6", async () => {
    expect((await fetch(`http://127.0.0.1:${sb.port}/_sandbox/health`)).status).toBe(200);
    const v6 = await fetch(`http://[::1]:${sb.port}/_sandbox/health`).then((r) => r.status, (e: Error & { cause?: { code?: string } }) => e.cause?.code);
    expect([200, "EADDRNOTAVAIL", "ECONNREFUSED", "EAFNOSUPPORT", "ENETUNREACH"]).toContain(v6);
  });

  it("does not answer on other interfaces", async () => {
    const external = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal && i.family === "IPv4");
    for (const i of external) {
      const reached = await fetch(`http://${i?.address}:${sb.port}/_sandbox/health`, { signal: AbortSignal.timeout(1000) }).then(() => true, () => false);
      expect(reached).toBe(false);
    }
  });
});
