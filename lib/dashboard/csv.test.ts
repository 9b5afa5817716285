import { describe, expect, it } from "vitest";
import type { ParticipantRow } from "../data/dashboard-participants";
import { neutraliseCell, participantCsv } from "./csv";
import { batchesToText, textStream } from "./stream";

const row = (overrides: Partial<ParticipantRow> = {}): ParticipantRow => ({
  participantId: "p1",
  studyId: "P-0000-0001",
  connectionId: "c1",
  withdrawnAt: null,
  name: "Daniel Adams",
  gender: "male",
  birthDate: "1925-12-23",
  city: "Tulsa",
  state: "OK",
  patientId: "smart-1",
  healthSystemId: "h1",
  healthSystemName: "S4S",
  status: "connected",
  connectedAt: new Date("2026-11-01T00:00:00Z"),
  lastSyncAt: null,
  recordSyncedAt: null,
  sharingEndsAt: null,
  deceased: null,
  statusReason: null,
  lastError: null,
  lastErrorAt: null,
  ...overrides,
});

describe("CSV export", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")'])("neutralises %j", (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`);
  });

  it("leaves ordinary text alone", () => {
    expect(neutraliseCell("Daniel = Adams")).toBe("Daniel = Adams");
  });

  it("quotes commas, quotes and newlines and neutralises formulas inside rows", () => {
    const csv = participantCsv([row({ name: '=cmd|"/c calc"!A1', city: "Tulsa, OK\nUSA", lastError: "=2+2" })], { header: true });
    const [header, ...rest] = csv.split("\r\n");
    expect(header).toMatch(/^participant_id,study_participant_id,name,/);
    expect(header).toContain("last_complete_sync,sharing_ends,last_error");
    expect(rest.join("\r\n")).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(rest.join("\r\n")).toContain('"Tulsa, OK\nUSA"');
    expect(rest.join("\r\n")).toContain(",unknown,'=2+2,");
  });

  it("streams batches as they are pulled, header first", async () => {
    async function* batches() {
      yield [row({ participantId: "a" })];
      yield [row({ participantId: "b" })];
    }
    const stream = textStream(batchesToText(batches(), (rows, first) => participantCsv(rows, { header: first })));
    const text = await new Response(stream).text();
    expect(text.split("\r\n").filter(Boolean).map((l) => l.split(",")[0])).toEqual(["participant_id", "a", "b"]);
  });
});
