import { describe, expect, it } from "vitest";
import { auditActionWords, auditDetailWords } from "./actions";

describe("the audit log in plain words", () => {
  it("names every action in words, and shows an unknown one as recorded", () => {
    expect(auditActionWords("participant.view")).toBe("Viewed a participant's record");
    expect(auditActionWords("something.new")).toBe("something.new");
  });

  it.each([
    ["participants.export.csv", '{"q":"ross","status":"connected","ehr":null}', 'Filters: search "ross", status Connected'],
    ["participants.export.csv", '{"q":"","status":null,"ehr":null}', "Everything (no filters)"],
    ["audit.export.csv", '{"who":"a@b.org","what":"participant.view","from":"2026-11-01"}', 'Filters: by a@b.org, action "Viewed a participant\'s record", from 2026-11-01'],
    ["participants.export.csv", "{not json", "{not json"],
    ["connection.refresh", "cabc123: ok", "The record was refreshed."],
    ["connection.refresh", "cabc123: Needs reconnecting — revoked", "It failed: Needs reconnecting — revoked"],
    ["consent.given", "2026-11-v1", "Consent version 2026-11-v1"],
    ["health_system.add", "https://ehr.example/fhir", "https://ehr.example/fhir"],
    ["participant.view", null, ""],
  ])("%s %j → %j", (action, detail, words) => {
    expect(auditDetailWords(action, detail)).toBe(words);
  });
});
