/**
 * Refuses, before any page, route or server action runs, a state-changing request (anything but
 * GET, HEAD, OPTIONS) that does not prove it was sent by the portal's own pages, or one too large
 * to be a form. Browsers send `Origin` on every such request (and `Sec-Fetch-Site`); the portal
 * requires it to name the portal itself, or, when a privacy setting strips Origin,
 * `Sec-Fetch-Site: same-origin`. A request with neither (a script, curl) is refused too: the
 * portal's own clients (bench, reliability, e2e) send Origin like a browser. Next.js would refuse
 * a cross-site server action with a bare 500 and accept one without Origin; this answers 403 /
 * 413 with a plain sentence.
 */
export const MAX_FORM_BYTES = 1024 * 1024;

/**
 * Routes for programs, not browsers, that authenticate without cookies (bearer tokens, signed
 * client assertions): a cross-site page cannot borrow anything there, so Origin is not required.
 * The portal's FHIR server for research tools lives under /api/fhir/. A mail app's one-click
 * unsubscribe (RFC 8058) POSTs without Origin; the signed link is its only credential.
 */
export const NON_BROWSER_PREFIXES = ["/api/fhir/", "/api/unsubscribe"];

export type PostRefusal = { status: 403 | 413; message: string };

export const CROSS_SITE_MESSAGE = "This form was sent from another website, so it was refused. Please use the study's own pages.";
export const NO_ORIGIN_MESSAGE = "This form did not say which website sent it, so it was refused. Please go back to the study's page and try again.";

type PostRequest = { method: string; path?: string; origin: string | null; host: string | null; contentLength: string | null; secFetchSite?: string | null };

/** Whether `origin` (an Origin header) names the portal at `host` (Host / X-Forwarded-Host). */
export function isSameOrigin(origin: string | null, host: string | null): boolean {
  if (origin === null || host === null) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (a sandboxed page or a privacy-minded redirect) or junk
  }
}

export function refusePost(request: PostRequest): PostRefusal | null {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return null;
  const forPrograms = NON_BROWSER_PREFIXES.some((prefix) => request.path?.startsWith(prefix));
  if (!forPrograms) {
    if (request.origin !== null) {
      if (!isSameOrigin(request.origin, request.host)) return { status: 403, message: CROSS_SITE_MESSAGE };
    } else if (request.secFetchSite !== "same-origin") {
      return { status: 403, message: request.secFetchSite ? CROSS_SITE_MESSAGE : NO_ORIGIN_MESSAGE };
    }
  }
  const length = Number(request.contentLength ?? 0);
  if (Number.isFinite(length) && length > MAX_FORM_BYTES) {
    return { status: 413, message: "That was too much to send at once. Please go back and try again." };
  }
  return null;
}
