/**
 * The portal's HTTP server: Next.js's request handler behind a plain node:http server, so that the
 * one thing Next.js cannot tell us reliably, the client's address, is decided here from the
 * socket (and from X-Forwarded-For only as far as TRUSTED_PROXY_HOPS proxies vouch for it), and
 * handed to the portal in a header only this server sets (lib/security/forwarded.ts).
 * `npm run start` and `npm run dev` run it (scripts/start.ts, scripts/dev.ts); `--dev` for next dev.
 */
import { createServer } from "node:http";
import next from "next";
import { markClientAddressServer, parseTrustedProxyHops, stampClientAddress } from "../lib/security/forwarded";
import { isParticipantPageRequest, withoutClientRuntime } from "../lib/web/participant-html-response";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hops = parseTrustedProxyHops(process.env.TRUSTED_PROXY_HOPS);
if (!hops.ok) {
  process.stderr.write(`Configuration error: ${hops.message}.\n`);
  process.exit(1);
}
const trustedHops = hops.hops;

markClientAddressServer();
const app = next({ dev, dir: process.cwd(), hostname: "localhost", port });
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  // Only this server speaks for the client's address (lib/security/forwarded.ts).
  stampClientAddress(req.headers, req.socket.remoteAddress, trustedHops);
  // Participant pages work without JavaScript: in production they are sent without the Next.js
  // client runtime (lib/web/runtime-script-filter.ts). next dev keeps it for hot reloading.
  if (!dev && isParticipantPageRequest(req)) withoutClientRuntime(req, res);
  void handle(req, res);
});
app.prepare().then(
  () => {
    // next dev's hot reloading speaks over WebSocket upgrades (the handler exists once prepared).
    if (dev) server.on("upgrade", app.getUpgradeHandler());
    server.listen(port, () => {
      process.stdout.write(`Portal listening on http://localhost:${port} (${dev ? "development" : "production"}; trusted proxy hops: ${trustedHops})\n`);
    });
  },
  (error: unknown) => {
    process.stderr.write(`The portal could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3_000).unref();
  });
}
