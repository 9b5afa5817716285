import "server-only";
import { unseal } from "../crypto/secrets";
import { db } from "../db";
import { withClientKey } from "./client-keys";
import type { ClientCredentials, TokenEndpointAuthMethod } from "../smart";

/**
 * What a participant may see of their own record. Every function takes the signed-in
 * participant's id (from the session, never from a form or URL) and filters by it.
 */
export type MyConnection = {
  participantStatus: string;
  withdrawnAt: Date | null;
  status: string;
  statusReason: string | null;
  healthSystemId: string;
  healthSystemName: string;
  requestedScope: string;
  grantedScope: string | null;
  hasRefreshToken: boolean;
  connectedAt: Date;
  lastSyncAt: Date | null;
  approvalExpiresAt: Date | null;
  displayName: string | null;
  lastError: string | null;
};

export async function getMyConnection(participantId: string): Promise<MyConnection | null> {
  const participant = await (await db()).participant.findUnique({
    where: { id: participantId },
    include: {
      connections: {
        orderBy: { connectedAt: "desc" },
        take: 1,
        include: { healthSystem: { select: { name: true, scope: true } }, snapshot: { select: { displayName: true } } },
      },
    },
  });
  const connection = participant?.connections[0];
  if (!participant || !connection) return null;
  return {
    participantStatus: participant.status,
    withdrawnAt: participant.withdrawnAt,
    status: connection.status,
    statusReason: connection.statusReason,
    healthSystemId: connection.healthSystemId,
    healthSystemName: connection.healthSystem.name,
    requestedScope: connection.healthSystem.scope,
    grantedScope: connection.grantedScope,
    hasRefreshToken: connection.refreshTokenEnc !== null,
    connectedAt: connection.connectedAt,
    lastSyncAt: connection.lastSyncAt,
    approvalExpiresAt: connection.approvalExpiresAt,
    displayName: connection.snapshot?.displayName ?? null,
    lastError: connection.lastError,
  };
}

/** The consent a signed-in participant already gave, if it is the version in force. */
export async function getParticipantConsent(participantId: string, version: string) {
  const p = await (await db()).participant.findUnique({ where: { id: participantId }, select: { consentVersion: true, consentedAt: true } });
  return p?.consentVersion === version && p.consentedAt ? { version, consentedAt: p.consentedAt } : null;
}

/** The tokens needed to revoke at the EHR on withdrawal (decrypted; server-side only). */
export async function getConnectionsForWithdrawal(participantId: string) {
  const rows = await (await db()).connection.findMany({
    where: { participantId, status: { not: "withdrawn" } },
    select: { id: true, healthSystemId: true, refreshTokenEnc: true, accessTokenEnc: true, clientId: true, clientSecretEnc: true, clientAuthMethod: true },
  });
  const connections = rows.map((r) => ({
    id: r.id,
    healthSystemId: r.healthSystemId,
    refreshToken: r.refreshTokenEnc ? unseal(r.refreshTokenEnc) : null,
    accessToken: r.accessTokenEnc ? unseal(r.accessTokenEnc) : null,
    client: r.clientId
      ? ({
          clientId: r.clientId,
          tokenEndpointAuthMethod: (r.clientAuthMethod ?? "client_secret_basic") as TokenEndpointAuthMethod,
          ...(r.clientSecretEnc && { clientSecret: unseal(r.clientSecretEnc) }),
        } satisfies ClientCredentials)
      : null,
  }));
  return Promise.all(connections.map(async (c) => ({ ...c, client: await withClientKey(c.client) })));
}

/**
 * Withdrawal, stored in one transaction: tokens deleted, connections marked withdrawn, the
 * snapshot deleted or kept as the study's policy says, and when and why recorded.
 */
export async function recordWithdrawal(
  participantId: string,
  { reason, keepSnapshot }: { reason: string | null; keepSnapshot: boolean },
): Promise<void> {
  const client = await db();
  const now = new Date();
  await client.$transaction(async (tx) => {
    const connections = await tx.connection.findMany({ where: { participantId }, select: { id: true } });
    const ids = connections.map((c) => c.id);
    await tx.connection.updateMany({
      where: { participantId },
      data: {
        status: "withdrawn",
        statusReason: "The participant withdrew.",
        accessTokenEnc: null,
        refreshTokenEnc: null,
        accessTokenExpiresAt: null,
        clientSecretEnc: null,
        tokenVersion: { increment: 1 },
      },
    });
    if (!keepSnapshot) {
      await tx.patientSnapshot.deleteMany({ where: { connectionId: { in: ids } } });
      // The names and identifiers read from the record go with it; the study's ids stay searchable.
      await tx.searchToken.deleteMany({ where: { connectionId: { in: ids }, source: "record" } });
    }
    await tx.participant.update({
      where: { id: participantId },
      data: { status: "withdrawn", withdrawnAt: now, withdrawalReason: reason },
    });
  });
}
