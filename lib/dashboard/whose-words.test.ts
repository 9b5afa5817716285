import { describe, expect, it } from "vitest";
import { consentCapacityWords, whoseRecordWords } from "./whose-words";

describe("the capacity a participant consented in", () => {
  it.each([
    [{ consentCapacity: "self", representing: null }, "Their own record"],
    [{ consentCapacity: "representative", representing: " My mother, Ana Ruiz " }, "Someone they act for: My mother, Ana Ruiz"],
    [{ consentCapacity: "representative", representing: "" }, "Someone they act for: whom not given"],
    [{ consentCapacity: null, representing: null }, "Not recorded"],
  ])("%o", (input, words) => expect(consentCapacityWords(input)).toBe(words));
});

describe("whose record, for a connection the portal asked about", () => {
  const asked = { question: "details-differ", answer: null, representing: null, answeredAt: null };
  it("says nothing where nothing was asked", () => {
    expect(whoseRecordWords({ ...asked, question: null })).toBeNull();
  });
  it("says why it asked and what they answered, or that they have not", () => {
    expect(whoseRecordWords(asked)).toBe("Asked because the name or birth date differs from their other health systems' records; not answered yet.");
    expect(whoseRecordWords({ ...asked, question: "ehr-chose-other", answer: "representative", representing: "my son" })).toBe(
      "Asked because the health system said the person who signed in is not the patient; they answered: someone they act for (my son).",
    );
    expect(whoseRecordWords({ ...asked, answer: "not-mine" })).toContain("not theirs: sharing from this health system stopped");
    expect(whoseRecordWords({ ...asked, answer: "self" })).toContain("they answered: their own record.");
  });
});
