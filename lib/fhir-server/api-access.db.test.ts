/**
 * Who may use the portal's FHIR API, and every bad kick-off, over its route handlers on both
 * databases: only a research client's bearer token opens it (never a session cookie), a client
 * sees only its own exports, scopes limit the types, and each refusal is an OperationOutcome or
 * an OAuth error with the right status — never a 500.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { fhirApiFetch } from "../../test/fhir-api-in-process";
import { TestBulkClient } from "../../test/bulk-client";
import { db } from "../db";
import { operator } from "../data/callers";
import { createResearchClient, setResearchClientDisabled } from "../data/research-clients";
import { uniqueId } from "../data/test-factories";

process.env.BULK_EXPORT_DIR = mkdtempSync(join(tmpdir(), "bulk-access-test-"));
const FHIR = "http://localhost:3000/api/fhir";

async function aClient(name = `Tool ${uniqueId()}`) {
  const client = await TestBulkClient.create(fhirApiFetch, FHIR, "RS384");
  client.clientId = (await createResearchClient(operator("test"), { name, jwks: client.jwks() })).id;
  return client;
}

const outcome = async (response: Response) => ({ status: response.status, body: (await response.json()) as { resourceType: string; issue: { code: string; diagnostics: string }[] } });

let tool: TestBulkClient;
let token: string;
beforeAll(async () => {
  tool = await aClient("Analytics warehouse");
  token = await tool.token();
});

describe("what anyone may read", () => {
  it("serves the CapabilityStatement and the SMART configuration without a token", async () => {
    const metadata = await (await fhirApiFetch(`${FHIR}/metadata`)).json();
    expect(metadata).toMatchObject({ resourceType: "CapabilityStatement", fhirVersion: "4.0.1", kind: "instance" });
    expect(metadata.rest[0].resource[0]).toMatchObject({ type: "Group", operation: [{ name: "export", definition: "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export" }] });
    expect(metadata.rest[0].security.extension[0].extension[0]).toEqual({ url: "token", valueUri: `${FHIR}/auth/token` });
    const smart = await (await fhirApiFetch(`${FHIR}/.well-known/smart-configuration`)).json();
    expect(smart).toMatchObject({
      token_endpoint: `${FHIR}/auth/token`,
      grant_types_supported: ["client_credentials"],
      token_endpoint_auth_methods_supported: ["private_key_jwt"],
      token_endpoint_auth_signing_alg_values_supported: ["RS384", "ES384"],
      scopes_supported: ["system/*.read", "system/*.rs"],
    });
  });

  it("answers unknown paths and methods with FHIR errors, not web pages", async () => {
    expect(await outcome(await fhirApiFetch(`${FHIR}/Patient/123`))).toMatchObject({ status: 404, body: { resourceType: "OperationOutcome" } });
    expect((await fhirApiFetch(`${FHIR}/Group/study/$export`, { method: "POST", headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
    expect(await outcome(await tool.get(`${FHIR}/Group/study/$everything`, token))).toMatchObject({ status: 404 });
  });
});

describe("the bearer token", () => {
  it.each([
    ["no Authorization header", {}, /Send an access token/],
    ["a staff session cookie instead", { cookie: "__Secure-staff.session-token=eyJhbGciOi.staff.cookie" }, /does not accept sign-in cookies/],
    ["a made-up token", { authorization: "Bearer aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }, /not valid or has expired/],
    ["Basic credentials", { authorization: "Basic dXNlcjpwYXNz" }, /Send an access token/],
  ])("%s → 401 OperationOutcome with a Bearer challenge", async (_what, headers, message) => {
    const response = await fhirApiFetch(`${FHIR}/Group/study/$export`, { headers: { prefer: "respond-async", ...headers } });
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const { status, body } = await outcome(response);
    expect(status).toBe(401);
    expect(body.issue[0]!.diagnostics).toMatch(message);
  });

  it("stops working when it expires or its client is disabled", async () => {
    const other = await aClient();
    const expiring = await other.token();
    await (await db()).researchAccessToken.updateMany({ where: { clientId: other.clientId }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await other.get(`${FHIR}/Group/study`, expiring)).status).toBe(401);
    const fresh = await other.token();
    expect((await other.get(`${FHIR}/Group/study`, fresh)).status).toBe(200);
    await setResearchClientDisabled(operator("test"), other.clientId, true);
    expect((await other.get(`${FHIR}/Group/study`, fresh)).status).toBe(401);
    const refused = await other.requestToken(await other.assertion());
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: "invalid_client", error_description: expect.stringMatching(/disabled/) });
  });

  it("is issued once per assertion, even across restarts (the jti is in the database)", async () => {
    const assertion = await tool.assertion();
    expect((await tool.requestToken(assertion)).status).toBe(200);
    const replay = await tool.requestToken(assertion);
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ error: "invalid_client", error_description: expect.stringMatching(/already used/) });
    expect(await (await db()).researchAccessToken.count({ where: { tokenHash: token } })).toBe(0);
  });
});

describe("the kick-off", () => {
  it.each([
    ["?_type=Observaton", 400, "not-supported"],
    ["?_since=last-tuesday", 400, "invalid"],
    ["?_outputFormat=text%2Fcsv", 400, "not-supported"],
    ["?_typeFilter=Observation%3Fcode%3D1234", 400, "not-supported"],
  ])("%s → %i %s", async (query, status, code) => {
    const { status: got, body } = await outcome(await tool.kickOff(token, query));
    expect(got).toBe(status);
    expect(body.issue[0]!.code).toBe(code);
  });

  it("needs Prefer: respond-async, and knows only Group/study", async () => {
    expect((await outcome(await tool.kickOff(token, "", { prefer: "" }))).status).toBe(400);
    expect(await outcome(await tool.get(`${FHIR}/Group/other/$export`, token, { prefer: "respond-async" }))).toMatchObject({ status: 404, body: { issue: [{ code: "not-found" }] } });
  });

  it("refuses types the token's scopes do not cover, and limits an export to the ones they do", async () => {
    const narrow = await tool.token("system/Observation.rs");
    expect(await outcome(await tool.kickOff(narrow, "?_type=Patient,Observation"))).toMatchObject({ status: 403, body: { issue: [{ code: "forbidden" }] } });
    const kick = await tool.kickOff(narrow);
    expect(kick.status).toBe(202);
    const manifest = await (await tool.waitFor(kick.headers.get("content-location")!, narrow)).json();
    expect(manifest.output.every((o: { type: string }) => o.type === "Observation")).toBe(true);
    const job = await (await db()).bulkExport.findFirstOrThrow({ where: { clientId: tool.clientId }, orderBy: { createdAt: "desc" } });
    expect(job.types).toBe("Observation");
  });

  it("answers 429 with Retry-After when the client already has its exports running", async () => {
    const busy = await aClient();
    const busyToken = await busy.token();
    // Two exports another runner holds (a live lease), so they stay running.
    const held = { status: "running", leaseOwner: "elsewhere", leaseUntil: new Date(Date.now() + 600_000), request: "x", transactionTime: new Date() };
    await (await db()).bulkExport.createMany({ data: [{ clientId: busy.clientId, ...held }, { clientId: busy.clientId, ...held }] });
    const response = await busy.kickOff(busyToken);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(await outcome(response)).toMatchObject({ status: 429, body: { issue: [{ code: "throttled" }] } });
    await (await db()).bulkExport.updateMany({ where: { clientId: busy.clientId }, data: { status: "cancelled" } });
    expect((await busy.kickOff(busyToken)).status).toBe(202);
  });

  it("is audited with the client's name, and another client cannot see, cancel or download the export", async () => {
    const kick = await tool.kickOff(token, "?_type=Patient");
    const statusUrl = kick.headers.get("content-location")!;
    const manifest = await (await tool.waitFor(statusUrl, token)).json();
    const audit = await (await db()).auditEvent.findFirstOrThrow({ where: { action: "research.export.start" }, orderBy: { at: "desc" } });
    expect(audit.actorEmail).toBe(`research-client:Analytics warehouse (${tool.clientId})`);
    const stranger = await aClient();
    const strangerToken = await stranger.token();
    expect((await stranger.get(statusUrl, strangerToken)).status).toBe(404);
    expect((await fhirApiFetch(statusUrl, { method: "DELETE", headers: { authorization: `Bearer ${strangerToken}` } })).status).toBe(404);
    for (const file of manifest.output) expect((await stranger.get(file.url, strangerToken)).status).toBe(404);
    expect((await tool.get(`${statusUrl.replace("bulk-status", "bulk-files")}/..%2F..%2Fportal.db`, token)).status).toBe(404);
  });
});
