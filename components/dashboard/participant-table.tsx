import Link from "next/link";
import { birthDateAndAge } from "@/lib/dashboard/format";
import type { ParticipantQuery } from "@/lib/dashboard/query";
import { listParticipants } from "@/lib/data/dashboard-participants";
import { connectionStatusLabel, formatDay } from "@/lib/enrollment/status-words";
import type { StaffSession } from "@/lib/staff/roles";
import { Pagination } from "./pagination";
import { SortHeader } from "./sort-header";

const cell = "px-2 py-2 align-top";

/** The participant table for one query (one page, fetched on the server). */
export async function ParticipantTable({ staff, query }: { staff: StaffSession; query: ParticipantQuery }) {
  const { rows, total } = await listParticipants(staff, query);
  return (
    <div className="space-y-3">
      <div role="region" aria-label="Participants table" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
        <table className="w-full min-w-[56rem] border-collapse text-sm">
          <caption className="sr-only">Participants, {total} in all</caption>
          <thead className="bg-slate-100">
            <tr>
              <SortHeader query={query} sort="name">Name</SortHeader>
              <th scope="col" className={`${cell} text-left`}>Gender</th>
              <SortHeader query={query} sort="birthDate">Birth date (age)</SortHeader>
              <th scope="col" className={`${cell} text-left`}>City, state</th>
              <th scope="col" className={`${cell} text-left`}>EHR</th>
              <SortHeader query={query} sort="status">Status</SortHeader>
              <SortHeader query={query} sort="connected">Connected since</SortHeader>
              <SortHeader query={query} sort="lastSync">Last synced</SortHeader>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={8} className={cell}>No participants match.</td>
              </tr>
            )}
            {rows.map((row) => {
              // Withdrawn participants stay listed by participant id and withdrawal date only.
              const withdrawn = row.status === "withdrawn";
              return (
              <tr key={row.connectionId} className="border-t border-slate-200">
                <th scope="row" className={`${cell} text-left font-normal`}>
                  <Link href={`/dashboard/participants/${row.participantId}`} className="text-blue-800 underline underline-offset-4">
                    {withdrawn ? `Participant ${row.participantId}` : (row.name ?? `Patient ${row.patientId}`)}
                  </Link>
                </th>
                <td className={cell}>{withdrawn ? "" : (row.gender ?? "")}</td>
                <td className={cell}>{withdrawn ? "" : birthDateAndAge(row.birthDate)}</td>
                <td className={cell}>{withdrawn ? "" : [row.city, row.state].filter(Boolean).join(", ")}</td>
                <td className={cell}>{row.healthSystemName}</td>
                <td className={cell}>
                  {connectionStatusLabel(row.status)}
                  {row.withdrawnAt && <span className="block text-slate-700">on {formatDay(row.withdrawnAt)}</span>}
                </td>
                <td className={cell}>{formatDay(row.connectedAt)}</td>
                <td className={cell}>{formatDay(row.lastSyncAt)}</td>
              </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pagination query={query} total={total} />
    </div>
  );
}
