/**
 * A bounded streaming GET, for bodies too large to hold (a vendor's 50 MB brands bundle): the
 * caller reads the body chunk by chunk. Same rules as `send`: no redirects, a deadline for the
 * response head, and here also a limit on the whole body and on silence between chunks. The
 * caller's `lookup` decides which addresses may be connected to (checked at connection time).
 */
import type { LookupFunction } from "node:net";
import http from "node:http";
import https from "node:https";
import { isRedirect } from "./answer";

export type StreamLimits = { headTimeoutMs: number; idleTimeoutMs: number; maxBytes: number };
export type OpenedStream =
  | { ok: true; status: number; contentLength: number | null; body: AsyncIterable<Uint8Array> }
  | { ok: false; kind: "timeout" | "network" | "redirect" | "status" | "too-large"; status?: number };

export function openStream(url: URL, limits: StreamLimits, options: { lookup?: LookupFunction; headers?: Record<string, string> } = {}): Promise<OpenedStream> {
  const secure = url.protocol === "https:";
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value: OpenedStream) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const request = (secure ? https : http).request(
      url,
      { method: "GET", headers: { accept: "application/fhir+json, application/json", "user-agent": "node", ...options.headers }, ...(options.lookup && { lookup: options.lookup }) },
      (response) => {
        const status = response.statusCode ?? 0;
        if (isRedirect(status) || status < 200 || status >= 300) {
          response.resume();
          request.destroy();
          return settle({ ok: false, kind: isRedirect(status) ? "redirect" : "status", status });
        }
        const declared = Number(response.headers["content-length"] ?? "");
        if (Number.isFinite(declared) && declared > limits.maxBytes) {
          request.destroy();
          return settle({ ok: false, kind: "too-large", status });
        }
        settle({ ok: true, status, contentLength: Number.isFinite(declared) && declared > 0 ? declared : null, body: bounded(response, request, limits) });
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      settle({ ok: false, kind: "timeout" });
    }, limits.headTimeoutMs);
    request.on("error", () => settle({ ok: false, kind: "network" }));
    request.end();
  });
}

/** The body, ending with an error when it exceeds maxBytes or goes silent for idleTimeoutMs. */
async function* bounded(response: http.IncomingMessage, request: http.ClientRequest, limits: StreamLimits): AsyncGenerator<Uint8Array> {
  let total = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => response.destroy(new StreamError("timeout")), limits.idleTimeoutMs);
  };
  try {
    arm();
    for await (const chunk of response as AsyncIterable<Buffer>) {
      arm();
      total += chunk.byteLength;
      if (total > limits.maxBytes) throw new StreamError("too-large");
      yield chunk;
    }
    if (!response.complete) throw new StreamError("network");
  } catch (error) {
    throw error instanceof StreamError ? error : new StreamError("network");
  } finally {
    clearTimeout(idle);
    request.destroy();
  }
}

/** Why a streamed body stopped early: "timeout", "too-large" or "network". */
export class StreamError extends Error {
  constructor(readonly kind: "timeout" | "too-large" | "network") {
    super(`stream ${kind}`);
    this.name = "StreamError";
  }
}
