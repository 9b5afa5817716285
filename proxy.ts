import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce } from "./lib/security/csp";

/**
 * Runs before every page: a fresh CSP nonce per request. Next.js reads the nonce from the
 * request's Content-Security-Policy header and puts it on its own scripts. Authorization is not
 * decided here (only optimistic checks belong in a proxy); lib/ checks the caller.
 */
export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce, {
    development: process.env.NODE_ENV !== "production",
    https: request.nextUrl.protocol === "https:",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
