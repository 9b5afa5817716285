/**
 * Sync passes over real HTTP against the sandbox: in-process, with a worker killed mid-pass
 * (SIGKILL) and restarted, and with two workers at once (PostgreSQL).
 */
process.env.EHR_TIMEOUT_MS = "5000"; // see access-token.db.test.ts

import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { providerOf } from "../db/provider";
import { REFRESH_LOST_REASON } from "../data/connection-tokens";
import { latestSyncProgress } from "../data/sync-runs";
import { startTestEhr, type TestEhr } from "../connections/test-support";
import { runSyncPass, SYNC_CRASHED_MESSAGE } from "./pass";
import { refreshAndSyncConnection } from "./connection-sync";
import { waitFor } from "../test-support";

let ehr: TestEhr;
let next = 1;
beforeAll(async () => {
  // Records of the Patient alone: these tests are about claims, leases and refreshes (the whole
  // record is lib/sync/record-sync.db.test.ts).
  ehr = await startTestEhr(2000, { recordSize: 0 });
  // Connections other test files left in this database point at EHRs that are gone: keep the
  // passes here to this sandbox's connections by holding the others' leases for a day.
  await (await db()).connection.updateMany({
    where: { healthSystemId: { not: ehr.healthSystemId } },
    data: { leaseOwner: "other-test-files", leaseUntil: new Date(Date.now() + 86_400_000) },
  });
});
afterAll(() => ehr.close());

async function connectMany(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await ehr.connect(next++)).connectionId);
  return ids;
}

const rowsOf = async (ids: string[]) => (await db()).connection.findMany({ where: { id: { in: ids } }, include: { snapshot: true } });

function startWorker(extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
    // EHR_TIMEOUT_MS 2000: a dead worker's refresh leases (2 × timeout + 5 s) expire within 9 s.
    env: { ...process.env, LOG_LEVEL: "info", EHR_TIMEOUT_MS: "2000", SYNC_INTERVAL_HOURS: "0", SYNC_LEASE_SECONDS: "5", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

const stop = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });

describe("a sync pass", () => {
  it("refreshes every due connection, stores its Patient, and records progress", async () => {
    const ids = await connectMany(30);
    const summary = await runSyncPass({ workerId: "test-pass", intervalMs: 0, concurrencyPerEhr: 4, leaseMs: 10_000 });
    expect(summary.synced).toBeGreaterThanOrEqual(30);
    const rows = await rowsOf(ids);
    expect(rows.every((r) => r.status === "connected" && r.snapshot !== null && r.tokenVersion === 1 && r.leaseOwner === null)).toBe(true);
    expect(await latestSyncProgress()).toMatchObject({ running: false, done: summary.done, total: summary.total });
  }, 90_000);

  it("staff 'Refresh now' renews the token and refetches the Patient, and explains a revoked one", async () => {
    const [id] = await connectMany(1);
    expect(await refreshAndSyncConnection(id!)).toMatchObject({ ok: true });
    const other = await ehr.connect(next++);
    await ehr.admin("/revoke", { token: other.refreshToken });
    expect(await refreshAndSyncConnection(other.connectionId)).toMatchObject({ ok: false, message: expect.stringMatching(/reconnect/i) });
  });

  it("gives its slots at the EHR back when it ends, so the next pass (or `sync --once` run again) need not wait for the lease to run out", async () => {
    await connectMany(2);
    // The process's limiter: its leases are in the database, shared with every worker.
    await runSyncPass({ workerId: "test-give-back", intervalMs: 0 });
    expect(await (await db()).ehrLease.findMany({ where: { healthSystemId: ehr.healthSystemId, slots: { gt: 0 }, leaseUntil: { gt: new Date() } } })).toEqual([]);
  }, 60_000);
});

describe("a connection that cannot be synced", () => {
  it("whose tokens cannot be opened (a key no longer configured) fails alone; the others in its batch sync", async () => {
    const ids = await connectMany(6);
    const [broken] = ids;
    await (await db()).connection.update({ where: { id: broken! }, data: { refreshTokenEnc: "v1.gone-key.AAAA.AAAA.AAAA" } });
    const summary = await runSyncPass({ workerId: "test-broken", intervalMs: 0, concurrencyPerEhr: 4, leaseMs: 10_000, batchSize: 16 });
    expect(summary.failed).toBeGreaterThanOrEqual(1);
    const rows = await rowsOf(ids);
    expect(rows.filter((r) => r.id !== broken).every((r) => r.snapshot !== null && r.leaseOwner === null)).toBe(true);
    const row = rows.find((r) => r.id === broken)!;
    expect(row).toMatchObject({ status: "connected", leaseOwner: null, lastError: SYNC_CRASHED_MESSAGE });
    expect(row.leaseUntil!.getTime()).toBeGreaterThan(Date.now()); // held back before the next try
    // Gone again: later test files (key rotation) count every sealed value in this database.
    await (await db()).connection.delete({ where: { id: broken! } });
  }, 90_000);
});

describe("worker processes", () => {
  it("a worker killed with SIGKILL mid-pass and restarted leaves no connection stuck", async () => {
    const ids = await connectMany(80);
    await ehr.admin("/faults", { target: "token", mode: "latency", latencyMs: 150 });
    const worker = startWorker({ SYNC_CONCURRENCY_PER_EHR: "8" });
    expect(await waitFor(async () => (await db()).connection.count({ where: { id: { in: ids }, tokenVersion: { gt: 0 } } }).then((n) => n >= 10), 20_000, 100)).toBe(true);
    await stop(worker, "SIGKILL");
    await ehr.admin("/faults", undefined);
    await new Promise((r) => setTimeout(r, 9_500)); // the dead worker's leases (≤ 2 × EHR timeout + 5 s) expire
    const restarted = startWorker();
    const settled = await waitFor(async () => {
      const rows = await rowsOf(ids);
      return rows.every((r) => r.status === "needs_reconnect" || (r.snapshot !== null && r.tokenVersion >= 1 && r.leaseOwner === null));
    }, 60_000, 100);
    await stop(restarted, "SIGTERM");
    expect(settled).toBe(true);
    const rows = await rowsOf(ids);
    const lost = rows.filter((r) => r.status === "needs_reconnect");
    expect(lost.every((r) => r.statusReason === REFRESH_LOST_REASON)).toBe(true);
    expect(lost.length).toBeLessThanOrEqual(8); // at most the refreshes in flight at the kill
  }, 120_000);

  it.skipIf(providerOf(process.env.DATABASE_URL ?? "") !== "postgres")(
    "two workers on PostgreSQL never work on the same connection: each refreshes exactly once",
    async () => {
      const ids = await connectMany(100);
      await ehr.admin("/stats/reset", {});
      // Daily schedule: only the new, never-synced connections are due.
      const workers = [startWorker({ SYNC_INTERVAL_HOURS: "24" }), startWorker({ SYNC_INTERVAL_HOURS: "24" })];
      const logs = workers.map((w) => {
        let out = "";
        w.stdout!.on("data", (d: Buffer) => (out += d.toString()));
        return () => out;
      });
      const done = await waitFor(async () => (await db()).connection.count({ where: { id: { in: ids }, lastSyncAt: { not: null } } }).then((n) => n === ids.length), 100_000, 100);
      await Promise.all(workers.map((w) => stop(w, "SIGTERM")));
      expect(done).toBe(true);
      const rows = await rowsOf(ids);
      expect(rows.every((r) => r.tokenVersion === 1 && r.status === "connected")).toBe(true);
      expect((await ehr.stats()).tokenRequests.refresh_token).toBe(ids.length);
      // Each worker finished its pass cleanly. (How the work split between them depends on which
      // process started first, so it is not asserted; exactly-once above is the property.)
      expect(logs.every((out) => /"event":"sync.pass_finished"/.test(out()))).toBe(true);
    },
    120_000,
  );
});

describe("approvals ending soon", () => {
  it("lists connected approvals ending within 30 days, soonest first, with days left", async () => {
    const { listApprovalsEndingSoon } = await import("../data/approvals");
    const a = await ehr.connect(next++);
    const b = await ehr.connect(next++);
    const now = new Date();
    const client = await db();
    await client.connection.update({ where: { id: a.connectionId }, data: { approvalExpiresAt: new Date(now.getTime() + 10 * 86_400_000 - 1000) } });
    await client.connection.update({ where: { id: b.connectionId }, data: { approvalExpiresAt: new Date(now.getTime() + 45 * 86_400_000) } });
    const viewer = { id: "staff-viewer", email: "viewer@study.example", role: "viewer" as const };
    const listed = await listApprovalsEndingSoon(viewer, { now });
    expect(listed.find((x) => x.connectionId === a.connectionId)).toMatchObject({ daysLeft: 10 });
    expect(listed.some((x) => x.connectionId === b.connectionId)).toBe(false);
  });
});
