import "server-only";
import { randomBytes } from "node:crypto";
import { unseal } from "../crypto/secrets";
import { db, type Db } from "../db";
import type { EventBody, EventData, EventType } from "../events/types";

/**
 * The events outbox (WebhookDelivery): one row per event and endpoint, written by the code that
 * made the change — inside its transaction where it has one — and delivered later by whichever
 * process claims it. A claim is a compare-and-swap on the row's lease, so several workers (on
 * PostgreSQL, several machines) never send one delivery at the same time; its outcome is written
 * only by the claim's owner.
 */
export type EventExecutor = Pick<Db, "webhookEndpoint" | "webhookDelivery" | "connection">;

/** What an event is about: a connection (its participant and health system are looked up) or a participant. */
export type EventSubject = { connectionId: string; returning?: boolean } | { participantId: string };

const ENDPOINTS_CHECK_MS = 5_000;
let anyEndpoint: { at: number; value: Promise<boolean> } | null = null;

/** Whether any endpoint is active, checked at most every few seconds: events on the sync's hot path cost nothing without one. */
function anyActiveEndpoint(): Promise<boolean> {
  if (anyEndpoint && Date.now() - anyEndpoint.at < ENDPOINTS_CHECK_MS) return anyEndpoint.value;
  const value = db().then((client) => client.webhookEndpoint.count({ where: { active: true } }).then((n) => n > 0));
  anyEndpoint = { at: Date.now(), value };
  return value;
}

/** After an endpoint is added or removed in this process, look again at once. */
export const forgetEndpointCheck = () => {
  anyEndpoint = null;
};

/**
 * Writes the outbox rows for an event. `executor`: the transaction of the change it reports
 * (the event is then sent if and only if the change commits); without one, on its own.
 */
export async function writeEvent(type: EventType, subject: EventSubject, executor?: EventExecutor): Promise<void> {
  if (!executor && !(await anyActiveEndpoint())) return;
  const ex = executor ?? (await db());
  const endpoints = (await ex.webhookEndpoint.findMany({ where: { active: true }, select: { id: true, events: true } })).filter((e) => e.events.split(" ").includes(type));
  if (endpoints.length === 0) return;
  let data: EventData;
  if ("connectionId" in subject) {
    const connection = await ex.connection.findUnique({ where: { id: subject.connectionId }, select: { participantId: true, healthSystemId: true } });
    if (!connection) return;
    data = { participantId: connection.participantId, connectionId: subject.connectionId, healthSystemId: connection.healthSystemId, ...(subject.returning !== undefined && { returning: subject.returning }) };
  } else {
    data = { participantId: subject.participantId };
  }
  const now = new Date();
  const event: EventBody = { id: `evt_${randomBytes(12).toString("base64url")}`, type, created: now.toISOString(), data };
  const body = JSON.stringify(event);
  await ex.webhookDelivery.createMany({ data: endpoints.map((e) => ({ endpointId: e.id, eventId: event.id, eventType: type, body, nextAttemptAt: now })) });
}

export type ClaimedDelivery = { id: string; eventId: string; eventType: string; body: string; attempts: number; endpoint: { id: string; url: string; secret: string; active: boolean } };

/** Leases up to `limit` deliveries that are due to `owner` for `leaseMs`. */
export async function claimDueDeliveries(owner: string, limit: number, leaseMs: number, now = new Date()): Promise<ClaimedDelivery[]> {
  const client = await db();
  const due = await client.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true, leaseUntil: true },
  });
  const claimed: string[] = [];
  for (const row of due) {
    const won = await client.webhookDelivery.updateMany({
      where: { id: row.id, status: "pending", leaseUntil: row.leaseUntil },
      data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
    });
    if (won.count === 1) claimed.push(row.id);
  }
  if (claimed.length === 0) return [];
  const rows = await client.webhookDelivery.findMany({
    where: { id: { in: claimed }, leaseOwner: owner },
    select: { id: true, eventId: true, eventType: true, body: true, attempts: true, endpoint: { select: { id: true, url: true, secretEnc: true, active: true } } },
  });
  return rows.map(({ endpoint: { secretEnc, ...endpoint }, ...row }) => ({ ...row, endpoint: { ...endpoint, secret: unseal(secretEnc, { table: "WebhookEndpoint", column: "secretEnc", rowId: endpoint.id }) } }));
}

export type DeliveryOutcome =
  | { kind: "delivered"; status: number }
  | { kind: "retry"; status: number | null; error: string; nextAttemptAt: Date }
  | { kind: "failed"; status: number | null; error: string }
  | { kind: "cancelled" };

/** Records an attempt's outcome, if `owner` still holds the delivery. */
export async function recordDeliveryOutcome(id: string, owner: string, outcome: DeliveryOutcome, at = new Date()): Promise<boolean> {
  const lease = { leaseOwner: null, leaseUntil: null };
  const attempt = outcome.kind === "cancelled" ? {} : { attempts: { increment: 1 }, lastAttemptAt: at, lastStatus: outcome.status };
  const data =
    outcome.kind === "delivered"
      ? { status: "delivered", deliveredAt: at, lastError: null }
      : outcome.kind === "retry"
        ? { lastError: outcome.error.slice(0, 300), nextAttemptAt: outcome.nextAttemptAt }
        : outcome.kind === "failed"
          ? { status: "failed", lastError: outcome.error.slice(0, 300) }
          : { status: "cancelled" };
  const updated = await (await db()).webhookDelivery.updateMany({ where: { id, leaseOwner: owner, status: "pending" }, data: { ...lease, ...attempt, ...data } });
  return updated.count === 1;
}
