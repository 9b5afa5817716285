import { describe, expect, it } from "vitest";
import { isSameOriginPost, refuseCrossSiteStaffRequest } from "./fetch-metadata";

const request = (path: string, site: string | null, mode: string | null = "navigate", dest: string | null = "document", method = "GET") =>
  refuseCrossSiteStaffRequest({ method, path, secFetchSite: site, secFetchMode: mode, secFetchDest: dest });

describe("refuseCrossSiteStaffRequest", () => {
  it.each([
    ["a dashboard page from the dashboard", request("/dashboard", "same-origin"), null],
    ["a bookmark of a dashboard page", request("/dashboard/audit", "none"), null],
    ["a link from another site to a dashboard page (arrives without the Strict cookies)", request("/dashboard", "cross-site"), null],
    ["a program without fetch metadata", request("/dashboard/export/participants.csv", null, null, null, "POST"), null],
    ["a participant page, from anywhere", request("/connect", "cross-site", "cors", "empty", "POST"), null],
  ])("lets through %s", (_name, outcome, expected) => expect(outcome).toBe(expected));

  it.each([
    ["a link from another site to an export", request("/dashboard/export/patients.ndjson", "cross-site")],
    ["another site's form posting to an export", request("/dashboard/export/participants.csv", "cross-site", "navigate", "document", "POST")],
    ["a sibling subdomain's fetch of the session", request("/api/staff-auth/session", "same-site", "cors", "empty")],
    ["another site embedding a dashboard page", request("/dashboard", "cross-site", "navigate", "iframe")],
    ["another site's image tag", request("/dashboard/participants/x", "cross-site", "no-cors", "image")],
  ])("refuses %s", (_name, outcome) => expect(outcome).toMatch(/only be used from the dashboard itself/));
});

describe("isSameOriginPost", () => {
  const post = (headers: Record<string, string>, method = "POST") => new Request("https://portal.example.org/dashboard/export/participants.csv", { method, headers });
  it.each([
    ["the dashboard's form", post({ origin: "https://portal.example.org", "sec-fetch-site": "same-origin" }), true],
    ["a program sending Origin", post({ origin: "https://portal.example.org" }), true],
    ["Origin stripped, same-origin metadata", post({ "sec-fetch-site": "same-origin" }), true],
    ["another site's form", post({ origin: "https://evil.example", "sec-fetch-site": "cross-site" }), false],
    ["a sibling subdomain", post({ origin: "https://portal.example.org", "sec-fetch-site": "same-site" }), false],
    ["no Origin at all", post({}), false],
    ["a GET", post({ origin: "https://portal.example.org" }, "GET"), false],
  ])("%s → %s", (_name, req, expected) => expect(isSameOriginPost(req, "portal.example.org")).toBe(expected));
});
