import type { NextRequest } from "next/server";
import { parseAuditQuery } from "@/lib/dashboard/audit-query";
import { auditCsv } from "@/lib/dashboard/audit-csv";
import { exportByLinkRefused } from "@/lib/dashboard/export-response";
import { batchesToText, textStream } from "@/lib/dashboard/stream";
import { exportAuditEvents } from "@/lib/data/audit-log";
import { isSameOriginPost } from "@/lib/security/fetch-metadata";
import { staffForRoute } from "@/lib/staff/session";

const TEXT = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
const STATUS_TEXT = { 401: "Sign in as study staff first.", 403: "The audit log is for admins." } as const;
const FILTER_FIELDS = ["who", "what", "participant", "from", "to"] as const;

/** A link (possibly on another site) never releases data: the audit page's Export button POSTs its filters. */
export const GET = exportByLinkRefused;

/**
 * The audit log (with the page's filters) as CSV, streamed in batches: only a same-origin POST
 * from the audit page's form, by an admin; the export is itself audited (lib/data/audit-log.ts).
 */
export async function POST(request: NextRequest) {
  if (!isSameOriginPost(request, request.headers.get("x-forwarded-host") ?? request.headers.get("host"))) {
    return new Response("Exports can only be started from the study dashboard itself.", { status: 403, headers: TEXT });
  }
  const caller = await staffForRoute("admin");
  if (!caller.ok) return new Response(STATUS_TEXT[caller.status], { status: caller.status, headers: TEXT });
  const form = await request.formData().catch(() => null);
  if (!form) return new Response("The export form could not be read. Please go back to the audit log and try again.", { status: 400, headers: TEXT });
  const { page: _page, ...filter } = parseAuditQuery(Object.fromEntries(FILTER_FIELDS.map((name) => [name, String(form.get(name) ?? "").slice(0, 400) || undefined])));
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
