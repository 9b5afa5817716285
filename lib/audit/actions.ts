/**
 * Every kind of audit event, with the words the audit log shows for it (one name per action in
 * code, database and exports; the words are for people). Pure: pages and the CSV export read it.
 */
export const AUDIT_ACTIONS = {
  "participant.view": "Viewed a participant's record",
  "resource.view": "Viewed the raw data of one record entry",
  "participants.export.csv": "Exported the participant table (CSV)",
  "patients.export.ndjson": "Exported Patient resources (NDJSON)",
  "audit.export.csv": "Exported the audit log (CSV)",
  "connection.refresh": "Pressed \"Refresh now\"",
  "participant.enroll": "Enrolled (connected a health record)",
  "participant.reconnect": "Reconnected a health record",
  "consent.given": "Agreed to the study consent",
  "participant.withdraw": "Withdrew from the study",
  "participant.stop_sharing": "Stopped sharing from one health system",
  "participant.whose_record": "Said whose record one health system shared (own, someone they act for, or not theirs)",
  "participant.sign_in": "Signed in with an emailed link",
  "participant.email_verified": "Confirmed their email address",
  "staff.sign_in": "Signed in to the dashboard",
  "staff.sign_in_refused": "Sign-in refused (wrong password or disabled account)",
  "staff.sign_out": "Signed out of the dashboard",
  "participant.rejoin": "Joined the study again after withdrawing (the withdrawal is kept)",
  "health_system.add": "Added or updated a health system",
  "health_system.change": "Confirmed changes to a health system's addresses or registration",
  "staff.sign_in_attack": "Someone is guessing a staff account's password",
  "research.export.start": "A research tool started a Bulk Data export",
  "research.export.download": "A research tool downloaded an export file",
  "research.export.cancel": "A research tool cancelled an export",
  "research_client.add": "Added a research tool (Bulk Data client)",
  "research_client.disable": "Disabled a research tool",
  "research_client.enable": "Enabled a research tool",
  "webhook.add": "Added a webhook address",
  "webhook.remove": "Stopped a webhook address",
  "webhook.retry": "Sent failed webhook deliveries again",
  "directory.import": "Imported a provider directory (Brands bundle)",
  "participant.reminders_off": "Stopped reminder emails (unsubscribe link)",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const isAuditAction = (value: unknown): value is AuditAction => typeof value === "string" && Object.hasOwn(AUDIT_ACTIONS, value);

/** The words for an action; an action this version does not know is shown as recorded. */
export const auditActionWords = (action: string): string => (isAuditAction(action) ? AUDIT_ACTIONS[action] : action);

const STATUS_WORDS: Readonly<Record<string, string>> = { connected: "Connected", needs_reconnect: "Needs reconnecting", withdrawn: "Withdrawn" };
const SHOW_WORDS: Readonly<Record<string, string>> = { stale: "stale data", ending: "sharing ends within 30 days", "ending-unknown": "sharing end unknown" };

/**
 * An event's detail in plain words. Exports record their filters as JSON ({"q":"ross","status":…});
 * "Refresh now" records "<connection id>: ok" or the message; anything else is shown as recorded.
 */
export function auditDetailWords(action: string, detail: string | null): string {
  if (!detail) return "";
  if (action.includes(".export.")) {
    try {
      const f = JSON.parse(detail) as Record<string, unknown>;
      const parts = [
        typeof f.q === "string" && f.q !== "" ? `search "${f.q}"` : undefined,
        typeof f.status === "string" ? `status ${STATUS_WORDS[f.status] ?? f.status}` : undefined,
        typeof f.show === "string" ? (SHOW_WORDS[f.show] ?? f.show) : undefined,
        typeof f.ehr === "string" ? `one health system (${f.ehr})` : undefined,
        typeof f.who === "string" ? `by ${f.who}` : undefined,
        typeof f.what === "string" ? `action "${auditActionWords(f.what)}"` : undefined,
        typeof f.from === "string" ? `from ${f.from}` : undefined,
        typeof f.to === "string" ? `to ${f.to}` : undefined,
      ].filter(Boolean);
      return parts.length === 0 ? "Everything (no filters)" : `Filters: ${parts.join(", ")}`;
    } catch {
      return detail;
    }
  }
  if (action === "connection.refresh") {
    const m = /^[A-Za-z0-9_-]+: (.*)$/s.exec(detail);
    if (m) return m[1] === "ok" ? "The record was refreshed." : `It failed: ${m[1]}`;
  }
  if (action === "consent.given") return `Consent version ${detail}`;
  return detail;
}
