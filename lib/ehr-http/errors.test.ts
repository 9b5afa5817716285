import { describe, expect, it } from "vitest";
import { httpError, isTransientStatus, oauthError } from "./errors";

describe("the one transient rule for EHR answers", () => {
  it.each<[number, boolean]>([
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [408, true],
    [409, false],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [599, true],
  ])("HTTP %i is transient: %s", (status, transient) => {
    expect(isTransientStatus(status)).toBe(transient);
    expect(httpError(status).transient).toBe(transient);
  });

  it.each<[string, number, boolean]>([
    ["invalid_request", 400, false],
    ["unauthorized_client", 400, false],
    ["invalid_scope", 400, false],
    ["some_unknown_code", 400, false],
    ["invalid_grant", 400, false],
    ["temporarily_unavailable", 400, true],
    ["server_error", 400, true],
    ["invalid_request", 429, true],
    ["invalid_request", 503, true],
  ])("OAuth %s with HTTP %i is transient: %s, and keeps Retry-After", (code, status, transient) => {
    const error = oauthError(code, { status, retryAfterSeconds: 7 });
    expect(error.transient).toBe(transient);
    expect(error.retryAfterSeconds).toBe(7);
  });
});
