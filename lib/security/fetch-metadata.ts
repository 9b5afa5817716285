/**
 * Fetch metadata (Sec-Fetch-*) for the staff side: browsers say whether a request comes from the
 * portal's own pages (`same-origin`), from the person (`none`: typed, bookmarked), or from
 * another site. Another site may at most open a dashboard page (a top-level link, which arrives
 * without the SameSite=Strict staff cookies anyway); it may never fetch, embed or post to staff
 * routes, and never start an export. Requests without these headers (programs, old browsers)
 * pass here: the Origin check (post-guard.ts) and the staff session still apply.
 */
import { isSameOrigin } from "./post-guard";

export const STAFF_PREFIXES = ["/dashboard", "/api/staff-auth", "/staff"];
export const EXPORT_PREFIX = "/dashboard/export/";

export const CROSS_SITE_STAFF_MESSAGE = "This part of the study dashboard can only be used from the dashboard itself. Please open the dashboard and try again.";

type Metadata = { method: string; path: string; secFetchSite: string | null; secFetchMode: string | null; secFetchDest: string | null };

const isStaffPath = (path: string) => STAFF_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

/** A 403 sentence for a cross-site request to a staff route, or null when it may go on. */
export function refuseCrossSiteStaffRequest({ method, path, secFetchSite, secFetchMode, secFetchDest }: Metadata): string | null {
  if (!isStaffPath(path)) return null;
  if (secFetchSite === null || secFetchSite === "same-origin" || secFetchSite === "none") return null;
  const navigation = (method === "GET" || method === "HEAD") && secFetchMode === "navigate" && (secFetchDest === "document" || secFetchDest === null);
  if (navigation && !path.startsWith(EXPORT_PREFIX)) return null;
  return CROSS_SITE_STAFF_MESSAGE;
}

/**
 * For data-releasing staff routes (exports), checked again by the route itself: a POST whose
 * Origin names the portal, and whose Sec-Fetch-Site, when the browser sends one, is same-origin.
 */
export function isSameOriginPost(request: Request, host: string | null): boolean {
  if (request.method !== "POST") return false;
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") return false;
  const origin = request.headers.get("origin");
  return origin === null ? site === "same-origin" : isSameOrigin(origin, host);
}
