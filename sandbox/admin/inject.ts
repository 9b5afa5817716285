/** Middleware in front of the token, FHIR, registration and revocation endpoints: counts requests and injects faults. */
import type { HttpBindings } from "@hono/node-server";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import type { Context, MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { sleep } from "../util/time";
import type { Fault, FaultTarget, Faults } from "./faults";
import type { Stats } from "./stats";

const MAX_HANG_MS = 10 * 60 * 1000;

const MALFORMED: Record<FaultTarget, string> = {
  token: '{"access_token": "',
  fhir: '{"resourceType": "Bundle", "entry": [{"resource": ',
  register: '{"client_id": ',
  revoke: "{",
};

async function peekGrantType(c: Context): Promise<string | undefined> {
  try {
    return new URLSearchParams(await c.req.text()).get("grant_type") ?? undefined;
  } catch {
    return undefined;
  }
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

export function instrument(target: FaultTarget, faults: Faults, stats: Stats): MiddlewareHandler<{ Bindings: HttpBindings }> {
  return async (c, next) => {
    const grantType = target === "token" && c.req.method === "POST" ? await peekGrantType(c) : undefined;
    if (target === "token") stats.countTokenRequest(grantType);
    if (target === "fhir") stats.fhirRequests += 1;
    let dropAfter: Fault | undefined;
    for (const fault of faults.fire(target, grantType)) {
      if (fault.mode === "latency") await sleep(fault.latencyMs ?? 1000);
      else if (fault.mode === "drop-after-refresh") dropAfter ??= fault;
      else return faultResponse(c, fault, target);
    }
    await next();
    if (dropAfter && c.res.status === 200) {
      faults.consume(dropAfter);
      c.res = drop(c);
    }
  };
}
