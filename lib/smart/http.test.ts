import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveResponses, type TestServer } from "../ehr-http/test-server";
import { endlessBody, fakeEhr, hugeBody, json } from "./fixtures/fake-ehr";
import { requestJson, requestText } from "./http";
import type { SmartError } from "./result";

const URL_ = "https://ehr.example.org/thing";
const NOW = new Date("2024-05-01T12:00:00Z");
const LOOPBACK = { allowHttpLoopback: true, allowPrivateNetworks: false };

function answer(response: () => Response | Promise<Response>) {
  return fakeEhr({ [URL_]: response }).fetch;
}

const hostile: [string, () => Response | Promise<Response>, Partial<SmartError> & { problem?: string }][] = [
  ["invalid JSON", () => new Response("{not json", { status: 200 }), { kind: "invalid-response", problem: "the response is not valid JSON" }],
  ["empty 200", () => new Response("", { status: 200 }), { kind: "invalid-response", problem: "the response was empty" }],
  ["HTML page with 200", () => new Response("<html><body>Login</body></html>", { status: 200, headers: { "Content-Type": "text/html" } }), { kind: "invalid-response", problem: "the server sent a web page instead of data", transient: false }],
  ["HTML page with 500", () => new Response("<html><h1>Internal Server Error</h1></html>", { status: 500, headers: { "Content-Type": "text/html" } }), { kind: "http", status: 500, transient: true }],
  ["404 plain text", () => new Response("not here", { status: 404 }), { kind: "http", status: 404, transient: false }],
  ["huge streamed body", () => new Response(hugeBody(), { status: 200 }), { kind: "invalid-response", problem: "the response is larger than 100000 bytes" }],
  ["huge declared body", () => new Response("{}", { status: 200, headers: { "Content-Length": "5000000" } }), { kind: "invalid-response" }],
  ["body that never ends", () => new Response(endlessBody(), { status: 200 }), { kind: "timeout", transient: true }],
  ["server that never answers", () => new Promise<Response>(() => {}), { kind: "timeout", transient: true }],
  ["network failure", () => Promise.reject(new TypeError("fetch failed")), { kind: "network", transient: true }],
  ["redirect to another host", () => new Response(null, { status: 302, headers: { Location: "https://evil.example/steal" } }), { kind: "redirect", status: 302, transient: false }],
  ["429 with Retry-After seconds", () => json({}, 429, { "Retry-After": "120" }), { kind: "http", status: 429, retryAfterSeconds: 120, transient: true }],
  ["503 with Retry-After date", () => new Response("busy", { status: 503, headers: { "Retry-After": "Wed, 01 May 2024 12:01:30 GMT" } }), { kind: "http", status: 503, retryAfterSeconds: 90, transient: true }],
  ["OAuth error invalid_grant", () => json({ error: "invalid_grant", error_description: "code expired" }, 400), { kind: "oauth", code: "invalid_grant", description: "code expired", status: 400, transient: false }],
  ["OAuth error temporarily_unavailable", () => json({ error: "temporarily_unavailable" }, 400), { kind: "oauth", code: "temporarily_unavailable", transient: true }],
  ["OAuth error with 503", () => json({ error: "server_busy" }, 503), { kind: "oauth", code: "server_busy", status: 503, transient: true }],
  ["error code with forbidden characters", () => json({ error: "bad\"code" }, 400), { kind: "http", status: 400 }],
];

describe("requestJson against hostile servers", () => {
  let server: TestServer;
  let current: () => Response | Promise<Response> = () => new Response("");

  beforeAll(async () => {
    server = await serveResponses(() => current());
  });

  afterAll(() => server.close());

  it.each(hostile)("%s", async (_name, response, expected) => {
    const result = await requestJson(URL_, {}, { fetch: answer(response), timeoutMs: 50, maxBytes: 100_000, now: () => NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject(expected);
    expect(result.error.message).toMatch(/^[A-Z].*\.$/);
  });

  it.each(hostile)("%s, served over real HTTP (the default node:http transport)", async (_name, response, expected) => {
    current = response;
    // Only the cases that wait for a timeout get a short one: on a busy machine 50 ms could
    // otherwise end a request whose answer (invalid JSON, say) is what the case checks.
    const timeoutMs = (expected as { kind: string }).kind === "timeout" ? 50 : 5_000;
    const result = await requestJson(`${server.url}/thing`, {}, { timeoutMs, maxBytes: 100_000, now: () => NOW, policy: LOOPBACK });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject(expected);
    expect(result.error.message).toMatch(/^[A-Z].*\.$/);
  });

  it("never puts the server's error_description in the message", async () => {
    const fetch = answer(() => json({ error: "invalid_grant", error_description: "token abc123 <script>" }, 400));
    const result = await requestJson(URL_, {}, { fetch });
    expect(!result.ok && result.error.message).not.toContain("abc123");
    expect(!result.ok && result.error.kind === "oauth" && result.error.description).toBe("token abc123 <script>");
  });

  it("asks fetch not to follow redirects and passes a timeout signal", async () => {
    let seen: RequestInit | undefined;
    const fetch = (async (_url: unknown, init?: RequestInit) => {
      seen = init;
      return json({ fine: true });
    }) as typeof globalThis.fetch;
    const result = await requestJson(URL_, {}, { fetch });
    expect(result).toMatchObject({ ok: true, value: { status: 200, body: { fine: true } } });
    expect(seen?.redirect).toBe("manual");
    expect(seen?.signal).toBeInstanceOf(AbortSignal);
  });

  it("reads a body that arrives in many chunks under the cap", async () => {
    const text = JSON.stringify({ items: Array.from({ length: 5000 }, (_, i) => i) });
    const result = await requestJson(URL_, {}, { fetch: answer(() => new Response(text)) });
    expect(result.ok && (result.value.body as { items: number[] }).items.length).toBe(5000);
  });

  it("requestText sends the method, headers and body, and returns the headers, over real HTTP", async () => {
    current = () => new Response("", { status: 200, headers: { "X-Answer": "yes" } });
    const result = await requestText(`${server.url}/thing`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "token=abc" }, { policy: LOOPBACK });
    expect(result).toMatchObject({ ok: true, value: { status: 200, body: "" } });
    expect(result.ok && result.value.headers.get("x-answer")).toBe("yes");
    expect(server.requests.at(-1)).toMatchObject({ method: "POST", path: "/thing", body: "token=abc" });
  });

  it("requestText accepts an empty 200 (RFC 7009 revocation)", async () => {
    const result = await requestText(URL_, { method: "POST" }, { fetch: answer(() => new Response(null, { status: 200 })) });
    expect(result).toMatchObject({ ok: true, value: { status: 200, body: "" } });
  });
});

