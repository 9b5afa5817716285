/** R4 resources for the smart-v2 profile: the same facts as the DSTU2 ones, in R4 shape. */
import { displayName, isQuantity, type PatientRecord } from "../fixtures/facts";
import { concept, meta, narrative, observationCategory, quantity, type FhirResource } from "./resource";

const TERMINOLOGY = "http://terminology.hl7.org/CodeSystem";
const status = (system: string, code: string) => ({ coding: [{ system: `${TERMINOLOGY}/${system}`, code }] });

export function renderR4(record: PatientRecord): FhirResource[] {
  const d = record.demographics;
  const rid = (suffix: string) => `${d.id}-${suffix}`;
  const subject = { reference: `Patient/${d.id}` };
  const out: FhirResource[] = [
    {
      resourceType: "Patient",
      id: d.id,
      meta: meta(d, "patient"),
      text: narrative(displayName(d)),
      identifier: [
        {
          use: "usual",
          type: { coding: [{ system: `${TERMINOLOGY}/v2-0203`, code: "MR", display: "Medical record number" }], text: "Medical record number" },
          system: "http://hospital.smarthealthit.org",
          value: d.mrn,
        },
      ],
      active: true,
      name: [{ use: "official", family: d.family, given: d.given }],
      ...(d.email ? { telecom: [{ system: "email", value: d.email }] } : {}),
      gender: d.gender,
      birthDate: d.birthDate,
      address: [{ use: "home", ...d.address }],
    },
  ];
  for (const o of record.observations) {
    out.push({
      resourceType: "Observation",
      id: rid(o.id),
      meta: meta(d, observationCategory(o.category)),
      status: "final",
      category: [{ coding: [{ system: `${TERMINOLOGY}/observation-category`, code: o.category }] }],
      code: concept(o.code),
      subject,
      effectiveDateTime: o.date,
      ...(isQuantity(o.value) ? { valueQuantity: quantity(o.value.value, o.value.unit) } : { valueCodeableConcept: concept(o.value) }),
    });
  }
  for (const c of record.conditions) {
    out.push({
      resourceType: "Condition",
      id: rid(c.id),
      meta: meta(d, "problems"),
      clinicalStatus: status("condition-clinical", c.clinicalStatus),
      verificationStatus: status("condition-ver-status", "confirmed"),
      category: [status("condition-category", "problem-list-item")],
      code: concept(c.code),
      subject,
      onsetDateTime: c.onset,
      recordedDate: c.recorded,
    });
  }
  for (const a of record.allergies) {
    out.push({
      resourceType: "AllergyIntolerance",
      id: rid(a.id),
      meta: meta(d, "allergies"),
      clinicalStatus: status("allergyintolerance-clinical", "active"),
      verificationStatus: status("allergyintolerance-verification", "confirmed"),
      type: "allergy",
      category: [a.category],
      criticality: a.criticality,
      code: concept(a.substance),
      patient: subject,
      recordedDate: a.recorded,
      reaction: [{ manifestation: [concept(a.reaction)] }],
    });
  }
  for (const m of record.medications) {
    const common = { meta: meta(d, "medications"), status: m.status, medicationCodeableConcept: concept(m.medication), subject };
    out.push({ resourceType: "MedicationRequest", id: rid(m.id), ...common, intent: "order", authoredOn: m.written, dosageInstruction: [{ text: m.dosage }] });
    out.push({ resourceType: "MedicationStatement", id: rid(m.id), ...common, effectiveDateTime: m.written, dosage: [{ text: m.dosage }] });
  }
  for (const i of record.immunizations) {
    out.push({
      resourceType: "Immunization",
      id: rid(i.id),
      meta: meta(d, "immunizations"),
      status: "completed",
      vaccineCode: concept(i.vaccine),
      patient: subject,
      occurrenceDateTime: i.date,
      primarySource: true,
    });
  }
  return out;
}
