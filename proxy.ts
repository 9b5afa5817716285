import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce } from "./lib/security/csp";
import { refusePost } from "./lib/security/post-guard";

/**
 * Runs before every page: cross-site and oversized POSTs are refused (lib/security/post-guard.ts),
 * and every response gets a fresh CSP nonce. Next.js reads the nonce from the
 * request's Content-Security-Policy header and puts it on its own scripts. Authorization is not
 * decided here (only optimistic checks belong in a proxy); lib/ checks the caller.
 */
export function proxy(request: NextRequest) {
  const refusal = refusePost({
    method: request.method,
    origin: request.headers.get("origin"),
    host: request.headers.get("x-forwarded-host") ?? request.headers.get("host"),
    contentLength: request.headers.get("content-length"),
  });
  if (refusal) {
    return new NextResponse(refusal.message, { status: refusal.status, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
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
