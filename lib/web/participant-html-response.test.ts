import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isParticipantPageRequest, withoutClientRuntime } from "./participant-html-response";

// A stand-in for Next.js's handler: streams a page in pieces, as it does, or sends JSON.
function respond(req: IncomingMessage, res: ServerResponse) {
  if (req.url === "/json") {
    res.setHeader("content-type", "application/json");
    res.end('{"html":"<script src=\\"/_next/x.js\\"></script>"}');
    return;
  }
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.write('<html><head><script src="/_next/static/chunks/re');
  res.write(Buffer.from('act.js" async=""></script></head><body><p>Señal', "utf8"));
  res.write(Buffer.from(" ", "utf8"));
  const word = Buffer.from("niño", "utf8");
  res.write(word.subarray(0, 3)); // half of "ñ"
  res.write(word.subarray(3));
  res.end('</p><script nonce="n">self.__next_f.push([1,"x"])</script></body></html>');
}

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (isParticipantPageRequest(req)) withoutClientRuntime(req, res);
    respond(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const clean = "<html><head></head><body><p>Señal niño</p></body></html>";

describe("withoutClientRuntime", () => {
  it("sends a participant page without the runtime, gzipped for a browser that accepts it", async () => {
    const response = await fetch(`${base}/connect`, { headers: { "accept-encoding": "gzip" } });
    expect(response.headers.get("content-encoding")).toBe("gzip");
    expect(response.headers.get("vary")).toMatch(/Accept-Encoding/);
    // fetch decompresses; check the raw bytes too.
    expect(await response.text()).toBe(clean);
    const raw = await new Promise<Buffer>((resolve) => {
      import("node:http").then(({ get }) =>
        get(`${base}/connect`, { headers: { "accept-encoding": "gzip" } }, (res) => {
          const parts: Buffer[] = [];
          res.on("data", (d: Buffer) => parts.push(d));
          res.on("end", () => resolve(Buffer.concat(parts)));
        }),
      );
    });
    expect(gunzipSync(raw).toString("utf8")).toBe(clean);
  });

  it("sends it uncompressed to a client that does not accept gzip", async () => {
    const response = await fetch(`${base}/connect`, { headers: { "accept-encoding": "identity" } });
    expect(response.headers.get("content-encoding")).toBeNull();
    expect(await response.text()).toBe(clean);
  });

  it("leaves anything but HTML alone", async () => {
    const response = await fetch(`${base}/json`);
    expect(await response.text()).toBe('{"html":"<script src=\\"/_next/x.js\\"></script>"}');
  });
});

describe("isParticipantPageRequest", () => {
  const request = (url: string, headers: Record<string, string> = {}) => ({ url, headers }) as unknown as IncomingMessage;
  it("is a participant page, not the staff side, an API, a build file or a client-router fetch", () => {
    expect(isParticipantPageRequest(request("/connect/choose?q=x"))).toBe(true);
    expect(isParticipantPageRequest(request("/"))).toBe(true);
    expect(isParticipantPageRequest(request("/dashboard"))).toBe(false);
    expect(isParticipantPageRequest(request("/staff/sign-in"))).toBe(false);
    expect(isParticipantPageRequest(request("/api/auth/callback/x"))).toBe(false);
    expect(isParticipantPageRequest(request("/_next/static/chunks/a.js"))).toBe(false);
    expect(isParticipantPageRequest(request("/me", { rsc: "1" }))).toBe(false);
  });
});
