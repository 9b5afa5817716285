/** Middleware in front of the token, FHIR, registration and revocation endpoints: counts requests and injects faults. */
import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Context, MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { sleep } from "../util/time";
import type { Deps } from "../deps";
import { namedClientId } from "../oauth/client-auth";
import type { Fault, FaultTarget } from "./faults";
import { NO_CLIENT } from "./traffic";

const MAX_HANG_MS = 10 * 60 * 1000;

const MALFORMED: Record<FaultTarget, string> = {
  token: '{"access_token": "',
  fhir: '{"resourceType": "Bundle", "entry": [{"resource": ',
  register: '{"client_id": ',
  revoke: "{",
};

async function peekForm(c: Context): Promise<URLSearchParams> {
  try {
    return new URLSearchParams(await c.req.text());
  } catch {
    return new URLSearchParams();
  }
}

/** The first path segment after the FHIR base: a resource type, `metadata` or `.well-known`. */
function fhirSegment(path: string): string {
  return /\/fhir\/([^/]+)/.exec(path)?.[1] ?? "(base)";
}

/** Close the connection without an answer. */
function drop(c: Context<{ Bindings: HttpBindings }>): Response {
  c.env?.outgoing?.socket?.destroy();
  return RESPONSE_ALREADY_SENT;
}

/** Never answer; give up when the client (or the sandbox) closes the connection. */
async function hang(c: Context<{ Bindings: HttpBindings }>): Promise<Response> {
  const outgoing = c.env?.outgoing;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, MAX_HANG_MS);
    outgoing?.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return drop(c);
}

function faultResponse(c: Context, fault: Fault, target: FaultTarget): Response | Promise<Response> {
  if (fault.mode === "hang") return hang(c);
  if (fault.mode === "rate-limit") {
    c.header("Retry-After", String(fault.retryAfterSeconds ?? 1));
    const message = `Too many requests: this client may make ${fault.perSecond ?? 0} a second.`;
    if (target === "fhir") return c.json({ resourceType: "OperationOutcome", issue: [{ severity: "error", code: "throttled", diagnostics: message }] }, 429);
    return c.json({ error: "temporarily_unavailable", error_description: message }, 429);
  }
  if (fault.mode === "malformed-json") {
    const type = target === "fhir" ? "application/fhir+json" : "application/json";
    return c.body(MALFORMED[target], 200, { "Content-Type": type });
  }
  const status = (fault.status ?? (fault.mode === "html-error" ? 502 : 503)) as ContentfulStatusCode;
  const retryAfter = fault.retryAfterSeconds ?? (status === 429 || status === 503 ? 1 : undefined);
  if (retryAfter !== undefined) c.header("Retry-After", String(retryAfter));
  if (fault.mode === "html-error") {
    return c.html(`<!doctype html><html><body><h1>${status} Error</h1><p>The server is having trouble.</p></body></html>`, status);
  }
  if (target === "fhir") {
    const issue = [{ severity: "error", code: status === 429 ? "throttled" : "transient", diagnostics: `Injected fault: HTTP ${status}` }];
    return c.json({ resourceType: "OperationOutcome", issue }, status);
  }
  const error = status === 500 ? "server_error" : "temporarily_unavailable";
  return c.json({ error, error_description: `Injected fault: HTTP ${status}` }, status);
}

/**
 * Counts the request (per client too), then applies the faults: latency first (so every answer, a fault's
 * included, is delayed), then a rate limit, then the first fault that answers instead of the endpoint.
 * Clients are named as a gateway sees them: the access token's client for FHIR, `namedClientId` for the token endpoint.
 */
export function instrument(target: FaultTarget, deps: Pick<Deps, "faults" | "stats" | "store" | "config">): MiddlewareHandler<{ Bindings: HttpBindings }> {
  const { faults, stats, store, config } = deps;
  return async (c, next) => {
    const now = config.now();
    let grantType: string | undefined;
    let clientId: string | undefined;
    if (target === "token") {
      const form = c.req.method === "POST" ? await peekForm(c) : new URLSearchParams();
      grantType = form.get("grant_type") ?? undefined;
      clientId = namedClientId(c.req.header("authorization"), form, store);
      stats.countTokenRequest(grantType);
    } else if (target === "fhir") {
      const token = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1];
      clientId = token === undefined ? undefined : store.grantByAccessToken(token)?.clientId;
      stats.countFhirRequest(fhirSegment(c.req.path));
    }
    if (target === "token" || target === "fhir") {
      stats.requestsByClient.count(clientId ?? NO_CLIENT, now);
      stats.requestsAllClients.count("*", now);
    }
    const limited = faults.limit(target, clientId, now);
    const fired = faults.fire(target, grantType, limited !== undefined);
    const delay = fired.reduce((ms, f) => ms + (f.mode === "latency" ? (f.latencyMs ?? 1000) : 0), 0);
    if (delay > 0) await sleep(delay);
    if (limited) return faultResponse(c, limited, target);
    const answering = fired.find((f) => f.mode !== "latency" && f.mode !== "drop-after-refresh");
    if (answering) return faultResponse(c, answering, target);
    const dropAfter = fired.find((f) => f.mode === "drop-after-refresh");
    await next();
    if (dropAfter && c.res.status === 200) {
      faults.consume(dropAfter);
      c.res = drop(c);
    }
  };
}
