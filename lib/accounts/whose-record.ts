/**
 * "Whose record is this?" (pure). After connecting, the portal asks the participant when it has a
 * reason to doubt that the record is the one they said they share:
 *
 * - "ehr-chose-other": they said at consent they share their own record, but the EHR says the
 *   person who signed in there is not the patient it connected (SMART's `fhirUser`, from the
 *   id_token or the token response: `Patient/<another id>`, a RelatedPerson or a Practitioner).
 *   Many EHRs say nothing about who signed in (the S4S server's token response carries only
 *   `patient`, and so does the sandbox): then the portal cannot know, and the next rule decides.
 * - "details-differ": the Patient's name or birth date differs from their other connections'.
 */
import { NAME_NOT_GIVEN } from "../fhir/names";

export type EhrSaysUser = "self" | "other" | "unknown";
export type WhoseRecordQuestion = "ehr-chose-other" | "details-differ";
export type WhoseRecordAnswer = "self" | "representative" | "not-mine";
export const WHOSE_RECORD_QUESTIONS: readonly WhoseRecordQuestion[] = ["ehr-chose-other", "details-differ"];

/** `Patient/123`, `https://ehr.example.org/fhir/Patient/123` or `Patient/123/_history/2`: type and id. */
function reference(fhirUser: string): { type: string; id: string } | null {
  const match = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(fhirUser.trim());
  return match ? { type: match[1]!, id: match[2]! } : null;
}

/**
 * What the EHR says about the signed-in user, compared with the patient the token names. A Person
 * (who may be the patient) or anything unreadable says nothing.
 */
export function ehrSaysUser({ patient, fhirUser }: { patient: string; fhirUser?: string | null }): EhrSaysUser {
  const user = fhirUser ? reference(fhirUser) : null;
  if (!user) return "unknown";
  if (user.type === "Patient") return user.id === patient ? "self" : "other";
  return user.type === "RelatedPerson" || user.type === "Practitioner" ? "other" : "unknown";
}

export type PersonDetails = { displayName: string | null; birthDate: string | null };

/** A name's first and last words, lower-cased without accents or punctuation ("Daniel X. Adams" → daniel, adams). */
function nameKey(displayName: string | null): { first: string; last: string } | null {
  if (!displayName || displayName === NAME_NOT_GIVEN) return null;
  const words = displayName
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
  return words.length === 0 ? null : { first: words[0]!, last: words[words.length - 1]! };
}

/** Whether two Patients' name (first and last word) or birth date differ; what is missing is no difference. */
export function detailsDiffer(a: PersonDetails, b: PersonDetails): boolean {
  if (a.birthDate && b.birthDate && a.birthDate.slice(0, 10) !== b.birthDate.slice(0, 10)) return true;
  const x = nameKey(a.displayName);
  const y = nameKey(b.displayName);
  return Boolean(x && y && (x.first !== y.first || x.last !== y.last));
}

/** The question to ask after connecting, or null. `others`: their other live connections of their own record. */
export function whoseRecordQuestion(input: { capacityAtConsent: string | null; ehrSays: EhrSaysUser; record: PersonDetails | null; others: PersonDetails[] }): WhoseRecordQuestion | null {
  if (input.capacityAtConsent !== "representative" && input.ehrSays === "other") return "ehr-chose-other";
  const record = input.record;
  if (record && input.others.some((other) => detailsDiffer(record, other))) return "details-differ";
  return null;
}
