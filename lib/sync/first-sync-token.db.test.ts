/**
 * The first sync after enrollment uses the access token the callback obtained moments ago (no
 * refresh sent; the claim's refresh-pending mark taken back, even when the sync fails), while a
 * claimed token that is old or about to expire is refreshed first — over real HTTP against the
 * sandbox, claimed the way the worker claims.
 */
process.env.EHR_TIMEOUT_MS = "5000";

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { claimDueConnections, releaseSyncClaim } from "../data/sync-claims";
import { startTestEhr, type TestEhr } from "../connections/test-support";
import { capabilityCache } from "./capabilities";
import { syncConnection } from "./connection-sync";
import { EhrLimiter } from "./ehr-limiter";

const OWNER = "first-sync-token-test";
let ehr: TestEhr;
beforeAll(async () => {
  ehr = await startTestEhr(10, { recordSize: 5 });
  await (await db()).connection.updateMany({
    where: { healthSystemId: { not: ehr.healthSystemId } },
    data: { leaseOwner: "other-test-files", leaseUntil: new Date(Date.now() + 86_400_000) },
  });
});
afterAll(() => ehr.close());
afterEach(() => ehr.admin("/faults", undefined));

/** Enrolls patient `n` with an access token lasting `accessLifetime` s, claims it as a worker does and syncs it. */
async function enrollAndSync(n: number, accessLifetime: number) {
  const { connectionId } = await ehr.connect(n, accessLifetime);
  const client = await db();
  const before = await client.connection.findUniqueOrThrow({ where: { id: connectionId } });
  const refreshesBefore = (await ehr.stats()).tokenRequests.refresh_token ?? 0;
  const claimed = (await claimDueConnections({ owner: OWNER, limit: 50, leaseMs: 60_000, dueBefore: new Date(Date.now() + 1_000) })).find((c) => c.target.connectionId === connectionId);
  expect(claimed?.tokens).toBeTruthy();
  const outcome = await syncConnection(claimed!.target, { owner: OWNER, limiter: new EhrLimiter(8), capabilities: capabilityCache(), claimed: claimed!.tokens! });
  await releaseSyncClaim(connectionId, OWNER);
  const after = await client.connection.findUniqueOrThrow({ where: { id: connectionId } });
  return { outcome, before, after, refreshes: ((await ehr.stats()).tokenRequests.refresh_token ?? 0) - refreshesBefore };
}

describe("the token of a first sync", () => {
  it("is the enrollment's own when it lasts an hour: no refresh, the record stored, no refresh left marked pending", async () => {
    const { outcome, before, after, refreshes } = await enrollAndSync(1, 3600);
    expect(outcome).toMatchObject({ kind: "synced", complete: true });
    expect(refreshes).toBe(0);
    expect(after.tokenVersion).toBe(before.tokenVersion);
    expect(after.statusReason).toBeNull();
    expect(after.recordSyncedAt).not.toBeNull();
    expect(await (await db()).fhirResource.count({ where: { connectionId: after.id, resourceType: "Patient" } })).toBe(1);
  });

  it("takes the pending mark back even when every request of the sync fails", async () => {
    await ehr.admin("/faults", { target: "fhir", mode: "status", status: 500 });
    const { outcome, after, refreshes } = await enrollAndSync(2, 3600);
    expect(outcome.kind).toBe("failed");
    expect(refreshes).toBe(0);
    expect(after.status).toBe("connected");
    expect(after.statusReason).toBeNull();
  });

  it("is refreshed first when it expires within five minutes, or has expired", async () => {
    for (const [n, lifetime] of [[3, 240], [4, -10]] as const) {
      const { outcome, before, after, refreshes } = await enrollAndSync(n, lifetime);
      expect(outcome).toMatchObject({ kind: "synced", complete: true });
      expect(refreshes).toBe(1);
      expect(after.tokenVersion).toBeGreaterThan(before.tokenVersion);
      expect(after.statusReason).toBeNull();
    }
  });
});
