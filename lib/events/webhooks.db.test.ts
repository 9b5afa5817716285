/**
 * Signed events end to end on both databases: the portal's real code paths (enrollment, sync,
 * a revoked grant, withdrawal) write the outbox; the dispatcher POSTs to a local receiver that
 * checks the signature the way the docs tell study systems to; failures are retried with
 * backoff and end as "failed"; hanging receivers time out; redirects are never followed; URLs
 * that point inside the network are refused; two workers never send one delivery twice.
 */
process.env.EHR_TIMEOUT_MS = "5000";

import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "../db";
import { completeEnrollment } from "../data/enrollment";
import { participantSession } from "../data/callers";
import { recordWithdrawal } from "../data/participants";
import { addWebhookEndpoint, listRecentDeliveries, listWebhookEndpoints } from "../data/webhooks";
import { anAttempt, aHealthSystem, tokensFor, uniqueId } from "../data/test-factories";
import { startTestEhr, type TestEhr } from "../connections/test-support";
import { startTestServer, type TestServer } from "../ehr-http/test-server";
import { refreshAndSyncConnection } from "../sync/connection-sync";
import { StaffForbiddenError, type StaffSession } from "../staff/roles";
import { deliverDueWebhooks, type DispatchSettings } from "./deliver";
import { emitEvent } from "./emit";
import { addWebhook, checkWebhookUrl, retryWebhook, stopWebhook } from "./endpoints";
import { EVENT_TYPES } from "./types";

const admin: StaffSession = { id: "staff-admin", email: "admin@example.org", role: "admin" };
const LOOPBACK = { allowHttpLoopback: true, allowPrivateNetworks: false };
const settings = (overrides: Partial<DispatchSettings> = {}): DispatchSettings => ({ owner: "test-worker", policy: LOOPBACK, timeoutMs: 2_000, maxAttempts: 12, ...overrides });

/** A study system's receiver: checks each signature itself, as docs/RESEARCH-API.md describes. */
type Received = { path: string; eventId: string; type: string; body: Record<string, unknown>; signatureValid: boolean; at: number };
const received: Received[] = [];
const secrets = new Map<string, string>();
const answers = new Map<string, (res: ServerResponse, seen: number) => void>();

function verify(secret: string, body: string, header: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m || Math.abs(Date.now() / 1000 - Number(m[1])) > 300) return false;
  return createHmac("sha256", secret).update(`${m[1]}.${body}`).digest("hex") === m[2];
}

let receiver: TestServer;
let ehr: TestEhr;
beforeAll(async () => {
  ehr = await startTestEhr(20);
  receiver = await startTestServer({}, (req: IncomingMessage, res: ServerResponse) => {
    const request = receiver.requests.at(-1)!;
    const path = req.url ?? "/";
    const entry: Received = {
      path,
      eventId: String(req.headers["portal-event-id"]),
      type: String(req.headers["portal-event-type"]),
      body: JSON.parse(request.body),
      signatureValid: verify(secrets.get(path) ?? "", request.body, String(req.headers["portal-signature"] ?? "")),
      at: Date.now(),
    };
    received.push(entry);
    const answer = answers.get(path);
    if (answer) answer(res, received.filter((r) => r.path === path && r.eventId === entry.eventId).length);
    else res.writeHead(204).end();
  });
});
afterAll(async () => {
  await receiver.close();
  await ehr.close();
});
beforeEach(async () => {
  // Each test has its own endpoints: stop the others' (their waiting deliveries are cancelled).
  const database = await db();
  await database.webhookDelivery.updateMany({ where: { status: "pending" }, data: { status: "cancelled" } });
  await database.webhookEndpoint.updateMany({ data: { active: false } });
  received.length = 0;
});

async function anEndpoint(path: string, events: readonly (typeof EVENT_TYPES)[number][] = EVENT_TYPES) {
  const added = await addWebhook(admin, { url: `${receiver.url}${path}`, events: [...events] });
  if (!added.ok) throw new Error(added.message);
  secrets.set(path, added.secret);
  return added;
}

/** Runs the dispatcher until nothing is due (time is moved forward by making retries due now). */
async function deliverAll(options: Partial<DispatchSettings> = {}, { rounds = 20, moveTimeForward = false } = {}) {
  for (let i = 0; i < rounds; i++) {
    if (moveTimeForward) await (await db()).webhookDelivery.updateMany({ where: { status: "pending" }, data: { nextAttemptAt: new Date() } });
    const { attempted } = await deliverDueWebhooks(settings(options));
    if (attempted === 0) return;
  }
}

const deliveriesOf = async (endpointId: string) => (await db()).webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: "asc" } });

describe("signed events", () => {
  it("reach the receiver from the real code paths, signed, with ids only", async () => {
    await anEndpoint("/all");
    const connection = await ehr.connect(1);
    expect((await refreshAndSyncConnection(connection.connectionId)).ok).toBe(true);
    await ehr.admin("/revoke", { token: (await ehr.connect(2)).refreshToken });
    const revoked = (await (await db()).connection.findFirstOrThrow({ where: { patientId: "synthetic-000002", healthSystemId: ehr.healthSystemId } })).id;
    expect((await refreshAndSyncConnection(revoked)).ok).toBe(false);
    await recordWithdrawal(participantSession(connection.participantId), { reason: "moving away", keepSnapshot: false });
    await deliverAll();

    const types = received.map((r) => r.type);
    expect(types.filter((t) => t === "connection.created")).toHaveLength(2);
    expect(types).toEqual(expect.arrayContaining(["record.synced", "connection.needs_reconnect", "participant.withdrew"]));
    expect(received.every((r) => r.signatureValid)).toBe(true);
    const synced = received.find((r) => r.type === "record.synced")!;
    expect(synced.body).toEqual({
      id: synced.eventId,
      type: "record.synced",
      created: expect.any(String),
      data: { participantId: connection.participantId, connectionId: connection.connectionId, healthSystemId: ehr.healthSystemId },
    });
    expect(received.find((r) => r.type === "participant.withdrew")!.body.data).toEqual({ participantId: connection.participantId });
    // No health data, no names, no tokens, not the withdrawal reason.
    const everything = JSON.stringify(received.map((r) => r.body));
    expect(everything).not.toMatch(/synthetic-|moving away|access_token|refresh|Bearer/);
  });

  it("are written in the transaction of the change: a replayed enrollment writes none", async () => {
    const endpoint = await anEndpoint("/created", ["connection.created"]);
    const hs = await aHealthSystem();
    const attempt = await anAttempt(hs.id);
    expect((await completeEnrollment(attempt, tokensFor(`p-${uniqueId()}`))).ok).toBe(true);
    expect(await completeEnrollment(attempt, tokensFor(`p-${uniqueId()}`))).toEqual({ ok: false, reason: "expired" });
    await expect((await db()).$transaction(async (tx) => {
      await emitEvent("participant.withdrew", { participantId: "rolled-back" }, tx);
      throw new Error("the change failed");
    })).rejects.toThrow("the change failed");
    expect((await deliveriesOf(endpoint.id)).map((d) => d.eventType)).toEqual(["connection.created"]);
  });

  it("are retried with growing delays after errors, and delivered once the receiver recovers", async () => {
    const endpoint = await anEndpoint("/flaky", ["participant.withdrew"]);
    answers.set("/flaky", (res, seen) => (seen <= 2 ? res.writeHead(500).end("busy") : res.writeHead(200).end()));
    await emitEvent("participant.withdrew", { participantId: "p-flaky" });
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = Date.now();
      await deliverDueWebhooks(settings());
      const [row] = await deliveriesOf(endpoint.id);
      if (row!.status === "pending") {
        delays.push(row!.nextAttemptAt.getTime() - before);
        expect(row).toMatchObject({ attempts: i + 1, lastStatus: 500, lastError: "it answered HTTP 500" });
        await (await db()).webhookDelivery.update({ where: { id: row!.id }, data: { nextAttemptAt: new Date() } });
      }
    }
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeGreaterThanOrEqual(15_000);
    expect(delays[1]).toBeGreaterThanOrEqual(30_000);
    const [row] = await deliveriesOf(endpoint.id);
    expect(row).toMatchObject({ status: "delivered", attempts: 3, lastStatus: 200, lastError: null });
    const attempts = received.filter((r) => r.path === "/flaky");
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.eventId)).size).toBe(1);
    expect(attempts.every((a) => a.signatureValid)).toBe(true);
  });

  it("to a receiver that answers 500 forever end as failed after the last attempt; admins see it and can retry", async () => {
    const endpoint = await anEndpoint("/broken", ["participant.withdrew"]);
    answers.set("/broken", (res) => res.writeHead(500).end());
    await emitEvent("participant.withdrew", { participantId: "p-broken" });
    await deliverAll({ maxAttempts: 4 }, { moveTimeForward: true });
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: "failed", attempts: 4, lastStatus: 500 });
    expect(received.filter((r) => r.path === "/broken")).toHaveLength(4);
    const listed = (await listWebhookEndpoints(admin)).find((e) => e.id === endpoint.id)!;
    expect(listed.counts).toEqual({ delivered: 0, pending: 0, failed: 1, cancelled: 0 });
    expect((await listRecentDeliveries(admin, { status: "failed" }))[0]).toMatchObject({ endpointUrl: `${receiver.url}/broken`, lastError: "it answered HTTP 500" });
    expect(await retryWebhook(admin, endpoint.id)).toBe(1);
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("to a receiver that hangs time out and are retried, without holding up other receivers", async () => {
    const hanging = await anEndpoint("/hang", ["participant.withdrew"]);
    const fine = await anEndpoint("/fine", ["participant.withdrew"]);
    answers.set("/hang", () => undefined);
    await emitEvent("participant.withdrew", { participantId: "p-hang" });
    const started = Date.now();
    await deliverDueWebhooks(settings({ timeoutMs: 700 }));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await deliveriesOf(hanging.id))[0]).toMatchObject({ status: "pending", attempts: 1, lastStatus: null, lastError: "no complete answer in time" });
    expect((await deliveriesOf(fine.id))[0]).toMatchObject({ status: "delivered" });
  });

  it("are never sent on through a redirect", async () => {
    const endpoint = await anEndpoint("/moved", ["participant.withdrew"]);
    answers.set("/moved", (res) => res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end());
    await emitEvent("participant.withdrew", { participantId: "p-moved" });
    await deliverDueWebhooks(settings());
    expect((await deliveriesOf(endpoint.id))[0]).toMatchObject({ status: "pending", lastStatus: 302, lastError: expect.stringMatching(/redirect.*never followed/) });
    expect(receiver.requests.filter((r) => r.path.includes("meta-data"))).toEqual([]);
  });

  it("stop for an endpoint that was removed: its waiting deliveries are cancelled", async () => {
    const endpoint = await anEndpoint("/removed", ["participant.withdrew"]);
    await emitEvent("participant.withdrew", { participantId: "p-removed" });
    expect(await stopWebhook(admin, endpoint.id)).toBe(true);
    await emitEvent("participant.withdrew", { participantId: "p-removed-2" });
    await deliverAll();
    expect(received.filter((r) => r.path === "/removed")).toEqual([]);
    expect((await deliveriesOf(endpoint.id)).map((d) => d.status)).toEqual(["cancelled"]);
    expect(await stopWebhook(admin, endpoint.id)).toBe(false);
  });

  it("are sent once each by two workers running at the same time", async () => {
    await anEndpoint("/pair", ["participant.withdrew"]);
    answers.set("/pair", (res) => setTimeout(() => res.writeHead(200).end(), 20));
    for (let i = 0; i < 30; i++) await emitEvent("participant.withdrew", { participantId: `p-pair-${i}` });
    await Promise.all([deliverAll({ owner: "worker-a", batchSize: 7 }), deliverAll({ owner: "worker-b", batchSize: 7 })]);
    const ids = received.filter((r) => r.path === "/pair").map((r) => r.eventId);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });
});

describe("webhook addresses", () => {
  it.each([
    ["https://10.0.0.8/hook", /private/],
    ["https://169.254.169.254/latest/meta-data/", /metadata/],
    ["http://metadata.google.internal/hook", /metadata|https/],
    ["https://[fd00::1]/hook", /private/],
    ["ftp://hooks.example.org/x", /scheme/],
    ["javascript:alert(1)", /scheme/],
    ["https://user:pw@hooks.example.org/x", /user name or password/],
    ["not a url", /not a valid absolute URL/],
  ])("%s is refused when added", async (url, message) => {
    const added = await addWebhook(admin, { url, events: ["record.synced"] });
    expect(added).toMatchObject({ ok: false, message: expect.stringMatching(message) });
  });

  it("are checked against DNS when added and before every delivery", async () => {
    const privateDns = async () => [{ address: "10.1.2.3", family: 4 }];
    expect(await checkWebhookUrl("https://hooks.example.org/x", privateDns)).toMatchObject({ ok: false, message: expect.stringMatching(/resolves to a private address/) });
    // An address that resolved publicly when added, and privately now (DNS rebinding):
    const { id } = await addWebhookEndpoint(admin, { url: "https://hooks.example.org/x", events: ["participant.withdrew"], secret: "whsec_test" });
    await emitEvent("participant.withdrew", { participantId: "p-rebind" });
    await deliverDueWebhooks(settings({ lookup: privateDns }));
    expect((await deliveriesOf(id))[0]).toMatchObject({ status: "pending", lastError: expect.stringMatching(/resolves to a private address/) });
  });

  it("are for admins only", async () => {
    const coordinator: StaffSession = { id: "c", email: "c@example.org", role: "coordinator" };
    await expect(addWebhook(coordinator, { url: `${receiver.url}/x`, events: ["record.synced"] })).rejects.toBeInstanceOf(StaffForbiddenError);
    await expect(listWebhookEndpoints(coordinator)).rejects.toBeInstanceOf(StaffForbiddenError);
  });
});
