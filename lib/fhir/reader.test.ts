import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPatient, type FetchLike, type ReadPatientOptions, type ReadPatientResult } from "./reader";
import { danielAdamsDstu2, danielAdamsR4 } from "./test-fixtures";

const TOKEN = "VgxhidYLnQ75A0Qjuie1qijmesmr25";
const BASE = "https://portal.demo.syncfor.science/api/fhir";
const FHIR_JSON = { "content-type": "application/json+fhir;charset=UTF-8" };
const DEV_POLICY = { allowHttpLoopback: true, allowPrivateNetworks: false };

interface Call {
  url: string;
  init: RequestInit;
}

/** A fake EHR: answers every request with `respond()` and records what it was asked. */
function fakeEhr(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch: FetchLike = async (url, init) => {
    const call = { url, init };
    calls.push(call);
    return respond(call);
  };
  return { calls, fetch };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = FHIR_JSON) =>
  new Response(JSON.stringify(body), { status, headers });

/** A body that sends `first` and then nothing, ever. */
function stalledBody(first: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
    },
  });
}

/** A body of `chunks` chunks of `size` bytes, without a Content-Length. */
function streamedBody(chunks: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ >= chunks) {
        controller.close();
      } else {
        controller.enqueue(new Uint8Array(size).fill(0x20));
      }
    },
  });
}

async function read(fetch: FetchLike, overrides: Partial<ReadPatientOptions> = {}): Promise<ReadPatientResult> {
  return readPatient({ fhirBaseUrl: BASE, patientId: "smart-1288992", accessToken: TOKEN, fetch, timeoutMs: 200, ...overrides });
}

function expectError(result: ReadPatientResult, kind: string, transient: boolean, status?: number) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.kind).toBe(kind);
  expect(result.error.transient).toBe(transient);
  expect(result.error.status).toBe(status);
  expect(result.error.message).not.toContain(TOKEN);
  expect(result.error.message.length).toBeGreaterThan(10);
}

describe("readPatient against a fake EHR", () => {
  it("reads the walkthrough's patient", async () => {
    const ehr = fakeEhr(() => json(danielAdamsDstu2));
    const result = await read(ehr.fetch);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.patient.id).toBe("smart-1288992");
    expect(result.patient.name?.[0]?.family).toEqual(["Adams"]);
    expect(result.raw).toEqual(danielAdamsDstu2);
    expect(ehr.calls).toHaveLength(1);
    const [call] = ehr.calls;
    expect(call?.url).toBe(`${BASE}/Patient/smart-1288992`);
    expect(call?.init.method).toBe("GET");
    expect(call?.init.redirect).toBe("manual");
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);
    const headers = new Headers(call?.init.headers);
    expect(headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(headers.get("accept")).toBe("application/fhir+json, application/json+fhir, application/json");
  });

  it("reads an R4 patient served as application/fhir+json, with a trailing slash on the base", async () => {
    const ehr = fakeEhr(() => json(danielAdamsR4, 200, { "content-type": "application/fhir+json" }));
    const result = await read(ehr.fetch, { fhirBaseUrl: `${BASE}/` });
    expect(result.ok).toBe(true);
    expect(ehr.calls[0]?.url).toBe(`${BASE}/Patient/smart-1288992`);
  });

  it("accepts a body without a content type and with a byte order mark", async () => {
    // A byte body gets no automatic content type (a string body would be text/plain).
    const bytes = new TextEncoder().encode(`\uFEFF${JSON.stringify(danielAdamsDstu2)}`);
    const ehr = fakeEhr(() => new Response(bytes, { status: 200 }));
    const result = await read(ehr.fetch);
    expect(result.ok).toBe(true);
  });

  it("refuses another patient's record (id mismatch)", async () => {
    const ehr = fakeEhr(() => json({ ...danielAdamsDstu2, id: "smart-7321938" }));
    const result = await read(ehr.fetch);
    expectError(result, "invalid-response", false);
    expect(result.ok ? "" : result.error.message).toContain("different patient");
  });

  it.each<[string, number, string, boolean]>([
    ["401 is unauthorized", 401, "unauthorized", false],
    ["404 is not found", 404, "not-found", false],
    ["403 is an http failure", 403, "http", false],
    ["410 is an http failure", 410, "http", false],
    ["429 is transient", 429, "http", true],
    ["500 is transient", 500, "http", true],
    ["503 is transient", 503, "http", true],
  ])("%s", async (_label, status, kind, transient) => {
    const ehr = fakeEhr(() => json({ resourceType: "OperationOutcome", issue: [] }, status));
    expectError(await read(ehr.fetch), kind, transient, status);
  });

  it.each<[string, number, string, number | undefined]>([
    ["a 429's Retry-After in seconds", 429, "30", 30],
    ["a 503's Retry-After as an HTTP date", 503, new Date(Date.now() + 120_000).toUTCString(), 120],
    ["an unusable Retry-After", 429, "soon", undefined],
    ["a Retry-After on a refusal that retrying will not fix", 403, "30", undefined],
  ])("passes on %s", async (_label, status, header, expected) => {
    const ehr = fakeEhr(() => json({ resourceType: "OperationOutcome", issue: [] }, status, { "retry-after": header }));
    const result = await read(ehr.fetch);
    expect(result.ok).toBe(false);
    const seconds = result.ok ? undefined : result.error.retryAfterSeconds;
    if (expected === undefined) expect(seconds).toBeUndefined();
    else expect(Math.abs((seconds ?? 0) - expected)).toBeLessThanOrEqual(1);
  });

  it("treats a redirect as a failure and never follows it", async () => {
    const ehr = fakeEhr(() => new Response(null, { status: 302, headers: { location: "https://evil.example/steal" } }));
    const result = await read(ehr.fetch);
    expectError(result, "http", false, 302);
    expect(ehr.calls).toHaveLength(1);
  });

  it("treats an opaque redirect (browser-style manual redirect) as a failure", async () => {
    const ehr = fakeEhr(() => {
      const response = new Response(null, { status: 200 });
      Object.defineProperty(response, "type", { value: "opaqueredirect" });
      Object.defineProperty(response, "status", { value: 0 });
      return response;
    });
    expectError(await read(ehr.fetch), "http", false);
  });

  it("refuses malformed JSON", async () => {
    const ehr = fakeEhr(() => new Response('{"resourceType": "Patient", "id": ', { status: 200, headers: FHIR_JSON }));
    expectError(await read(ehr.fetch), "invalid-response", false);
  });

  it("refuses an HTML page (a login page, a proxy error)", async () => {
    const ehr = fakeEhr(() => new Response("<html><body>Sign in</body></html>", { headers: { "content-type": "text/html; charset=utf-8" } }));
    const result = await read(ehr.fetch);
    expectError(result, "invalid-response", false);
    expect(result.ok ? "" : result.error.message).toContain("web page");
  });

  it("refuses JSON nested too deeply to store or display safely", async () => {
    const deep = `{"resourceType":"Patient","id":"smart-1288992","x":${"[".repeat(200_000)}${"]".repeat(200_000)}}`;
    const ehr = fakeEhr(() => new Response(deep, { headers: FHIR_JSON }));
    const result = await read(ehr.fetch);
    expectError(result, "invalid-response", false);
    expect(result.ok ? "" : result.error.message).toContain("nested too deeply");
  });

  it("accepts ordinary nesting and brackets inside strings", async () => {
    const patient = { ...danielAdamsDstu2, note: "[[[[{{{{".repeat(100), extension: [{ extension: [{ extension: [{ url: "x" }] }] }] };
    const ehr = fakeEhr(() => json(patient));
    expect((await read(ehr.fetch)).ok).toBe(true);
  });

  it("refuses text/plain", async () => {
    const ehr = fakeEhr(() => new Response(JSON.stringify(danielAdamsDstu2), { headers: { "content-type": "text/plain" } }));
    expectError(await read(ehr.fetch), "invalid-response", false);
  });

  it("refuses invalid UTF-8", async () => {
    const ehr = fakeEhr(() => new Response(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), { headers: FHIR_JSON }));
    expectError(await read(ehr.fetch), "invalid-response", false);
  });

  it("refuses a JSON answer that is not a Patient", async () => {
    const ehr = fakeEhr(() => json({ resourceType: "OperationOutcome", issue: [{ diagnostics: TOKEN }] }));
    expectError(await read(ehr.fetch), "invalid-response", false);
  });

  it("refuses a streamed body over the cap", async () => {
    const ehr = fakeEhr(() => new Response(streamedBody(20, 1_024), { headers: FHIR_JSON }));
    const result = await read(ehr.fetch, { maxBytes: 10_000 });
    expectError(result, "invalid-response", false);
    expect(result.ok ? "" : result.error.message).toContain("too large");
  });

  it("refuses a declared Content-Length over the cap without reading", async () => {
    const body = JSON.stringify({ ...danielAdamsDstu2, padding: "x".repeat(2_000_000) });
    const ehr = fakeEhr(() => new Response(body, { headers: { ...FHIR_JSON, "content-length": String(body.length) } }));
    expectError(await read(ehr.fetch), "invalid-response", false);
  });

  it("accepts a body just under the cap", async () => {
    const body = JSON.stringify(danielAdamsDstu2);
    const ehr = fakeEhr(() => new Response(body, { headers: FHIR_JSON }));
    expect((await read(ehr.fetch, { maxBytes: body.length })).ok).toBe(true);
  });

  it("times out on a body that stalls, even if fetch ignores the abort signal", async () => {
    const ehr = fakeEhr(() => new Response(stalledBody('{"resourceType":'), { headers: FHIR_JSON }));
    const started = Date.now();
    expectError(await read(ehr.fetch, { timeoutMs: 50 }), "timeout", true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("times out when the headers never come", async () => {
    const ehr = fakeEhr(() => new Promise<Response>(() => undefined));
    expectError(await read(ehr.fetch, { timeoutMs: 50 }), "timeout", true);
  });

  it("aborts the request signal on timeout", async () => {
    const ehr = fakeEhr(() => new Promise<Response>(() => undefined));
    await read(ehr.fetch, { timeoutMs: 20 });
    expect(ehr.calls[0]?.init.signal?.aborted).toBe(true);
  });

  it("reports a network failure as transient", async () => {
    const ehr = fakeEhr(() => Promise.reject(new TypeError(`fetch failed for Bearer ${TOKEN}`)));
    expectError(await read(ehr.fetch), "network", true);
  });

  it("reports a network failure in the middle of the body", async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error("socket hang up"));
      },
    });
    const ehr = fakeEhr(() => new Response(body, { headers: FHIR_JSON }));
    expectError(await read(ehr.fetch), "network", true);
  });

  it.each(["a/b", "..", ".", "", "x".repeat(65), "../Observation", "smart 1", "smart-1?_format=xml"])(
    "refuses the patient id %j before any fetch",
    async (patientId) => {
      const ehr = fakeEhr(() => json(danielAdamsDstu2));
      expectError(await read(ehr.fetch, { patientId }), "invalid-response", false);
      expect(ehr.calls).toHaveLength(0);
    },
  );

  it.each([
    "not a url",
    "ftp://ehr.example.org/fhir",
    "javascript:alert(1)",
    "http://ehr.example.org/fhir",
    "https://user:pass@ehr.example.org/fhir",
    "https://ehr.example.org/fhir?x=1",
  ])("refuses the FHIR base URL %j before any fetch", async (fhirBaseUrl) => {
    const ehr = fakeEhr(() => json(danielAdamsDstu2));
    expectError(await read(ehr.fetch, { fhirBaseUrl }), "invalid-response", false);
    expect(ehr.calls).toHaveLength(0);
  });

  it("follows the one URL policy: plain http on loopback only where the policy allows it", async () => {
    const ehr = fakeEhr(() => json(danielAdamsDstu2));
    expect((await read(ehr.fetch, { fhirBaseUrl: "http://localhost:9000/api/fhir", policy: DEV_POLICY })).ok).toBe(true);
    expect((await read(ehr.fetch, { fhirBaseUrl: "http://127.0.0.1:9000/api/fhir", policy: DEV_POLICY })).ok).toBe(true);
    expectError(await read(ehr.fetch, { fhirBaseUrl: "http://localhost:9000/api/fhir" }), "invalid-response", false);
    expectError(await read(ehr.fetch, { fhirBaseUrl: "http://sandbox:9000/fhir", policy: { allowHttpLoopback: true, allowPrivateNetworks: true } }), "invalid-response", false);
    expectError(await read(ehr.fetch, { fhirBaseUrl: "https://10.0.0.5/fhir" }), "invalid-response", false);
    expect(ehr.calls).toHaveLength(2);
  });

  it.each(["", "abc\r\nX-Evil: 1", "tok en", "ü"])("refuses the access token %j before any fetch", async (accessToken) => {
    const ehr = fakeEhr(() => json(danielAdamsDstu2));
    expectError(await read(ehr.fetch, { accessToken }), "unauthorized", false);
    expect(ehr.calls).toHaveLength(0);
  });
});

describe("readPatient against a local EHR over real HTTP", () => {
  let server: Server;
  let base = "";
  const seen: { url?: string; authorization?: string }[] = [];
  const patientJson = JSON.stringify(danielAdamsDstu2);

  /** Headers at once, then a space every 20 ms, never finishing. */
  const drip = (res: ServerResponse, status: number) => {
    res.writeHead(status, { "content-type": "application/fhir+json" });
    const timer = setInterval(() => res.write(" "), 20);
    res.on("close", () => clearInterval(timer));
  };

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url, authorization: req.headers.authorization });
      const [, prefix] = /^\/(\w+)\/Patient\/smart-1288992$/.exec(req.url ?? "") ?? [];
      if (prefix === "fhir") {
        res.writeHead(200, { "content-type": "application/fhir+json" }).end(patientJson);
      } else if (prefix === "moved") {
        res.writeHead(302, { location: "/fhir/Patient/smart-1288992" }).end();
      } else if (prefix === "badbytes") {
        // Valid JSON around an invalid UTF-8 byte inside a string.
        const at = patientJson.indexOf("Adams") + 2;
        const body = Buffer.concat([Buffer.from(patientJson.slice(0, at)), Buffer.from([0xff]), Buffer.from(patientJson.slice(at))]);
        res.writeHead(200, { "content-type": "application/fhir+json" }).end(body);
      } else if (prefix === "huge") {
        res.writeHead(200, { "content-type": "application/fhir+json" });
        for (let i = 0; i < 20; i++) res.write(" ".repeat(1_024));
        res.end(patientJson);
      } else if (prefix === "drip") {
        drip(res, 200);
      } else if (prefix === "revoked") {
        drip(res, 401);
      } else if (prefix === "page") {
        res.writeHead(200, { "content-type": "text/html" }).end("<html><body>Maintenance</body></html>");
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const readFrom = (prefix: string, overrides: Partial<ReadPatientOptions> = {}) =>
    readPatient({ fhirBaseUrl: `${base}/${prefix}`, patientId: "smart-1288992", accessToken: TOKEN, policy: DEV_POLICY, ...overrides });

  it.each<[string, FetchLike | undefined]>([
    ["node:http (the default)", undefined],
    ["the real fetch, injected", (url, init) => fetch(url, init)],
  ])("reads over %s with the bearer token", async (_label, fetch) => {
    const result = await readFrom("fhir", fetch && { fetch });
    expect(result.ok).toBe(true);
    expect(seen.at(-1)).toEqual({ url: "/fhir/Patient/smart-1288992", authorization: `Bearer ${TOKEN}` });
  });

  it("does not follow a real redirect", async () => {
    seen.length = 0;
    expectError(await readFrom("moved"), "http", false, 302);
    expect(seen.map((s) => s.url)).toEqual(["/moved/Patient/smart-1288992"]);
  });

  it("refuses invalid UTF-8 even inside a JSON string", async () => {
    expectError(await readFrom("badbytes"), "invalid-response", false);
  });

  it("refuses a streamed body over the cap", async () => {
    const result = await readFrom("huge", { maxBytes: 10_000 });
    expectError(result, "invalid-response", false);
    expect(result.ok ? "" : result.error.message).toContain("too large");
  });

  it("times out on a body that never finishes", async () => {
    expectError(await readFrom("drip", { timeoutMs: 100 }), "timeout", true);
  });

  it("goes by the status even when the body never finishes", async () => {
    expectError(await readFrom("revoked", { timeoutMs: 100 }), "unauthorized", false, 401);
  });

  it("refuses an HTML page", async () => {
    const result = await readFrom("page");
    expectError(result, "invalid-response", false);
    expect(result.ok ? "" : result.error.message).toContain("web page");
  });
});
