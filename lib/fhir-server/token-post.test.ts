/**
 * The token endpoint is called by servers: a POST with no Origin and no cookies. The proxy's POST
 * guard (lib/security/post-guard.ts, run on every request by proxy.ts) must let it through, and
 * must let a large-enough form through too. If the guard ever starts requiring an Origin, this
 * test says which route breaks.
 */
import { describe, expect, it } from "vitest";
import { refusePost } from "../security/post-guard";

describe("a research tool's POST to /api/fhir/auth/token", () => {
  it("passes the POST guard without an Origin header", () => {
    // A variable, not a literal: the guard may or may not take the path (it exempts /api/fhir/ by it).
    const request = { method: "POST", path: "/api/fhir/auth/token", origin: null, host: "portal.example.org", contentLength: "1800" };
    expect(refusePost(request)).toBeNull();
    const cancel = { ...request, method: "DELETE", path: "/api/fhir/bulk-status/x" };
    expect(refusePost(cancel)).toBeNull();
  });
});
