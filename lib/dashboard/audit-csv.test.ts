import { describe, expect, it } from "vitest";
import { auditCsv } from "./audit-csv";

describe("audit log CSV", () => {
  it("writes words beside codes and neutralises formulas", () => {
    const csv = auditCsv(
      [{ id: "1", at: new Date("2026-11-28T14:05:00Z"), actorEmail: "=evil@example.org", action: "participant.view", participantId: "cabc", studyId: "P-0000-0001", detail: null }],
      { header: true },
    );
    const [header, row] = csv.split("\r\n");
    expect(header).toBe("at,who,action,what,study_participant_id,participant_id,detail");
    expect(row).toBe("2026-11-28T14:05:00.000Z,'=evil@example.org,participant.view,Viewed a participant's record,P-0000-0001,cabc,");
  });
});
