import { describe, expect, it } from "vitest";
import { newStudyParticipantId } from "./participant-id";

describe("study participant id", () => {
  it("is P- and two groups of four unambiguous characters", () => {
    for (let i = 0; i < 200; i++) expect(newStudyParticipantId()).toMatch(/^P-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(newStudyParticipantId(() => Buffer.from([0, 1, 2, 31, 32, 33, 255, 10]))).toBe("P-012Z-01ZA");
  });
});
