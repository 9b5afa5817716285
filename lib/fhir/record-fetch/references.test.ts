/**
 * Referenced resources read by `_id` search over real HTTP against a test server: one request for
 * several ids, only the type and ids asked for kept, a read for each id the search left out, and a
 * read each when the server refuses the search.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerResponse } from "node:http";
import { startTestServer, type TestServer } from "../../ehr-http/test-server";
import { DEFAULT_RECORD_LIMITS } from "./limits";
import { checkReferencePage, readReferences } from "./references";
import { testFetchContext } from "./test-context";

let server: TestServer;
let base: string;
const json = (res: ServerResponse, body: unknown, status = 200) => res.writeHead(status, { "content-type": "application/fhir+json" }).end(JSON.stringify(body));
const practitioner = (id: string) => ({ resourceType: "Practitioner", id, name: [{ family: `Doctor ${id}` }] });
const bundle = (resources: unknown[]) => ({ resourceType: "Bundle", type: "searchset", entry: resources.map((resource) => ({ resource })) });

beforeAll(async () => {
  server = await startTestServer({}, (req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const [, name = "", , id] = url.pathname.split("/");
    if (id !== undefined) return id === "gone" ? json(res, { resourceType: "OperationOutcome" }, 404) : json(res, practitioner(id));
    const ids = (url.searchParams.get("_id") ?? "").split(",");
    if (name === "refusing") return json(res, { resourceType: "OperationOutcome" }, 403);
    if (name === "failing") return json(res, { resourceType: "OperationOutcome" }, 503);
    // "deep" nests a resource 150 levels deep: the page is refused whole, as not valid JSON.
    if (name === "deep") return res.writeHead(200, { "content-type": "application/fhir+json" }).end(`{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Practitioner","id":"${ids[0]}","x":${"[".repeat(150)}${"]".repeat(150)}}}]}`);
    // "partial" leaves out the last id asked for; "hostile" adds what was not asked for.
    if (name === "partial") return json(res, bundle(ids.slice(0, -1).map(practitioner)));
    if (name === "hostile") return json(res, bundle([...ids.map(practitioner), practitioner("not-asked"), { resourceType: "Patient", id: ids[0] }, practitioner(ids[0]!)]));
    return json(res, bundle(ids.filter((i) => i !== "gone").map(practitioner)));
  });
  base = server.url.replace(/\/$/, "");
});
afterAll(() => server.close());

const context = (name: string) => testFetchContext(`${base}/${name}`);

async function read(name: string, ids: string[], bySearch: { count: boolean } | null = { count: true }) {
  const before = server.requests.length;
  const result = await readReferences(context(name), "Practitioner", ids, DEFAULT_RECORD_LIMITS, bySearch);
  const paths = server.requests.slice(before).map((r) => decodeURIComponent(r.path.replace(`/${name}/`, "")));
  return { ids: result.resources.map((r) => r.fhirId).sort(), unread: result.unread, searchRefused: result.searchRefused, paths };
}

describe("reading referenced resources", () => {
  it("asks for several of one type in one _id search", async () => {
    expect(await read("plain", ["a", "b", "c"])).toEqual({ ids: ["a", "b", "c"], unread: 0, searchRefused: false, paths: ["Practitioner?_id=a,b,c&_count=3"] });
  });

  it("reads one by one where the server does not declare _id, and for a single id", async () => {
    expect((await read("plain", ["a", "b"], null)).paths.sort()).toEqual(["Practitioner/a", "Practitioner/b"]);
    expect((await read("plain", ["a"])).paths).toEqual(["Practitioner/a"]);
  });

  it("reads each id the search left out, and counts what could not be read at all", async () => {
    expect(await read("partial", ["a", "b", "gone"])).toEqual({ ids: ["a", "b"], unread: 1, searchRefused: false, paths: ["Practitioner?_id=a,b,gone&_count=3", "Practitioner/gone"] });
  });

  it("keeps only the type and ids asked for, each once", async () => {
    expect((await read("hostile", ["a", "b"])).ids).toEqual(["a", "b"]);
  });

  it("a refused search falls back to a read each and says so; a failing one reads nothing more this time", async () => {
    expect(await read("refusing", ["a", "b"])).toMatchObject({ ids: ["a", "b"], searchRefused: true, paths: ["Practitioner?_id=a,b&_count=2", "Practitioner/a", "Practitioner/b"] });
    expect(await read("failing", ["a", "b"])).toEqual({ ids: [], unread: 2, searchRefused: false, paths: ["Practitioner?_id=a,b&_count=2"] });
  });

  it("a page nested too deep is refused whole, like a failing one", async () => {
    expect(await read("deep", ["a", "b"])).toEqual({ ids: [], unread: 2, searchRefused: false, paths: ["Practitioner?_id=a,b&_count=2"] });
  });

  it("a page that is not a Bundle is nothing", () => {
    expect(checkReferencePage({ resourceType: "OperationOutcome" }, "Practitioner", new Set(["a"]), 1024)).toBeNull();
    expect(checkReferencePage({ resourceType: "Bundle", entry: "x" }, "Practitioner", new Set(["a"]), 1024)).toBeNull();
    expect(checkReferencePage({ resourceType: "Bundle" }, "Practitioner", new Set(["a"]), 1024)).toEqual([]);
  });
});
