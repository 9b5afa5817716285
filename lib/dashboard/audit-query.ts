import { z } from "zod";
import { AUDIT_ACTIONS, type AuditAction } from "../audit/actions";

/**
 * The audit log's filters, parsed from the URL (untrusted): who (a staff email, or "participants"
 * for what participants did themselves), what (an action), which participant (the study's
 * participant id or the database id), and a date range (UTC days, both ends included).
 * Anything malformed is dropped, never an error page.
 */
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const day = z.preprocess(first, z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`))).optional()).catch(undefined);

export const auditQuerySchema = z.object({
  who: z.preprocess(first, z.union([z.literal("participants"), z.string().trim().toLowerCase().email().max(320)]).optional()).catch(undefined),
  what: z.preprocess(first, z.enum(Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]]).optional()).catch(undefined),
  participant: z.preprocess(first, z.string().trim().regex(/^([Pp]-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}|[a-z0-9]{20,40})$/).optional()).catch(undefined),
  from: day,
  to: day,
  page: z.preprocess(first, z.coerce.number().int().min(1).max(100_000)).catch(1),
});

export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const parseAuditQuery = (params: Record<string, string | string[] | undefined>): AuditQuery => auditQuerySchema.parse(params);

/** The URL search string of a query (for pages and the CSV link), with one thing changed. */
export function auditQueryString(query: AuditQuery, change: Partial<AuditQuery> = {}): string {
  const q = { ...query, ...change };
  const params = new URLSearchParams();
  for (const key of ["who", "what", "participant", "from", "to"] as const) if (q[key]) params.set(key, q[key]!);
  if (q.page !== 1) params.set("page", String(q.page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The date range as instants: from the start of `from` to the end of `to` (UTC). */
export function auditTimeRange(query: Pick<AuditQuery, "from" | "to">): { gte?: Date; lt?: Date } {
  return {
    ...(query.from && { gte: new Date(`${query.from}T00:00:00Z`) }),
    ...(query.to && { lt: new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) }),
  };
}
