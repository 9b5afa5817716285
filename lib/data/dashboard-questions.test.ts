import { describe, expect, it } from "vitest";
import { db } from "../db";
import { isStale } from "../dashboard/questions";
import { parseParticipantQuery } from "../dashboard/query";
import type { StaffSession } from "../staff/roles";
import { listParticipants } from "./dashboard-participants";
import { getDashboardTiles } from "./dashboard-tiles";
import { REFRESH_PENDING } from "./connection-tokens";
import { getParticipantForStaff } from "./dashboard-participant";
import { backfillSearchIndex } from "./search-index";
import { aConnection, aHealthSystem } from "./test-factories";

const viewer: StaffSession = { id: "staff-viewer", email: "viewer@example.org", role: "viewer" };
const now = new Date("2026-11-29T12:00:00Z");
const settings = { now, staleAfterDays: 3 };
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const daysAhead = (d: number) => new Date(now.getTime() + d * 86_400_000);

describe("the four questions", () => {
  it("tiles and filters agree: connected, stale, sharing ends soon (known apart from unknown), needs reconnecting", async () => {
    const hs = await aHealthSystem();
    const base = { healthSystemId: hs.id };
    const fresh = await aConnection(hs.id, { connectedAt: daysAgo(30), recordSyncedAt: daysAgo(1), approvalExpiresAt: daysAhead(200), approvalFromEhr: true });
    const stale = await aConnection(hs.id, { connectedAt: daysAgo(30), recordSyncedAt: daysAgo(5), approvalExpiresAt: daysAhead(200), approvalFromEhr: true });
    const neverSynced = await aConnection(hs.id, { connectedAt: daysAgo(10), approvalExpiresAt: daysAhead(300) });
    const newcomer = await aConnection(hs.id, { connectedAt: daysAgo(1), approvalExpiresAt: daysAhead(300) });
    const ending = await aConnection(hs.id, { connectedAt: daysAgo(300), recordSyncedAt: daysAgo(1), approvalExpiresAt: daysAhead(12), approvalFromEhr: true });
    const reconnect = await aConnection(hs.id, { status: "needs_reconnect", statusReason: "Needs reconnecting — revoked", connectedAt: daysAgo(40), approvalExpiresAt: daysAhead(2), approvalFromEhr: true });
    const ids = async (extra: Record<string, string>) =>
      (await listParticipants(viewer, parseParticipantQuery({ ehr: base.healthSystemId, size: "100", ...extra }), settings)).rows.map((r) => r.connectionId).sort();
    const sorted = (...cs: { id: string }[]) => cs.map((c) => c.id).sort();
    expect(await ids({ show: "stale" })).toEqual(sorted(stale, neverSynced));
    expect(await ids({ show: "ending" })).toEqual(sorted(ending));
    expect(await ids({ show: "ending-unknown" })).toEqual(sorted(neverSynced, newcomer));
    expect(await ids({ status: "needs_reconnect" })).toEqual(sorted(reconnect));
    expect(await ids({ status: "connected" })).toEqual(sorted(fresh, stale, neverSynced, newcomer, ending));

    // The pure rule the table's badges use says the same as the database.
    const rows = (await listParticipants(viewer, parseParticipantQuery({ ehr: hs.id, size: "100" }), settings)).rows;
    expect(rows.filter((r) => isStale(r, settings)).map((r) => r.connectionId).sort()).toEqual(sorted(stale, neverSynced));
    // Sharing ends is shown only when the EHR said it.
    expect(rows.find((r) => r.connectionId === newcomer.id)?.sharingEndsAt).toBeNull();
    expect(rows.find((r) => r.connectionId === ending.id)?.sharingEndsAt).toEqual(daysAhead(12));

    const before = await getDashboardTiles(viewer, settings);
    await aConnection(hs.id, { connectedAt: daysAgo(30), recordSyncedAt: daysAgo(9) });
    const after = await getDashboardTiles(viewer, settings);
    expect(after.stale - before.stale).toBe(1);
    expect(after.endingUnknown - before.endingUnknown).toBe(1);
    expect(after.connected - before.connected).toBe(1);
    expect(after.endingSoon).toBe(before.endingSoon);
    expect(after.staleAfterDays).toBe(3);
  });

  it("a search filters and sorts exactly like the table without one (two implementations, one behaviour)", async () => {
    const hs = await aHealthSystem();
    const make = (columns: Parameters<typeof aConnection>[1]) => aConnection(hs.id, { patientId: `q-${Math.random().toString(36).slice(2, 10)}`, ...columns });
    await make({ connectedAt: daysAgo(30), recordSyncedAt: daysAgo(1), approvalExpiresAt: daysAhead(200), approvalFromEhr: true, lastSyncAt: daysAgo(1) });
    await make({ connectedAt: daysAgo(20), recordSyncedAt: daysAgo(5), approvalExpiresAt: daysAhead(20), approvalFromEhr: true });
    await make({ connectedAt: daysAgo(10), approvalExpiresAt: daysAhead(300), lastSyncAt: daysAgo(3) });
    await make({ connectedAt: daysAgo(1) });
    await make({ status: "needs_reconnect", connectedAt: daysAgo(40), recordSyncedAt: daysAgo(9), approvalExpiresAt: daysAhead(2), approvalFromEhr: true });
    await make({ status: "withdrawn", connectedAt: daysAgo(50) });
    await backfillSearchIndex(); // the patient ids' tokens ("q-…" → "q", …)
    const ids = async (params: Record<string, string>) =>
      (await listParticipants(viewer, parseParticipantQuery({ ehr: hs.id, size: "100", ...params }), settings)).rows.map((r) => r.connectionId);
    const filters: Record<string, string>[] = [{}, { show: "stale" }, { show: "ending" }, { show: "ending-unknown" }, { status: "needs_reconnect" }, { status: "connected", show: "stale" }];
    for (const filter of filters) {
      for (const sort of ["connected", "lastSync", "lastComplete", "sharingEnds", "status"]) {
        for (const dir of ["asc", "desc"]) {
          const params = { ...filter, sort, dir };
          expect(await ids({ ...params, q: "q" }), JSON.stringify(params)).toEqual(await ids(params));
        }
      }
    }
    const total = async (params: Record<string, string>) => (await listParticipants(viewer, parseParticipantQuery({ ehr: hs.id, size: "25", ...params }), settings)).total;
    expect(await total({ q: "q", page: "2", size: "25" })).toBe(6);
    expect(await ids({ q: "q zzz" })).toEqual([]);
  });

  it("never shows staff the refresh machinery's internal marker as a reason", async () => {
    const hs = await aHealthSystem();
    const c = await aConnection(hs.id, { statusReason: REFRESH_PENDING, lastError: "The health system did not answer in time." });
    const row = (await listParticipants(viewer, parseParticipantQuery({ ehr: hs.id }), settings)).rows[0]!;
    expect(row.statusReason).toBeNull();
    expect(row.lastError).toBe("The health system did not answer in time.");
    const detail = await getParticipantForStaff(viewer, c.participantId);
    expect(detail?.connections[0]?.statusReason).toBeNull();
    expect(JSON.stringify(detail)).not.toContain(REFRESH_PENDING);
    await (await db()).connection.delete({ where: { id: c.id } });
  });
});
