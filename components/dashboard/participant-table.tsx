import Link from "next/link";
import { birthDateAndAge, formatShortDay, timeAgo } from "@/lib/dashboard/format";
import { endsSoon, isStale, type QuestionSettings } from "@/lib/dashboard/questions";
import type { ParticipantQuery } from "@/lib/dashboard/query";
import { listParticipants, questionSettings, type ParticipantRow } from "@/lib/data/dashboard-participants";
import { connectionStatusLabel } from "@/lib/enrollment/status-words";
import { clip } from "@/lib/fhir/text";
import type { StaffSession } from "@/lib/staff/roles";
import { Pagination } from "./pagination";
import { SortHeader } from "./sort-header";

const cell = "px-2 py-2 align-top";
const small = "block text-xs text-slate-700";
const badge = "mt-1 inline-block rounded border px-1.5 text-xs font-semibold";

/**
 * The participant table for one query (one page, fetched on the server). Columns that answer the
 * study team's questions come first (status, last complete sync, sharing ends, last error); on a
 * narrow screen the table scrolls sideways inside its own region, the name column staying put.
 */
export async function ParticipantTable({ staff, query }: { staff: StaffSession; query: ParticipantQuery }) {
  const settings = questionSettings();
  const { rows, total } = await listParticipants(staff, query, settings);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700 xl:hidden" id="table-scroll-hint">
        The table scrolls sideways: more columns to the right.
      </p>
      <div role="region" aria-label="Participants table" aria-describedby="table-scroll-hint" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
        <table className="w-full min-w-[60rem] border-collapse text-sm" data-testid="participants-table">
          <caption className="sr-only">Participants, {total} in all</caption>
          <thead className="bg-slate-100">
            <tr>
              <SortHeader query={query} sort="name" className="sticky left-0 z-10 bg-slate-100">Participant</SortHeader>
              <SortHeader query={query} sort="status">Status</SortHeader>
              <SortHeader query={query} sort="lastComplete">Last complete sync</SortHeader>
              <SortHeader query={query} sort="sharingEnds">Sharing ends</SortHeader>
              <th scope="col" className={`${cell} text-left`}>Last error</th>
              <th scope="col" className={`${cell} text-left`}>Health system</th>
              <SortHeader query={query} sort="connected">Connected</SortHeader>
              <SortHeader query={query} sort="birthDate">Born</SortHeader>
              <th scope="col" className={`${cell} text-left`}>Gender, lives in</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={9} className={cell}>No participants match.</td>
              </tr>
            )}
            {rows.map((row) => (
              <Row key={row.connectionId} row={row} settings={settings} />
            ))}
          </tbody>
        </table>
      </div>
      <Pagination query={query} total={total} />
    </div>
  );
}

function Row({ row, settings }: { row: ParticipantRow; settings: QuestionSettings }) {
  // Withdrawn participants stay listed by study participant id and withdrawal date only.
  const withdrawn = row.status === "withdrawn";
  const label = withdrawn || !row.name ? `Participant ${row.studyId ?? row.participantId}` : row.name;
  const stale = isStale(row, settings);
  return (
    <tr className="border-t border-slate-200">
      <th scope="row" className={`${cell} sticky left-0 z-10 max-w-[8.5rem] bg-white text-left font-normal [overflow-wrap:anywhere] sm:max-w-[14rem]`}>
        <Link href={`/dashboard/participants/${row.participantId}`} className="font-semibold text-blue-800 underline underline-offset-4">
          {label}
        </Link>
        {row.studyId && label !== `Participant ${row.studyId}` && <span className={small}>{row.studyId}</span>}
      </th>
      <td className={cell}>
        {connectionStatusLabel(row.status)}
        {row.withdrawnAt && <span className={small}>on {formatShortDay(row.withdrawnAt)}</span>}
        {row.status === "needs_reconnect" && row.statusReason && <span className={small}>{clip(row.statusReason.replace(/^Needs reconnecting — /, ""), 90)}</span>}
      </td>
      <td className={cell}>
        {withdrawn ? "" : row.recordSyncedAt ? timeAgo(row.recordSyncedAt, settings.now) : "Never"}
        {!withdrawn && row.recordSyncedAt && <span className={small}>{formatShortDay(row.recordSyncedAt)}</span>}
        {stale && <span className={`${badge} border-amber-700 bg-amber-50 text-amber-900`}>Stale</span>}
      </td>
      <td className={cell}>
        {withdrawn ? "" : row.sharingEndsAt ? formatShortDay(row.sharingEndsAt) : "Not given by the EHR"}
        {!withdrawn && row.sharingEndsAt && endsSoon(row.sharingEndsAt, settings.now) && (
          <span className={`${badge} border-red-800 bg-red-50 text-red-900`}>
            {row.sharingEndsAt > settings.now ? `Ends ${timeAgo(row.sharingEndsAt, settings.now)}` : "Ended"}
          </span>
        )}
      </td>
      <td className={`${cell} max-w-[16rem]`}>
        {row.lastError ? (
          <>
            <span className="line-clamp-2 break-words" title={row.lastError}>{clip(row.lastError, 160)}</span>
            {row.lastErrorAt && <span className={small}>{timeAgo(row.lastErrorAt, settings.now)}</span>}
          </>
        ) : (
          <span className="text-slate-700">None</span>
        )}
      </td>
      <td className={`${cell} max-w-[12rem]`}>{row.healthSystemName}</td>
      <td className={cell}>{formatShortDay(row.connectedAt)}</td>
      <td className={cell}>{withdrawn ? "" : birthDateAndAge(row.birthDate, settings.now, row.deceased)}</td>
      <td className={cell}>{withdrawn ? "" : [row.gender, [row.city, row.state].filter(Boolean).join(", ")].filter(Boolean).join(" · ")}</td>
    </tr>
  );
}
