import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { operator } from "../data/callers";
import { createEnrollmentAttempt, getOpenAttempt } from "../data/enrollment-attempts";
import { saveHealthSystem } from "../data/health-system-save";
import { smartConfiguration, uniqueId } from "../data/test-factories";
import { connectingTarget } from "../enrollment/connecting-page";
import { env } from "../env";
import { providerIdFor } from "../health-systems/policy";
import { attemptCookieName, authCookies } from "./cookies";
import { handleParticipantCallback } from "./participant-callback";

/**
 * The callback's first answers, each case as the browser meets it: the EHR's redirect is answered
 * at once by "Connecting to <health system>…" (no EHR call, nothing used up), and the dead ends
 * say what really happened. The exchange itself, the replay ("already connected", which needs a
 * signed-in session) and the timing are driven over HTTP by e2e/participant-truth.spec.ts and the
 * reliability run; the first page's speed is bench `callback` (connectingPageP50Ms).
 */
async function aHealthSystem(name = `Callback Clinic ${uniqueId()}`) {
  const base = `https://ehr-${uniqueId()}.example.org/fhir`;
  return saveHealthSystem(operator("test"), { name, config: smartConfiguration(base), scope: "launch/patient patient/*.read offline_access", strategy: "shared" });
}

function callback(healthSystemId: string, query: string, cookies: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const url = new URL(`/api/auth/callback/${providerIdFor(healthSystemId)}?${query}`, env().PORTAL_URL);
  const cookie = Object.entries(cookies).map(([k, v]) => `${k}=${v}`).join("; ");
  return handleParticipantCallback(new NextRequest(url, { headers: { ...headers, ...(cookie && { cookie }) } }), providerIdFor(healthSystemId));
}

const anAttempt = (healthSystemId: string) => createEnrollmentAttempt({ healthSystemId, consentVersion: "2026-11-v1", consentedAt: new Date() });

describe("the callback answers the EHR's redirect at once with 'Connecting to …'", () => {
  it("shows the health system's name and continues, by itself and by a Continue link, to the exchange with the same code, state and iss", async () => {
    const hs = await aHealthSystem();
    const attemptId = await anAttempt(hs.id);
    const response = await callback(hs.id, `code=abc123&state=st4te&iss=${encodeURIComponent(hs.fhirBaseUrl)}`, { [attemptCookieName()]: attemptId });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const html = await response.text();
    expect(html).toContain(`<div role="status">\n<h1>Connecting to ${hs.name}…</h1>`);
    expect(html).toContain('<html lang="en">');
    const target = new URL(connectingTarget(html)!, env().PORTAL_URL);
    expect(target.pathname).toBe(`/api/auth/callback/${providerIdFor(hs.id)}`);
    expect(Object.fromEntries(target.searchParams)).toEqual({ code: "abc123", state: "st4te", iss: hs.fhirBaseUrl, continue: "1" });
    expect(html).toContain(`<a href="${connectingTarget(html)!.replace(/&/g, "&amp;")}">Continue</a>`);
    expect(html).not.toMatch(/<script/i); // works with JavaScript off, and under the CSP
    // Nothing was used up: the attempt is still open for the exchange.
    expect(await getOpenAttempt(attemptId)).not.toBeNull();
  });

  it("checks iss before answering: another server's is refused at once", async () => {
    const hs = await aHealthSystem();
    const response = await callback(hs.id, "code=a&state=b&iss=https%3A%2F%2Fevil.example%2Ffhir", { [attemptCookieName()]: await anAttempt(hs.id) });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toContain("/connect/problem?reason=state");
  });

  it("speaks the participant's language (Accept-Language, or the language chosen in this browser)", async () => {
    const hs = await aHealthSystem();
    const html = await (await callback(hs.id, "code=a&state=b", { [attemptCookieName()]: await anAttempt(hs.id) }, { "accept-language": "es-MX,es;q=0.9,en;q=0.5" })).text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain(`<h1>Conectando con ${hs.name}…</h1>`);
    expect(html).toContain(">Continuar</a>");
  });

  it("escapes the health system's name", async () => {
    const hs = await aHealthSystem(`<img src=x onerror=alert(1)> ${uniqueId()}`);
    const html = await (await callback(hs.id, "code=a&state=b", { [attemptCookieName()]: await anAttempt(hs.id) })).text();
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("the callback's dead ends say what happened", () => {
  const problemOf = (response: Response) => new URL(response.headers.get("location") ?? "", env().PORTAL_URL);

  it("another browser (no sign-in started in it): 'finish in the browser where you started', with the health system to start again", async () => {
    const hs = await aHealthSystem();
    const response = await callback(hs.id, "code=abc&state=def");
    expect(response.status).toBe(303);
    expect(problemOf(response).pathname).toBe("/connect/problem");
    expect(Object.fromEntries(problemOf(response).searchParams)).toEqual({ reason: "other-browser", hs: hs.id });
  });

  it("the browser that started, but the attempt is gone (used, or past 15 minutes): expired", async () => {
    const hs = await aHealthSystem();
    const cookies = authCookies("participant");
    expect(problemOf(await callback(hs.id, "code=abc&state=def", { [cookies.state.name]: "x", [cookies.pkceCodeVerifier.name]: "y" })).searchParams.get("reason")).toBe("expired");
    expect(problemOf(await callback(hs.id, "code=abc&state=def", { [attemptCookieName()]: "an-attempt-that-is-gone" })).searchParams.get("reason")).toBe("expired");
  });

  it("the EHR's own error is told at once (no 'Connecting' page), with the health system for Try again", async () => {
    const hs = await aHealthSystem();
    const response = await callback(hs.id, "error=access_denied", { [attemptCookieName()]: await anAttempt(hs.id) });
    expect(response.status).toBe(303);
    expect(Object.fromEntries(problemOf(response).searchParams)).toEqual({ reason: "declined", hs: hs.id });
  });

  it("a repeated continue (or any repeated parameter) is refused as unconfirmed", async () => {
    const hs = await aHealthSystem();
    const response = await callback(hs.id, "code=a&state=b&continue=1&continue=1", { [attemptCookieName()]: await anAttempt(hs.id) });
    expect(problemOf(response).searchParams.get("reason")).toBe("state");
  });
});
