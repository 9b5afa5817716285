import { describe, expect, it } from "vitest";
import { arrivedKinds } from "../enrollment/scope-words";
import { participantSession } from "./callers";
import { getMyArrivedParts } from "./participant-arrived";
import { aConnection, aHealthSystem, storedResources } from "./test-factories";

const observation = (id: string, category: string) => ({
  resourceType: "Observation",
  id,
  category: { coding: [{ system: "http://hl7.org/fhir/observation-category", code: category }] },
  status: "final",
});

describe("getMyArrivedParts: what of the record actually arrived", () => {
  it("names the types and Observation categories stored, not the unticked ones, nor referenced shared resources", async () => {
    const hs = await aHealthSystem();
    const connection = await aConnection(hs.id);
    // Medications, allergies and lab results unticked at the EHR: none of them arrive.
    await storedResources(connection.id, [
      { resourceType: "Patient", id: "p1" },
      observation("o1", "vital-signs"),
      observation("o2", "social-history"),
      { resourceType: "Immunization", id: "i1" },
      { resourceType: "Encounter", id: "e1" },
    ]);
    await storedResources(connection.id, [{ resourceType: "Practitioner", id: "dr1" }], { source: "reference" });
    const me = participantSession(connection.participantId);
    const parts = await getMyArrivedParts(me, hs.id);
    expect(arrivedKinds(parts)).toEqual(["details", "vital-signs", "social-history", "vaccines", "visits"]);
  });

  it("another participant's record is not theirs to see; nothing arrived yet is empty", async () => {
    const hs = await aHealthSystem();
    const mine = await aConnection(hs.id);
    const theirs = await aConnection(hs.id);
    await storedResources(theirs.id, [observation("x1", "laboratory"), { resourceType: "MedicationRequest", id: "m1" }]);
    expect(await getMyArrivedParts(participantSession(mine.participantId), hs.id)).toEqual([]);
  });
});
