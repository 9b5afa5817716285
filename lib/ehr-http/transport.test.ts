import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fetchTransport, send, type Answer, type Limits, type Transport } from ".";
import { closedPort, startTcpServer, startTestServer, type Route, type TestServer } from "./test-server";

const LIMITS: Limits = { timeoutMs: 2_000, maxBytes: 10_000 };
const GREETING = Buffer.from("héllo 👋 wörld", "utf8");

/** Writes each chunk on its own turn of the event loop, so they arrive as separate reads. */
function writeApart(res: Parameters<Route>[1], chunks: Buffer[]) {
  const [first, ...rest] = chunks;
  if (res.destroyed) return;
  if (first === undefined) return void res.end();
  res.write(first, () => setTimeout(() => writeApart(res, rest), 10));
}

const routes: Record<string, Route> = {
  "/patient": (_req, res) => res.writeHead(200, { "content-type": "application/fhir+json", "x-note": "hi" }).end('{"id":"p1"}'),
  "/echo": (_req, res) => res.writeHead(201).end("stored"),
  "/moved": (_req, res) => res.writeHead(302, { location: "/patient" }).end(),
  "/missing": (_req, res) => res.writeHead(404, { "content-type": "text/plain" }).end("not here"),
  "/busy": (_req, res) => res.writeHead(503, { "retry-after": "120" }).end("busy"),
  "/declared-huge": (_req, res) => {
    res.writeHead(200, { "content-length": "5000000" });
    res.write("x"); // and never the rest
  },
  "/streamed-huge": (_req, res) => {
    res.writeHead(200); // chunked: no Content-Length
    writeApart(res, Array.from({ length: 10 }, () => Buffer.alloc(4_096, 0x20)));
  },
  "/dripping": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    const timer = setInterval(() => res.write(" "), 20);
    res.on("close", () => clearInterval(timer));
  },
  "/silent": () => {},
  "/cut-off": (_req, res) => {
    res.writeHead(200, { "content-length": "100" });
    res.write("partial", () => setTimeout(() => res.socket?.destroy(), 20));
  },
  "/split-utf8": (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    // Cut inside "é" (2 bytes) and inside "👋" (4 bytes).
    writeApart(res, [GREETING.subarray(0, 2), GREETING.subarray(2, 9), GREETING.subarray(9)]);
  },
  "/bom-and-bad-bytes": (_req, res) => res.writeHead(200).end(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0xff, 0x7d])),
  "/early-hints": (_req, res) => {
    res.writeEarlyHints({ link: "</style.css>; rel=preload" });
    res.writeHead(200).end("final");
  },
  "/odd-status": (_req, res) => res.writeHead(999).end("odd"),
};

function expectFailure(answer: Answer, kind: string, status?: number) {
  expect(answer).toMatchObject({ ok: false, kind });
  expect(answer.status).toBe(status);
}

const transports: [string, Transport][] = [
  ["node:http", send],
  ["fetch", fetchTransport(globalThis.fetch)],
];

describe.each(transports)("the %s transport against a local server", (_name, transport) => {
  let server: TestServer;
  const get = (path: string, limits: Partial<Limits> = {}) =>
    transport(`${server.url}${path}`, { method: "GET" }, { ...LIMITS, ...limits });

  beforeAll(async () => {
    server = await startTestServer(routes);
  });

  afterAll(() => server.close());

  it("returns a 200 with its body and headers", async () => {
    const answer = await get("/patient");
    expect(answer).toMatchObject({ ok: true, status: 200, text: '{"id":"p1"}', validUtf8: true });
    expect(answer.headers?.get("Content-Type")).toBe("application/fhir+json");
    expect(answer.headers?.get("x-note")).toBe("hi");
    expect(answer.headers?.get("x-absent")).toBeNull();
  });

  it("keeps the connection alive for the next requests", async () => {
    await get("/patient");
    const opened = server.connections.opened;
    for (let i = 0; i < 3; i++) expect((await get("/patient")).ok).toBe(true);
    expect(server.connections.opened).toBe(opened);
  });

  it("sends a POST body with its Content-Length, and the caller's headers", async () => {
    const body = "name=Zoë&x=1";
    const answer = await transport(
      new URL(`${server.url}/echo`),
      { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json", "X-Trace": "t1" }, body },
      LIMITS,
    );
    expect(answer).toMatchObject({ ok: true, status: 201, text: "stored" });
    const seen = server.requests.at(-1);
    expect(seen).toMatchObject({ method: "POST", path: "/echo", body });
    expect(seen?.headers).toMatchObject({
      "content-type": "application/x-www-form-urlencoded",
      "content-length": String(Buffer.byteLength(body)),
      accept: "application/json",
      "x-trace": "t1",
    });
  });

  it("returns a redirect as its status and never follows it", async () => {
    const before = server.requests.length;
    const answer = await get("/moved");
    expect(answer).toMatchObject({ ok: true, status: 302 });
    expect(answer.headers?.get("location")).toBe("/patient");
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(["/moved"]);
  });

  it("returns 4xx and 5xx answers with their bodies and headers", async () => {
    expect(await get("/missing")).toMatchObject({ ok: true, status: 404, text: "not here" });
    const busy = await get("/busy");
    expect(busy).toMatchObject({ ok: true, status: 503, text: "busy" });
    expect(busy.headers?.get("Retry-After")).toBe("120");
  });

  it("refuses a declared Content-Length over the cap without waiting for the body", async () => {
    const started = Date.now();
    expectFailure(await get("/declared-huge", { timeoutMs: 5_000 }), "too-large", 200);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("stops reading a streamed body once it passes the cap, and drops the connection", async () => {
    const closed = server.connections.closed;
    expectFailure(await get("/streamed-huge", { maxBytes: 10_000 }), "too-large", 200);
    await vi.waitFor(() => expect(server.connections.closed).toBeGreaterThan(closed));
  });

  it("accepts a streamed body exactly at the cap", async () => {
    expect(await get("/streamed-huge", { maxBytes: 40_960 })).toMatchObject({ ok: true, status: 200 });
  });

  it("times out on a body that keeps dripping, at the deadline, and drops the connection", async () => {
    const closed = server.connections.closed;
    const started = Date.now();
    expectFailure(await get("/dripping", { timeoutMs: 200 }), "timeout", 200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(700);
    await vi.waitFor(() => expect(server.connections.closed).toBeGreaterThan(closed));
  });

  it("times out when the server never answers", async () => {
    const started = Date.now();
    expectFailure(await get("/silent", { timeoutMs: 200 }), "timeout");
    expect(Date.now() - started).toBeLessThan(700);
  });

  it("reports a refused connection as a network failure", async () => {
    expectFailure(await transport(`http://127.0.0.1:${await closedPort()}/`, { method: "GET" }, LIMITS), "network");
  });

  it("reports a connection closed in the middle of the body as a network failure", async () => {
    expectFailure(await get("/cut-off"), "network", 200);
  });

  it("decodes UTF-8 characters split across chunks", async () => {
    expect(await get("/split-utf8")).toMatchObject({ ok: true, text: "héllo 👋 wörld", validUtf8: true });
  });

  it("drops a leading BOM and replaces invalid bytes, like TextDecoder, and says the bytes were invalid", async () => {
    const expected = new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0xff, 0x7d]));
    expect(await get("/bom-and-bad-bytes")).toMatchObject({ ok: true, text: expected, validUtf8: false });
    expect(expected).toBe("{\uFFFD}");
  });

  it("skips an informational 103 and returns the final answer", async () => {
    expect(await get("/early-hints")).toMatchObject({ ok: true, status: 200, text: "final" });
  });

  it("returns an unusual status as it is", async () => {
    expect(await get("/odd-status")).toMatchObject({ ok: true, status: 999, text: "odd" });
  });

  it("treats a 101 it never asked for as a network failure", async () => {
    const tcp = await startTcpServer((socket) => socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: Upgrade\r\n\r\n"));
    try {
      expectFailure(await transport(`http://127.0.0.1:${tcp.port}/`, { method: "GET" }, LIMITS), "network");
    } finally {
      await tcp.close();
    }
  });

  it("speaks TLS to an https URL and fails when the peer does not", async () => {
    let firstByte: number | undefined;
    const tcp = await startTcpServer((socket, data) => {
      firstByte = data[0];
      socket.destroy();
    });
    try {
      expectFailure(await transport(`https://127.0.0.1:${tcp.port}/`, { method: "GET" }, LIMITS), "network");
      expect(firstByte).toBe(0x16); // a TLS handshake record: the ClientHello
    } finally {
      await tcp.close();
    }
  });

  it.each([
    ["a scheme other than http(s)", "ftp://127.0.0.1/x", {}],
    ["a header that cannot be sent", "http://127.0.0.1:1/x", { "X-Evil": "a\r\nInjected: 1" }],
  ])("reports %s as a network failure, without throwing", async (_label, url, headers) => {
    expectFailure(await transport(url, { method: "GET", headers }, LIMITS), "network");
  });
});
