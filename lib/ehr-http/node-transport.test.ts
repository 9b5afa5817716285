import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send, type Limits } from ".";
import { closedPort, startTestServer, type TestServer } from "./test-server";

const LIMITS: Limits = { timeoutMs: 2_000, maxBytes: 1_000 };

const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;

describe("the node:http transport's own resources", () => {
  let server: TestServer;
  const get = (path: string, limits: Partial<Limits> = {}) => send(`${server.url}${path}`, { method: "GET" }, { ...LIMITS, ...limits });

  beforeAll(async () => {
    server = await startTestServer({
      "/ok": (_req, res) => res.end("ok"),
      "/slow": (_req, res) => setTimeout(() => res.end("late"), 50),
      "/huge": (_req, res) => res.end("x".repeat(5_000)),
      "/silent": () => {},
      "/then-reset": (_req, res) => res.end("ok", () => setTimeout(() => res.socket?.resetAndDestroy(), 20)),
    });
  });

  afterAll(() => server.close());

  it("leaves no timer running, whatever the outcome", async () => {
    const before = timers();
    expect((await get("/ok")).ok).toBe(true);
    expect(await get("/huge")).toMatchObject({ ok: false, kind: "too-large" });
    expect(await get("/silent", { timeoutMs: 50 })).toMatchObject({ ok: false, kind: "timeout" });
    expect(await send(`http://127.0.0.1:${await closedPort()}/`, { method: "GET" }, LIMITS)).toMatchObject({ ok: false, kind: "network" });
    // No more than before: a timer of the test process's own (set before this test) may end meanwhile.
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it("survives the server resetting a kept-alive connection after the answer", async () => {
    expect(await get("/then-reset")).toMatchObject({ ok: true, text: "ok" });
    await new Promise((resolve) => setTimeout(resolve, 100)); // the reset lands on the idle socket
    expect(await get("/ok")).toMatchObject({ ok: true, text: "ok" });
  });

  it("answers 300 concurrent requests over at most 256 connections", async () => {
    const opened = server.connections.opened;
    const answers = await Promise.all(Array.from({ length: 300 }, () => get("/slow")));
    expect(answers.every((answer) => answer.ok && answer.text === "late")).toBe(true);
    expect(server.connections.opened - opened).toBeLessThanOrEqual(256);
  });
});
