import "server-only";
import { db } from "../db";
import { summarizePatient } from "../fhir/summary";
import type { Patient } from "../fhir/types";

/**
 * Walkthrough step 5, stored: the latest Patient resource of a connection, with the fields the
 * dashboard sorts and searches on copied out (lower-cased search text works the same on SQLite
 * and PostgreSQL).
 */
export async function saveSnapshot(
  connectionId: string,
  { patient, raw, fhirVersion }: { patient: Patient; raw: Record<string, unknown>; fhirVersion?: string | null },
): Promise<void> {
  const summary = summarizePatient(patient, new Date());
  const data = {
    resourceJson: JSON.stringify(raw),
    fhirVersion: fhirVersion ?? null,
    displayName: summary.name,
    searchText: `${summary.name} ${patient.id ?? ""}`.toLowerCase(),
    gender: summary.gender || null,
    birthDate: summary.birthDate || null,
    city: summary.city || null,
    state: summary.state || null,
    fetchedAt: new Date(),
  };
  const client = await db();
  await client.$transaction([
    client.patientSnapshot.upsert({ where: { connectionId }, create: { connectionId, ...data }, update: data }),
    client.connection.update({ where: { id: connectionId }, data: { lastSyncAt: data.fetchedAt } }),
  ]);
}

/** Records why the Patient read failed; the last good snapshot stays. */
export async function recordSyncError(connectionId: string, message: string): Promise<void> {
  await (await db()).connection.update({ where: { id: connectionId }, data: { lastError: message, lastErrorAt: new Date() } });
}
