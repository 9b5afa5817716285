import { z } from "zod";
import { isFhirId } from "../ehr-http/fhir-id";
import { MAX_NARRATIVE_INPUT } from "./narrative";
import { MAX_LIST_LENGTH, clip } from "./text";
import type { Patient } from "./types";

/** The one FHIR-id check (lib/ehr-http): FHIR's pattern, never only dots. */
export { FHIR_ID_PATTERN, isFhirId } from "../ehr-http/fhir-id";

// Lenient building blocks: a value of the wrong type becomes `undefined` instead of failing
// the whole resource; strings are bounded; lists keep their well-formed elements only.
const str = (max?: number) =>
  z
    .string()
    .transform((s) => clip(s, max))
    .optional()
    .catch(undefined);
const bool = z.boolean().optional().catch(undefined);
const num = z.number().finite().optional().catch(undefined);

function listOf<T extends z.ZodType>(item: T) {
  return z
    .unknown()
    .transform((value): z.output<T>[] | undefined => {
      if (!Array.isArray(value)) {
        return undefined;
      }
      const out: z.output<T>[] = [];
      for (const element of value.slice(0, MAX_LIST_LENGTH)) {
        const parsed = item.safeParse(element);
        if (parsed.success && parsed.data !== undefined) {
          out.push(parsed.data);
        }
      }
      return out;
    })
    .optional();
}

const strings = listOf(z.string().transform((s) => clip(s)));
const period = z.object({ start: str(), end: str() }).optional().catch(undefined);
const coding = z.object({ system: str(), version: str(), code: str(), display: str(), userSelected: bool });
const codeableConcept = z.object({ coding: listOf(coding), text: str() });
const reference = z.object({ reference: str(), display: str() });

/** DSTU2 `family: string[]` or R4 `family: string`; anything else is absent. */
const family = z
  .unknown()
  .transform((value): string | string[] | undefined =>
    typeof value === "string" ? clip(value) : strings.parse(Array.isArray(value) ? value : undefined),
  )
  .optional();

const humanName = z.object({
  use: str(),
  text: str(),
  family,
  given: strings,
  prefix: strings,
  suffix: strings,
  period,
});

const contactPoint = z.object({ system: str(), value: str(), use: str(), rank: num, period });

const address = z.object({
  use: str(),
  type: str(),
  text: str(),
  line: strings,
  city: str(),
  district: str(),
  state: str(),
  postalCode: str(),
  country: str(),
  period,
});

const identifier = z.object({
  use: str(),
  type: codeableConcept.optional().catch(undefined),
  system: str(),
  value: str(),
  period,
  assigner: reference.optional().catch(undefined),
});

const communication = z.object({ language: codeableConcept.optional().catch(undefined), preferred: bool });

/**
 * A Patient resource (DSTU2 or R4) from a foreign EHR. `resourceType` must be "Patient" and `id`
 * a FHIR id; the elements we format are parsed defensively (wrong types become absent, strings
 * are bounded to 1,000 characters, the narrative div to 200 kB, lists to 100 elements, unknown
 * sub-elements such as extensions are dropped); unknown top-level elements pass through unchanged.
 */
export const patientSchema = z.looseObject({
  resourceType: z.literal("Patient"),
  id: z.string().refine(isFhirId),
  text: z.object({ status: str(), div: str(MAX_NARRATIVE_INPUT) }).optional().catch(undefined),
  identifier: listOf(identifier),
  active: bool,
  name: listOf(humanName),
  telecom: listOf(contactPoint),
  gender: str(64),
  birthDate: str(64),
  deceasedBoolean: bool,
  deceasedDateTime: str(64),
  address: listOf(address),
  maritalStatus: codeableConcept.optional().catch(undefined),
  communication: listOf(communication),
  managingOrganization: reference.optional().catch(undefined),
});

/** The result of {@link parsePatient}. */
export type ParsePatientResult = { ok: true; patient: Patient } | { ok: false; message: string };

/**
 * Validates untrusted JSON as a Patient resource (see {@link patientSchema}). The message of a
 * failure is plain language and never repeats the foreign content.
 */
export function parsePatient(json: unknown): ParsePatientResult {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { ok: false, message: "The health system's answer is not a FHIR resource." };
  }
  const resourceType: unknown = (json as Record<string, unknown>).resourceType;
  if (resourceType === "OperationOutcome") {
    return { ok: false, message: "The health system answered with an error report instead of the patient's record." };
  }
  if (resourceType !== "Patient") {
    return { ok: false, message: "The health system's answer is not a Patient resource." };
  }
  const parsed = patientSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, message: "The Patient resource has no valid id." };
  }
  const patient: Patient = parsed.data;
  return { ok: true, patient };
}
