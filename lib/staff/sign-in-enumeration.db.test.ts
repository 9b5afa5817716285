import { describe, expect, it } from "vitest";
import { uniqueId } from "../data/test-factories";
import { checkStaffCredentials } from "./sign-in";
import { createStaffUser } from "../data/staff-accounts";

/** Issue #16, finding 3: no account enumeration, no lockout an outsider can use, progressive delay. */
const password = "correct horse battery staple";
const client = () => `10.7.${uniqueId()}`;
const aStaffEmail = async () => {
  const email = `target-${uniqueId()}@example.org`;
  await createStaffUser({ email, role: "admin", password });
  return email;
};
const reason = (o: { ok: boolean; reason?: string }) => (o.ok ? "signed in" : o.reason);

describe("staff sign-in: what an outsider can learn and do", () => {
  it("answers an unknown email exactly as a real one, attempt after attempt", async () => {
    const answers = async (email: string) => {
      const from = client();
      const now = new Date();
      const list = [];
      for (let i = 0; i < 8; i++) list.push(reason(await checkStaffCredentials(email, "wrong password!!", from, now)));
      return list;
    };
    const real = await answers(await aStaffEmail());
    const unknown = await answers(`nobody-${uniqueId()}@example.org`);
    expect(unknown).toEqual(real);
  });

  it("never keeps the real staff member out because of wrong passwords sent from another address", async () => {
    const email = await aStaffEmail();
    const attacker = client();
    for (let i = 0; i < 12; i++) await checkStaffCredentials(email, "wrong password!!", attacker);
    expect(await checkStaffCredentials(email, password, client())).toMatchObject({ ok: true });
  });

  it("makes each attempt after five failures from one client wait longer: 1 minute, then 2, then 4", async () => {
    const email = await aStaffEmail();
    const from = client();
    const t0 = Date.now();
    const at = (ms: number) => new Date(t0 + ms);
    for (let i = 0; i < 5; i++) expect(await checkStaffCredentials(email, "wrong password!!", from, at(i))).toEqual({ ok: false, reason: "invalid" });
    expect(await checkStaffCredentials(email, password, from, at(10))).toEqual({ ok: false, reason: "wait", retryAt: at(4 + 60_000) });
    expect(await checkStaffCredentials(email, "wrong password!!", from, at(60_004))).toEqual({ ok: false, reason: "invalid" });
    expect(await checkStaffCredentials(email, password, from, at(60_010))).toEqual({ ok: false, reason: "wait", retryAt: at(60_004 + 120_000) });
    expect(await checkStaffCredentials(email, "wrong password!!", from, at(180_004))).toEqual({ ok: false, reason: "invalid" });
    expect(await checkStaffCredentials(email, password, from, at(180_010))).toEqual({ ok: false, reason: "wait", retryAt: at(180_004 + 240_000) });
    // After the wait, the right password signs in, and the count starts again.
    expect(await checkStaffCredentials(email, password, from, at(420_004))).toMatchObject({ ok: true });
    expect(await checkStaffCredentials(email, "wrong password!!", from, at(420_010))).toEqual({ ok: false, reason: "invalid" });
  });
});
