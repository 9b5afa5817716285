/**
 * What a participant shared, in staff's words, from the scopes the EHR granted (SMART v1 `.read`
 * and v2 `.rs` alike): never the raw scope string ("launch/patient patient/*.rs offline_access").
 */

const TYPE_WORDS: Readonly<Record<string, string>> = {
  Patient: "personal details",
  Observation: "lab results and vital signs",
  Condition: "conditions",
  AllergyIntolerance: "allergies",
  MedicationOrder: "prescriptions",
  MedicationRequest: "prescriptions",
  MedicationStatement: "medicines taken",
  MedicationDispense: "medicines dispensed",
  MedicationAdministration: "medicines given",
  Medication: "medicine details",
  Immunization: "immunizations",
  Procedure: "procedures",
  Encounter: "visits",
  DocumentReference: "documents",
  DiagnosticReport: "test reports",
  CarePlan: "care plans",
  Goal: "goals",
  Coverage: "insurance",
  ExplanationOfBenefit: "claims",
  ImagingStudy: "imaging",
  Practitioner: "care team members",
};

/** Facts about a grant: what data, and whether updates keep coming. */
export type SharedData = { data: string; updates: string };

/** "Their whole record (everything the health system shares)" / "Only: conditions, allergies" and the update terms. */
export function describeSharedData(scope: string | null | undefined): SharedData {
  const scopes = new Set((scope ?? "").split(/\s+/).filter((s) => s !== "" && s.length <= 200));
  if (scopes.size === 0) return { data: "Not recorded", updates: "Not recorded" };
  const readable = [...scopes].map((s) => /^(patient|user)\/([A-Za-z*]+)\.(read|\*|[cruds]+)$/.exec(s)).filter((m) => m !== null && (m[3] === "read" || m[3] === "*" || m[3]!.includes("r") || m[3]!.includes("s")));
  const all = readable.some((m) => m![2] === "*");
  const types = [...new Set(readable.map((m) => m![2]!).filter((t) => t !== "*").map((t) => TYPE_WORDS[t] ?? t))];
  const data = all ? "Their whole record (everything the health system shares)" : types.length > 0 ? `Only: ${types.join(", ")}` : "No health data (sign-in only)";
  const updates = scopes.has("offline_access")
    ? "Ongoing: the study may fetch updates until sharing ends"
    : scopes.has("online_access")
      ? "Only while the participant is signed in at the health system"
      : "A one-time copy (no updates)";
  return { data, updates };
}
