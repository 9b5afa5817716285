import { describe, expect, it } from "vitest";
import { uniqueId } from "../data/test-factories";
import { checkStaffCredentials } from "./sign-in";
import { createStaffUser } from "../data/staff-accounts";

/** Issue #16, finding 2: the attempt is counted before the password is checked, atomically. */
describe("staff sign-in under a burst of simultaneous attempts", () => {
  it("checks at most five of fifteen simultaneous wrong passwords, and the right one next does not sign in", async () => {
    const email = `burst-${uniqueId()}@example.org`;
    const password = "correct horse battery staple";
    await createStaffUser({ email, role: "admin", password });
    const from = `10.9.${uniqueId()}`;
    const outcomes = await Promise.all(Array.from({ length: 15 }, () => checkStaffCredentials(email, "wrong password!!", from)));
    // "invalid" is the answer of a password that was checked and found wrong.
    const checked = outcomes.filter((o) => !o.ok && o.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(checked).toBe(5);
    expect(await checkStaffCredentials(email, password, from)).toMatchObject({ ok: false });
  });
});
