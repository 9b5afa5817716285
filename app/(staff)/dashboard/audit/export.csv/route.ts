import type { NextRequest } from "next/server";
import { parseAuditQuery } from "@/lib/dashboard/audit-query";
import { auditCsv } from "@/lib/dashboard/audit-csv";
import { batchesToText, textStream } from "@/lib/dashboard/stream";
import { exportAuditEvents } from "@/lib/data/audit-log";
import { staffForRoute } from "@/lib/staff/session";

const STATUS_TEXT = { 401: "Sign in as study staff first.", 403: "The audit log is for admins." } as const;

/** The audit log (with the page's filters) as CSV, streamed in batches. Admins only; the export is itself audited. */
export async function GET(request: NextRequest) {
  const caller = await staffForRoute("admin");
  if (!caller.ok) return new Response(STATUS_TEXT[caller.status], { status: caller.status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  const { page: _page, ...filter } = parseAuditQuery(Object.fromEntries(request.nextUrl.searchParams));
  const chunks = batchesToText(exportAuditEvents(caller.staff, filter), (entries, first) => auditCsv(entries, { header: first }));
  return new Response(textStream(chunks), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="audit-log.csv"',
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
