import { describe, expect, it } from "vitest";
import { db } from "../db";
import { completeEnrollment } from "./enrollment";
import { getOpenAttempt } from "./enrollment-attempts";
import { getHealthSystemClient, listHealthSystems } from "./health-systems";
import { participantSession } from "./callers";
import { getConnectionsForWithdrawal, getMyConnection, recordWithdrawal } from "./participants";
import { saveSnapshot } from "./snapshots";
import { aHealthSystem, anAttempt, enrolled, tokensFor, uniqueId } from "./test-factories";

describe("health systems", () => {
  it("stores the client secret encrypted and gives it back decrypted only through getHealthSystemClient", async () => {
    const hs = await aHealthSystem({ clientSecret: "0e541908-c799-464f-9c96-fd1aa43cd3aa" });
    const row = await (await db()).healthSystem.findUniqueOrThrow({ where: { id: hs.id }, omit: { clientSecretEnc: false } });
    expect(row.clientSecretEnc).not.toContain("0e541908");
    expect((await getHealthSystemClient(hs.id))?.clientSecret).toBe("0e541908-c799-464f-9c96-fd1aa43cd3aa");
    expect(JSON.stringify(await listHealthSystems())).not.toContain("0e541908");
  });

  it("searches names case-insensitively, with hostile strings handled as text", async () => {
    const name = `Mercy ÜNIVERSITY ${uniqueId()}`;
    await aHealthSystem({ name });
    expect((await listHealthSystems({ search: "mercy ünivers" })).map((h) => h.name)).toContain(name);
    for (const hostile of ["%", "_", "' OR 1=1 --", "x".repeat(10_000)]) {
      await expect(listHealthSystems({ search: hostile })).resolves.toBeInstanceOf(Array);
    }
  });
});

describe("completing an enrollment", () => {
  it("creates the participant and connection with encrypted tokens, and consumes the attempt", async () => {
    const hs = await aHealthSystem();
    const attemptId = await anAttempt(hs.id);
    const tokens = tokensFor("smart-1288992");
    const done = await enrolled(attemptId, tokens);
    expect(done).toMatchObject({ returning: false });
    const connection = await (await db()).connection.findUniqueOrThrow({ where: { id: done.connectionId }, omit: { accessTokenEnc: false, refreshTokenEnc: false } });
    expect(connection.patientId).toBe("smart-1288992");
    expect(connection.refreshTokenEnc).not.toContain(tokens.refreshToken);
    expect(connection.accessTokenEnc).not.toContain(tokens.accessToken);
    expect(await getOpenAttempt(attemptId)).toBeNull();
  });

  it("records the approval's end from the EHR when it says, else from the health system's approvalDays", async () => {
    const hs = await aHealthSystem();
    const fromEhr = new Date("2027-09-30T12:00:00.000Z");
    const told = await enrolled(await anAttempt(hs.id), { ...tokensFor(`p-${uniqueId()}`), approvalExpiresAt: fromEhr });
    const silent = await enrolled(await anAttempt(hs.id), tokensFor(`p-${uniqueId()}`));
    const approvalOf = async (id: string) => (await (await db()).connection.findUniqueOrThrow({ where: { id } })).approvalExpiresAt!;
    expect(await approvalOf(told.connectionId)).toEqual(fromEhr);
    const days = ((await approvalOf(silent.connectionId)).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThanOrEqual(365);
    // Staff are shown "sharing ends" as a fact only when the EHR said it.
    const fromEhrOf = async (id: string) => (await (await db()).connection.findUniqueOrThrow({ where: { id } })).approvalFromEhr;
    expect(await fromEhrOf(told!.connectionId)).toBe(true);
    expect(await fromEhrOf(silent!.connectionId)).toBe(false);
  });

  it("refuses a replayed attempt and stores nothing more", async () => {
    const hs = await aHealthSystem();
    const attemptId = await anAttempt(hs.id);
    await enrolled(attemptId, tokensFor("p-1"));
    const before = await (await db()).connection.count();
    expect(await completeEnrollment(attemptId, tokensFor("p-2"))).toEqual({ ok: false, reason: "expired" });
    expect(await (await db()).connection.count()).toBe(before);
  });

  it("recognises a returning participant by health system and patient id", async () => {
    const hs = await aHealthSystem();
    const first = await enrolled(await anAttempt(hs.id), tokensFor("smart-1081332"));
    const again = await enrolled(await anAttempt(hs.id), tokensFor("smart-1081332"));
    expect(again).toMatchObject({ participantId: first.participantId, connectionId: first.connectionId, returning: true });
    const other = await enrolled(await anAttempt((await aHealthSystem()).id), tokensFor("smart-1081332"));
    expect(other.participantId).not.toBe(first.participantId);
  });

  it("lets concurrent callbacks for one attempt store it once", async () => {
    const hs = await aHealthSystem();
    const attemptId = await anAttempt(hs.id);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => completeEnrollment(attemptId, tokensFor("p-race"))));
    const stored = results.filter((r) => r.status === "fulfilled" && r.value.ok);
    expect(stored).toHaveLength(1);
  });
});

describe("a participant's own connection and withdrawal", () => {
  it("shows the participant their connection and snapshot name, and only theirs", async () => {
    const hs = await aHealthSystem();
    const mine = await enrolled(await anAttempt(hs.id), tokensFor("smart-1288992"));
    await saveSnapshot(mine.connectionId, {
      patient: { resourceType: "Patient", id: "smart-1288992", name: [{ family: ["Adams"], given: ["Daniel", "X."] }] },
      raw: { resourceType: "Patient", id: "smart-1288992" },
    });
    const view = await getMyConnection(participantSession(mine.participantId));
    expect(view).toMatchObject({ status: "connected", displayName: "Daniel X. Adams", hasRefreshToken: true });
    expect(await getMyConnection(participantSession("someone-else"))).toBeNull();
  });

  it("deletes tokens and (by policy) the snapshot, recording when and why", async () => {
    const hs = await aHealthSystem();
    const done = await enrolled(await anAttempt(hs.id), tokensFor("p-withdraw"));
    await saveSnapshot(done.connectionId, { patient: { resourceType: "Patient", id: "p-withdraw" }, raw: { id: "p-withdraw" } });
    expect(await getConnectionsForWithdrawal(participantSession(done.participantId))).toHaveLength(1);
    await recordWithdrawal(participantSession(done.participantId), { reason: "moving away", keepSnapshot: false });
    const client = await db();
    const connection = await client.connection.findUniqueOrThrow({ where: { id: done.connectionId }, omit: { accessTokenEnc: false, refreshTokenEnc: false } });
    expect(connection).toMatchObject({ status: "withdrawn", refreshTokenEnc: null, accessTokenEnc: null });
    expect(await client.patientSnapshot.findUnique({ where: { connectionId: done.connectionId } })).toBeNull();
    const participant = await client.participant.findUniqueOrThrow({ where: { id: done.participantId } });
    expect(participant).toMatchObject({ status: "withdrawn", withdrawalReason: "moving away" });
    expect(participant.withdrawnAt).toBeInstanceOf(Date);
  });

  it("keeps the snapshot when the policy says keep", async () => {
    const hs = await aHealthSystem();
    const done = await enrolled(await anAttempt(hs.id), tokensFor("p-keep"));
    await saveSnapshot(done.connectionId, { patient: { resourceType: "Patient", id: "p-keep" }, raw: { id: "p-keep" } });
    await recordWithdrawal(participantSession(done.participantId), { reason: null, keepSnapshot: true });
    expect(await (await db()).patientSnapshot.findUnique({ where: { connectionId: done.connectionId } })).not.toBeNull();
  });
});
