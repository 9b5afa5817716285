import { describe, expect, it } from "vitest";
import { detailsDiffer, ehrSaysUser, whoseRecordQuestion } from "./whose-record";

describe("what the EHR says about who signed in", () => {
  it.each([
    [{ patient: "smart-1288992", fhirUser: "Patient/smart-1288992" }, "self"],
    [{ patient: "smart-1288992", fhirUser: "https://ehr.example.org/fhir/Patient/smart-1288992" }, "self"],
    [{ patient: "smart-1032702", fhirUser: "Patient/smart-1288992" }, "other"],
    [{ patient: "smart-1032702", fhirUser: "https://ehr.example.org/fhir/RelatedPerson/rp-7/_history/2" }, "other"],
    [{ patient: "smart-1032702", fhirUser: "Practitioner/dr-1" }, "other"],
    [{ patient: "smart-1032702", fhirUser: "Person/p-1" }, "unknown"],
    [{ patient: "smart-1032702", fhirUser: "not a reference" }, "unknown"],
    [{ patient: "smart-1032702", fhirUser: undefined }, "unknown"],
    [{ patient: "smart-1032702", fhirUser: null }, "unknown"],
  ] as const)("%j → %s", (input, expected) => {
    expect(ehrSaysUser(input)).toBe(expected);
  });
});

describe("whether two Patients' details differ", () => {
  const daniel = { displayName: "Daniel X. Adams", birthDate: "1925-12-23" };
  it("the same person written differently does not differ", () => {
    expect(detailsDiffer(daniel, { displayName: "DANIEL ADAMS", birthDate: "1925-12-23" })).toBe(false);
    expect(detailsDiffer({ displayName: "José Núñez", birthDate: null }, { displayName: "Jose Nunez", birthDate: "1960-01-01" })).toBe(false);
    expect(detailsDiffer(daniel, { displayName: null, birthDate: null })).toBe(false);
    expect(detailsDiffer(daniel, { displayName: "Name not given", birthDate: "1925-12-23" })).toBe(false);
  });
  it("another name or another birth date differs", () => {
    expect(detailsDiffer(daniel, { displayName: "Amy V. Shaw", birthDate: "2007-03-20" })).toBe(true);
    expect(detailsDiffer(daniel, { displayName: "Daniel X. Adams", birthDate: "1925-12-24" })).toBe(true);
    expect(detailsDiffer(daniel, { displayName: "Daniel Smith", birthDate: null })).toBe(true);
  });
});

describe("the question asked after connecting", () => {
  const amy = { displayName: "Amy V. Shaw", birthDate: "2007-03-20" };
  const daniel = { displayName: "Daniel X. Adams", birthDate: "1925-12-23" };
  it("asks whose record when they said their own and the EHR says the user chose another person's", () => {
    expect(whoseRecordQuestion({ capacityAtConsent: "self", ehrSays: "other", record: amy, others: [] })).toBe("ehr-chose-other");
    // Acting for someone, as they said: nothing to ask.
    expect(whoseRecordQuestion({ capacityAtConsent: "representative", ehrSays: "other", record: amy, others: [] })).toBeNull();
  });
  it("when the EHR says nothing, asks only when the details differ from their other connections", () => {
    expect(whoseRecordQuestion({ capacityAtConsent: "self", ehrSays: "unknown", record: amy, others: [] })).toBeNull();
    expect(whoseRecordQuestion({ capacityAtConsent: "self", ehrSays: "unknown", record: amy, others: [daniel] })).toBe("details-differ");
    expect(whoseRecordQuestion({ capacityAtConsent: "self", ehrSays: "self", record: daniel, others: [daniel] })).toBeNull();
    expect(whoseRecordQuestion({ capacityAtConsent: "self", ehrSays: "unknown", record: null, others: [daniel] })).toBeNull();
  });
});
