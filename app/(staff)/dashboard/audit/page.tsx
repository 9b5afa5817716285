import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/dashboard/audit-filters";
import { auditActionWords, auditDetailWords } from "@/lib/audit/actions";
import { auditQueryString, parseAuditQuery } from "@/lib/dashboard/audit-query";
import { formatDateTime } from "@/lib/dashboard/format";
import { AUDIT_PAGE_SIZE, listAuditEvents, listStaffEmails } from "@/lib/data/audit-log";
import { requireStaff } from "@/lib/staff/session";

export const metadata: Metadata = { title: "Audit log" };

const cell = "px-2 py-2 align-top";

/** The append-only audit log in plain words, newest first, with filters and a CSV export (admins only). */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff("admin");
  const query = parseAuditQuery(await searchParams);
  const [{ entries, total }, staffEmails] = await Promise.all([listAuditEvents(staff, query), listStaffEmails(staff)]);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const link = (page: number) => `/dashboard/audit${auditQueryString(query, { page })}`;
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">Audit log</h1>
      <AuditFilters query={query} staffEmails={staffEmails} />
      {/* A form that POSTs the filters: an export releases data, so it is never a link another site could point at. */}
      <form method="post" action="/dashboard/audit/export.csv">
        {(["who", "what", "participant", "from", "to"] as const).map((name) => (
          <input key={name} type="hidden" name={name} value={query[name] ?? ""} />
        ))}
        <button type="submit" className="min-h-11 rounded-lg border-2 border-blue-800 px-4 py-2 font-semibold text-blue-900 hover:bg-blue-50">
          Export these events (CSV)
        </button>
      </form>
      <div role="region" aria-label="Audit events" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
        <table className="w-full min-w-[48rem] text-sm" data-testid="audit-table">
          <caption className="sr-only">Audit events, newest first, {total} in all</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className={cell}>When</th>
              <th scope="col" className={cell}>Who</th>
              <th scope="col" className={cell}>What</th>
              <th scope="col" className={cell}>Participant</th>
              <th scope="col" className={cell}>Detail</th>
            </tr>
          </thead>
          <tbody>
            {entries.length === 0 && (
              <tr>
                <td colSpan={5} className={cell}>No events match.</td>
              </tr>
            )}
            {entries.map((e) => (
              <tr key={e.id} className="border-t border-slate-200">
                <td className={`${cell} whitespace-nowrap`}>{formatDateTime(e.at)}</td>
                <td className={`${cell} break-all`}>{e.actorEmail.startsWith("participant:") ? "The participant" : e.actorEmail}</td>
                <td className={cell}>{auditActionWords(e.action)}</td>
                <td className={`${cell} whitespace-nowrap`}>
                  {e.participantId ? (
                    <Link href={`/dashboard/participants/${e.participantId}`} className="text-blue-800 underline">{e.studyId ?? e.participantId}</Link>
                  ) : (
                    ""
                  )}
                </td>
                <td className={`${cell} break-words`}>{auditDetailWords(e.action, e.detail)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex flex-wrap gap-4">
        {query.page > 1 && <Link href={link(query.page - 1)} className="underline">Previous page</Link>}
        <p>Page {Math.min(query.page, pages)} of {pages} · {total.toLocaleString("en-US")} events</p>
        {query.page < pages && <Link href={link(query.page + 1)} className="underline">Next page</Link>}
      </nav>
    </article>
  );
}
