import { describe, expect, it } from "vitest";
import { describeGrantedData, grantedKinds, kindOf, kindWords, listWords } from "./scope-words";

describe("grantedKinds: what a granted scope lets the study read", () => {
  it.each([
    ["v1 wildcard", "launch/patient patient/*.read offline_access"],
    ["v2 wildcard", "launch/patient patient/*.rs offline_access"],
    ["v2 all permissions", "patient/*.cruds offline_access"],
    ["v1 star star", "patient/*.* offline_access"],
  ])("%s: the whole record, no part named", (_, scope) => {
    expect(grantedKinds(scope)).toEqual({ everything: true, kinds: [], ongoing: true });
  });

  it("v1 per-type scopes name only those parts", () => {
    expect(grantedKinds("patient/Patient.read patient/Observation.read patient/Immunization.read").kinds).toEqual(["details", "measurements", "vaccines"]);
  });

  it("v2 per-type scopes, with ?category= forms (code alone or system|code)", () => {
    const scope =
      "launch/patient patient/Patient.rs patient/Observation.rs?category=vital-signs " +
      "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|social-history patient/Condition.r offline_access";
    expect(grantedKinds(scope)).toEqual({ everything: false, kinds: ["details", "vital-signs", "social-history", "conditions"], ongoing: true });
  });

  it("a narrowed grant (medicines, allergies and lab results left out) never names them", () => {
    const words = describeGrantedData("launch/patient patient/Patient.rs patient/Observation.rs?category=vital-signs patient/Immunization.rs offline_access").join(" ");
    expect(words).toContain("Only these parts of your health record: your details (name, birth date, contact), vital signs (such as weight and blood pressure) and vaccines");
    expect(words).not.toMatch(/test results|allergies|medicines/);
  });

  it("a wildcard with a category filter is not the whole record", () => {
    expect(grantedKinds("patient/*.rs?category=laboratory")).toEqual({ everything: false, kinds: [], ongoing: false });
  });

  it("write-only and non-patient scopes share no data", () => {
    expect(grantedKinds("patient/Observation.c patient/*.write patient/Condition.cud user/*.read openid fhirUser").kinds).toEqual([]);
    expect(grantedKinds("patient/Observation.write").everything).toBe(false);
  });

  it("medicines of every FHIR version are one kind", () => {
    expect(grantedKinds("patient/MedicationOrder.read patient/MedicationRequest.rs patient/MedicationStatement.rs").kinds).toEqual(["medicines"]);
  });
});

describe("describeGrantedData", () => {
  it.each([
    ["launch/patient patient/*.read offline_access", ["Your health record: every part your health system lets the study see", "Ongoing updates"]],
    ["launch/patient patient/*.rs offline_access", ["Your health record: every part", "Ongoing updates"]],
    ["launch/patient patient/*.read", ["Your health record", "A one-time copy only"]],
    ["patient/Patient.read patient/Observation.read", ["Only these parts of your health record: your details (name, birth date, contact) and test results and measurements", "A one-time copy only"]],
    ["", []],
    [null, []],
  ])("%s", (scope, expected) => {
    const lines = describeGrantedData(scope);
    expect(lines).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(lines[i]).toContain(start));
  });

  it("never claims test results, allergies or medicines from a wildcard grant (they may have been unticked at the EHR)", () => {
    expect(describeGrantedData("launch/patient patient/*.rs offline_access").join(" ")).not.toMatch(/test results|allergies|medicines/);
  });
});

describe("words", () => {
  it("kinds of arrived resources", () => {
    expect(kindOf("Observation", "laboratory")).toBe("test-results");
    expect(kindOf("Observation", null)).toBe("measurements");
    expect(kindOf("Practitioner")).toBeNull();
    expect(kindWords(["allergies", "details", "allergies"])).toBe("your details (name, birth date, contact) and allergies");
    expect(listWords(["a", "b", "c"])).toBe("a, b and c");
  });
});
