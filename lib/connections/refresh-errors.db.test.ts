/**
 * Refresh answers that are not invalid_grant (issue #12, found against Medplum): a test EHR over
 * real HTTP answers the token endpoint with each OAuth refusal in turn. Every non-transient OAuth
 * error is permanent (one request, then "needs reconnecting"); a refusal after a refresh whose
 * answer was lost counts as a lost refresh response; 503 and 429 stay transient.
 */
process.env.EHR_TIMEOUT_MS = "1000";

import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operator } from "../data/callers";
import { countLostRefreshResponses, readConnectionTokens, REFRESH_LOST_REASON } from "../data/connection-tokens";
import { completeEnrollment } from "../data/enrollment";
import { saveHealthSystem } from "../data/health-system-save";
import { anAttempt, smartConfiguration } from "../data/test-factories";
import { startTestServer, type TestServer } from "../ehr-http/test-server";
import { getFreshAccessToken } from "./access-token";

type Answer = (res: ServerResponse) => void;
const oauth = (status: number, error: string, headers: Record<string, string> = {}): Answer => (res) =>
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify({ error }));
const hang: Answer = () => {}; // never answers: the portal cannot know whether the EHR rotated

let ehr: TestServer;
let answers: Answer[] = [];
let healthSystemId = "";

beforeAll(async () => {
  ehr = await startTestServer({ "/token": (_req, res) => (answers.shift() ?? oauth(500, "server_error"))(res) });
  const hs = await saveHealthSystem(operator("test"), {
    name: `Refusing EHR ${ehr.url}`,
    config: { ...smartConfiguration(`${ehr.url}/fhir`), tokenEndpoint: `${ehr.url}/token`, registrationEndpoint: undefined },
    scope: "launch/patient patient/*.read offline_access",
    strategy: "shared",
    client: { clientId: "study", clientSecret: "secret", tokenEndpointAuthMethod: "client_secret_basic" },
  });
  healthSystemId = hs.id;
});
afterAll(() => ehr.close());

async function expiredConnection(): Promise<string> {
  const done = await completeEnrollment(await anAttempt(healthSystemId), {
    patientId: "p1",
    accessToken: "expired-access",
    accessTokenExpiresAt: new Date(Date.now() - 10_000),
    refreshToken: "refresh-1",
    grantedScope: "launch/patient patient/*.read offline_access",
  });
  if (!done.ok) throw new Error(done.reason);
  return done.connectionId;
}

const tokenRequests = () => ehr.requests.filter((r) => r.path === "/token").length;

describe("refresh refusals that are not invalid_grant", () => {
  it.each<[string, Answer]>([
    ["400 invalid_request (Medplum, rotated-away token)", oauth(400, "invalid_request")],
    ["400 unauthorized_client", oauth(400, "unauthorized_client")],
    ["401 invalid_client", oauth(401, "invalid_client")],
    ["400 with an unknown error code", oauth(400, "token_gone_fishing")],
    ["400 invalid_scope", oauth(400, "invalid_scope")],
  ])("%s needs reconnecting after one request, never retried", async (_label, answer) => {
    const id = await expiredConnection();
    const before = tokenRequests();
    answers = [answer, oauth(200, "must-not-be-asked-again")];
    const result = await getFreshAccessToken(id);
    expect(result).toMatchObject({ ok: false, permanent: true });
    expect(tokenRequests() - before).toBe(1);
    const row = await readConnectionTokens(id);
    expect(row?.status).toBe("needs_reconnect");
    expect(row?.statusReason).toMatch(/^Needs reconnecting/);
    expect(row?.statusReason).not.toContain("token_gone_fishing");
    expect(await getFreshAccessToken(id)).toMatchObject({ ok: false, permanent: true });
    expect(tokenRequests() - before).toBe(1);
  });

  it("400 invalid_request after a refresh whose answer was lost counts as a lost refresh response", async () => {
    const id = await expiredConnection();
    const lostBefore = await countLostRefreshResponses();
    answers = [hang, oauth(400, "invalid_request")];
    const result = await getFreshAccessToken(id, { maxAttempts: 3 });
    expect(result).toMatchObject({ ok: false, permanent: true, message: REFRESH_LOST_REASON });
    expect((await readConnectionTokens(id))?.statusReason).toBe(REFRESH_LOST_REASON);
    expect(await countLostRefreshResponses()).toBe(lostBefore + 1);
  });

  it("503 stays transient: the connection stays connected", async () => {
    const id = await expiredConnection();
    answers = [(res) => res.writeHead(503).end("down")];
    expect(await getFreshAccessToken(id, { maxAttempts: 1 })).toMatchObject({ ok: false, permanent: false });
    expect((await readConnectionTokens(id))?.status).toBe("connected");
  });

  it("429 with Retry-After stays transient and hands back the delay", async () => {
    const id = await expiredConnection();
    const before = tokenRequests();
    answers = [oauth(429, "slow_down", { "retry-after": "120" })];
    expect(await getFreshAccessToken(id)).toMatchObject({ ok: false, permanent: false, retryAfterSeconds: 120 });
    expect(tokenRequests() - before).toBe(1);
    expect((await readConnectionTokens(id))?.status).toBe("connected");
  });
});
