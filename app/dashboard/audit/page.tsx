import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { formatDateTime } from "@/lib/dashboard/format";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "@/lib/data/audit-events";
import { participantIdSchema } from "@/lib/dashboard/query";
import { requireStaff } from "@/lib/staff/session";

export const metadata: Metadata = { title: "Audit log" };

const paramsSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  participant: participantIdSchema.optional().catch(undefined),
});

/** The append-only audit log, newest first (admins only). */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff("admin");
  const { page, participant } = paramsSchema.parse(await searchParams);
  const { entries, total } = await listAuditEvents(staff, { page, ...(participant && { participantId: participant }) });
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const link = (p: number) => `/dashboard/audit?page=${p}${participant ? `&participant=${participant}` : ""}`;
  return (
    <article className="space-y-6">
      <h1 className="text-3xl font-bold">Audit log</h1>
      <div role="region" aria-label="Audit events" tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-300 bg-white">
        <table className="w-full min-w-[48rem] text-sm">
          <caption className="sr-only">Audit events, newest first</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-2 py-2">When</th>
              <th scope="col" className="px-2 py-2">Who</th>
              <th scope="col" className="px-2 py-2">What</th>
              <th scope="col" className="px-2 py-2">Participant</th>
              <th scope="col" className="px-2 py-2">Detail</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className="border-t border-slate-200">
                <td className="px-2 py-2">{formatDateTime(e.at)}</td>
                <td className="px-2 py-2">{e.actorEmail}</td>
                <td className="px-2 py-2"><code>{e.action}</code></td>
                <td className="px-2 py-2">
                  {e.participantId ? <Link href={`/dashboard/participants/${e.participantId}`} className="text-blue-800 underline">{e.participantId}</Link> : ""}
                </td>
                <td className="break-all px-2 py-2">{e.detail ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex gap-4">
        {page > 1 && <Link href={link(page - 1)} className="underline">Previous page</Link>}
        <p>Page {Math.min(page, pages)} of {pages} · {total} events</p>
        {page < pages && <Link href={link(page + 1)} className="underline">Next page</Link>}
      </nav>
    </article>
  );
}
