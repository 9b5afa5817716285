import { expiresIn, fhirVersionLabel, formatDateTime, formatShortDay, timeAgo } from "@/lib/dashboard/format";
import { describeSharedData } from "@/lib/dashboard/shared-words";
import type { ConnectionFacts as Facts } from "@/lib/data/dashboard-participant";
import { connectionStatusLabel } from "@/lib/enrollment/status-words";
import { whoseRecordWords } from "@/lib/dashboard/whose-words";

const when = (date: Date | null, now: Date) => (date ? `${timeAgo(date, now)} (${formatDateTime(date)})` : "Never");

/**
 * A connection's facts in plain words for staff: what was shared, until when, how fresh the data
 * is, what went wrong last. The protocol's own terms (scopes, token times) sit under
 * "Technical details"; tokens themselves never reach this page.
 */
export function ConnectionFacts({ connection: c, lastDataAt, now = new Date() }: { connection: Facts; lastDataAt: Date | null; now?: Date }) {
  const shared = describeSharedData(c.grantedScope);
  const whose = whoseRecordWords(c.whoseRecord);
  const sharingEnds = c.sharingEndsAt
    ? `${formatShortDay(c.sharingEndsAt)} (${c.sharingEndsAt > now ? timeAgo(c.sharingEndsAt, now) : "ended"}; the health system's date)`
    : c.estimatedSharingEndsAt
      ? `Not given by the health system (the study assumes about ${formatShortDay(c.estimatedSharingEndsAt)})`
      : "Not given by the health system";
  const rows: [string, React.ReactNode][] = [
    ["Status", `${connectionStatusLabel(c.status)}${c.statusReason && c.status !== "connected" ? ` — ${c.statusReason.replace(/^Needs reconnecting — /, "")}` : ""}`],
    ["What was shared", shared.data],
    ...(whose ? [["Whose record", whose] as [string, string]] : []),
    ["Updates", shared.updates],
    ["Sharing ends", sharingEnds],
    ["Last complete sync", when(c.recordSyncedAt, now)],
    ["Last data received", when(lastDataAt, now)],
    ["Last error", c.lastError ? `${c.lastError} (${c.lastErrorAt ? timeAgo(c.lastErrorAt, now) : "time not recorded"})` : "None"],
    ...(c.reminders ? [["Reminders sent", c.reminders.count === 0 ? "None" : `${c.reminders.count} (last ${c.reminders.lastSentAt ? formatShortDay(c.reminders.lastSentAt) : "date not recorded"})`] as [string, string]] : []),
    ["Connected since", formatShortDay(c.connectedAt)],
    ["Health system", `${c.healthSystemName} · ${fhirVersionLabel(c.fhirVersion)}`],
  ];
  return (
    <div className="space-y-2">
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-300 bg-white p-4 md:grid-cols-[max-content_1fr]">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-semibold">{term}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
      <details className="rounded-lg border border-slate-300 bg-white p-3">
        <summary className="cursor-pointer font-semibold">Technical details</summary>
        <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm md:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">Patient id at the health system</dt>
          <dd className="break-all">{c.patientId}</dd>
          <dt className="font-semibold">Scopes granted (as sent)</dt>
          <dd>{c.grantedScope ? <code className="break-words">{c.grantedScope}</code> : "None recorded"}</dd>
          <dt className="font-semibold">Access token</dt>
          <dd>Renewed at every sync; the current one {expiresIn(c.accessTokenExpiresAt, now).replace(/^No expiry recorded$/, "has no recorded expiry")}</dd>
          <dt className="font-semibold">Last token renewal</dt>
          <dd>{formatDateTime(c.lastRefreshAt)}</dd>
        </dl>
      </details>
    </div>
  );
}
