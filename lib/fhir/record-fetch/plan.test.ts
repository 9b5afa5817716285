import { describe, expect, it } from "vitest";
import { capabilitiesFrom } from "./capability";
import { grantFrom } from "./grant";
import { planFetch } from "./plan";

const capability = (types: Record<string, { params: string[]; required?: boolean }>) =>
  capabilitiesFrom({
    resourceType: "CapabilityStatement",
    rest: [
      {
        mode: "server",
        resource: Object.entries(types).map(([type, t]) => ({
          type,
          interaction: [{ code: "read" }, { code: "search-type" }],
          searchParam: t.params.map((name) => ({ name, ...(name === "category" && t.required ? { documentation: "Required: every search names a category." } : {}) })),
        })),
      },
    ],
  });

describe("planFetch", () => {
  it("searches the granted types the server lists, per category where the server requires one", () => {
    const caps = capability({ Observation: { params: ["patient", "category", "_lastUpdated", "_count"], required: true }, Condition: { params: ["patient", "category"] }, Patient: { params: ["_id"] } });
    const plan = planFetch({ fhirVersion: "4.0.1", grant: grantFrom("launch/patient patient/*.rs offline_access"), capabilities: caps });
    expect(plan.patient).toBe(true);
    expect(plan.searches.map((s) => s.key)).toEqual(["Condition", "Observation:laboratory", "Observation:vital-signs", "Observation:social-history", "Observation:survey", "Observation:exam"]);
    expect(plan.searches.find((s) => s.key === "Condition")).toMatchObject({ lastUpdated: false, count: false });
    expect(plan.searches.find((s) => s.key === "Observation:exam")).toMatchObject({ lastUpdated: true, count: true });
  });

  it("honours a narrow grant: one type, categories of a v2 scope, no Patient read", () => {
    const plan = planFetch({ fhirVersion: "4.0.1", grant: grantFrom("patient/Observation.rs?category=laboratory patient/Condition.read"), capabilities: null });
    expect(plan.patient).toBe(false);
    expect(plan.searches.map((s) => s.key)).toEqual(["Condition", "Observation:laboratory"]);
    expect(plan.referenceTypes).toEqual([]);
  });

  it("asks a DSTU2 server for MedicationOrder, and a v1 read grant searches and reads", () => {
    const plan = planFetch({ fhirVersion: "1.0.2", grant: grantFrom("patient/*.read"), capabilities: null });
    expect(plan.searches.map((s) => s.resourceType)).toContain("MedicationOrder");
    expect(plan.searches.map((s) => s.resourceType)).not.toContain("MedicationRequest");
    expect(plan.referenceTypes).toEqual(["Medication", "Practitioner", "Organization", "Location"]);
  });

  it("reads referenced types by _id search only where the server declares _id and the scope lets the sync search them", () => {
    const caps = capability({ Practitioner: { params: ["_id", "_count"] }, Organization: { params: ["_id"] }, Location: { params: ["name"] } });
    const wide = planFetch({ fhirVersion: "4.0.1", grant: grantFrom("launch/patient patient/*.rs offline_access"), capabilities: caps });
    expect(Object.fromEntries(wide.referenceSearch)).toEqual({ Practitioner: { count: true }, Organization: { count: false } });
    // Read without search (v2 `.r`): each is read by id.
    const readOnly = planFetch({ fhirVersion: "4.0.1", grant: grantFrom("patient/Observation.rs patient/Practitioner.r"), capabilities: caps });
    expect(readOnly.referenceTypes).toContain("Practitioner");
    expect(readOnly.referenceSearch.size).toBe(0);
    // Nothing known of the server: every reference is read by id.
    expect(planFetch({ fhirVersion: "4.0.1", grant: grantFrom("patient/*.rs"), capabilities: null }).referenceSearch.size).toBe(0);
  });

  it("knows offline_access from the granted scope", () => {
    expect(grantFrom("patient/*.read").offline).toBe(false);
    expect(grantFrom("patient/*.read offline_access").offline).toBe(true);
    expect(grantFrom("patient/Observation.read").canSearch("Condition")).toBe(false);
    // No scope in the token response: the scope asked for was granted (RFC 6749 §5.1).
    expect(grantFrom(null)).toMatchObject({ offline: true });
  });
});
