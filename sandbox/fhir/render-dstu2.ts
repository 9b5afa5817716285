/** DSTU2 resources, as the S4S stack's HAPI server holds them (Daniel Adams' Patient is the walkthrough's, exactly). */
import { displayName, isQuantity, type PatientRecord } from "../fixtures/facts";
import { concept, meta, narrative, observationCategory, quantity, type FhirResource } from "./resource";

export function renderDstu2(record: PatientRecord): FhirResource[] {
  const d = record.demographics;
  const rid = (suffix: string) => `${d.id}-${suffix}`;
  const patient = { reference: `Patient/${d.id}` };
  const out: FhirResource[] = [
    {
      resourceType: "Patient",
      id: d.id,
      meta: meta(d, "patient"),
      text: narrative(displayName(d)),
      identifier: [
        {
          use: "usual",
          type: {
            coding: [{ system: "http://hl7.org/fhir/v2/0203", code: "MR", display: "Medical record number" }],
            text: "Medical record number",
          },
          system: "http://hospital.smarthealthit.org",
          value: d.mrn,
        },
      ],
      active: true,
      name: [{ use: "official", family: [d.family], given: d.given }],
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
      category: { coding: [{ system: "http://hl7.org/fhir/observation-category", code: o.category }] },
      code: concept(o.code),
      subject: patient,
      effectiveDateTime: o.date,
      ...(isQuantity(o.value) ? { valueQuantity: quantity(o.value.value, o.value.unit) } : { valueCodeableConcept: concept(o.value) }),
    });
  }
  for (const c of record.conditions) {
    out.push({
      resourceType: "Condition",
      id: rid(c.id),
      meta: meta(d, "problems"),
      patient,
      code: concept(c.code),
      category: { coding: [{ system: "http://hl7.org/fhir/condition-category", code: "diagnosis" }] },
      clinicalStatus: c.clinicalStatus,
      verificationStatus: "confirmed",
      onsetDateTime: c.onset,
      dateRecorded: c.recorded,
    });
  }
  for (const a of record.allergies) {
    out.push({
      resourceType: "AllergyIntolerance",
      id: rid(a.id),
      meta: meta(d, "allergies"),
      patient,
      substance: concept(a.substance),
      status: "confirmed",
      criticality: a.criticality === "high" ? "CRITH" : "CRITL",
      type: "allergy",
      category: a.category,
      recordedDate: a.recorded,
      reaction: [{ manifestation: [concept(a.reaction)] }],
    });
  }
  for (const m of record.medications) {
    const common = { meta: meta(d, "medications"), patient, status: m.status, medicationCodeableConcept: concept(m.medication) };
    out.push({ resourceType: "MedicationOrder", id: rid(m.id), ...common, dateWritten: m.written, dosageInstruction: [{ text: m.dosage }] });
    out.push({ resourceType: "MedicationStatement", id: rid(m.id), ...common, effectiveDateTime: m.written, dosage: [{ text: m.dosage }] });
  }
  for (const i of record.immunizations) {
    out.push({
      resourceType: "Immunization",
      id: rid(i.id),
      meta: meta(d, "immunizations"),
      patient,
      status: "completed",
      date: i.date,
      vaccineCode: concept(i.vaccine),
      wasNotGiven: false,
      reported: false,
    });
  }
  return out;
}
