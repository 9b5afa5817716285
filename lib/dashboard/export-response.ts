import "server-only";
import type { NextRequest } from "next/server";
import { isSameOriginPost } from "../security/fetch-metadata";
import { staffForRoute } from "../staff/session";
import type { StaffSession } from "../staff/roles";
import { parseParticipantQuery, type ParticipantQuery } from "./query";
import { textStream } from "./stream";

const TEXT = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };
const STATUS_TEXT = { 401: "Sign in as study staff first.", 403: "Exports are for coordinators and admins." } as const;
/** The only fields an export form sends: the table's filters (anything else is ignored). */
const FILTER_FIELDS = ["q", "status", "show", "ehr", "sort", "dir"] as const;
const MAX_FIELD_LENGTH = 1_000;

/** GET (a link, possibly on another site) never releases data: exports are POSTed by the dashboard's buttons. */
export function exportByLinkRefused(): Response {
  return new Response("Exports are downloaded with the Export buttons on the study dashboard.", { status: 405, headers: { ...TEXT, allow: "POST" } });
}

/**
 * A streamed export answered by a route handler: only a same-origin POST from the dashboard's
 * export form (never a link or another site's form: lib/security/fetch-metadata.ts), by a
 * coordinator or admin (401 or 403 otherwise), then streams what `chunks` yields. `chunks` comes
 * from a lib/data export, which checks the role again and audits the export with its filters
 * before it returns.
 */
export async function exportResponse(
  request: NextRequest,
  { contentType, filename, chunks }: { contentType: string; filename: string; chunks: (staff: StaffSession, query: ParticipantQuery) => Promise<AsyncIterator<string>> },
): Promise<Response> {
  if (!isSameOriginPost(request, request.headers.get("x-forwarded-host") ?? request.headers.get("host"))) {
    return new Response("Exports can only be started from the study dashboard itself.", { status: 403, headers: TEXT });
  }
  const caller = await staffForRoute("coordinator");
  if (!caller.ok) return new Response(STATUS_TEXT[caller.status], { status: caller.status, headers: TEXT });
  const form = await request.formData().catch(() => null);
  if (!form) return new Response("The export form could not be read. Please go back to the dashboard and try again.", { status: 400, headers: TEXT });
  const fields = Object.fromEntries(FILTER_FIELDS.map((name) => [name, String(form.get(name) ?? "").slice(0, MAX_FIELD_LENGTH) || undefined]));
  const query = parseParticipantQuery(fields);
  return new Response(textStream(await chunks(caller.staff, query)), {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
