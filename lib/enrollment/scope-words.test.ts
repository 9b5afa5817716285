import { describe, expect, it } from "vitest";
import { describeGrantedData } from "./scope-words";

describe("describeGrantedData", () => {
  it.each([
    ["launch/patient patient/*.read offline_access", ["Your health record", "Ongoing updates"]],
    ["launch/patient patient/*.rs offline_access", ["Your health record", "Ongoing updates"]],
    ["launch/patient patient/*.read", ["Your health record", "A one-time copy only"]],
    ["patient/Patient.read patient/Observation.read", ["Parts of your health record: Patient, Observation", "A one-time copy only"]],
    ["", []],
    [null, []],
  ])("%s", (scope, expected) => {
    const lines = describeGrantedData(scope);
    expect(lines).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(lines[i]).toContain(start));
  });
});
