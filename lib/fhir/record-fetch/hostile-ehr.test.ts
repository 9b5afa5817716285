/**
 * A record search against a hostile FHIR server over real HTTP: every bad answer is bounded and
 * comes back as a failure for that search with a plain reason; nothing half-done is handed on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncomingMessage, ServerResponse } from "node:http";
import { startTestServer, type TestServer } from "../../ehr-http/test-server";
import { DEFAULT_RECORD_LIMITS } from "./limits";
import { testFetchContext } from "./test-context";
import { runSearch, type SearchInput } from "./search";

let server: TestServer;
let base: string;
const json = (res: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}) =>
  res.writeHead(status, { "content-type": "application/fhir+json", ...headers }).end(typeof body === "string" ? body : JSON.stringify(body));
const obs = (id: string) => ({ resource: { resourceType: "Observation", id, subject: { reference: "Patient/p1" } } });
const bundle = (ids: string[], next?: string) => ({ resourceType: "Bundle", type: "searchset", entry: ids.map(obs), ...(next && { link: [{ relation: "next", url: next }] }) });

const routes: Record<string, (req: IncomingMessage, res: ServerResponse, page: number) => void> = {
  loop: (_req, res) => json(res, bundle(["a"], `${base}/loop/Observation?page=1`)),
  endless: (_req, res, page) => json(res, bundle([`e${page}`], `${base}/endless/Observation?page=${page + 1}`)),
  elsewhere: (_req, res) => json(res, bundle(["a"], "http://other.invalid/fhir/Observation?page=2")),
  huge: (_req, res) => json(res, { resourceType: "Bundle", entry: [], pad: "x".repeat(3 * 1024 * 1024) }),
  broken: (_req, res, page) => (page === 0 ? json(res, bundle(["b1", "b2"], `${base}/broken/Observation?page=1`)) : json(res, '{"resourceType":"Bundle","entry":[{"resou')),
  // Page 2 nests 150 deep inside a resource: a page the walk that cuts resources refuses whole.
  deep: (_req, res, page) =>
    page === 0
      ? json(res, bundle(["d1"], `${base}/deep/Observation?page=1`))
      : json(res, `{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Observation","id":"d2","subject":{"reference":"Patient/p1"},"x":${"[".repeat(150)}${"]".repeat(150)}}}],"link":[{"relation":"next","url":"${base}/deep/Observation?page=2"}]}`),
  storm: (_req, res) => json(res, { resourceType: "OperationOutcome" }, 429, { "retry-after": "0" }),
  slow: () => undefined, // never answers
  refused: (_req, res) => json(res, { resourceType: "OperationOutcome" }, 403),
  dates: (_req, res) =>
    json(res, {
      resourceType: "Bundle",
      entry: ["not-a-date", "2024-03-01T00:00:00Z", "2024-01-01T00:00:00Z"].map((lastUpdated, i) => ({ resource: { ...obs(`d${i}`).resource, meta: { lastUpdated } } })),
    }),
};

beforeAll(async () => {
  server = await startTestServer({}, (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const [, name = ""] = url.pathname.split("/");
    routes[name]?.(req, res, Number(url.searchParams.get("page") ?? 0));
  });
  base = server.url.replace(/\/$/, "");
});
afterAll(() => server.close());

const context = (name: string, pauses: number[] = []) => testFetchContext(`${base}/${name}`, { pause: (s) => void pauses.push(s), retriesAfter429: 2 });

function input(pages: string[][]): SearchInput {
  return {
    search: { key: "Observation", resourceType: "Observation", category: null, lastUpdated: true, count: true },
    since: null,
    limits: { ...DEFAULT_RECORD_LIMITS, maxPagesPerSearch: 5, maxPageBytes: 1024 * 1024 },
    referenceTypes: [],
    onReferences: () => undefined,
    onPage: async (resources) => void pages.push(resources.map((r) => r.fhirId)),
  };
}

describe("a record search against a hostile EHR", () => {
  it.each([
    ["loop", /point back at themselves/, [["a"], ["a"]]],
    ["endless", /did not end after 5 pages/, [["e0"], ["e1"], ["e2"], ["e3"], ["e4"]]],
    ["elsewhere", /another address/, [["a"]]],
    ["huge", /larger than the limit/, []],
    ["broken", /not valid JSON/, [["b1", "b2"]]],
    ["deep", /not valid JSON/, [["d1"]]],
    ["refused", /refused access/, []],
  ])("%s: bounded, failed with a plain reason, only whole pages handed on", async (name, reason, expectedPages) => {
    const pages: string[][] = [];
    const result = await runSearch(context(name), input(pages));
    expect(result).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
    expect(pages).toEqual(expectedPages);
  });

  it("a 429 storm pauses the health system for each Retry-After and gives up after the bounded retries", async () => {
    const pauses: number[] = [];
    const before = server.requests.length;
    const result = await runSearch(context("storm", pauses), input([]));
    expect(result).toMatchObject({ ok: false, kind: "failed", status: 429 });
    expect(server.requests.length - before).toBe(3);
    expect(pauses).toEqual([0, 0, 0]);
  });

  it("a malformed meta.lastUpdated never becomes the cursor, nor keeps a later valid one from it", async () => {
    const result = await runSearch(context("dates"), input([]));
    expect(result).toMatchObject({ ok: true, newestLastUpdated: "2024-03-01T00:00:00Z" });
  });

  it("a type that never answers fails within the timeout as 'took too long'", async () => {
    const result = await runSearch(context("slow"), input([]));
    expect(result).toMatchObject({ ok: false, kind: "failed", reason: expect.stringMatching(/too long/) });
  });
});
