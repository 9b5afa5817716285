/**
 * Glue for the portal's HTTP server (scripts/portal-server.ts): sends a participant page's HTML
 * through RuntimeScriptFilter (lib/web/runtime-script-filter.ts), gzipping it again when the
 * browser accepts gzip. Framework-free (node:http, node:zlib).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { constants, createGzip, type Gzip } from "node:zlib";
import { isStaffPath } from "../i18n/staff-paths";
import { RuntimeScriptFilter } from "./runtime-script-filter";

/** A browser's request for a participant page (not the staff side, an API, a build file or a client-router fetch). */
export function isParticipantPageRequest(req: IncomingMessage): boolean {
  const path = (req.url ?? "/").split("?")[0]!;
  if (isStaffPath(path) || /^\/(_next|api|participant)\//.test(path) || path.startsWith("/.well-known/")) return false;
  return req.headers.rsc === undefined && req.headers["next-action"] === undefined;
}

type Callback = (error?: Error | null) => void;

/** From here on, HTML written to `res` loses the Next.js client runtime. Call before Next.js handles the request. */
export function withoutClientRuntime(req: IncomingMessage, res: ServerResponse): void {
  const acceptsGzip = /\bgzip\b/i.test(String(req.headers["accept-encoding"] ?? ""));
  // Next.js would compress first; the filter needs the HTML, so it compresses afterwards itself.
  delete req.headers["accept-encoding"];
  const originalWrite = res.write as (...args: unknown[]) => boolean;
  const originalEnd = res.end as (...args: unknown[]) => ServerResponse;
  const write = (data: unknown) => originalWrite.call(res, data);
  let mode: "pass" | "filter" | undefined;
  const filter = new RuntimeScriptFilter();
  const decoder = new TextDecoder();
  let gzip: Gzip | undefined;

  const decide = () => {
    if (mode) return mode;
    const html = /^text\/html/i.test(String(res.getHeader("content-type") ?? ""));
    if (!html || (res.headersSent && res.hasHeader("content-length"))) return (mode = "pass");
    mode = "filter";
    if (!res.headersSent) {
      res.removeHeader("content-length");
      const vary = String(res.getHeader("vary") ?? "");
      if (!/accept-encoding/i.test(vary)) res.setHeader("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
      if (acceptsGzip) {
        res.setHeader("content-encoding", "gzip");
        gzip = createGzip({ flush: constants.Z_SYNC_FLUSH });
        gzip.on("data", (data: Buffer) => write(data));
      }
    }
    return mode;
  };
  const emit = (text: string) => {
    if (!text) return;
    if (gzip) gzip.write(text);
    else write(text);
  };
  const decode = (chunk: unknown, encoding?: unknown) =>
    typeof chunk === "string" ? chunk : decoder.decode(chunk instanceof Uint8Array ? chunk : Buffer.from(String(chunk), (encoding as BufferEncoding) ?? "utf8"), { stream: true });

  res.write = ((chunk: unknown, encoding?: unknown, cb?: unknown) => {
    if (decide() === "pass") return originalWrite.call(res, chunk, encoding, cb);
    emit(filter.push(decode(chunk, typeof encoding === "string" ? encoding : undefined)));
    const callback = typeof encoding === "function" ? encoding : cb;
    if (typeof callback === "function") queueMicrotask(() => (callback as Callback)());
    return true;
  }) as typeof res.write;

  res.end = ((chunk?: unknown, encoding?: unknown, cb?: unknown) => {
    const callback = [chunk, encoding, cb].find((a) => typeof a === "function");
    const data = typeof chunk === "function" ? undefined : chunk;
    if (decide() === "pass") return originalEnd.call(res, chunk, encoding, cb);
    if (data !== undefined && data !== null) emit(filter.push(decode(data, typeof encoding === "string" ? encoding : undefined)));
    emit(filter.end() + decoder.decode());
    if (gzip) {
      gzip.once("end", () => originalEnd.call(res, callback));
      gzip.end();
    } else originalEnd.call(res, callback);
    return res;
  }) as typeof res.end;
}
