import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce } from "./lib/security/csp";
import { refuseCrossSiteStaffRequest } from "./lib/security/fetch-metadata";
import { refusePost } from "./lib/security/post-guard";

/**
 * Runs before every page: POSTs that do not come from the portal's own pages and oversized ones
 * are refused (lib/security/post-guard.ts), as is anything but a plain link from another site to
 * the staff side (lib/security/fetch-metadata.ts); every response gets a fresh CSP nonce. Next.js reads the nonce from the
 * request's Content-Security-Policy header and puts it on its own scripts. Authorization is not
 * decided here (only optimistic checks belong in a proxy); lib/ checks the caller.
 */
export function proxy(request: NextRequest) {
  const headers = request.headers;
  const refusal =
    refusePost({
      method: request.method,
      path: request.nextUrl.pathname,
      origin: headers.get("origin"),
      host: headers.get("x-forwarded-host") ?? headers.get("host"),
      contentLength: headers.get("content-length"),
      secFetchSite: headers.get("sec-fetch-site"),
    }) ??
    refusalOf(
      refuseCrossSiteStaffRequest({
        method: request.method,
        path: request.nextUrl.pathname,
        secFetchSite: headers.get("sec-fetch-site"),
        secFetchMode: headers.get("sec-fetch-mode"),
        secFetchDest: headers.get("sec-fetch-dest"),
      }),
    );
  if (refusal) {
    return new NextResponse(refusal.message, { status: refusal.status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  }
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, {
    development: process.env.NODE_ENV !== "production",
    https: request.nextUrl.protocol === "https:",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // The root layout reads the path to give participant pages their language (lib/i18n/document-locale.ts).
  requestHeaders.set("x-portal-path", request.nextUrl.pathname);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

const refusalOf = (message: string | null) => (message ? { status: 403 as const, message } : null);

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
