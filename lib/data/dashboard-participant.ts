import "server-only";
import { recordAudit } from "./audit-events";
import { db } from "../db";
import { parsePatient } from "../fhir/patient-schema";
import type { Patient } from "../fhir/types";
import { assertRole, type StaffSession } from "../staff/roles";

/** One connection of a participant as staff see it: facts, never a token. */
export type ConnectionFacts = {
  id: string;
  healthSystemName: string;
  patientId: string;
  status: string;
  statusReason: string | null;
  grantedScope: string | null;
  accessTokenExpiresAt: Date | null;
  approvalExpiresAt: Date | null;
  connectedAt: Date;
  lastRefreshAt: Date | null;
  lastSyncAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  snapshot: { patient: Patient | null; rawJson: string; fhirVersion: string | null; fetchedAt: Date } | null;
};

export type ParticipantDetail = {
  id: string;
  status: string;
  createdAt: Date;
  consentVersion: string | null;
  consentedAt: Date | null;
  withdrawnAt: Date | null;
  connections: ConnectionFacts[];
};

/**
 * A participant's record for staff; every call is a view of participant data and is audited.
 * Withdrawn participants keep only what the withdrawal policy kept (tokens are gone; the
 * snapshot is there only under the "keep" policy).
 */
export async function getParticipantForStaff(staff: StaffSession, participantId: string): Promise<ParticipantDetail | null> {
  assertRole(staff, "viewer");
  const row = await (await db()).participant.findUnique({
    where: { id: participantId },
    select: {
      id: true,
      status: true,
      createdAt: true,
      consentVersion: true,
      consentedAt: true,
      withdrawnAt: true,
      connections: {
        orderBy: { connectedAt: "desc" },
        select: {
          id: true,
          patientId: true,
          status: true,
          statusReason: true,
          grantedScope: true,
          accessTokenExpiresAt: true,
          approvalExpiresAt: true,
          connectedAt: true,
          lastRefreshAt: true,
          lastSyncAt: true,
          lastError: true,
          lastErrorAt: true,
          healthSystem: { select: { name: true } },
          snapshot: { select: { resourceJson: true, fhirVersion: true, fetchedAt: true } },
        },
      },
    },
  });
  if (!row) return null;
  await recordAudit(staff, "participant.view", { participantId: row.id });
  return {
    ...row,
    connections: row.connections.map(({ healthSystem, snapshot, ...c }) => ({
      ...c,
      healthSystemName: healthSystem.name,
      snapshot: snapshot && { patient: patientOf(snapshot.resourceJson), rawJson: prettyJson(snapshot.resourceJson), fhirVersion: snapshot.fhirVersion, fetchedAt: snapshot.fetchedAt },
    })),
  };
}

function patientOf(json: string): Patient | null {
  try {
    const parsed = parsePatient(JSON.parse(json));
    return parsed.ok ? parsed.patient : null;
  } catch {
    return null;
  }
}

function prettyJson(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/** The participant a connection belongs to (for a staff action on it), or null. */
export async function connectionOwner(staff: StaffSession, connectionId: string): Promise<{ participantId: string; status: string } | null> {
  assertRole(staff, "coordinator");
  return (await db()).connection.findUnique({ where: { id: connectionId }, select: { participantId: true, status: true } });
}

/** Audits a staff member's "Refresh now" of a connection, with how it went. */
export async function recordConnectionRefresh(
  staff: StaffSession,
  connection: { id: string; participantId: string },
  outcome: { ok: boolean; message: string },
): Promise<void> {
  assertRole(staff, "coordinator");
  await recordAudit(staff, "connection.refresh", { participantId: connection.participantId, detail: `${connection.id}: ${outcome.ok ? "ok" : outcome.message}` });
}
