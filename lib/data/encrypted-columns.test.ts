import { describe, expect, it } from "vitest";
import { ENCRYPTED_COLUMNS } from "../crypto/encrypted-columns";
import { db } from "../db";
import { getOrCreateClientKey } from "./client-keys";
import { completeEnrollment } from "./enrollment";
import { aHealthSystem, anAttempt, tokensFor, uniqueId } from "./test-factories";

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
    const done = (await completeEnrollment(await anAttempt(hs.id), tokensFor(`p-${uniqueId()}`)))!;
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
    const done = (await completeEnrollment(await anAttempt(hs.id), tokensFor(`p-${uniqueId()}`)))!;
    const selected = await client.connection.findUnique({ where: { id: done.connectionId }, select: { refreshTokenEnc: true } });
    expect(selected?.refreshTokenEnc).toMatch(/^v\d\./);
    const optedIn = await client.connection.findUnique({ where: { id: done.connectionId }, omit: { accessTokenEnc: false } });
    expect(optedIn?.accessTokenEnc).toMatch(/^v\d\./);
    expect(keysOf(optedIn)).not.toContain("refreshTokenEnc");
  });
});
