import { describe, expect, it } from "vitest";
import { createKeyring, decrypt, encrypt, generateKey, keyIdOf, type SealContext } from "../crypto/encryption";
import { sealV1 } from "../crypto/test-support";
import { db, type Db } from "../db";
import { countStale, rotateKeys } from "./key-rotation";
import { aConnection, aHealthSystem, anAttempt, uniqueId } from "./test-factories";

/**
 * `npm run keys:rotate` on both databases. The current key is the test run's own
 * (TOKEN_ENCRYPTION_KEY, so rows other test files left behind are already current and stay
 * readable); the rows made here are sealed under an older key first, half of them in the first
 * format (v1, bound to the key id only) as a portal before v2 wrote them.
 */
const oldKey = generateKey(`old${uniqueId()}`);
const oldRing = createKeyring(oldKey);
const ring = () => createKeyring(process.env.TOKEN_ENCRYPTION_KEY!, `${generateKey("unused")},${oldKey}`);
const currentKid = () => ring().current.kid;
const current = () => createKeyring(process.env.TOKEN_ENCRYPTION_KEY!); // the new key alone, after rotation
const conn = (rowId: string, column: "accessTokenEnc" | "refreshTokenEnc" | "clientSecretEnc"): SealContext => ({ table: "Connection", column, rowId });
const connOmit = { accessTokenEnc: false, refreshTokenEnc: false, clientSecretEnc: false } as const;

/** Under the old key: even rows in the first format (v1), odd rows already v2. */
const sealOld = (i: number, plaintext: string, at: SealContext) => (i % 2 === 0 ? sealV1(oldRing, plaintext) : encrypt(oldRing, plaintext, at));

async function seedUnderOldKey(client: Db, n: number) {
  const hs = await aHealthSystem();
  await client.healthSystem.update({ where: { id: hs.id }, data: { clientSecretEnc: sealV1(oldRing, "hs-secret") } });
  const attemptId = await anAttempt(hs.id);
  await client.enrollmentAttempt.update({ where: { id: attemptId }, data: { clientSecretEnc: encrypt(oldRing, "attempt-secret", { table: "EnrollmentAttempt", column: "clientSecretEnc", rowId: attemptId }) } });
  const kid = `rot-${uniqueId()}`;
  // Inactive: the portal's own key (getOrCreateClientKey) is never one of these.
  await client.clientKey.create({ data: { kid, alg: "ES384", publicJwk: "{}", active: false, privateJwkEnc: sealV1(oldRing, '{"d":"private"}') } });
  const connections: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = `crot${uniqueId()}${i}`;
    await aConnection(hs.id, {
      id,
      accessTokenEnc: sealOld(i, `access-${i}`, conn(id, "accessTokenEnc")),
      refreshTokenEnc: sealOld(i, `refresh-${i}`, conn(id, "refreshTokenEnc")),
      clientSecretEnc: i % 2 === 0 ? sealOld(i, `conn-secret-${i}`, conn(id, "clientSecretEnc")) : null,
    });
    connections.push(id);
  }
  return { hsId: hs.id, attemptId, kid, connections };
}

describe("key rotation (npm run keys:rotate)", () => {
  it("re-encrypts every encrypted column under the current key as v2, in batches, and prints counts", async () => {
    const client = await db();
    const seeded = await seedUnderOldKey(client, 25);
    const batches: number[] = [];
    const report = await rotateKeys(client, ring(), { batchSize: 7, onBatch: (table, c) => void (table === "Connection" && batches.push(c.scanned)) });

    expect(report.currentKid).toBe(currentKid());
    expect(report.remaining).toBe(0);
    expect(report.tables.Connection!.rotated).toBeGreaterThanOrEqual(25 * 2 + 13);
    expect(report.tables.Connection!.upgraded).toBeGreaterThanOrEqual(13 * 3);
    expect(report.tables.HealthSystem!.rotated).toBeGreaterThanOrEqual(1);
    expect(report.tables.EnrollmentAttempt!.rotated).toBeGreaterThanOrEqual(1);
    expect(report.tables.ClientKey!.upgraded).toBeGreaterThanOrEqual(1);
    expect(batches.length).toBeGreaterThanOrEqual(4); // 25 rows, 7 at a time

    const hs = await client.healthSystem.findUniqueOrThrow({ where: { id: seeded.hsId }, omit: { clientSecretEnc: false } });
    expect(hs.clientSecretEnc!.startsWith(`v2.${currentKid()}.`)).toBe(true);
    expect(decrypt(current(), hs.clientSecretEnc!, { table: "HealthSystem", column: "clientSecretEnc", rowId: hs.id })).toBe("hs-secret");
    const attempt = await client.enrollmentAttempt.findUniqueOrThrow({ where: { id: seeded.attemptId }, omit: { clientSecretEnc: false } });
    expect(decrypt(current(), attempt.clientSecretEnc!, { table: "EnrollmentAttempt", column: "clientSecretEnc", rowId: attempt.id })).toBe("attempt-secret");
    const key = await client.clientKey.findUniqueOrThrow({ where: { kid: seeded.kid }, omit: { privateJwkEnc: false } });
    expect(decrypt(current(), key.privateJwkEnc, { table: "ClientKey", column: "privateJwkEnc", rowId: key.kid })).toBe('{"d":"private"}');
    const rows = await client.connection.findMany({ where: { id: { in: seeded.connections } }, omit: connOmit });
    for (const row of rows) {
      const i = seeded.connections.indexOf(row.id);
      expect(decrypt(current(), row.accessTokenEnc!, conn(row.id, "accessTokenEnc"))).toBe(`access-${i}`);
      expect(decrypt(current(), row.refreshTokenEnc!, conn(row.id, "refreshTokenEnc"))).toBe(`refresh-${i}`);
      expect(row.clientSecretEnc === null ? null : decrypt(current(), row.clientSecretEnc, conn(row.id, "clientSecretEnc"))).toBe(i % 2 === 0 ? `conn-secret-${i}` : null);
      expect(row.tokenVersion).toBe(0); // rotation leaves the refresh compare-and-swap counter alone
    }
    expect(Object.values(await countStale(client, ring())).reduce((a, b) => a + b, 0)).toBe(0);

    // Idempotent: a second run finds nothing to do.
    const again = await rotateKeys(client, ring());
    expect(Object.values(again.tables).reduce((a, t) => a + t.scanned, 0)).toBe(0);
  });

  it("re-seals first-format values as v2 when the key itself does not change (the format migration)", async () => {
    const client = await db();
    const hs = await aHealthSystem();
    const id = `cmig${uniqueId()}`;
    await aConnection(hs.id, { id, refreshTokenEnc: sealV1(current(), "refresh-v1") });
    expect((await countStale(client, ring())).Connection).toBeGreaterThanOrEqual(1);
    const report = await rotateKeys(client, ring());
    expect(report.remaining).toBe(0);
    expect(report.tables.Connection!.upgraded).toBeGreaterThanOrEqual(1);
    const row = await client.connection.findUniqueOrThrow({ where: { id }, select: { refreshTokenEnc: true } });
    expect(row.refreshTokenEnc!.startsWith(`v2.${currentKid()}.`)).toBe(true);
    expect(decrypt(current(), row.refreshTokenEnc!, conn(id, "refreshTokenEnc"))).toBe("refresh-v1");
  });

  it("never overwrites a token refreshed between its read and its compare-and-swap", async () => {
    const client = await db();
    const seeded = await seedUnderOldKey(client, 3);
    const victim = seeded.connections[1]!;
    let refreshed = false;
    // A token refresh (by a portal still on the old key) lands right before rotation's update.
    const racing = new Proxy(client, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (prop !== "connection") return value;
        return new Proxy(value as object, {
          get(delegate, method, r) {
            const fn = Reflect.get(delegate, method, r);
            if (method !== "updateMany") return fn;
            return async (args: { where: { id: string } }) => {
              if (!refreshed && args.where.id === victim) {
                refreshed = true;
                await client.connection.updateMany({
                  where: { id: victim, tokenVersion: 0 },
                  data: {
                    accessTokenEnc: encrypt(oldRing, "access-after-refresh", conn(victim, "accessTokenEnc")),
                    refreshTokenEnc: encrypt(oldRing, "refresh-after-refresh", conn(victim, "refreshTokenEnc")),
                    tokenVersion: { increment: 1 },
                  },
                });
              }
              return (fn as (a: unknown) => Promise<unknown>).call(delegate, args);
            };
          },
        });
      },
    }) as Db;

    const report = await rotateKeys(racing, ring(), { batchSize: 2 });
    expect(refreshed).toBe(true);
    expect(report.tables.Connection!.conflicts).toBeGreaterThanOrEqual(1);
    expect(report.remaining).toBe(0);
    const row = await client.connection.findUniqueOrThrow({ where: { id: victim }, omit: connOmit });
    expect(decrypt(current(), row.accessTokenEnc!, conn(victim, "accessTokenEnc"))).toBe("access-after-refresh");
    expect(decrypt(current(), row.refreshTokenEnc!, conn(victim, "refreshTokenEnc"))).toBe("refresh-after-refresh");
    expect(row.tokenVersion).toBe(1);
  });

  it("runs beside a stream of concurrent refreshes without losing any of them", async () => {
    const client = await db();
    const seeded = await seedUnderOldKey(client, 20);
    const refreshes = seeded.connections.map(async (id, i) => {
      // Each connection refreshes three times, compare-and-swap on tokenVersion, sealed under the
      // old key as a portal not yet restarted on the new key would.
      for (let v = 0; v < 3; v++) {
        await client.connection.updateMany({
          where: { id, tokenVersion: v },
          data: {
            accessTokenEnc: encrypt(oldRing, `access-${i}-v${v + 1}`, conn(id, "accessTokenEnc")),
            refreshTokenEnc: encrypt(oldRing, `refresh-${i}-v${v + 1}`, conn(id, "refreshTokenEnc")),
            tokenVersion: { increment: 1 },
          },
        });
      }
    });
    const [report] = await Promise.all([rotateKeys(client, ring(), { batchSize: 3 }), ...refreshes]);
    // Whatever the interleaving, a last pass leaves everything current, and no refresh was lost.
    const final = await rotateKeys(client, ring());
    expect(report.tables.Connection!.failed).toBe(0);
    expect(final.remaining).toBe(0);
    const rows = await client.connection.findMany({ where: { id: { in: seeded.connections } }, omit: connOmit });
    for (const row of rows) {
      const i = seeded.connections.indexOf(row.id);
      expect(row.tokenVersion).toBe(3);
      expect(decrypt(current(), row.accessTokenEnc!, conn(row.id, "accessTokenEnc"))).toBe(`access-${i}-v3`);
      expect(decrypt(current(), row.refreshTokenEnc!, conn(row.id, "refreshTokenEnc"))).toBe(`refresh-${i}-v3`);
    }
  });

  it("counts values it cannot open (unknown key, or moved from another row) as failed and leaves them untouched", async () => {
    const client = await db();
    const hs = await aHealthSystem();
    const unknown = encrypt(createKeyring(generateKey("gone")), "lost", { table: "HealthSystem", column: "clientSecretEnc", rowId: hs.id });
    await client.healthSystem.update({ where: { id: hs.id }, data: { clientSecretEnc: unknown } });
    const other = await aHealthSystem();
    const moved = encrypt(oldRing, "sealed for another row", { table: "HealthSystem", column: "clientSecretEnc", rowId: hs.id });
    await client.healthSystem.update({ where: { id: other.id }, data: { clientSecretEnc: moved } });
    const report = await rotateKeys(client, ring());
    expect(report.tables.HealthSystem!.failed).toBe(2);
    expect(report.undecryptableKids).toEqual(["gone", oldRing.current.kid].sort());
    expect(report.remaining).toBe(2);
    expect((await client.healthSystem.findUniqueOrThrow({ where: { id: hs.id }, select: { clientSecretEnc: true } })).clientSecretEnc).toBe(unknown);
    expect((await client.healthSystem.findUniqueOrThrow({ where: { id: other.id }, select: { clientSecretEnc: true } })).clientSecretEnc).toBe(moved);
    // Leave the database clean for other files.
    await client.healthSystem.updateMany({ where: { id: { in: [hs.id, other.id] } }, data: { clientSecretEnc: null } });
    expect(keyIdOf(unknown)).toBe("gone");
  });
});
