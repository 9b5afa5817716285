import { stringify } from "csv-stringify/sync";
import { auditActionWords, auditDetailWords } from "../audit/actions";
import type { AuditEntry } from "../data/audit-log";
import { neutraliseCell } from "./csv";

/** The audit log as CSV: the time (ISO, UTC), who, the action's code and its words, the participant, the detail in words. */
export const AUDIT_CSV_HEADER = ["at", "who", "action", "what", "study_participant_id", "participant_id", "detail"] as const;

export function auditCsv(entries: AuditEntry[], { header = false } = {}): string {
  const records = entries.map((e) =>
    [e.at.toISOString(), e.actorEmail, e.action, auditActionWords(e.action), e.studyId ?? "", e.participantId ?? "", auditDetailWords(e.action, e.detail)].map(neutraliseCell),
  );
  return stringify(header ? [[...AUDIT_CSV_HEADER], ...records] : records, { record_delimiter: "\r\n" });
}
