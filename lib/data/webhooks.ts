import "server-only";
import { randomUUID } from "node:crypto";
import { seal } from "../crypto/secrets";
import { db } from "../db";
import { assertRole, type StaffSession } from "../staff/roles";
import type { EventType } from "../events/types";
import { recordAudit } from "./audit-events";

/**
 * Webhook endpoints and their deliveries, for admins: add one (its signing secret sealed at rest
 * and returned once), stop one (its waiting deliveries are cancelled), retry what failed, and
 * see how deliveries went. Nothing here returns a secret except `addWebhookEndpoint`, once.
 */
export async function addWebhookEndpoint(staff: StaffSession, input: { url: string; events: EventType[]; secret: string }): Promise<{ id: string }> {
  assertRole(staff, "admin");
  // The id is known before the row exists, so the sealed secret can name its row.
  const id = randomUUID();
  return (await db()).$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.create({
      data: { id, url: input.url, events: input.events.join(" "), secretEnc: seal(input.secret, { table: "WebhookEndpoint", column: "secretEnc", rowId: id }), createdBy: staff.email },
      select: { id: true },
    });
    await recordAudit(staff, "webhook.add", { detail: JSON.stringify({ endpointId: id, url: input.url, events: input.events }) }, tx);
    return row;
  });
}

export async function stopWebhookEndpoint(staff: StaffSession, id: string): Promise<{ url: string } | null> {
  assertRole(staff, "admin");
  const client = await db();
  return client.$transaction(async (tx) => {
    const stopped = await tx.webhookEndpoint.updateMany({ where: { id, active: true }, data: { active: false, deactivatedAt: new Date() } });
    if (stopped.count === 0) return null;
    await tx.webhookDelivery.updateMany({ where: { endpointId: id, status: "pending" }, data: { status: "cancelled", leaseOwner: null, leaseUntil: null } });
    const stoppedEndpoint = await tx.webhookEndpoint.findUnique({ where: { id }, select: { url: true } });
    await recordAudit(staff, "webhook.remove", { detail: JSON.stringify({ endpointId: id, url: stoppedEndpoint?.url }) }, tx);
    return stoppedEndpoint;
  });
}

/** Sends the endpoint's failed deliveries again, from a fresh round of attempts. Returns how many. */
export async function retryFailedDeliveries(staff: StaffSession, endpointId: string): Promise<number> {
  assertRole(staff, "admin");
  const updated = await (await db()).webhookDelivery.updateMany({
    where: { endpointId, status: "failed", endpoint: { active: true } },
    data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), leaseOwner: null, leaseUntil: null },
  });
  if (updated.count > 0) await recordAudit(staff, "webhook.retry", { detail: JSON.stringify({ endpointId, deliveries: updated.count }) });
  return updated.count;
}

export type DeliveryCounts = { delivered: number; pending: number; failed: number; cancelled: number };

export type WebhookEndpointRow = {
  id: string;
  url: string;
  events: string[];
  active: boolean;
  createdAt: Date;
  createdBy: string;
  counts: DeliveryCounts;
};

export async function listWebhookEndpoints(staff: StaffSession): Promise<WebhookEndpointRow[]> {
  assertRole(staff, "admin");
  const client = await db();
  const endpoints = await client.webhookEndpoint.findMany({
    orderBy: [{ active: "desc" }, { createdAt: "desc" }],
    take: 200,
    select: { id: true, url: true, events: true, active: true, createdAt: true, createdBy: true },
  });
  const groups = await client.webhookDelivery.groupBy({ by: ["endpointId", "status"], _count: { _all: true }, where: { endpointId: { in: endpoints.map((e) => e.id) } } });
  return endpoints.map((e) => {
    const counts: DeliveryCounts = { delivered: 0, pending: 0, failed: 0, cancelled: 0 };
    for (const g of groups) if (g.endpointId === e.id && g.status in counts) counts[g.status as keyof DeliveryCounts] = g._count._all;
    return { ...e, events: e.events.split(" ").filter(Boolean), counts };
  });
}

export type DeliveryRow = {
  id: string;
  eventId: string;
  eventType: string;
  endpointUrl: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  createdAt: Date;
};

export async function listRecentDeliveries(staff: StaffSession, { status, limit = 50 }: { status?: string; limit?: number } = {}): Promise<DeliveryRow[]> {
  assertRole(staff, "admin");
  const rows = await (await db()).webhookDelivery.findMany({
    where: status ? { status } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(limit, 200),
    select: {
      id: true, eventId: true, eventType: true, status: true, attempts: true, lastStatus: true, lastError: true,
      lastAttemptAt: true, nextAttemptAt: true, deliveredAt: true, createdAt: true, endpoint: { select: { url: true } },
    },
  });
  return rows.map(({ endpoint, ...r }) => ({ ...r, endpointUrl: endpoint.url }));
}
