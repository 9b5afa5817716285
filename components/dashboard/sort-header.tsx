import Link from "next/link";
import { participantQueryString, type ParticipantQuery, type ParticipantSort } from "@/lib/dashboard/query";

/** A column header that sorts by its column (a link, so keyboard and screen readers just work). */
export function SortHeader({ query, sort, children, className = "" }: { query: ParticipantQuery; sort: ParticipantSort; children: React.ReactNode; className?: string }) {
  const active = query.sort === sort;
  const nextDir = active && query.dir === "asc" ? "desc" : "asc";
  return (
    <th scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined} className={`px-2 py-2 text-left align-bottom ${className}`}>
      <Link href={`/dashboard${participantQueryString(query, { sort, dir: nextDir, page: 1 })}`} className="underline underline-offset-4">
        {children}
        {active && <span aria-hidden="true">{query.dir === "asc" ? " ▲" : " ▼"}</span>}
      </Link>
    </th>
  );
}
