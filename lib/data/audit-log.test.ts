import { describe, expect, it } from "vitest";
import { db } from "../db";
import { recordAudit } from "./audit-events";
import { parseAuditQuery } from "../dashboard/audit-query";
import { StaffForbiddenError, type StaffSession } from "../staff/roles";
import { exportAuditEvents, listAuditEvents } from "./audit-log";
import { auditStaffSignIn, auditStaffSignOut } from "./staff-sign-in-audit";
import { createStaffUser } from "./staff-accounts";
import { aHealthSystem, anAttempt, enrolled, tokensFor, uniqueId } from "./test-factories";

const admin: StaffSession = { id: "staff-admin", email: `admin-${uniqueId()}@example.org`, role: "admin" };
const viewer: StaffSession = { id: "staff-viewer", email: "viewer@example.org", role: "viewer" };

describe("the audit log", () => {
  it("filters by who, what, participant (by study id or database id) and date range", async () => {
    const hs = await aHealthSystem();
    const done = await enrolled(await anAttempt(hs.id), tokensFor(`p-${uniqueId()}`));
    const { studyId } = await (await db()).participant.findUniqueOrThrow({ where: { id: done.participantId } });
    await recordAudit(admin, "participant.view", { participantId: done.participantId });
    await recordAudit(admin, "staff.sign_in");
    const list = async (params: Record<string, string>) => (await listAuditEvents(admin, parseAuditQuery(params))).entries.map((e) => e.action);

    expect(await list({ who: admin.email })).toEqual(["staff.sign_in", "participant.view"]);
    expect(await list({ who: admin.email, what: "staff.sign_in" })).toEqual(["staff.sign_in"]);
    expect((await list({ participant: studyId! })).sort()).toEqual(["consent.given", "participant.enroll", "participant.view"]);
    expect((await list({ participant: studyId!.replace(/-/g, "").toLowerCase() })).length).toBe(3);
    expect((await list({ participant: done.participantId })).length).toBe(3);
    expect(await list({ participant: "P-ZZZZ-ZZZZ" })).toEqual([]);
    const entries = (await listAuditEvents(admin, parseAuditQuery({ participant: studyId! }))).entries;
    expect(entries.every((e) => e.studyId === studyId)).toBe(true);
    expect(await list({ who: "participants", participant: studyId! })).toEqual(expect.arrayContaining(["consent.given", "participant.enroll"]));

    const today = new Date().toISOString().slice(0, 10);
    expect((await list({ who: admin.email, from: today, to: today })).length).toBe(2);
    expect(await list({ who: admin.email, to: "2000-01-01" })).toEqual([]);
  });

  it("exports every matching event in batches, audits the export, and refuses non-admins", async () => {
    const actor: StaffSession = { ...admin, email: `exporter-${uniqueId()}@example.org` };
    for (let i = 0; i < 5; i++) await recordAudit(actor, "staff.sign_in");
    const batches: number[] = [];
    for await (const batch of exportAuditEvents(admin, { who: actor.email }, 2)) batches.push(batch.length);
    expect(batches).toEqual([2, 2, 1]);
    expect(await (await db()).auditEvent.count({ where: { actorEmail: admin.email, action: "audit.export.csv" } })).toBeGreaterThanOrEqual(1);
    await expect(listAuditEvents(viewer, parseAuditQuery({}))).rejects.toBeInstanceOf(StaffForbiddenError);
    await expect(exportAuditEvents(viewer, {}).next()).rejects.toBeInstanceOf(StaffForbiddenError);
  });

  it("records staff sign-ins and refused passwords (with the email tried), and sign-outs; not attempts turned away before a check", async () => {
    const email = `Someone-${uniqueId()}@Example.org`;
    const created = await createStaffUser({ email, role: "viewer", password: "a-long-enough-password" });
    if (!created.ok) throw new Error("no staff account");
    await auditStaffSignIn(email, { ok: true, id: created.id });
    await auditStaffSignIn(email, { ok: false, reason: "invalid" });
    await auditStaffSignIn(email, { ok: false, reason: "wait", retryAt: new Date(Date.now() + 60_000) });
    await auditStaffSignIn(email, { ok: false, reason: "rate_limited" });
    await auditStaffSignIn(email, { ok: false, reason: "busy" });
    await auditStaffSignOut({ id: created.id, email: email.toLowerCase(), role: "viewer" });
    const events = await (await db()).auditEvent.findMany({ where: { actorEmail: email.toLowerCase() }, orderBy: { at: "asc" } });
    expect(events.map((e) => [e.action, e.actorId]).sort()).toEqual([
      ["staff.sign_in", created.id],
      ["staff.sign_in_refused", null],
      ["staff.sign_out", created.id],
    ]);
  });
});
