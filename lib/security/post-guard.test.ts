import { describe, expect, it } from "vitest";
import { refusePost } from "./post-guard";

const post = (origin: string | null, contentLength: string | null = "100", host = "portal.example.org") => refusePost({ method: "POST", origin, host, contentLength });

describe("refusePost", () => {
  it.each([
    ["same origin", post("https://portal.example.org"), null],
    ["no Origin (a script)", post(null), null],
    ["another site", post("https://evil.example")?.status, 403],
    ["a look-alike host", post("https://portal.example.org.evil.example")?.status, 403],
    ["another port", post("https://portal.example.org:8443")?.status, 403],
    ["Origin: null", post("null")?.status, 403],
    ["junk Origin", post("::::")?.status, 403],
    ["a 2 MB form", post("https://portal.example.org", String(2 * 1024 * 1024))?.status, 413],
  ])("%s", (_name, outcome, expected) => expect(outcome).toBe(expected));

  it("never refuses a GET", () => {
    expect(refusePost({ method: "GET", origin: "https://evil.example", host: "portal.example.org", contentLength: null })).toBeNull();
  });
});
