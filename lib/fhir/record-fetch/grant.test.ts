import { describe, expect, it } from "vitest";
import { grantFrom } from "./grant";

describe("what a granted scope lets the sync do", () => {
  it("reads SMART v1 and v2 forms, wildcards and user scopes alike", () => {
    const v1 = grantFrom("launch/patient patient/*.read");
    expect([v1.canSearch("Condition"), v1.canRead("Condition"), v1.categoriesOf("Condition")]).toEqual([true, true, null]);
    const v2 = grantFrom("user/Observation.rs patient/Patient.r");
    expect([v2.canSearch("Observation"), v2.canRead("Observation"), v2.canSearch("Patient"), v2.canRead("Patient"), v2.canRead("Condition")]).toEqual([true, true, false, true, false]);
  });

  it("limits a type to the categories its v2 scopes name, sorted, once each; a category scope grants no read by id", () => {
    const grant = grantFrom("patient/Observation.rs?category=vital-signs patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory patient/Observation.s?category=vital-signs");
    expect(grant.categoriesOf("Observation")).toEqual(["laboratory", "vital-signs"]);
    expect(grant.canSearch("Observation")).toBe(true);
    expect(grant.canRead("Observation")).toBe(false);
    expect(grant.categoriesOf("Condition")).toBeNull();
  });

  it("grants the whole type when any scope for it has no category, and ignores scopes it cannot search with", () => {
    expect(grantFrom("patient/Observation.rs?category=laboratory patient/*.rs").categoriesOf("Observation")).toBeNull();
    expect(grantFrom("patient/Observation.r?category=laboratory").categoriesOf("Observation")).toBeNull();
    expect(grantFrom("patient/Observation.r?category=laboratory").canSearch("Observation")).toBe(false);
  });

  it("grants nothing for scopes it does not understand", () => {
    const grant = grantFrom("patient/Observation.rs?code=1234 patient/Condition.write openid fhirUser");
    expect([grant.canSearch("Observation"), grant.canRead("Observation"), grant.canSearch("Condition"), grant.canRead("Condition"), grant.offline]).toEqual([false, false, false, false, false]);
  });
});
