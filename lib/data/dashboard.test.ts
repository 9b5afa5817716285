import { describe, expect, it } from "vitest";
import { db } from "../db";
import { parseParticipantQuery } from "../dashboard/query";
import type { StaffSession } from "../staff/roles";
import { StaffForbiddenError } from "../staff/roles";
import { exportParticipantRows, exportPatientResources } from "./dashboard-export";
import { getParticipantForStaff } from "./dashboard-participant";
import { listParticipants } from "./dashboard-participants";
import { getDashboardTiles } from "./dashboard-tiles";
import { participantSession } from "./callers";
import { recordWithdrawal } from "./participants";
import { saveSnapshot } from "./snapshots";
import { aHealthSystem, anAttempt, enrolled, tokensFor, uniqueId } from "./test-factories";
import type { Patient } from "../fhir/types";

const admin: StaffSession = { id: "staff-admin", email: "admin@example.org", role: "admin" };
const viewer: StaffSession = { id: "staff-viewer", email: "viewer@example.org", role: "viewer" };

async function aParticipant(healthSystemId: string, family: string, given = "Ann", extra: Partial<Patient> = {}) {
  const patientId = `p-${uniqueId()}`;
  const done = await enrolled(await anAttempt(healthSystemId), tokensFor(patientId));
  const patient = { resourceType: "Patient" as const, id: patientId, name: [{ family, given: [given] }], gender: "female", birthDate: "1970-05-01", ...extra };
  await saveSnapshot(done.connectionId, { patient, raw: patient });
  return { ...done, patientId };
}

const query = (ehr: string, extra: Record<string, string> = {}) => parseParticipantQuery({ ehr, ...extra });

describe("the participant table", () => {
  it("searches names and patient ids case-insensitively, treating quotes, wildcards, unicode and long text as text", async () => {
    const hs = await aHealthSystem();
    const zoe = await aParticipant(hs.id, "ZÖLLNER");
    await aParticipant(hs.id, "O'Brien");
    await aParticipant(hs.id, "Percent%Sign");
    const names = async (q: string) => (await listParticipants(viewer, query(hs.id, { q }))).rows.map((r) => r.name);
    expect(await names("zöll")).toEqual(["Ann ZÖLLNER"]);
    expect(await names("zoll")).toEqual(["Ann ZÖLLNER"]);
    expect(await names(zoe.patientId.toUpperCase())).toEqual(["Ann ZÖLLNER"]);
    expect(await names("o'brien")).toEqual(["Ann O'Brien"]);
    // % and _ are never wildcards: a search of only those matches nothing, not everything.
    expect(await names("%")).toEqual([]);
    expect(await names("_")).toEqual([]);
    expect(await names("percent%sign")).toEqual(["Ann Percent%Sign"]);
    expect(await names("' OR 1=1 --")).toEqual([]);
    expect(await names("x".repeat(10_000))).toEqual([]);
  });

  it("finds a name in any order of its parts, with or without a comma, and by every identifier", async () => {
    const hs = await aHealthSystem();
    const amy = await aParticipant(hs.id, "Shaw", "Amy", {
      identifier: [{ type: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }] }, value: "MRN-778899" }],
    });
    await aParticipant(hs.id, "Shawn", "Amos");
    await aParticipant(hs.id, "Amy", "Shaw-Less"); // "Shaw-Less Amy": a different person with the same words
    const studyId = (await (await db()).participant.findUniqueOrThrow({ where: { id: amy.participantId } })).studyId!;
    const names = async (q: string) => (await listParticipants(viewer, query(hs.id, { q, sort: "name", dir: "asc" }))).rows.map((r) => r.name);
    // The cases: "amy shaw" and "Shaw, Amy" found nothing.
    for (const q of ["amy shaw", "Shaw, Amy", "SHAW amy", "amy  ,  shaw"]) expect(await names(q), q).toContain("Amy Shaw");
    expect(await names("shaw, amy")).not.toContain("Amos Shawn");
    expect(await names("778899")).toEqual(["Amy Shaw"]);
    expect(await names("mrn-778899")).toEqual(["Amy Shaw"]);
    expect(await names(amy.patientId)).toEqual(["Amy Shaw"]);
    expect(await names(studyId)).toEqual(["Amy Shaw"]);
    expect(await names(studyId.replace(/-/g, "").toLowerCase())).toEqual(["Amy Shaw"]);
    expect(await names("amy shaw nobody")).toEqual([]);
  });

  it("filters by status and EHR, sorts, and pages on the server with a total", async () => {
    const hs = await aHealthSystem();
    for (const family of ["Carter", "Adams", "Baker"]) await aParticipant(hs.id, family);
    const first = await listParticipants(viewer, query(hs.id, { sort: "name", dir: "asc", size: "25" }));
    expect(first.rows.map((r) => r.name)).toEqual(["Ann Adams", "Ann Baker", "Ann Carter"]);
    expect(first.total).toBe(3);
    const desc = await listParticipants(viewer, query(hs.id, { sort: "name", dir: "desc" }));
    expect(desc.rows[0]!.name).toBe("Ann Carter");
    expect((await listParticipants(viewer, query(hs.id, { status: "withdrawn" }))).total).toBe(0);
    expect((await listParticipants(viewer, query(hs.id, { page: "2" }))).rows).toEqual([]);
  });

  it("keeps a withdrawn participant in the table with the withdrawal date, without the deleted record", async () => {
    const hs = await aHealthSystem();
    const p = await aParticipant(hs.id, "Gone");
    await recordWithdrawal(participantSession(p.participantId), { reason: null, keepSnapshot: false });
    const { rows } = await listParticipants(viewer, query(hs.id, { status: "withdrawn" }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ participantId: p.participantId, name: null, status: "withdrawn" });
    expect(rows[0]!.withdrawnAt).toBeInstanceOf(Date);
    const tiles = await getDashboardTiles(viewer);
    expect(tiles.withdrawn).toBeGreaterThanOrEqual(1);
  });
});

describe("a participant's record for staff", () => {
  it("returns the Patient and connection facts without tokens, and audits the view", async () => {
    const hs = await aHealthSystem();
    const p = await aParticipant(hs.id, "Viewed");
    const detail = await getParticipantForStaff(viewer, p.participantId);
    expect(detail?.connections[0]?.snapshot?.patient?.id).toBe(p.patientId);
    expect(JSON.stringify(detail)).not.toMatch(/access-|refresh-/);
    const audit = await (await db()).auditEvent.findMany({ where: { participantId: p.participantId } });
    // The enrollment itself is in the log (consent and connection, by the participant), and the view.
    expect(audit.sort((a, b) => a.action.localeCompare(b.action))).toMatchObject([
      { action: "consent.given", actorEmail: `participant:${p.participantId}`, detail: "2026-11-v1" },
      { action: "participant.enroll", actorEmail: `participant:${p.participantId}` },
      { action: "participant.view", actorEmail: viewer.email, actorId: viewer.id },
    ]);
    expect(detail?.studyId).toMatch(/^P-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(detail?.name).toBe("Ann Viewed");
    expect(await getParticipantForStaff(viewer, "cnotaparticipant000000000")).toBeNull();
  });

  it("says whose record each participant shares: the capacity they consented in, and the answer where the portal asked", async () => {
    const hs = await aHealthSystem();
    const p = await aParticipant(hs.id, "Represented");
    const client = await db();
    await client.participant.update({ where: { id: p.participantId }, data: { consentCapacity: "representative", representing: "my father" } });
    const [connection] = await client.connection.findMany({ where: { participantId: p.participantId } });
    await client.connection.update({ where: { id: connection!.id }, data: { whoseRecordQuestion: "ehr-chose-other", whoseRecordAnswer: "representative", representing: "my father", whoseRecordAnsweredAt: new Date() } });
    const detail = await getParticipantForStaff(viewer, p.participantId);
    expect(detail).toMatchObject({ consentCapacity: "representative", representing: "my father" });
    expect(detail?.connections[0]?.whoseRecord).toMatchObject({ question: "ehr-chose-other", answer: "representative", representing: "my father" });
  });
});

describe("exports", () => {
  it("refuse viewers", async () => {
    await expect(exportParticipantRows(viewer, { q: "" })).rejects.toBeInstanceOf(StaffForbiddenError);
  });

  it("page through every row in batches, and give the stored Patient resources", async () => {
    const hs = await aHealthSystem();
    for (let i = 0; i < 5; i++) await aParticipant(hs.id, `Export${i}`);
    const batches = [];
    for await (const batch of await exportParticipantRows(admin, { q: "", ehr: hs.id }, 2)) batches.push(batch.length);
    expect(batches).toEqual([2, 2, 1]);
    const resources = [];
    for await (const batch of await exportPatientResources(admin, { q: "", ehr: hs.id }, 2)) resources.push(...batch);
    expect(resources.map((r) => JSON.parse(r).resourceType)).toEqual(Array(5).fill("Patient"));
  });
});
