/**
 * The research side's bad-input matrix, over real HTTP against the built portal: the SMART Backend
 * Services token endpoint (every broken client assertion the profile names, malformed forms),
 * the Bulk Data kick-off (unknown _type, malformed _since, unsupported _outputFormat, parameters it
 * does not support, missing Prefer), credentials that must not open the FHIR API (none, made-up,
 * Basic, a staff session cookie), a research token on staff and participant pages, path tricks on
 * export files, and webhook addresses inside the network posted by an admin. Every case asserts the
 * expected status and error (OperationOutcome or OAuth), no internal detail, and no 500.
 */
import { writeFileSync } from "node:fs";
import { TestBulkClient } from "../test/bulk-client";
import type { Context } from "./cases";
import { formFields } from "./flow";
import { postAction, signInStaff } from "./staff-cases";
import { expect, npmScript } from "./support";

export const RESEARCH_API = "research API";

const DETAIL = /node_modules|\/work\/|\bat [\w.<>$]+ \([^)]*:\d+:\d+\)|PrismaClient|SQLITE_|ZodError|Internal Server Error/;

async function answer(response: Response) {
  const body = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(body) as Record<string, unknown>;
  } catch {
    /* not JSON: the checks below say so */
  }
  return { status: response.status, body, json };
}

export async function researchCases(ctx: Context): Promise<void> {
  const { rec, portal, db } = ctx;
  const check = (name: string, fn: () => Promise<string | void>) => rec.check(RESEARCH_API, name, fn);
  const fhir = `${portal.url}/api/fhir`;
  const tool = await TestBulkClient.create((url, init) => fetch(url, init), fhir, "ES384");
  const jwksFile = "data/reliability/research-tool-jwks.json";
  writeFileSync(jwksFile, JSON.stringify(tool.jwks()));
  const added = await npmScript(portal.env, "research:client", ["--name", "Reliability warehouse", "--jwks-file", jwksFile]);
  tool.clientId = /client_id: (\S+)/.exec(added.output)?.[1] ?? "";
  expect(added.code === 0 && tool.clientId, `research:client failed: ${added.output.slice(-300)}`);

  const oauth = (name: string, make: () => Promise<Response>, status: number, error: string) =>
    check(`token endpoint, ${name}: ${status} ${error}`, async () => {
      const a = await answer(await make());
      expect(a.status === status && a.json.error === error, `answered ${a.status} ${a.body.slice(0, 120)}`);
      expect(!DETAIL.test(a.body) && !("access_token" in a.json), "detail or a token in the refusal");
      return String(a.json.error_description ?? "");
    });
  const replayed = await tool.assertion();
  await tool.requestToken(replayed);
  await oauth("an assertion whose aud is not the token URL", async () => tool.requestToken(await tool.assertion({ aud: `${fhir}/token` })), 401, "invalid_client");
  await oauth("an expired assertion", async () => tool.requestToken(await tool.assertion({ expiresIn: -120 })), 401, "invalid_client");
  await oauth("an assertion good for an hour", async () => tool.requestToken(await tool.assertion({ expiresIn: 3600 })), 401, "invalid_client");
  await oauth("a jti used before", () => tool.requestToken(replayed), 401, "invalid_client");
  await oauth("an unknown kid", async () => tool.requestToken(await tool.assertion({ kid: "no-such-key" })), 401, "invalid_client");
  await oauth("alg none", async () => tool.requestToken(tool.unsignedAssertion()), 401, "invalid_client");
  await oauth("alg HS256", async () => tool.requestToken(await tool.hmacAssertion()), 401, "invalid_client");
  await oauth("an unknown client", async () => tool.requestToken(await tool.assertion({ iss: "nobody", sub: "nobody" })), 401, "invalid_client");
  await oauth("a client assertion that is not a JWT", () => tool.requestToken("not-a-jwt"), 401, "invalid_client");
  await oauth("grant_type=password", async () => tool.requestToken(await tool.assertion(), "system/*.read", { grant_type: "password" }), 400, "unsupported_grant_type");
  await oauth("scope patient/*.read", async () => tool.requestToken(await tool.assertion(), "patient/*.read"), 400, "invalid_scope");
  await oauth("a JSON body", () => fetch(`${fhir}/auth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }), 400, "invalid_request");
  await oauth("a 100 KB form", () => fetch(`${fhir}/auth/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `scope=${"x".repeat(100_000)}` }), 400, "invalid_request");

  const token = await tool.token();
  const outcome = (name: string, make: () => Promise<Response>, status: number, code: string) =>
    check(`${name}: ${status} ${code}`, async () => {
      const a = await answer(await make());
      const issue = (a.json.issue as { code?: string; diagnostics?: string }[] | undefined)?.[0];
      expect(a.status === status && a.json.resourceType === "OperationOutcome" && issue?.code === code, `answered ${a.status} ${a.body.slice(0, 160)}`);
      expect(!DETAIL.test(a.body), "internal detail in the answer");
      return issue?.diagnostics ?? "";
    });
  await outcome("kick-off with _type=Observaton", () => tool.kickOff(token, "?_type=Observaton"), 400, "not-supported");
  await outcome("kick-off with _since=yesterday", () => tool.kickOff(token, "?_since=yesterday"), 400, "invalid");
  await outcome("kick-off with _since without a time zone", () => tool.kickOff(token, "?_since=2026-01-01T00:00:00"), 400, "invalid");
  await outcome("kick-off with _outputFormat=text/csv", () => tool.kickOff(token, "?_outputFormat=text%2Fcsv"), 400, "not-supported");
  await outcome("kick-off with _typeFilter", () => tool.kickOff(token, "?_typeFilter=Observation%3Fstatus%3Dfinal"), 400, "not-supported");
  await outcome("kick-off without Prefer: respond-async", () => tool.kickOff(token, "", { prefer: "" }), 400, "invalid");
  await outcome("kick-off on Group/other", () => tool.get(`${fhir}/Group/other/$export`, token, { prefer: "respond-async" }), 404, "not-found");
  await outcome("kick-off without a token", () => tool.kickOff(null), 401, "login");
  await outcome("kick-off with a made-up token", () => tool.kickOff("a".repeat(43)), 401, "login");
  await outcome("kick-off with Basic credentials", () => tool.kickOff(null, "", { authorization: "Basic dXNlcjpwYXNz" }), 401, "login");
  const admin = await signInStaff(ctx, "admin");
  await outcome("kick-off with an admin's session cookie", () => admin.fetch(`${fhir}/Group/study/$export`, { headers: { prefer: "respond-async" } }), 401, "login");
  await outcome("a file path with ../", () => tool.get(`${fhir}/bulk-files/x/..%2F..%2Fportal.db`, token), 404, "not-found");
  await outcome("another client's (or no) export", () => tool.get(`${fhir}/bulk-status/cnotanexport0000000000000`, token), 404, "not-found");

  await check("a full export over HTTP completes, and the research token opens no staff or participant page", async () => {
    const kick = await tool.kickOff(token);
    expect(kick.status === 202, `kick-off answered ${kick.status}`);
    const done = await tool.waitFor(kick.headers.get("content-location")!, token, { timeoutMs: 60_000 });
    expect(done.status === 200, `the export ended with ${done.status}`);
    const bearer = { authorization: `Bearer ${token}` };
    // Exports are staff POSTs from the dashboard's own form; a bearer token is no staff session.
    const csv = await fetch(`${portal.url}/dashboard/export/participants.csv`, {
      method: "POST",
      headers: { ...bearer, origin: portal.url, "sec-fetch-site": "same-origin", "content-type": "application/x-www-form-urlencoded" },
      body: "q=",
    });
    expect(csv.status === 401, `/dashboard/export/participants.csv answered ${csv.status}`);
    const dashboard = await fetch(`${portal.url}/dashboard/webhooks`, { headers: bearer, redirect: "manual" });
    expect(/\/staff\/sign-in/.test(dashboard.headers.get("location") ?? ""), `/dashboard/webhooks answered ${dashboard.status}`);
    return `${(await done.json()).output.length} files`;
  });

  const form = await formFields(admin, "/dashboard/webhooks", "Add webhook");
  for (const url of ["https://10.0.0.9/hook", "https://169.254.169.254/latest/meta-data/", "ftp://hooks.example.org/x", "https://metadata.google.internal/x"]) {
    await check(`an admin adds the webhook ${url}: refused, nothing stored`, async () => {
      const before = db.rows<{ n: number }>('SELECT COUNT(*) AS n FROM "WebhookEndpoint"')[0]!.n;
      const body = new FormData();
      for (const [k, v] of form) body.append(k, v);
      body.set("url", url);
      body.append("events", "record.synced");
      const posted = await postAction(admin, portal.url, "/dashboard/webhooks", body);
      expect(posted.status === 200 && /That address cannot be used/.test(posted.body), `answered ${posted.status}`);
      expect(db.rows<{ n: number }>('SELECT COUNT(*) AS n FROM "WebhookEndpoint"')[0]!.n === before, "a webhook was stored");
    });
  }
}
