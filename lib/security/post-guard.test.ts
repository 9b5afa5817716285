import { describe, expect, it } from "vitest";
import { refusePost } from "./post-guard";

const post = (origin: string | null, contentLength: string | null = "100", host = "portal.example.org", extra: { path?: string; secFetchSite?: string | null } = {}) =>
  refusePost({ method: "POST", origin, host, contentLength, ...extra });

describe("refusePost", () => {
  it.each([
    ["same origin", post("https://portal.example.org"), null],
    ["another site", post("https://evil.example")?.status, 403],
    ["a look-alike host", post("https://portal.example.org.evil.example")?.status, 403],
    ["another port", post("https://portal.example.org:8443")?.status, 403],
    ["Origin: null", post("null")?.status, 403],
    ["junk Origin", post("::::")?.status, 403],
    ["a 2 MB form", post("https://portal.example.org", String(2 * 1024 * 1024))?.status, 413],
    // Issue #16: a state-changing POST must say where it comes from.
    ["no Origin and no Sec-Fetch-Site (a script)", post(null)?.status, 403],
    ["no Origin, Sec-Fetch-Site: same-origin (Origin stripped by a privacy setting)", post(null, "100", "portal.example.org", { secFetchSite: "same-origin" }), null],
    ["no Origin, Sec-Fetch-Site: cross-site", post(null, "100", "portal.example.org", { secFetchSite: "cross-site" })?.status, 403],
    ["no Origin, to a route for programs (/api/fhir/)", post(null, "100", "portal.example.org", { path: "/api/fhir/token" }), null],
  ])("%s", (_name, outcome, expected) => expect(outcome).toBe(expected));

  it("answers a POST without Origin with a plain sentence", () => {
    expect(post(null)?.message).toMatch(/^This form did not say which website sent it/);
  });

  it("never refuses a GET", () => {
    expect(refusePost({ method: "GET", origin: "https://evil.example", host: "portal.example.org", contentLength: null })).toBeNull();
  });
});
