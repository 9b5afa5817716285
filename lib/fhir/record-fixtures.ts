/**
 * Realistic clinical resources for tests and benchmarks, in both shapes the portal stores: R4
 * (4.0.1) and DSTU2 (1.0.2) as a DSTU2 server (the S4S reference server) sends them. Each call
 * gives resource `n` of a patient's record, cycling through vitals, labs, conditions,
 * medications, allergies, immunizations, encounters, procedures and documents. Pure.
 */
type Resource = { resourceType: string; id: string } & Record<string, unknown>;

const day = (n: number) => new Date(Date.UTC(2018, 0, 1) + (n % 2500) * 86_400_000).toISOString().slice(0, 10);
const loinc = (code: string, display: string) => ({ coding: [{ system: "http://loinc.org", code, display }], text: display });
const snomed = (code: string, display: string) => ({ coding: [{ system: "http://snomed.info/sct", code, display }], text: display });
const rxnorm = (code: string, display: string) => ({ coding: [{ system: "http://www.nlm.nih.gov/research/umls/rxnorm", code, display }], text: display });
const narrative = (text: string) => ({ status: "generated", div: `<div xmlns="http://www.w3.org/1999/xhtml">${text}</div>` });

const LABS = [
  { code: "2339-0", display: "Glucose [Mass/volume] in Blood", unit: "mg/dL", low: 70, high: 99, base: 92 },
  { code: "718-7", display: "Hemoglobin [Mass/volume] in Blood", unit: "g/dL", low: 12, high: 17.5, base: 14.1 },
  { code: "2093-3", display: "Cholesterol [Mass/volume] in Serum or Plasma", unit: "mg/dL", low: 0, high: 200, base: 187 },
  { code: "4548-4", display: "Hemoglobin A1c/Hemoglobin.total in Blood", unit: "%", low: 4, high: 5.6, base: 5.4 },
];

function r4(patientId: string, n: number): Resource {
  const subject = { reference: `Patient/${patientId}` };
  const id = `r4-${n}`;
  const meta = { versionId: "1", lastUpdated: `${day(n)}T10:15:00.000Z` };
  switch (n % 9) {
    case 0:
    case 1: {
      const lab = LABS[n % LABS.length]!;
      const value = Math.round((lab.base + ((n * 7) % 13) - 6) * 10) / 10;
      return {
        resourceType: "Observation", id, meta, status: "final",
        category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "laboratory", display: "Laboratory" }] }],
        code: loinc(lab.code, lab.display), subject, effectiveDateTime: `${day(n)}T09:30:00-05:00`, issued: `${day(n)}T14:02:11.000-05:00`,
        valueQuantity: { value, unit: lab.unit, system: "http://unitsofmeasure.org", code: lab.unit },
        referenceRange: [{ low: { value: lab.low, unit: lab.unit }, high: { value: lab.high, unit: lab.unit }, text: `${lab.low}-${lab.high} ${lab.unit}` }],
        ...(value > lab.high && { interpretation: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", code: "H", display: "High" }] }] }),
      };
    }
    case 2:
      return {
        resourceType: "Observation", id, meta, status: "final",
        category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "vital-signs", display: "Vital Signs" }] }],
        code: loinc("85354-9", "Blood pressure panel with all children optional"), subject, effectiveDateTime: `${day(n)}T08:45:00-05:00`,
        component: [
          { code: loinc("8480-6", "Systolic blood pressure"), valueQuantity: { value: 118 + (n % 25), unit: "mm[Hg]", system: "http://unitsofmeasure.org", code: "mm[Hg]" } },
          { code: loinc("8462-4", "Diastolic blood pressure"), valueQuantity: { value: 72 + (n % 15), unit: "mm[Hg]", system: "http://unitsofmeasure.org", code: "mm[Hg]" } },
        ],
      };
    case 3:
      return {
        resourceType: "Condition", id, meta, text: narrative("Essential hypertension"),
        clinicalStatus: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-clinical", code: "active" }] },
        verificationStatus: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-ver-status", code: "confirmed" }] },
        category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/condition-category", code: "problem-list-item", display: "Problem List Item" }] }],
        code: snomed("59621000", "Essential hypertension"), subject, onsetDateTime: `${day(n)}`, recordedDate: `${day(n + 3)}`,
      };
    case 4:
      return {
        resourceType: "MedicationRequest", id, meta, status: "active", intent: "order", subject, authoredOn: `${day(n)}T11:00:00-05:00`,
        medicationCodeableConcept: rxnorm("314076", "lisinopril 10 MG Oral Tablet"),
        requester: { reference: "Practitioner/pr-1", display: "Dr. Maria Garcia" },
        dosageInstruction: [{ text: "Take 1 tablet by mouth once a day", timing: { repeat: { frequency: 1, period: 1, periodUnit: "d" } } }],
        dispenseRequest: { numberOfRepeatsAllowed: 3, quantity: { value: 30, unit: "tablet" } },
      };
    case 5:
      return {
        resourceType: "AllergyIntolerance", id, meta, patient: subject, recordedDate: `${day(n)}`,
        clinicalStatus: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", code: "active" }] },
        verificationStatus: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", code: "confirmed" }] },
        type: "allergy", category: ["medication"], criticality: "high", code: rxnorm("7980", "Penicillin G"),
        reaction: [{ manifestation: [snomed("247472004", "Hives")], severity: "moderate" }],
      };
    case 6:
      return {
        resourceType: "Immunization", id, meta, status: "completed", patient: subject, occurrenceDateTime: `${day(n)}`, primarySource: true,
        vaccineCode: { coding: [{ system: "http://hl7.org/fhir/sid/cvx", code: "140", display: "Influenza, seasonal, injectable, preservative free" }] },
        lotNumber: `LOT${1000 + (n % 9000)}`, site: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActSite", code: "LA", display: "left arm" }] },
      };
    case 7:
      return {
        resourceType: "Encounter", id, meta, status: "finished",
        class: { system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "AMB", display: "ambulatory" },
        type: [snomed("185349003", "Encounter for check up")], subject,
        period: { start: `${day(n)}T09:00:00-05:00`, end: `${day(n)}T09:40:00-05:00` },
        participant: [{ individual: { reference: "Practitioner/pr-1", display: "Dr. Maria Garcia" } }],
        serviceProvider: { reference: "Organization/org-1", display: "Tulsa Family Clinic" },
      };
    default:
      return {
        resourceType: "DocumentReference", id, meta, status: "current", subject, date: `${day(n)}T16:20:00-05:00`,
        type: loinc("11506-3", "Progress note"), description: "Office visit note",
        content: [{ attachment: { contentType: "text/plain", url: `Binary/doc-${n}`, title: "Progress note", creation: `${day(n)}` } }],
      };
  }
}

function dstu2(patientId: string, n: number): Resource {
  const patient = { reference: `Patient/${patientId}` };
  const id = `dstu2-${n}`;
  const meta = { versionId: "1", lastUpdated: `${day(n)}T10:15:00.000+00:00` };
  switch (n % 6) {
    case 0:
    case 1: {
      const lab = LABS[n % LABS.length]!;
      return {
        resourceType: "Observation", id, meta, status: "final",
        category: { coding: [{ system: "http://hl7.org/fhir/observation-category", code: "laboratory" }] },
        code: loinc(lab.code, lab.display), subject: patient, effectiveDateTime: `${day(n)}T09:30:00-05:00`,
        valueQuantity: { value: lab.base, unit: lab.unit, system: "http://unitsofmeasure.org", code: lab.unit },
        referenceRange: [{ low: { value: lab.low, unit: lab.unit }, high: { value: lab.high, unit: lab.unit } }],
      };
    }
    case 2:
      return {
        resourceType: "Condition", id, meta, patient, code: snomed("44054006", "Diabetes mellitus type 2"),
        clinicalStatus: "active", verificationStatus: "confirmed", category: { coding: [{ system: "http://hl7.org/fhir/condition-category", code: "diagnosis" }] },
        onsetDateTime: `${day(n)}`, dateRecorded: `${day(n + 2)}`,
      };
    case 3:
      return {
        resourceType: "MedicationOrder", id, meta, patient, status: "active", dateWritten: `${day(n)}`,
        medicationCodeableConcept: rxnorm("860975", "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet"),
        prescriber: { reference: "Practitioner/pr-2", display: "Dr. Wei Nguyen" },
        dosageInstruction: [{ text: "1 tablet by mouth daily with evening meal", timing: { repeat: { frequency: 1, period: 1, periodUnits: "d" } } }],
      };
    case 4:
      return {
        resourceType: "AllergyIntolerance", id, meta, patient, recordedDate: `${day(n)}`, status: "confirmed", criticality: "CRITH",
        substance: snomed("227493005", "Cashew nuts"), reaction: [{ manifestation: [snomed("39579001", "Anaphylactic reaction")], severity: "severe" }],
      };
    default:
      return {
        resourceType: "Immunization", id, meta, status: "completed", date: `${day(n)}`, patient, wasNotGiven: false, reported: false,
        vaccineCode: { coding: [{ system: "http://hl7.org/fhir/sid/cvx", code: "33", display: "pneumococcal polysaccharide vaccine, 23 valent" }] },
      };
  }
}

/** Resource `n` of a patient's record, in the shape of a server of `fhirVersion` ("1.0.2": DSTU2, else R4). */
export function recordResource(fhirVersion: string, patientId: string, n: number): Resource {
  return fhirVersion.startsWith("1.0") ? dstu2(patientId, n) : r4(patientId, n);
}

/** The patient themselves, in the server's shape. */
export function patientResource(fhirVersion: string, patientId: string, family: string): Resource {
  const name = fhirVersion.startsWith("1.0") ? [{ family: [family], given: ["Ann"], use: "official" }] : [{ family, given: ["Ann"], use: "official" }];
  return { resourceType: "Patient", id: patientId, meta: { versionId: "1", lastUpdated: "2026-01-01T00:00:00.000Z" }, name, gender: "female", birthDate: "1961-04-12" };
}
