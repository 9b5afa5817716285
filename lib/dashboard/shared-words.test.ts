import { describe, expect, it } from "vitest";
import { describeSharedData } from "./shared-words";

describe("describeSharedData", () => {
  it.each([
    ["launch/patient patient/*.read offline_access", "Their whole record (everything the health system shares)", "Ongoing: the study may fetch updates until sharing ends"],
    ["launch/patient patient/*.rs offline_access", "Their whole record (everything the health system shares)", "Ongoing: the study may fetch updates until sharing ends"],
    ["patient/Condition.rs patient/AllergyIntolerance.read patient/Observation.rs", "Only: conditions, allergies, lab results and vital signs", "A one-time copy (no updates)"],
    ["launch/patient online_access", "No health data (sign-in only)", "Only while the participant is signed in at the health system"],
    ["patient/Patient.c", "No health data (sign-in only)", "A one-time copy (no updates)"],
    ["patient/Foo.read", "Only: Foo", "A one-time copy (no updates)"],
    ["", "Not recorded", "Not recorded"],
    [null, "Not recorded", "Not recorded"],
  ])("%j", (scope, data, updates) => {
    expect(describeSharedData(scope)).toEqual({ data, updates });
  });
});
