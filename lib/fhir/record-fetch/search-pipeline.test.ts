/**
 * A record search's pages over real HTTP: the next page is asked for as soon as the page before it
 * has arrived (its store does not hold it up), pages are handed on one at a time and in order, and
 * the search returns only once every page handed on is stored. Order, not timing, is what is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send } from "../../ehr-http";
import { startTestServer, type TestServer } from "../../ehr-http/test-server";
import { DEFAULT_RECORD_LIMITS } from "./limits";
import { testFetchContext } from "./test-context";
import { runSearch, type SearchInput } from "./search";

let server: TestServer;
let base: string;
const PAGES = 4;
const bundle = (page: number) => ({
  resourceType: "Bundle",
  type: "searchset",
  entry: [0, 1].map((i) => ({ resource: { resourceType: "Observation", id: `o${page}-${i}`, subject: { reference: "Patient/p1" }, performer: [{ reference: `Practitioner/pr${page}` }] } })),
  ...(page + 1 < PAGES && { link: [{ relation: "next", url: `${base}/Observation?page=${page + 1}` }] }),
});

beforeAll(async () => {
  server = await startTestServer({}, (req, res) => {
    const page = Number(new URL(req.url ?? "/", "http://x").searchParams.get("page") ?? 0);
    res.writeHead(200, { "content-type": "application/fhir+json" }).end(JSON.stringify(bundle(page)));
  });
  base = server.url.replace(/\/$/, "");
});
afterAll(() => server.close());

/** Every request the search sends, in the order it sends them. */
function context(sent: string[]) {
  return testFetchContext(base, {
    timeoutMs: 5000,
    transport: (url, request, limits) => {
      sent.push(new URL(String(url)).searchParams.get("page") ?? "0");
      return send(url, request, limits);
    },
  });
}

const input = (onPage: SearchInput["onPage"], onReferences: SearchInput["onReferences"] = () => undefined): SearchInput => ({
  search: { key: "Observation", resourceType: "Observation", category: null, lastUpdated: false, count: false },
  since: null,
  limits: DEFAULT_RECORD_LIMITS,
  referenceTypes: ["Practitioner"],
  onReferences,
  onPage,
});

const later = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe("a record search's pages", () => {
  it("asks for each next page before the page before it is handed on to be stored, and returns once every page is stored", async () => {
    const sent: string[] = [];
    const handedOn: { page: string; sentBefore: string[] }[] = [];
    const stored: string[] = [];
    const result = await runSearch(
      context(sent),
      input(async (resources) => {
        const page = resources[0]!.fhirId.slice(1, 2);
        handedOn.push({ page, sentBefore: [...sent] });
        await later(); // a store that takes a while
        stored.push(page);
      }),
    );
    expect(result).toMatchObject({ ok: true, fetched: 2 * PAGES });
    expect(sent).toEqual(["0", "1", "2", "3"]);
    // Page k is handed on only after page k+1 was asked for (the last page has no next).
    expect(handedOn).toEqual([
      { page: "0", sentBefore: ["0", "1"] },
      { page: "1", sentBefore: ["0", "1", "2"] },
      { page: "2", sentBefore: ["0", "1", "2", "3"] },
      { page: "3", sentBefore: ["0", "1", "2", "3"] },
    ]);
    expect(stored).toEqual(["0", "1", "2", "3"]);
  });

  it("hands each page's references on as soon as the page is checked, before its store ends", async () => {
    const events: string[] = [];
    await runSearch(
      context([]),
      input(
        async (resources) => {
          await later();
          events.push(`stored ${resources[0]!.fhirId.slice(0, 2)}`);
        },
        (found) => events.push(`references ${[...found].join(",")}`),
      ),
    );
    expect(events.indexOf("references Practitioner/pr0")).toBeLessThan(events.indexOf("stored o0"));
    expect(events.filter((e) => e.startsWith("references"))).toEqual(["references Practitioner/pr0", "references Practitioner/pr1", "references Practitioner/pr2", "references Practitioner/pr3"]);
  });

  it("a store that fails ends the search with its error; no later page is handed on", async () => {
    const handedOn: string[] = [];
    const failing = runSearch(
      context([]),
      input(async (resources) => {
        handedOn.push(resources[0]!.fhirId);
        await later();
        if (handedOn.length === 2) throw new Error("the connection is no longer active");
      }),
    );
    await expect(failing).rejects.toThrow(/no longer active/);
    expect(handedOn).toEqual(["o0-0", "o1-0"]);
  });
});
