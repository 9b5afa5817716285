import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox } from "@/sandbox/server";
import { askApprovalEnd, s4sIntrospectionUrl } from "./approval-end";

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
/** The sandbox answers on http://127.0.0.1: the development URL policy, as `npm run dev` uses. */
const DEV = { policy: { allowHttpLoopback: true, allowPrivateNetworks: false } };

async function post(url: string, body: unknown) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return (await response.json()) as Record<string, string>;
}

/** A real S4S grant, approved until `approvalExpires` (Unix seconds). */
async function s4sGrant(approvalExpires: number): Promise<string> {
  const client = await post(`${sandbox.url}/oauth/register`, { client_name: "approval-end test", redirect_uris: ["http://localhost/cb"], scope: "launch/patient patient/*.read offline_access" });
  const tokens = await post(`${sandbox.url}/oauth/debug/token`, { client_id: client.client_id, username: "joseph-ross", patient_id: "smart-1081332", approval_expires: approvalExpires });
  return tokens.access_token!;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(() => sandbox?.close());

describe("askApprovalEnd", () => {
  it("reads the approval's end from the S4S reference server (a 5-day approval is 5 days, not the study's default year)", async () => {
    const fiveDays = new Date(Date.UTC(2030, 0, 6));
    const accessToken = await s4sGrant(fiveDays.getTime() / 1000);
    const end = await askApprovalEnd({ tokenEndpoint: `${sandbox.url}/oauth/token`, accessToken }, { ...DEV, now: () => new Date(Date.UTC(2030, 0, 1)) });
    expect(end?.toISOString()).toBe("2030-01-06T00:00:00.000Z");
  });

  it("is not told where the server has no such endpoint, the token is unknown or the date has passed", async () => {
    const accessToken = await s4sGrant(Date.UTC(2030, 0, 6) / 1000);
    expect(await askApprovalEnd({ tokenEndpoint: `${sandbox.url}/oauth/token`, accessToken: "not-a-token" }, DEV)).toBeNull();
    expect(await askApprovalEnd({ tokenEndpoint: `${sandbox.url}/oauth/token`, accessToken }, { ...DEV, now: () => new Date(Date.UTC(2031, 0, 1)) })).toBeNull();
    expect(await askApprovalEnd({ tokenEndpoint: `${sandbox.url}/v2/oauth2/token`, accessToken }, DEV)).toBeNull();
  });

  it("derives the introspection URL only from the S4S layout", () => {
    expect(s4sIntrospectionUrl("https://ehr.example.org/oauth/token")?.href).toBe("https://ehr.example.org/oauth/debug/introspect");
    expect(s4sIntrospectionUrl("https://ehr.example.org/oauth2/token")).toBeNull();
    expect(s4sIntrospectionUrl("https://ehr.example.org/oauth/token?x=1")).toBeNull();
  });
});
