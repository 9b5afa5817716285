import { stringify } from "csv-stringify/sync";
import type { ParticipantRow } from "../data/dashboard-participants";
import { connectionStatusLabel } from "../enrollment/status-words";

/**
 * A cell a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is
 * neutralised with a leading apostrophe (OWASP "CSV injection").
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export const CSV_HEADER = [
  "participant_id",
  "study_participant_id",
  "name",
  "gender",
  "birth_date",
  "city",
  "state",
  "patient_id",
  "ehr",
  "status",
  "connected_since",
  "last_synced",
  "last_complete_sync",
  "sharing_ends",
  "last_error",
  "withdrawn_at",
] as const;

const iso = (d: Date | null) => (d ? d.toISOString() : "");

export function participantCsvCells(row: ParticipantRow): string[] {
  return [
    row.participantId,
    row.studyId ?? "",
    row.name ?? "",
    row.gender ?? "",
    row.birthDate ?? "",
    row.city ?? "",
    row.state ?? "",
    row.patientId,
    row.healthSystemName,
    connectionStatusLabel(row.status),
    iso(row.connectedAt),
    iso(row.lastSyncAt),
    iso(row.recordSyncedAt),
    row.sharingEndsAt ? iso(row.sharingEndsAt) : row.status === "connected" ? "unknown" : "",
    row.lastError ?? "",
    iso(row.withdrawnAt),
  ].map(neutraliseCell);
}

/** CSV text for some rows (quoted as RFC 4180 needs), optionally preceded by the header. */
export function participantCsv(rows: ParticipantRow[], { header = false } = {}): string {
  const records = rows.map(participantCsvCells);
  return stringify(header ? [[...CSV_HEADER], ...records] : records, { record_delimiter: "\r\n" });
}
