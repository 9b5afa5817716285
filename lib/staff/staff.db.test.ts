import { describe, expect, it } from "vitest";
import { db } from "../db";
import { uniqueId } from "../data/test-factories";
import { ATTEMPTS_PER_CLIENT_PER_MINUTE, checkStaffCredentials } from "./sign-in";
import { activeStaffById, createStaffUser, setStaffDisabled, setStaffRole } from "../data/staff-accounts";

const password = "correct horse battery staple";
const anEmail = () => `Staff-${uniqueId()}@Example.org`;
const client = () => `10.0.${uniqueId()}`;

describe("study staff accounts", () => {
  it("stores a lower-cased email and an Argon2id hash, and reports an existing email instead of duplicating it", async () => {
    const email = anEmail();
    const created = await createStaffUser({ email, role: "coordinator", password });
    expect(created.ok).toBe(true);
    const row = await (await db()).staffUser.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(password);
    expect(await createStaffUser({ email: email.toUpperCase(), role: "admin", password })).toEqual({ ok: false, reason: "exists" });
    expect(await (await db()).staffUser.count({ where: { email: email.toLowerCase() } })).toBe(1);
  });

  it("signs in with the right password only, whatever the email's case", async () => {
    const email = anEmail();
    await createStaffUser({ email, role: "viewer", password });
    expect(await checkStaffCredentials(email.toUpperCase(), password, client())).toMatchObject({ ok: true });
    expect(await checkStaffCredentials(email, "wrong password!!", client())).toEqual({ ok: false, reason: "invalid" });
    expect(await checkStaffCredentials(`nobody-${uniqueId()}@example.org`, password, client())).toEqual({ ok: false, reason: "invalid" });
  });

  it("limits attempts per client address, whatever the email", async () => {
    const from = client();
    const results = [];
    for (let i = 0; i <= ATTEMPTS_PER_CLIENT_PER_MINUTE; i++) results.push(await checkStaffCredentials(`nobody-${uniqueId()}@example.org`, "x", from));
    expect(results.at(-1)).toEqual({ ok: false, reason: "rate_limited" });
  });

  it("applies disabling and role changes on the next read of the session", async () => {
    const email = anEmail();
    const created = await createStaffUser({ email, role: "admin", password });
    const id = created.ok ? created.id : "";
    expect(await activeStaffById(id)).toMatchObject({ role: "admin" });
    await setStaffRole(email, "viewer");
    expect(await activeStaffById(id)).toMatchObject({ role: "viewer" });
    await setStaffDisabled(email, true);
    expect(await activeStaffById(id)).toBeNull();
    expect(await checkStaffCredentials(email, password, client())).toEqual({ ok: false, reason: "invalid" });
  });
});
