/**
 * The sync worker's plain-SQL path (lib/db/sync-sql) through the data-layer functions that use
 * it, on both databases: batched claims, compare-and-swap token writes, snapshot upserts and
 * claim releases, group-committed by lib/db/write-batcher.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seal } from "../crypto/secrets";
import { db } from "../db";
import { aConnection, aHealthSystem, uniqueId } from "./test-factories";
import { connectionColumn, readConnectionTokens, REFRESH_PENDING, storeRotatedTokens } from "./connection-tokens";
import { finishRecordSync } from "./record-states";
import { newRowId } from "./row-ids";
import { saveSnapshot } from "./snapshots";
import { claimDueConnections, countDueConnections, releaseSyncClaim } from "./sync-claims";

const HOLDER = `sync-batches-others-${uniqueId()}`;
const LEASE_MS = 60_000;
const dueBefore = () => new Date(Date.now() + 1_000); // every connection synced before now is due
/** A release that keeps a test's connections out of the next test's claims. */
const park = () => new Date(Date.now() + 3_600_000);

beforeAll(async () => {
  // Other test files' connections share this database: hold them for the duration of this file.
  await (await db()).connection.updateMany({ where: { leaseOwner: null }, data: { leaseOwner: HOLDER, leaseUntil: new Date(Date.now() + 3_600_000) } });
});
afterAll(async () => {
  await (await db()).connection.updateMany({ where: { leaseOwner: HOLDER }, data: { leaseOwner: null, leaseUntil: null } });
});

async function connections(n: number, extra: { statusReason?: string; status?: string; clientId?: string } = {}) {
  const hs = await aHealthSystem();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = newRowId();
    const at = connectionColumn(id);
    const c = await aConnection(hs.id, {
      id,
      accessTokenEnc: seal(`access-${i}`, at("accessTokenEnc")),
      accessTokenExpiresAt: new Date("2026-01-02T03:04:05.678Z"),
      refreshTokenEnc: seal(`refresh-${i}`, at("refreshTokenEnc")),
      approvalExpiresAt: new Date("2027-06-01T00:00:00.123Z"),
      ...(extra.clientId && { clientId: extra.clientId, clientSecretEnc: seal("own-secret", at("clientSecretEnc")), clientAuthMethod: "client_secret_post" }),
      ...(extra.status && { status: extra.status }),
      ...(extra.statusReason && { statusReason: extra.statusReason }),
    });
    ids.push(c.id);
  }
  return { hs, ids };
}

/** Claims until nothing is left, so each test sees only its own rows. */
async function claimAll(owner: string, limit = 100) {
  const all = [];
  for (;;) {
    const batch = await claimDueConnections({ owner, limit, leaseMs: LEASE_MS, dueBefore: dueBefore() });
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

describe("claiming due connections", () => {
  it("leases a batch, marks the refresh pending and hands back the opened tokens, the client and the FHIR server", async () => {
    const { hs, ids } = await connections(3, { statusReason: REFRESH_PENDING, clientId: "own-client" });
    const owner = `w-${uniqueId()}`;
    const claimed = await claimAll(owner);
    expect(claimed.map((c) => c.target.connectionId).sort()).toEqual([...ids].sort());
    const first = claimed[0]!;
    expect(first.target).toMatchObject({ healthSystemId: hs.id, fhirBaseUrl: expect.stringMatching(/^https:\/\/ehr-/) });
    expect(first.tokens).toMatchObject({
      status: "connected",
      statusReason: REFRESH_PENDING, // the reason before this claim: a refresh may have been lost before
      refreshToken: expect.stringMatching(/^refresh-/),
      accessToken: expect.stringMatching(/^access-/),
      accessTokenExpiresAt: new Date("2026-01-02T03:04:05.678Z"),
      approvalExpiresAt: new Date("2027-06-01T00:00:00.123Z"),
      leaseOwner: owner,
      ownClient: { clientId: "own-client", clientSecret: "own-secret", tokenEndpointAuthMethod: "client_secret_post" },
    });
    const rows = await (await db()).connection.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.leaseOwner === owner && r.statusReason === REFRESH_PENDING && r.leaseUntil!.getTime() > Date.now() + LEASE_MS / 2)).toBe(true);
    for (const id of ids) await releaseSyncClaim(id, owner, park());
  });

  it("never gives the same connection to two workers, and skips held, disconnected and recently synced ones", async () => {
    const { ids } = await connections(24);
    const { ids: gone } = await connections(2, { status: "needs_reconnect" });
    const owners = ["a", "b", "c", "d"].map((x) => `${x}-${uniqueId()}`);
    const claims = await Promise.all(owners.map((owner) => claimAll(owner, 5)));
    const claimedIds = claims.flat().map((c) => c.target.connectionId);
    expect(new Set(claimedIds).size).toBe(claimedIds.length);
    expect([...claimedIds].sort()).toEqual([...ids].sort());
    expect(claimedIds.some((id) => gone.includes(id))).toBe(false);
    expect(await countDueConnections(dueBefore())).toBe(0);

    // Synced now: no longer due, even once the claim ends.
    const [synced, ...rest] = claims.flat();
    await saveSnapshot(synced!.target.connectionId, { patient: { resourceType: "Patient", id: "x" }, raw: { resourceType: "Patient", id: "x" } });
    for (const [i, owner] of owners.entries()) for (const c of claims[i]!) await releaseSyncClaim(c.target.connectionId, owner, c === synced ? undefined : new Date(Date.now() - 1));
    expect(await countDueConnections(new Date(Date.now() - 60_000))).toBe(rest.length);
    for (const c of await claimAll("cleanup")) await releaseSyncClaim(c.target.connectionId, "cleanup", park());
  });

  it("claims only ids after the cursor, in id order, so a pass walks the table once", async () => {
    const { ids } = await connections(6);
    const sorted = [...ids].sort();
    const owner = `w-${uniqueId()}`;
    const later = await claimDueConnections({ owner, limit: 10, leaseMs: LEASE_MS, dueBefore: dueBefore(), after: sorted[2]! });
    expect(later.map((c) => c.target.connectionId)).toEqual(sorted.slice(3));
    const rest = await claimAll(owner);
    expect(rest.map((c) => c.target.connectionId)).toEqual(sorted.slice(0, 3));
    for (const id of ids) await releaseSyncClaim(id, owner, park());
  });

  it("a release by someone else leaves the claim; a release with a not-before date keeps the connection out until then", async () => {
    const { ids } = await connections(1);
    const owner = `w-${uniqueId()}`;
    await claimAll(owner);
    await releaseSyncClaim(ids[0]!, "someone-else");
    expect((await (await db()).connection.findUniqueOrThrow({ where: { id: ids[0]! } })).leaseOwner).toBe(owner);
    const notBefore = new Date(Date.now() + 600_000);
    await releaseSyncClaim(ids[0]!, owner, notBefore);
    const row = await (await db()).connection.findUniqueOrThrow({ where: { id: ids[0]! } });
    expect(row).toMatchObject({ leaseOwner: null, leaseUntil: notBefore });
    expect(await claimAll("later")).toEqual([]);
  });

  it("the finishing stamp of a worker's sync ends that worker's claim in the same statement, and no one else's", async () => {
    const { ids } = await connections(3);
    const owner = `w-${uniqueId()}`;
    await claimAll(owner);
    const [mine, theirs, kept] = ids as [string, string, string];
    expect(await finishRecordSync(mine, { complete: true, refreshed: true, releaseOwner: owner })).toBe(true);
    expect(await finishRecordSync(theirs, { complete: true, refreshed: true, releaseOwner: "someone-else" })).toBe(true);
    expect(await finishRecordSync(kept, { complete: false, refreshed: true })).toBe(true);
    const rows = new Map((await (await db()).connection.findMany({ where: { id: { in: ids } } })).map((r) => [r.id, r]));
    expect(rows.get(mine)).toMatchObject({ leaseOwner: null, leaseUntil: null, recordSyncedAt: expect.any(Date), lastSyncAt: expect.any(Date) });
    for (const id of [theirs, kept]) {
      expect(rows.get(id)).toMatchObject({ leaseOwner: owner, lastSyncAt: expect.any(Date) });
      expect(rows.get(id)!.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
    }
    expect(rows.get(kept)!.recordSyncedAt).toBeNull();
    for (const id of [theirs, kept]) await releaseSyncClaim(id, owner, park());
    await (await db()).connection.update({ where: { id: mine }, data: { leaseUntil: park() } });
  });
});

describe("storing rotated tokens", () => {
  it("is a compare-and-swap on the token version, keeps the old refresh token when none is sent, and keeps or ends the lease as asked", async () => {
    const { ids } = await connections(2);
    const owner = `w-${uniqueId()}`;
    await claimAll(owner);
    const [a, b] = ids as [string, string];
    const expiresAt = new Date("2026-12-01T10:00:00.250Z");
    // Two writers with the same expected version in the same moment: exactly one wins.
    const raced = await Promise.all([
      storeRotatedTokens(a, 0, { accessToken: "access-new", accessTokenExpiresAt: expiresAt, refreshToken: "refresh-new", grantedScope: "patient/*.read" }, { keepLease: true }),
      storeRotatedTokens(a, 0, { accessToken: "access-other", accessTokenExpiresAt: null, refreshToken: "refresh-other" }, { keepLease: true }),
    ]);
    expect(raced).toEqual([true, false]);
    expect(await readConnectionTokens(a)).toMatchObject({
      tokenVersion: 1, accessToken: "access-new", refreshToken: "refresh-new", accessTokenExpiresAt: expiresAt, statusReason: null, leaseOwner: owner,
    });
    const grantedScope = async (id: string) => (await (await db()).connection.findUniqueOrThrow({ where: { id } })).grantedScope;
    expect(await grantedScope(a)).toBe("patient/*.read");

    expect(await readConnectionTokens(a)).toMatchObject({ approvalExpiresAt: new Date("2027-06-01T00:00:00.123Z") }); // not said: kept
    const approvalFromEhr = new Date("2028-01-15T08:30:00.500Z");
    expect(await storeRotatedTokens(a, 1, { accessToken: "access-3", accessTokenExpiresAt: null, approvalExpiresAt: approvalFromEhr }, { keepLease: true })).toBe(true);
    expect(await readConnectionTokens(a)).toMatchObject({ tokenVersion: 2, approvalExpiresAt: approvalFromEhr, refreshToken: "refresh-new" });

    expect(await storeRotatedTokens(b, 0, { accessToken: "access-b", accessTokenExpiresAt: null })).toBe(true);
    expect(await readConnectionTokens(b)).toMatchObject({ tokenVersion: 1, accessToken: "access-b", refreshToken: "refresh-1", leaseOwner: null, leaseUntil: null });
    expect(await storeRotatedTokens(b, 0, { accessToken: "stale", accessTokenExpiresAt: null })).toBe(false);
    await releaseSyncClaim(a, owner, park());
    await (await db()).connection.update({ where: { id: b }, data: { leaseOwner: HOLDER, leaseUntil: park() } });
  });
});

describe("saving snapshots", () => {
  it("upserts one snapshot per connection with its index fields and stamps lastSyncAt", async () => {
    const { ids } = await connections(1);
    const id = ids[0]!;
    const patient = { resourceType: "Patient" as const, id: "p1", gender: "female", birthDate: "1950-04-02", name: [{ given: ["Ada"], family: "Lovelace" }], address: [{ city: "Boston", state: "MA" }] };
    await saveSnapshot(id, { patient, raw: patient, fhirVersion: "4.0.1" });
    await saveSnapshot(id, { patient: { ...patient, address: [{ city: "Salem", state: "MA" }] }, raw: { ...patient, v: 2 } });
    const client = await db();
    const snapshots = await client.patientSnapshot.findMany({ where: { connectionId: id } });
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({ displayName: "Ada Lovelace", searchText: "ada lovelace p1", gender: "Female", birthDate: "1950-04-02", city: "Salem", state: "MA", fhirVersion: null });
    expect(JSON.parse(snapshots[0]!.resourceJson)).toMatchObject({ v: 2 });
    const row = await client.connection.findUniqueOrThrow({ where: { id } });
    expect(row.lastSyncAt?.getTime()).toBe(snapshots[0]!.fetchedAt.getTime());
    expect(Math.abs(row.lastSyncAt!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("a snapshot for a connection that is not active writes nothing and never loses the others saved in the same moment", async () => {
    const { ids } = await connections(3);
    const patient = { resourceType: "Patient" as const, id: "ok" };
    const results = await Promise.allSettled([
      saveSnapshot(ids[0]!, { patient, raw: patient }),
      saveSnapshot("no-such-connection", { patient, raw: patient }),
      saveSnapshot(ids[1]!, { patient, raw: patient }),
      saveSnapshot(ids[2]!, { patient, raw: patient }),
    ]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "rejected"))).toEqual([true, false, true, true]);
    expect(await (await db()).patientSnapshot.count({ where: { connectionId: { in: ids } } })).toBe(3);
  });
});
