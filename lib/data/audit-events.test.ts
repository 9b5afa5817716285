import { describe, expect, it } from "vitest";
import { db } from "../db";
import { StaffForbiddenError, type StaffSession } from "../staff/roles";
import { listAuditEvents } from "./audit-events";
import { participantSession } from "./callers";
import { exportParticipantRows, exportPatientResources } from "./dashboard-export";
import { recordConnectionRefresh } from "./dashboard-participant";
import { recordWithdrawal } from "./participants";
import { aHealthSystem, anAttempt, enrolled, tokensFor, uniqueId } from "./test-factories";

/** Audit events are written by lib/data itself, in the name of the caller it was given. */
const admin: StaffSession = { id: `staff-${uniqueId()}`, email: `admin-${uniqueId()}@example.org`, role: "admin" };
const viewer: StaffSession = { ...admin, role: "viewer" };

const eventsBy = async (actorEmail: string) =>
  (await db()).auditEvent.findMany({ where: { actorEmail }, orderBy: { at: "asc" }, select: { action: true, participantId: true, detail: true } });

describe("audit events, written by lib/data", () => {
  it("records an export, with its filters, before any row is read", async () => {
    const hs = await aHealthSystem();
    await exportParticipantRows(admin, { q: "ann", ehr: hs.id }); // not iterated
    await exportPatientResources(admin, { q: "", ehr: hs.id });
    expect(await eventsBy(admin.email)).toEqual([
      { action: "participants.export.csv", participantId: null, detail: JSON.stringify({ q: "ann", status: null, ehr: hs.id }) },
      { action: "patients.export.ndjson", participantId: null, detail: JSON.stringify({ q: "", status: null, ehr: hs.id }) },
    ]);
  });

  it("records a withdrawal in the participant's name, in the withdrawal's own transaction", async () => {
    const hs = await aHealthSystem();
    const done = await enrolled(await anAttempt(hs.id), tokensFor(`p-${uniqueId()}`));
    await recordWithdrawal(participantSession(done.participantId), { reason: null, keepSnapshot: false });
    const withdrawals = (await eventsBy(`participant:${done.participantId}`)).filter((e) => e.action === "participant.withdraw");
    expect(withdrawals).toEqual([{ action: "participant.withdraw", participantId: done.participantId, detail: null }]);
  });

  it("records a staff refresh with its outcome, and refuses a viewer", async () => {
    const staff = { ...admin, email: `coord-${uniqueId()}@example.org`, role: "coordinator" as const };
    await recordConnectionRefresh(staff, { id: "c1", participantId: "p1" }, { ok: false, message: "EHR down" });
    expect(await eventsBy(staff.email)).toEqual([{ action: "connection.refresh", participantId: "p1", detail: "c1: EHR down" }]);
    await expect(recordConnectionRefresh(viewer, { id: "c1", participantId: "p1" }, { ok: true, message: "" })).rejects.toBeInstanceOf(StaffForbiddenError);
  });

  it("records health systems added by an operator's script", async () => {
    const hs = await aHealthSystem();
    const { entries } = await listAuditEvents(admin);
    expect(entries.find((e) => e.action === "health_system.add" && e.detail === hs.fhirBaseUrl)?.actorEmail).toBe("operator:test");
  });
});
