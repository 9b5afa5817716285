/**
 * Token refresh over real HTTP against the sandbox EHR (strict rotation, fault injection).
 */
// Long enough that a slow but successful answer (this process also runs the sandbox and Prisma's
// query compiler, and other test projects may share the CPU) is not mistaken for a hang: a timeout
// after the EHR acted IS a lost response, and is flagged as one.
process.env.EHR_TIMEOUT_MS = "5000";

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { readPatient } from "../fhir/reader";
import { participantSession } from "../data/callers";
import { getMyConnection } from "../data/participants";
import { readConnectionTokens, REFRESH_LOST_REASON, storeRotatedTokens } from "../data/connection-tokens";
import { saveSnapshot } from "../data/snapshots";
import type { Polite } from "../ehr-http";
import { getFreshAccessToken } from "./access-token";
import { SLOT_WAIT_MESSAGE } from "./refresh-step";
import { startTestEhr, type TestEhr } from "./test-support";

let ehr: TestEhr;
let next = 1;
const patients = (count: number) => Array.from({ length: count }, () => next++);

beforeAll(async () => {
  ehr = await startTestEhr(1000);
});
afterAll(() => ehr.close());
afterEach(async () => {
  await ehr.admin("/faults", undefined);
});


describe("single-flight refresh", () => {
  it("50 concurrent requests for an expired connection cause exactly one refresh at the EHR, and all succeed", async () => {
    const [n] = patients(1);
    const { connectionId } = await ehr.connect(n!);
    await ehr.admin("/stats/reset", {});
    // Five owners act like five processes (they meet only at the database lease); ten callers each.
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => getFreshAccessToken(connectionId, { owner: `process-${i % 5}` })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await ehr.stats()).tokenRequests.refresh_token).toBe(1);
    const tokens = new Set(results.map((r) => (r.ok ? r.accessToken : "")));
    expect(tokens.size).toBe(1);
    const read = await readPatient({ fhirBaseUrl: ehr.sandbox.s4sFhirBase, patientId: `synthetic-${String(n).padStart(6, "0")}`, accessToken: [...tokens][0]!, policy: { allowHttpLoopback: true, allowPrivateNetworks: false } });
    expect(read.ok).toBe(true);
  });

  it("keeps the old refresh token when the answer carries none (RFC 6749 §6), and refuses a stale version", async () => {
    const [n] = patients(1);
    const { connectionId, refreshToken } = await ehr.connect(n!, 3600);
    const before = await readConnectionTokens(connectionId);
    expect(await storeRotatedTokens(connectionId, before!.tokenVersion, { accessToken: "a-new-one", accessTokenExpiresAt: null })).toBe(true);
    const after = await readConnectionTokens(connectionId);
    expect(after).toMatchObject({ refreshToken: refreshToken, accessToken: "a-new-one", tokenVersion: before!.tokenVersion + 1 });
    expect(await storeRotatedTokens(connectionId, before!.tokenVersion, { accessToken: "stale", accessTokenExpiresAt: null })).toBe(false);
  });
});

describe("the caller's politeness limits (the sync worker's request slots)", () => {
  it("hold the token request only: the slot is free again before the rotated tokens are stored", async () => {
    const [n] = patients(1);
    const { connectionId } = await ehr.connect(n!);
    const before = (await readConnectionTokens(connectionId))!.tokenVersion;
    const versionsAtRelease: number[] = [];
    const polite: Polite = async (exchange) => {
      const answer = await exchange();
      versionsAtRelease.push((await readConnectionTokens(connectionId))!.tokenVersion);
      return answer;
    };
    expect(await getFreshAccessToken(connectionId, { force: true, polite })).toMatchObject({ ok: true });
    expect(versionsAtRelease).toEqual([before]);
    expect((await readConnectionTokens(connectionId))!.tokenVersion).toBe(before + 1);
  });

  it("a token request that waited for a slot longer than EHR_TIMEOUT_MS is not sent; the lease is given back and the next refresh works", async () => {
    const [n] = patients(1);
    const { connectionId } = await ehr.connect(n!);
    await ehr.admin("/stats/reset", {});
    // The slot comes after the request timeout: the refresh lease (2 × timeout + 5 s) may then run
    // out before an answer, and another process could send the same refresh token meanwhile.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() });
    try {
      const late: Polite = async (exchange) => {
        vi.setSystemTime(Date.now() + Number(process.env.EHR_TIMEOUT_MS) + 1);
        return exchange();
      };
      const result = await getFreshAccessToken(connectionId, { force: true, polite: late, maxAttempts: 1 });
      expect(result).toMatchObject({ ok: false, permanent: false, message: SLOT_WAIT_MESSAGE });
    } finally {
      vi.useRealTimers();
    }
    expect((await ehr.stats()).tokenRequests.refresh_token).toBe(0);
    const row = await (await db()).connection.findUniqueOrThrow({ where: { id: connectionId } });
    expect(row).toMatchObject({ status: "connected", leaseOwner: null, statusReason: null, lastError: SLOT_WAIT_MESSAGE });
    expect(await getFreshAccessToken(connectionId, { force: true })).toMatchObject({ ok: true });
    expect((await ehr.stats()).tokenRequests.refresh_token).toBe(1);
  });
});

describe("strict rotation under faults", () => {
  const CONNECTIONS = 20;
  const CYCLES = 50; // 20 × 50 = 1,000 refresh cycles

  async function cycle(ids: string[]) {
    await Promise.all(
      ids.map(async (id) => {
        for (let i = 0; i < CYCLES; i++) {
          const result = await getFreshAccessToken(id, { force: true });
          if (!result.ok && result.permanent) return;
        }
      }),
    );
  }

  it("1,000 cycles with 10% 500s, 429s and hangs before the EHR acts lose no connection", async () => {
    const ids = await Promise.all(patients(CONNECTIONS).map(async (n) => (await ehr.connect(n)).connectionId));
    // 10% of refresh requests fail before the sandbox acts: 4% 500, 4% 429 (Retry-After: 1), 2% hang.
    for (const [i, fault] of [
      { mode: "status", status: 500, rate: 0.04 },
      { mode: "status", status: 429, retryAfterSeconds: 1, rate: 0.04 },
      { mode: "hang", rate: 0.02 }, // each costs one EHR_TIMEOUT_MS
    ].entries()) {
      await ehr.admin("/faults", { target: "token", grantType: "refresh_token", seed: 11 + i, ...fault });
    }
    await cycle(ids);
    await ehr.admin("/faults", undefined);
    const rows = await (await db()).connection.findMany({ where: { id: { in: ids } }, select: { status: true, statusReason: true } });
    expect(rows.filter((r) => r.status !== "connected")).toEqual([]);
    for (const id of ids) {
      expect((await getFreshAccessToken(id, { force: true })).ok).toBe(true);
    }
  }, 90_000);

  it("flags every connection whose refresh response was dropped after the EHR rotated; none is silently broken", async () => {
    const ids = await Promise.all(patients(CONNECTIONS).map(async (n) => (await ehr.connect(n)).connectionId));
    await ehr.admin("/faults", { target: "token", mode: "drop-after-refresh", rate: 0.1, seed: 5 });
    await cycle(ids);
    const listed = (await (await fetch(`${ehr.sandbox.url}/_sandbox/faults`)).json()) as { faults: Array<{ fired: number }> };
    const fired = listed.faults[0]!.fired;
    await ehr.admin("/faults", undefined);
    const rows = await (await db()).connection.findMany({ where: { id: { in: ids } } });
    const flagged = rows.filter((r) => r.status === "needs_reconnect");
    expect(fired).toBeGreaterThan(0);
    expect(flagged).toHaveLength(fired);
    expect(flagged.every((r) => r.statusReason === REFRESH_LOST_REASON)).toBe(true);
    for (const r of rows.filter((row) => row.status === "connected")) {
      expect((await getFreshAccessToken(r.id, { force: true })).ok).toBe(true);
    }
  }, 90_000);
});

describe("permanent failures", () => {
  async function withSnapshot() {
    const [n] = patients(1);
    const c = await ehr.connect(n!);
    await saveSnapshot(c.connectionId, { patient: { resourceType: "Patient", id: "x", name: [{ family: "Kept" }] }, raw: { resourceType: "Patient" } });
    return c;
  }

  it("a revoked grant makes the connection need reconnecting, keeps the snapshot, and the participant sees why", async () => {
    const c = await withSnapshot();
    await ehr.admin("/revoke", { token: c.refreshToken });
    const result = await getFreshAccessToken(c.connectionId);
    expect(result).toMatchObject({ ok: false, permanent: true });
    const mine = await getMyConnection(participantSession(c.participantId));
    expect(mine).toMatchObject({ status: "needs_reconnect", displayName: "Kept" });
    expect(mine?.statusReason).toMatch(/reconnect/i);
  });

  it("an approval the EHR expired, or one past its stored date, needs reconnecting with that reason", async () => {
    const a = await withSnapshot();
    await ehr.admin("/expire", { token: a.refreshToken, approval: true });
    expect(await getFreshAccessToken(a.connectionId)).toMatchObject({ ok: false, message: expect.stringMatching(/approval has expired/) });
    const b = await withSnapshot();
    await (await db()).connection.update({ where: { id: b.connectionId }, data: { approvalExpiresAt: new Date(Date.now() - 1000) } });
    await ehr.admin("/stats/reset", {});
    expect(await getFreshAccessToken(b.connectionId)).toMatchObject({ ok: false, message: expect.stringMatching(/approval has expired/) });
    expect((await ehr.stats()).tokenRequests.refresh_token).toBe(0);
    for (const c of [a, b]) expect(await getMyConnection(participantSession(c.participantId))).toMatchObject({ status: "needs_reconnect", displayName: "Kept" });
  });
});
