/**
 * A revocation at the EHR reaches the dashboard with the sync pass that covers the connection:
 * status, reason, last error and the "needs reconnecting" tile, without anyone pressing
 * "Refresh now". Over real HTTP against the sandbox.
 */
process.env.EHR_TIMEOUT_MS = "5000";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { startTestEhr, type TestEhr } from "../connections/test-support";
import { parseParticipantQuery } from "../dashboard/query";
import { runSyncPass } from "../sync/pass";
import type { StaffSession } from "../staff/roles";
import { listParticipants } from "./dashboard-participants";
import { getDashboardTiles } from "./dashboard-tiles";

const viewer: StaffSession = { id: "staff-viewer", email: "viewer@example.org", role: "viewer" };
let ehr: TestEhr;

beforeAll(async () => {
  ehr = await startTestEhr(20);
  // Keep the passes to this sandbox's connections (others point at EHRs that are gone).
  await (await db()).connection.updateMany({ where: { healthSystemId: { not: ehr.healthSystemId } }, data: { leaseOwner: "other-test-files", leaseUntil: new Date(Date.now() + 86_400_000) } });
});
afterAll(() => ehr.close());

describe("a revocation at the EHR", () => {
  it("shows as needs reconnecting after one pass over the connection", async () => {
    const { connectionId } = await ehr.connect(7, 3600);
    await runSyncPass({ workerId: "dash-1", intervalMs: 0, concurrencyPerEhr: 2, leaseMs: 10_000 });
    const row = async () => (await listParticipants(viewer, parseParticipantQuery({ ehr: ehr.healthSystemId }))).rows.find((r) => r.connectionId === connectionId)!;
    expect((await row()).status).toBe("connected");
    const before = await getDashboardTiles(viewer);

    await ehr.admin("/revoke", { username: "user-000007" });
    await runSyncPass({ workerId: "dash-2", intervalMs: 0, concurrencyPerEhr: 2, leaseMs: 10_000 });

    expect(await row()).toMatchObject({ status: "needs_reconnect", statusReason: expect.stringMatching(/no longer accepts/), lastError: expect.stringMatching(/no longer accepts/) });
    const after = await getDashboardTiles(viewer);
    expect(after.needsReconnecting - before.needsReconnecting).toBe(1);
    expect(before.connected - after.connected).toBe(1);
  });
});
