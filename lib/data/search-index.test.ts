import { describe, expect, it } from "vitest";
import { db } from "../db";
import { parseParticipantQuery } from "../dashboard/query";
import type { StaffSession } from "../staff/roles";
import { listParticipants } from "./dashboard-participants";
import { participantSession } from "./callers";
import { recordWithdrawal } from "./participants";
import { backfillSearchIndex } from "./search-index";
import { aConnection, aHealthSystem, uniqueId } from "./test-factories";

const viewer: StaffSession = { id: "staff-viewer", email: "viewer@example.org", role: "viewer" };

describe("the search index", () => {
  it("is brought up to date at start-up for rows stored before it existed, once", async () => {
    const hs = await aHealthSystem();
    const family = `Olden${uniqueId()}`;
    const c = await aConnection(hs.id, { patientId: `old-${uniqueId()}` });
    const patient = { resourceType: "Patient", id: c.patientId, name: [{ family: [family], given: ["Edith"] }], deceasedDateTime: "2001-02-03" };
    // As an older portal stored it: no study id, no tokens, the old search text.
    await (await db()).patientSnapshot.create({ data: { connectionId: c.id, resourceJson: JSON.stringify(patient), displayName: `Edith ${family}`, searchText: `edith ${family.toLowerCase()} ${c.patientId}` } });
    const found = async (q: string) => (await listParticipants(viewer, parseParticipantQuery({ ehr: hs.id, q }))).rows;
    expect(await found(`${family} edith`)).toEqual([]);

    const first = await backfillSearchIndex(2);
    expect(first.participants).toBeGreaterThanOrEqual(1);
    const [row] = await found(`${family}, Edith`);
    expect(row).toMatchObject({ connectionId: c.id, deceased: "2001-02-03" });
    expect(row!.studyId).toMatch(/^P-/);
    expect(await found(row!.studyId!)).toHaveLength(1);
    expect(await found(c.patientId)).toHaveLength(1);

    const again = await backfillSearchIndex();
    expect(again).toMatchObject({ participants: 0, connections: 0 });
  });

  it("forgets the names of a participant who withdrew under the delete policy, keeping the study's ids searchable", async () => {
    const hs = await aHealthSystem();
    const c = await aConnection(hs.id, { patientId: `gone-${uniqueId()}` });
    await (await db()).patientSnapshot.create({ data: { connectionId: c.id, resourceJson: JSON.stringify({ resourceType: "Patient", id: c.patientId, name: [{ family: "Forgotten", given: ["Fay"] }] }), displayName: "Fay Forgotten", searchText: "" } });
    await backfillSearchIndex();
    await recordWithdrawal(participantSession(c.participantId), { reason: null, keepSnapshot: false });
    const found = async (q: string) => (await listParticipants(viewer, parseParticipantQuery({ ehr: hs.id, q }))).rows.length;
    expect(await found("fay forgotten")).toBe(0);
    expect(await found(c.patientId)).toBe(1);
  });
});
