import { describe, expect, it } from "vitest";
import { db } from "../db";
import { listSignInAlerts } from "../data/sign-in-throttle";
import { uniqueId } from "../data/test-factories";
import { StaffForbiddenError, type StaffSession } from "./roles";
import { checkStaffCredentials } from "./sign-in";
import { createStaffUser } from "../data/staff-accounts";

/** Issue #16, finding 3: an account under attack is shown to admins (dashboard) and audited. */
describe("a staff account under attack", () => {
  it("is named to admins with its failures and addresses, audited once, and never for an unknown email", async () => {
    const target = `attacked-${uniqueId()}@example.org`;
    const unknown = `nobody-${uniqueId()}@example.org`;
    await createStaffUser({ email: target, role: "admin", password: "correct horse battery staple" });
    for (let c = 0; c < 4; c++) {
      const from = `10.5.${uniqueId()}`;
      for (let i = 0; i < 3; i++) {
        await checkStaffCredentials(target, "wrong password!!", from);
        await checkStaffCredentials(unknown, "wrong password!!", from);
      }
    }
    const admin: StaffSession = { id: "a", email: "admin@example.org", role: "admin" };
    const alerts = await listSignInAlerts(admin);
    expect(alerts.find((a) => a.email === target)).toMatchObject({ failures: 12, clients: 4 });
    expect(alerts.some((a) => a.email === unknown)).toBe(false);
    const audited = await (await db()).auditEvent.findMany({ where: { action: "staff.sign_in_attack", detail: { startsWith: `${target}:` } } });
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorEmail: "portal", actorId: null });
    await expect(listSignInAlerts({ ...admin, role: "coordinator" })).rejects.toThrow(StaffForbiddenError);
  });
});
