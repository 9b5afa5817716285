import { describe, expect, it } from "vitest";
import { participantSession } from "../data/callers";
import { aHealthSystem, anAttempt, uniqueId } from "../data/test-factories";
import { getMyWhoseRecordQuestion } from "../data/whose-record";
import { completeFromCallback } from "./complete";
import { enrollmentContext, type EnrollmentContext } from "./context";

/**
 * Issue 13, rule 1 through the callback: the token response's fhirUser (lib/smart reads it from the
 * id_token or the response) decides whether "Whose record did you share?" is asked. The scope does
 * not allow reading Patient, so no EHR is called.
 */
async function callback(fhirUser: string | undefined, patient: string) {
  const hs = await aHealthSystem();
  const store: EnrollmentContext = {
    attemptId: await anAttempt(hs.id),
    tokens: { accessToken: `access-${uniqueId()}`, tokenType: "Bearer", patient, scope: "launch/patient", ...(fhirUser && { fhirUser }) },
  };
  expect(await enrollmentContext.run(store, () => completeFromCallback())).toBe(true);
  return getMyWhoseRecordQuestion(participantSession(store.participantId!));
}

describe("the callback asks whose record it is from what the EHR says about the user", () => {
  it("asks when fhirUser names another Patient than the one connected", async () => {
    const amy = `amy-${uniqueId()}`;
    expect(await callback(`https://ehr.example.org/fhir/Patient/daniel-${uniqueId()}`, amy)).toMatchObject({ question: "ehr-chose-other" });
  });

  it("does not ask when fhirUser is the patient, or when the EHR says nothing (the S4S server, the sandbox)", async () => {
    const daniel = `daniel-${uniqueId()}`;
    expect(await callback(`Patient/${daniel}`, daniel)).toBeNull();
    expect(await callback(undefined, `amy-${uniqueId()}`)).toBeNull();
  });
});
