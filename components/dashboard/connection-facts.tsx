import { expiresIn, formatDateTime } from "@/lib/dashboard/format";
import type { ConnectionFacts as Facts } from "@/lib/data/dashboard-participant";
import { connectionStatusLabel, formatDay } from "@/lib/enrollment/status-words";

/** A connection's facts for staff: scopes, expiries, refresh and errors (never a token). */
export function ConnectionFacts({ connection, now = new Date() }: { connection: Facts; now?: Date }) {
  const rows: [string, React.ReactNode][] = [
    ["EHR", connection.healthSystemName],
    ["Patient id", connection.patientId],
    ["Status", `${connectionStatusLabel(connection.status)}${connection.statusReason ? ` (${connection.statusReason})` : ""}`],
    ["Connected since", formatDay(connection.connectedAt)],
    ["Granted scopes", connection.grantedScope ? <code className="break-words">{connection.grantedScope}</code> : "None recorded"],
    ["Access", `${expiresIn(connection.accessTokenExpiresAt, now)}${connection.accessTokenExpiresAt ? ` (${formatDateTime(connection.accessTokenExpiresAt)})` : ""}`],
    ["Approval", `${expiresIn(connection.approvalExpiresAt, now)}${connection.approvalExpiresAt ? ` (${formatDay(connection.approvalExpiresAt)})` : ""}`],
    ["Last refresh", formatDateTime(connection.lastRefreshAt)],
    ["Last synced", formatDateTime(connection.lastSyncAt)],
    ["Last error", connection.lastError ? `${connection.lastError} (${formatDateTime(connection.lastErrorAt)})` : "None"],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-300 bg-white p-4 sm:grid-cols-[max-content_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-semibold">{term}</dt>
          <dd className="break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
