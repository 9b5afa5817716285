import { describe, expect, it } from "vitest";
import { createStaffUser, setStaffDisabled } from "./staff-accounts";
import { deleteEndedAuthSessions, liveAuthSession, revokeAuthSession, revokeAuthSessionsOf, startAuthSession } from "./auth-sessions";
import { uniqueId } from "./test-factories";

const HOUR = 60 * 60_000;

/** Issue #16, finding 4: sessions end server-side. */
describe("the session store", () => {
  it("ends a session for every copy of its cookie when it is revoked (sign-out)", async () => {
    const session = await startAuthSession("participant", `p-${uniqueId()}`, HOUR);
    expect(await liveAuthSession(session.id, "participant")).toMatchObject({ subjectId: session.subjectId });
    expect(await revokeAuthSession(session.id)).toBe(true);
    expect(await liveAuthSession(session.id, "participant")).toBeNull();
    expect(await revokeAuthSession(session.id)).toBe(false);
  });

  it("ends at its absolute end, however often it is used before", async () => {
    const t0 = new Date();
    const session = await startAuthSession("staff", `s-${uniqueId()}`, 8 * HOUR, t0);
    for (let h = 1; h < 8; h++) expect(await liveAuthSession(session.id, "staff", new Date(t0.getTime() + h * HOUR))).not.toBeNull();
    expect(await liveAuthSession(session.id, "staff", new Date(t0.getTime() + 8 * HOUR - 1))).not.toBeNull();
    expect(await liveAuthSession(session.id, "staff", new Date(t0.getTime() + 8 * HOUR))).toBeNull();
  });

  it("answers only for its own kind, and nothing for a made-up id", async () => {
    const session = await startAuthSession("participant", `p-${uniqueId()}`, HOUR);
    expect(await liveAuthSession(session.id, "staff")).toBeNull();
    expect(await liveAuthSession(`${session.id}x`, "participant")).toBeNull();
    expect(await liveAuthSession("", "participant")).toBeNull();
  });

  it("ends every session of a staff member whose account is disabled; re-enabling revives none", async () => {
    const email = `leaving-${uniqueId()}@example.org`;
    const created = await createStaffUser({ email, role: "admin", password: "correct horse battery staple" });
    const id = created.ok ? created.id : "";
    const [a, b] = [await startAuthSession("staff", id, HOUR), await startAuthSession("staff", id, HOUR)];
    const other = await startAuthSession("staff", `s-${uniqueId()}`, HOUR);
    await setStaffDisabled(email, true);
    await setStaffDisabled(email, false);
    expect(await liveAuthSession(a.id, "staff")).toBeNull();
    expect(await liveAuthSession(b.id, "staff")).toBeNull();
    expect(await liveAuthSession(other.id, "staff")).not.toBeNull();
    expect(await revokeAuthSessionsOf("staff", id)).toBe(0);
  });

  it("deletes sessions a day after they ended", async () => {
    const t0 = new Date();
    const ended = await startAuthSession("participant", `p-${uniqueId()}`, HOUR, new Date(t0.getTime() - 30 * HOUR));
    const live = await startAuthSession("participant", `p-${uniqueId()}`, HOUR, t0);
    expect(await deleteEndedAuthSessions(t0)).toBeGreaterThanOrEqual(1);
    expect(await liveAuthSession(live.id, "participant", t0)).not.toBeNull();
    await expect(revokeAuthSession(ended.id)).resolves.toBe(false);
  });
});
