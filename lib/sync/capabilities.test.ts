/**
 * The CapabilityStatement over real HTTP: asked for without the access token (so a sync reads it
 * while its token refresh is on the way), once per health system per cache, and asked again with
 * the token only when the server refuses an anonymous request.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerResponse } from "node:http";
import { startTestServer, type TestServer } from "../ehr-http/test-server";
import { capabilityCache } from "./capabilities";

let server: TestServer;
const statement = { resourceType: "CapabilityStatement", rest: [{ mode: "server", resource: [{ type: "Observation", interaction: [{ code: "search-type" }], searchParam: [{ name: "patient" }] }] }] };
const answer = (res: ServerResponse, status: number, body: unknown) => res.writeHead(status, { "content-type": "application/fhir+json" }).end(JSON.stringify(body));

beforeAll(async () => {
  server = await startTestServer({
    "/open/metadata": (_req, res) => answer(res, 200, statement),
    "/closed/metadata": (req, res) => (req.headers.authorization === "Bearer tok" ? answer(res, 200, statement) : answer(res, 401, { resourceType: "OperationOutcome" })),
  });
});
afterAll(() => server.close());

const ctx = (name: string) => ({ fhirBase: `${server.url}/${name}`, timeoutMs: 2000, polite: <T>(job: () => Promise<T>) => job(), pause: () => undefined });
const metadataRequests = (name: string) => server.requests.filter((r) => r.path === `/${name}/metadata`).map((r) => r.headers.authorization ?? "none");

describe("the CapabilityStatement cache", () => {
  it("reads metadata without the access token, and once for every connection of the health system", async () => {
    const cache = capabilityCache();
    let tokenAsked = 0;
    const token = async () => {
      tokenAsked++;
      return "tok";
    };
    const [a, b] = await Promise.all([cache("hs-open", ctx("open"), token), cache("hs-open", ctx("open"), token)]);
    expect(a?.has("Observation")).toBe(true);
    expect(b).toBe(a);
    expect(metadataRequests("open")).toEqual(["none"]);
    expect(tokenAsked).toBe(0);
  });

  it("asks again with the token when the server refuses an anonymous request", async () => {
    const caps = await capabilityCache()("hs-closed", ctx("closed"), async () => "tok");
    expect(caps?.has("Observation")).toBe(true);
    expect(metadataRequests("closed")).toEqual(["none", "Bearer tok"]);
  });

  it("is null when the server refuses and no token is at hand (every granted type is then tried)", async () => {
    const before = metadataRequests("closed").length;
    expect(await capabilityCache()("hs-closed", ctx("closed"), async () => null)).toBeNull();
    expect(metadataRequests("closed").slice(before)).toEqual(["none"]);
  });

  it("keeps a statement for maxAgeMs across the worker's passes, then reads it again", async () => {
    let clock = 1_000_000;
    const cache = capabilityCache({ maxAgeMs: 60_000, now: () => clock });
    const before = metadataRequests("open").length;
    await cache("hs-aged", ctx("open"), async () => null);
    clock += 60_000;
    expect((await cache("hs-aged", ctx("open"), async () => null))?.has("Observation")).toBe(true);
    expect(metadataRequests("open").length - before).toBe(1);
    clock += 1;
    await cache("hs-aged", ctx("open"), async () => null);
    expect(metadataRequests("open").length - before).toBe(2);
  });
});
