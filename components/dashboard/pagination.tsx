import Link from "next/link";
import { participantQueryString, type ParticipantQuery } from "@/lib/dashboard/query";

/** Previous / next page links with where we are ("Page 2 of 40 · 1,000 participants"). */
export function Pagination({ query, total }: { query: ParticipantQuery; total: number }) {
  const pages = Math.max(1, Math.ceil(total / query.size));
  const link = (page: number) => `/dashboard${participantQueryString(query, { page })}`;
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-4">
      {query.page > 1 ? <Link href={link(query.page - 1)} className="underline underline-offset-4" rel="prev">Previous page</Link> : null}
      <p data-testid="page-status">
        Page {Math.min(query.page, pages)} of {pages} · {total.toLocaleString("en-US")} {total === 1 ? "row" : "rows"}
      </p>
      {query.page < pages ? <Link href={link(query.page + 1)} className="underline underline-offset-4" rel="next">Next page</Link> : null}
    </nav>
  );
}
