import { describe, expect, it } from "vitest";
import { uniqueId } from "../data/test-factories";
import { beginSession, continueSession, endSession, sessionLifetimeMs } from "./auth-session";

/** Issue #16, finding 4: what next-auth's jwt callback does with a session cookie's token. */
describe("session tokens (both next-auth instances)", () => {
  it("keeps a token while its session lives; after sign-out, a copy of it is refused", async () => {
    const claims = await beginSession("staff", `s-${uniqueId()}`);
    const copy = { ...claims };
    expect(await continueSession(claims, "staff")).toEqual(claims);
    await endSession(claims);
    expect(await continueSession(copy, "staff")).toBeNull();
  });

  it("refuses a renewed token after the absolute lifetime (8 hours for staff, 30 days for participants)", async () => {
    const day = 24 * 60 * 60_000;
    expect(sessionLifetimeMs("staff")).toBe(8 * 60 * 60_000);
    expect(sessionLifetimeMs("participant")).toBe(30 * day);
    const started = Date.now();
    const claims = await beginSession("participant", `p-${uniqueId()}`);
    expect(await continueSession(claims, "participant", new Date(started + 29 * day))).toEqual(claims);
    expect(await continueSession(claims, "participant", new Date(started + 30 * day + 60_000))).toBeNull();
  });

  it("refuses a token of the other kind, of another subject, or without a session id (issued before sessions were kept)", async () => {
    const claims = await beginSession("participant", `p-${uniqueId()}`);
    expect(await continueSession(claims, "staff")).toBeNull();
    expect(await continueSession({ ...claims, sub: "someone-else" }, "participant")).toBeNull();
    expect(await continueSession({ sub: claims.sub, kind: "participant" }, "participant")).toBeNull();
  });
});
