import "server-only";
import { db } from "../db";
import type { PublicJwks } from "../backend-services/jwks";
import type { RegisteredClient } from "../backend-services/assertion";
import { assertRole, type StaffSession } from "../staff/roles";
import { recordAudit } from "./audit-events";
import type { Operator } from "./callers";

/**
 * Research clients (SMART Backend Services): added and disabled by an admin's script
 * (`npm run research:client`), read by the token endpoint, listed on the admins' dashboard.
 * A client's keys are public (its JWKS URL, or the public JWK Set it handed over): nothing here
 * is secret, so nothing is sealed.
 */
export async function createResearchClient(operator: Operator, input: { name: string; jwksUrl?: string; jwks?: PublicJwks }): Promise<{ id: string }> {
  return (await db()).$transaction(async (tx) => {
    const row = await tx.researchClient.create({
      data: { name: input.name, jwksUrl: input.jwksUrl ?? null, jwks: input.jwks ? JSON.stringify(input.jwks) : null },
      select: { id: true },
    });
    await recordAudit(operator, "research_client.add", { detail: JSON.stringify({ clientId: row.id, name: input.name, keys: input.jwksUrl ?? "file" }) }, tx);
    return row;
  });
}

/** Disables (or enables) a client: its tokens stop working at once. Null when there is no such client. */
export async function setResearchClientDisabled(operator: Operator, id: string, disabled: boolean): Promise<{ name: string } | null> {
  const client = await db();
  const updated = await client.researchClient.updateMany({ where: { id }, data: { disabled } });
  if (updated.count === 0) return null;
  if (disabled) await client.researchAccessToken.deleteMany({ where: { clientId: id } });
  await recordAudit(operator, disabled ? "research_client.disable" : "research_client.enable", { detail: JSON.stringify({ clientId: id }) });
  return client.researchClient.findUnique({ where: { id }, select: { name: true } });
}

/** The client as the token endpoint checks it (null when unknown). */
export async function findResearchClient(id: string): Promise<RegisteredClient | null> {
  const row = await (await db()).researchClient.findUnique({ where: { id } });
  if (!row) return null;
  return { id: row.id, name: row.name, scope: row.scope, jwksUrl: row.jwksUrl, jwks: row.jwks ? (JSON.parse(row.jwks) as PublicJwks) : null, disabled: row.disabled };
}

export type ResearchClientRow = { id: string; name: string; keySource: string; disabled: boolean; createdAt: Date; lastTokenAt: Date | null };

/** Every research client, for the admins' page. */
export async function listResearchClients(staff: StaffSession): Promise<ResearchClientRow[]> {
  assertRole(staff, "admin");
  const rows = await (await db()).researchClient.findMany({ orderBy: { createdAt: "desc" }, take: 500 });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    keySource: r.jwksUrl ?? "JWK Set registered from a file",
    disabled: r.disabled,
    createdAt: r.createdAt,
    lastTokenAt: r.lastTokenAt,
  }));
}
