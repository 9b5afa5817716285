import "server-only";
import { db } from "../db";
import { commitSyncWrite } from "./sync-writes";
import { patientIndexFields } from "../fhir/summary";
import type { Patient } from "../fhir/types";

/**
 * Walkthrough step 5, stored: the latest Patient resource of a connection, with the fields the
 * dashboard sorts and searches on copied out (lower-cased search text works the same on SQLite
 * and PostgreSQL), and the connection's lastSyncAt stamped, in one transaction.
 */
export async function saveSnapshot(
  connectionId: string,
  { patient, raw, fhirVersion }: { patient: Patient; raw: Record<string, unknown>; fhirVersion?: string | null },
): Promise<void> {
  const summary = patientIndexFields(patient);
  // Group-committed with the other writes of the moment (a sync pass saves thousands).
  await commitSyncWrite({
    kind: "snapshot",
    connectionId,
    resourceJson: JSON.stringify(raw),
    fhirVersion: fhirVersion ?? null,
    displayName: summary.name,
    searchText: `${summary.name} ${patient.id ?? ""}`.toLowerCase(),
    gender: summary.gender || null,
    birthDate: summary.birthDate || null,
    city: summary.city || null,
    state: summary.state || null,
    fetchedAt: new Date(),
  });
}

/** Records why the Patient read failed; the last good snapshot stays. */
export async function recordSyncError(connectionId: string, message: string): Promise<void> {
  await (await db()).connection.update({ where: { id: connectionId }, data: { lastError: message, lastErrorAt: new Date() } });
}
