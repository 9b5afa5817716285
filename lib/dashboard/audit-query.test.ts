import { describe, expect, it } from "vitest";
import { auditQueryString, auditTimeRange, parseAuditQuery } from "./audit-query";

describe("audit log filters", () => {
  it("keeps good filters and drops bad ones", () => {
    expect(parseAuditQuery({ who: " Admin@Example.org ", what: "participant.view", participant: "P-4K7M-Q2XD", from: "2026-11-01", to: "2026-11-30", page: "2" })).toEqual({
      who: "admin@example.org", what: "participant.view", participant: "P-4K7M-Q2XD", from: "2026-11-01", to: "2026-11-30", page: 2,
    });
    expect(parseAuditQuery({ who: "'; drop", what: "everything", participant: "../x", from: "2026-13-45", to: "yesterday", page: "-1" })).toEqual({
      who: undefined, what: undefined, participant: undefined, from: undefined, to: undefined, page: 1,
    });
    expect(parseAuditQuery({ who: "participants" }).who).toBe("participants");
  });

  it("builds links and an inclusive UTC range", () => {
    const q = parseAuditQuery({ what: "staff.sign_in", from: "2026-11-01", to: "2026-11-02" });
    expect(auditQueryString(q, { page: 3 })).toBe("?what=staff.sign_in&from=2026-11-01&to=2026-11-02&page=3");
    expect(auditTimeRange(q)).toEqual({ gte: new Date("2026-11-01T00:00:00Z"), lt: new Date("2026-11-03T00:00:00Z") });
    expect(auditTimeRange({})).toEqual({});
  });
});
