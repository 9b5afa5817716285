import "server-only";
import { recordAudit } from "./audit-events";
import { db } from "../db";
import { parsePatient } from "../fhir/patient-schema";
import { patientDisplayName } from "../fhir/names";
import type { Patient } from "../fhir/types";
import { assertRole, type StaffSession } from "../staff/roles";
import { visibleStatusReason } from "./connection-status";
import type { WhoseRecordFacts } from "../dashboard/whose-words";

/** One connection of a participant as staff see it: facts, never a token. */
export type ConnectionFacts = {
  id: string;
  healthSystemName: string;
  /** The FHIR version the health system serves (from its discovery), when known. */
  fhirVersion: string | null;
  patientId: string;
  status: string;
  /** Why it needs reconnecting (never an internal marker). */
  statusReason: string | null;
  grantedScope: string | null;
  accessTokenExpiresAt: Date | null;
  /** When sharing ends, as the EHR said; null when it did not say. */
  sharingEndsAt: Date | null;
  /** The study's own estimate (the health system's usual approval length) when the EHR did not say. */
  estimatedSharingEndsAt: Date | null;
  connectedAt: Date;
  lastRefreshAt: Date | null;
  lastSyncAt: Date | null;
  /** The last sync that stored the whole record with nothing failing. */
  recordSyncedAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  /** Whose record this connection is, where the portal asked (lib/accounts/whose-record.ts). */
  whoseRecord: WhoseRecordFacts;
  /** Reminders sent to the participant about this connection, once the portal sends any. */
  reminders?: { count: number; lastSentAt: Date | null };
  snapshot: { patient: Patient | null; rawJson: string; fhirVersion: string | null; fetchedAt: Date } | null;
};

export type ParticipantDetail = {
  id: string;
  /** The study's participant id ("P-4K7M-Q2XD"). */
  studyId: string | null;
  /** The person's name from their newest Patient record; null when none is stored (or it was deleted on withdrawal). */
  name: string | null;
  status: string;
  createdAt: Date;
  consentVersion: string | null;
  consentedAt: Date | null;
  /** "self", or "representative" with whom they act for, as they said at consent. */
  consentCapacity: string | null;
  representing: string | null;
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
      studyId: true,
      status: true,
      createdAt: true,
      consentVersion: true,
      consentedAt: true,
      consentCapacity: true,
      representing: true,
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
          approvalFromEhr: true,
          connectedAt: true,
          lastRefreshAt: true,
          lastSyncAt: true,
          recordSyncedAt: true,
          lastError: true,
          lastErrorAt: true,
          whoseRecordQuestion: true,
          whoseRecordAnswer: true,
          representing: true,
          whoseRecordAnsweredAt: true,
          healthSystem: { select: { name: true, fhirVersion: true } },
          snapshot: { select: { resourceJson: true, fhirVersion: true, fetchedAt: true } },
        },
      },
    },
  });
  if (!row) return null;
  await recordAudit(staff, "participant.view", { participantId: row.id });
  const connections: ConnectionFacts[] = row.connections.map(({ healthSystem, snapshot, approvalExpiresAt, approvalFromEhr, statusReason, whoseRecordQuestion, whoseRecordAnswer, representing, whoseRecordAnsweredAt, ...c }) => ({
    ...c,
    whoseRecord: { question: whoseRecordQuestion, answer: whoseRecordAnswer, representing, answeredAt: whoseRecordAnsweredAt },
    statusReason: visibleStatusReason(statusReason),
    healthSystemName: healthSystem.name,
    fhirVersion: snapshot?.fhirVersion ?? healthSystem.fhirVersion,
    sharingEndsAt: approvalFromEhr ? approvalExpiresAt : null,
    estimatedSharingEndsAt: approvalFromEhr ? null : approvalExpiresAt,
    snapshot: snapshot && { patient: patientOf(snapshot.resourceJson), rawJson: prettyJson(snapshot.resourceJson), fhirVersion: snapshot.fhirVersion ?? healthSystem.fhirVersion, fetchedAt: snapshot.fetchedAt },
  }));
  const patient = connections.find((c) => c.snapshot?.patient)?.snapshot?.patient;
  return { ...row, name: patient ? patientDisplayName(patient) : null, connections };
}

function patientOf(json: string): Patient | null {
  try {
    const parsed = parsePatient(JSON.parse(json));
    return parsed.ok ? parsed.patient : null;
  } catch {
    return null;
  }
}

export function prettyJson(json: string): string {
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
