import "server-only";
import { unseal } from "../crypto/secrets";
import { db } from "../db";
import { emitEvent } from "../events/emit";
import { recordAudit } from "./audit-events";
import type { ParticipantSession } from "./callers";
import { withClientKey } from "./client-keys";
import { connectionColumn } from "./connection-tokens";
import { forgetStoredRecord } from "./forget-record";
import type { ClientCredentials, TokenEndpointAuthMethod } from "../smart";

/**
 * What a participant may see and do with their own record. Every function takes the signed-in
 * participant's session (never an id from a form or URL) and filters by its id.
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
  /** Whether approvalExpiresAt is the EHR's own word (else an estimate never shown as a fact). */
  approvalFromEhr: boolean;
  displayName: string | null;
  lastError: string | null;
  /** The participant's answer to "whose record is this?" for this connection, if they were asked. */
  whoseRecordAnswer: string | null;
};

export async function getMyConnection(me: ParticipantSession): Promise<MyConnection | null> {
  const participant = await (await db()).participant.findUnique({
    where: { id: me.participantId },
    select: {
      status: true,
      withdrawnAt: true,
      connections: {
        orderBy: { connectedAt: "desc" },
        take: 1,
        select: {
          status: true,
          statusReason: true,
          healthSystemId: true,
          grantedScope: true,
          // Read only to say whether there is one; the ciphertext never leaves this function.
          refreshTokenEnc: true,
          connectedAt: true,
          lastSyncAt: true,
          approvalExpiresAt: true,
          approvalFromEhr: true,
          lastError: true,
          whoseRecordAnswer: true,
          healthSystem: { select: { name: true, scope: true } },
          snapshot: { select: { displayName: true } },
        },
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
    approvalFromEhr: connection.approvalFromEhr,
    displayName: connection.snapshot?.displayName ?? null,
    lastError: connection.lastError,
    whoseRecordAnswer: connection.whoseRecordAnswer,
  };
}

export type ParticipantConsent = {
  /** The consent they gave, if it is the version in force and they have not withdrawn since. */
  consent: { version: string; consentedAt: Date } | null;
  /** When they withdrew, if they did: only a consent given after it lets them connect again. */
  withdrawnAt: Date | null;
  /** When they stopped sharing from the health system asked about, if they did (and have not reconnected it). */
  stoppedAt: Date | null;
};

/**
 * A signed-in participant's consent, for starting an attempt (a withdrawal ends the stored one).
 * With a health system: when they stopped sharing from it, since reconnecting it needs a consent
 * given after that (lib/enrollment/consent-in-force.ts).
 */
export async function getParticipantConsent(me: ParticipantSession, version: string, healthSystemId?: string): Promise<ParticipantConsent> {
  const p = await (await db()).participant.findUnique({
    where: { id: me.participantId },
    select: {
      consentVersion: true,
      consentedAt: true,
      status: true,
      withdrawnAt: true,
      connections: {
        where: { healthSystemId: healthSystemId ?? "", status: "withdrawn", stoppedAt: { not: null } },
        orderBy: { stoppedAt: "desc" },
        take: 1,
        select: { stoppedAt: true },
      },
    },
  });
  if (!p) return { consent: null, withdrawnAt: null, stoppedAt: null };
  const stoppedAt = p.connections[0]?.stoppedAt ?? null;
  if (p.status === "withdrawn") return { consent: null, withdrawnAt: p.withdrawnAt, stoppedAt };
  return { consent: p.consentVersion === version && p.consentedAt ? { version, consentedAt: p.consentedAt } : null, withdrawnAt: null, stoppedAt };
}

/** The tokens needed to revoke at the EHR on withdrawal (decrypted; server-side only); one connection of theirs, or all. */
export async function getConnectionsForWithdrawal(me: ParticipantSession, connectionId?: string) {
  const rows = await (await db()).connection.findMany({
    where: { participantId: me.participantId, status: { not: "withdrawn" }, ...(connectionId && { id: connectionId }) },
    select: { id: true, healthSystemId: true, refreshTokenEnc: true, accessTokenEnc: true, clientId: true, clientSecretEnc: true, clientAuthMethod: true },
  });
  const connections = rows.map((r) => ({
    id: r.id,
    healthSystemId: r.healthSystemId,
    refreshToken: r.refreshTokenEnc ? unseal(r.refreshTokenEnc, connectionColumn(r.id)("refreshTokenEnc")) : null,
    accessToken: r.accessTokenEnc ? unseal(r.accessTokenEnc, connectionColumn(r.id)("accessTokenEnc")) : null,
    client: r.clientId
      ? ({
          clientId: r.clientId,
          tokenEndpointAuthMethod: (r.clientAuthMethod ?? "client_secret_basic") as TokenEndpointAuthMethod,
          ...(r.clientSecretEnc && { clientSecret: unseal(r.clientSecretEnc, connectionColumn(r.id)("clientSecretEnc")) }),
        } satisfies ClientCredentials)
      : null,
  }));
  return Promise.all(connections.map(async (c) => ({ ...c, client: await withClientKey(c.client) })));
}

/**
 * Withdrawal, stored in one transaction: tokens deleted, connections marked withdrawn, the
 * snapshot and every stored resource deleted or kept as the study's policy says, when and why recorded, audited, and the participant.withdrew event written with it.
 */
export async function recordWithdrawal(
  me: ParticipantSession,
  { reason, keepSnapshot }: { reason: string | null; keepSnapshot: boolean },
): Promise<void> {
  const client = await db();
  const now = new Date();
  const { participantId } = me;
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
    // The whole stored record goes, in this transaction (the study's ids stay searchable). A sync
    // write that started before it checks the connection is still active in its own transaction
    // (lib/data/resource-store), so nothing comes back afterwards.
    if (!keepSnapshot) await forgetStoredRecord(tx, ids, now);
    await tx.participant.update({
      where: { id: participantId },
      data: { status: "withdrawn", withdrawnAt: now, withdrawalReason: reason },
    });
    await emitEvent("participant.withdrew", { participantId }, tx);
    await recordAudit(me, "participant.withdraw", { participantId }, tx);
  });
}
