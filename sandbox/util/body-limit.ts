/**
 * Request bodies over the limit get 413 with an OAuth-style JSON error. Hono's bodyLimit materialises a full
 * Request for every call; with a Content-Length (or no body, GET/HEAD) the header alone decides here, which keeps
 * @hono/node-server's fast path. Chunked bodies still go through Hono's bodyLimit, which counts the bytes.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";

export function limitBody(maxBytes: number): MiddlewareHandler {
  const tooLarge = (c: Context) =>
    c.json({ error: "invalid_request", error_description: `The request body is larger than ${maxBytes / 1024} KB.` }, 413);
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      return /^\d+$/.test(length) && Number(length) <= maxBytes ? next() : tooLarge(c);
    }
    return streamed(c, next);
  };
}
