import { z } from "zod";

/**
 * The participant table's query, parsed from the URL (untrusted): anything malformed falls back
 * to a default instead of failing. Search text is trimmed, lower-cased and bounded.
 */
export const PARTICIPANT_STATUSES = ["connected", "needs_reconnect", "withdrawn"] as const;
/**
 * The study team's questions as filters: connected but no complete sync for STALE_AFTER_DAYS
 * ("stale"), sharing that ends within 30 days by the EHR's own date ("ending"), and connections
 * whose EHR never said when sharing ends ("ending-unknown").
 */
export const PARTICIPANT_SHOWS = ["stale", "ending", "ending-unknown"] as const;
export const PARTICIPANT_SORTS = ["connected", "name", "birthDate", "lastSync", "lastComplete", "sharingEnds", "status"] as const;
export type ParticipantShow = (typeof PARTICIPANT_SHOWS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;
export const MAX_SEARCH_LENGTH = 200;

export type ParticipantSort = (typeof PARTICIPANT_SORTS)[number];

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);

export const participantQuerySchema = z.object({
  q: z.preprocess(first, z.string().catch("")).transform((s) => s.trim().toLowerCase().slice(0, MAX_SEARCH_LENGTH)).catch(""),
  status: z.preprocess(first, z.enum(PARTICIPANT_STATUSES).optional()).catch(undefined),
  show: z.preprocess(first, z.enum(PARTICIPANT_SHOWS).optional()).catch(undefined),
  ehr: z.preprocess(first, z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional()).catch(undefined),
  sort: z.preprocess(first, z.enum(PARTICIPANT_SORTS)).catch("connected"),
  dir: z.preprocess(first, z.enum(["asc", "desc"])).catch("desc"),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000)).catch(1),
  size: z.preprocess(first, z.coerce.number().pipe(z.union(PAGE_SIZES.map((n) => z.literal(n))))).catch(25),
});

export type ParticipantQuery = z.infer<typeof participantQuerySchema>;

export const parseParticipantQuery = (params: Record<string, string | string[] | undefined>): ParticipantQuery =>
  participantQuerySchema.parse(params);

/** The URL search string of a query (defaults left out), for links that change one thing. */
export function participantQueryString(query: ParticipantQuery, change: Partial<ParticipantQuery> = {}): string {
  const q = { ...query, ...change };
  const params = new URLSearchParams();
  if (q.q) params.set("q", q.q);
  if (q.status) params.set("status", q.status);
  if (q.show) params.set("show", q.show);
  if (q.ehr) params.set("ehr", q.ehr);
  if (q.sort !== "connected") params.set("sort", q.sort);
  if (q.dir !== "desc") params.set("dir", q.dir);
  if (q.page !== 1) params.set("page", String(q.page));
  if (q.size !== 25) params.set("size", String(q.size));
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** A participant id as the portal makes them (cuid); anything else is a 404 without a query. */
export const participantIdSchema = z.string().regex(/^[a-z0-9]{20,40}$/);
