import "server-only";
import { db } from "../db";
import { commitSyncWrite } from "./sync-writes";
import { patientSearchTokens, tokensText } from "../dashboard/search-tokens";
import { patientIndexFields } from "../fhir/summary";
import type { Patient } from "../fhir/types";

/** "yes", or the deceasedDateTime as sent, when the Patient says the person died; else null. */
export function deceasedMark(patient: Patient): string | null {
  if (typeof patient.deceasedDateTime === "string" && patient.deceasedDateTime.trim() !== "") return patient.deceasedDateTime.trim().slice(0, 64);
  return patient.deceasedBoolean === true ? "yes" : null;
}

/**
 * Walkthrough step 5, stored: the latest Patient resource of a connection, with the fields the
 * dashboard sorts on copied out, its search tokens (names in any order, identifiers; rewritten only
 * when they change), and the connection's lastSyncAt stamped, in one transaction. False when the
 * connection is no longer active (the participant withdrew while the Patient was being read):
 * nothing is written, in the same transaction as the check.
 */
export async function saveSnapshot(
  connectionId: string,
  { patient, raw, fhirVersion }: { patient: Patient; raw: Record<string, unknown>; fhirVersion?: string | null },
): Promise<boolean> {
  const summary = patientIndexFields(patient);
  // Group-committed with the other writes of the moment (a sync pass saves thousands).
  return commitSyncWrite({
    kind: "snapshot",
    connectionId,
    resourceJson: JSON.stringify(raw),
    fhirVersion: fhirVersion ?? null,
    displayName: summary.name,
    searchText: tokensText(patientSearchTokens(patient)),
    gender: summary.gender || null,
    birthDate: summary.birthDate || null,
    city: summary.city || null,
    state: summary.state || null,
    deceased: deceasedMark(patient),
    fetchedAt: new Date(),
  });
}

/** Records why the sync failed for staff; the last good snapshot stays. Nothing is written to a withdrawn connection. */
export async function recordSyncError(connectionId: string, message: string): Promise<void> {
  await (await db()).connection.updateMany({
    where: { id: connectionId, status: { in: ["connected", "needs_reconnect"] } },
    data: { lastError: message.slice(0, 500), lastErrorAt: new Date() },
  });
}
