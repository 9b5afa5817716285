import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { databaseEhrBudget } from "../data/ehr-budget";
import { setEhrPoliteness } from "../data/ehr-budget-settings";
import { operator } from "../data/callers";
import { aHealthSystem } from "../data/test-factories";
import { EhrLimiter } from "./ehr-limiter";

/**
 * Two limiters (two workers) sharing the database's budget, against a real HTTP server that
 * counts the requests it has open at once and the requests that arrive in each second.
 */
let server: Server;
let url = "";
const seen = { open: 0, peak: 0, arrivals: [] as number[] };

beforeAll(async () => {
  server = createServer((_req, res) => {
    seen.arrivals.push(Date.now());
    seen.peak = Math.max(seen.peak, ++seen.open);
    setTimeout(() => {
      seen.open--;
      res.end("{}");
    }, 30);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function reset() {
  Object.assign(seen, { open: 0, peak: 0, arrivals: [] });
}

async function healthSystem(settings: { maxRequestsInFlight: number; requestsPerMinute?: number }) {
  const hs = await aHealthSystem();
  expect(await setEhrPoliteness(operator("test"), hs.id, settings)).toEqual({ ok: true });
  return hs.id;
}

const twoWorkers = () => [new EhrLimiter({ budget: databaseEhrBudget, owner: "worker-1", renewMs: 50 }), new EhrLimiter({ budget: databaseEhrBudget, owner: "worker-2", renewMs: 50 })];

async function drive(limiters: EhrLimiter[], healthSystemId: string, perWorker: number) {
  const answered = await Promise.all(
    limiters.flatMap((limiter) => Array.from({ length: perWorker }, () => limiter.run(healthSystemId, async () => (await fetch(url)).status))),
  );
  return answered.filter((status) => status === 200).length;
}

describe("two workers sharing the database's EHR budget", () => {
  it("never have more requests in flight together than the health system's limit", { timeout: 90_000 }, async () => {
    reset();
    const hsId = await healthSystem({ maxRequestsInFlight: 3 });
    expect(await drive(twoWorkers(), hsId, 15)).toBe(30);
    expect(seen.peak).toBeLessThanOrEqual(3);
    expect(seen.peak).toBeGreaterThan(1);
  });

  it("never send more than the rate allows together: at most 20 arrive in any second at 1,200 a minute", { timeout: 90_000 }, async () => {
    reset();
    const hsId = await healthSystem({ maxRequestsInFlight: 8, requestsPerMinute: 1200 });
    expect(await drive(twoWorkers(), hsId, 12)).toBe(24);
    const perSecond = new Map<number, number>();
    for (const t of seen.arrivals) perSecond.set(Math.floor(t / 1000), (perSecond.get(Math.floor(t / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(20);
    expect(seen.peak).toBeLessThanOrEqual(8);
  });

  it("a pause one worker takes after a 429 holds the other back too", async () => {
    reset();
    const hsId = await healthSystem({ maxRequestsInFlight: 4 });
    const [first, second] = twoWorkers();
    const until = Date.now() + 300;
    first!.pause(hsId, 0.3);
    await vi.waitFor(async () => expect((await (await db()).ehrBudget.findUnique({ where: { healthSystemId: hsId } }))?.pausedUntil).toBeTruthy());
    expect(await drive([second!], hsId, 2)).toBe(2);
    expect(Math.min(...seen.arrivals)).toBeGreaterThanOrEqual(until);
  });
});
