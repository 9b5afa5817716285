import "server-only";
import type { NextRequest } from "next/server";
import { recordAudit, type AuditAction } from "../audit/record";
import { staffForRoute } from "../staff/session";
import type { StaffSession } from "../staff/roles";
import { parseParticipantQuery, type ParticipantQuery } from "./query";
import { textStream } from "./stream";

const STATUS_TEXT = { 401: "Sign in as study staff first.", 403: "Exports are for coordinators and admins." } as const;

/**
 * A streamed export answered by a route handler: checks the caller (coordinator or admin; 401 or
 * 403 otherwise), audits the export with its filters, then streams what `chunks` yields.
 */
export async function exportResponse(
  request: NextRequest,
  { action, contentType, filename, chunks }: { action: AuditAction; contentType: string; filename: string; chunks: (staff: StaffSession, query: ParticipantQuery) => AsyncIterator<string> },
): Promise<Response> {
  const caller = await staffForRoute("coordinator");
  if (!caller.ok) return new Response(STATUS_TEXT[caller.status], { status: caller.status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  const query = parseParticipantQuery(Object.fromEntries(request.nextUrl.searchParams));
  await recordAudit(caller.staff, action, { detail: JSON.stringify({ q: query.q, status: query.status ?? null, show: query.show ?? null, ehr: query.ehr ?? null }) });
  return new Response(textStream(chunks(caller.staff, query)), {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
