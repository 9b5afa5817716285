import { describe, expect, it } from "vitest";
import { ENCRYPTED_COLUMNS } from "../crypto/encrypted-columns";
import { db } from "../db";
import { getOrCreateClientKey } from "./client-keys";
import { readConnectionTokens } from "./connection-tokens";
import { createEnrollmentAttempt } from "./enrollment-attempts";
import { getHealthSystemClient } from "./health-systems";
import { aHealthSystem, anAttempt, enrolled, tokensFor, uniqueId } from "./test-factories";

/**
 * The database client leaves every encrypted column out unless a query asks for it, so a
 * findUnique or an include in page code can never carry a sealed token along.
 */
const keysOf = (row: object | null) => Object.keys(row ?? {});

describe("encrypted columns are omitted by default", () => {
  it("from plain reads, includes and transactions, on every model that has them", async () => {
    const client = await db();
    const hs = await aHealthSystem();
    await getOrCreateClientKey();
    const done = await enrolled(await anAttempt(hs.id), tokensFor(`p-${uniqueId()}`));
    const reads: object[] = [
      (await client.healthSystem.findUnique({ where: { id: hs.id } }))!,
      (await client.connection.findUnique({ where: { id: done.connectionId } }))!,
      (await client.clientKey.findFirst())!,
      ...(await client.enrollmentAttempt.findMany({ where: { healthSystemId: hs.id } })),
      ...(await client.participant.findUnique({ where: { id: done.participantId }, include: { connections: { include: { healthSystem: true } } } }))!.connections.flatMap((c) => [c, c.healthSystem]),
      await client.$transaction(async (tx) => (await tx.connection.findUnique({ where: { id: done.connectionId } }))!),
    ];
    const encrypted = new Set(ENCRYPTED_COLUMNS.map((c) => c.column));
    for (const row of reads) expect(keysOf(row).filter((k) => encrypted.has(k as never))).toEqual([]);
    expect(reads.length).toBeGreaterThanOrEqual(6);
  });

  it("and given to a query that selects one or opts back in", async () => {
    const client = await db();
    const hs = await aHealthSystem();
    const done = await enrolled(await anAttempt(hs.id), tokensFor(`p-${uniqueId()}`));
    const selected = await client.connection.findUnique({ where: { id: done.connectionId }, select: { refreshTokenEnc: true } });
    expect(selected?.refreshTokenEnc).toMatch(/^v\d\./);
    const optedIn = await client.connection.findUnique({ where: { id: done.connectionId }, omit: { accessTokenEnc: false } });
    expect(optedIn?.accessTokenEnc).toMatch(/^v\d\./);
    expect(keysOf(optedIn)).not.toContain("refreshTokenEnc");
  });
});

describe("sealed values are bound to their table, column and row", () => {
  it("a token or secret copied to another row or column by someone who can write the database no longer opens", async () => {
    const client = await db();
    const hs = await aHealthSystem();
    const victim = await enrolled(await anAttempt(hs.id), tokensFor(`p-${uniqueId()}`));
    const attacker = await enrolled(await anAttempt(hs.id), tokensFor(`p-${uniqueId()}`));
    const stolen = await client.connection.findUniqueOrThrow({ where: { id: victim.connectionId }, select: { refreshTokenEnc: true, accessTokenEnc: true } });
    // Another row: the attacker's connection would refresh with the victim's token.
    await client.connection.update({ where: { id: attacker.connectionId }, data: { refreshTokenEnc: stolen.refreshTokenEnc } });
    await expect(readConnectionTokens(attacker.connectionId)).rejects.toThrow();
    // Another column of the same row: the access token swapped in for the refresh token.
    await client.connection.update({ where: { id: victim.connectionId }, data: { refreshTokenEnc: stolen.accessTokenEnc } });
    await expect(readConnectionTokens(victim.connectionId)).rejects.toThrow();
    // Another table: a connection's token as a health system's client secret.
    await client.healthSystem.update({ where: { id: hs.id }, data: { clientSecretEnc: stolen.accessTokenEnc } });
    await expect(getHealthSystemClient(hs.id)).rejects.toThrow();
    await client.connection.deleteMany({ where: { id: { in: [victim.connectionId, attacker.connectionId] } } }); // leave no unreadable rows
    await client.healthSystem.update({ where: { id: hs.id }, data: { clientSecretEnc: null } });
  });

  it("a per-participant client secret is opened from its attempt and sealed again for the connection", async () => {
    const hs = await aHealthSystem();
    const client = { clientId: `pp-${uniqueId()}`, clientSecret: `pp-secret-${uniqueId()}`, tokenEndpointAuthMethod: "client_secret_basic" };
    const attemptId = await createEnrollmentAttempt({ healthSystemId: hs.id, consentVersion: "2026-11-v1", consentedAt: new Date(), client });
    const done = await enrolled(attemptId, tokensFor(`p-${uniqueId()}`));
    expect((await readConnectionTokens(done.connectionId))?.ownClient).toEqual(client);
  });
});
