// @ts-check
const isProduction = process.env.NODE_ENV === "production";

/** Headers for every response; the Content-Security-Policy (with a per-request nonce) is set in proxy.ts. */
const securityHeaders = [
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ...(isProduction ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

/** @type {import('next').NextConfig} */
module.exports = {
  poweredByHeader: false,
  // Types are checked by `npm run typecheck` (part of `npm test`) over the whole repository.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Every page's <title> (and the rest of its metadata) in the <head> of the first bytes, for
  // every visitor: a screen reader announces the page by its title as it loads. Streamed metadata
  // (Next's default for browsers) left a page that was still streaming in with no title at all
  // (axe "document-title", seen in the dashboard e2e). The metadata is a cookie read: nothing waits.
  htmlLimitedBots: /.*/,
  // Keep `next build` and `next dev` from writing into each other's output (e2e builds while dev may run).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};
