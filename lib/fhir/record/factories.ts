/**
 * Realistic DSTU2 and R4 resources for tests, development data and benchmarks (US Core shapes:
 * LOINC labs and vitals with UCUM units and reference ranges, SNOMED conditions and procedures,
 * RxNorm medicines, CVX vaccines). Every builder takes the version and a few facts; `sampleRecord`
 * makes a whole deterministic record of any size. Nothing here is read by the portal at run time.
 */
export type FactoryVersion = "DSTU2" | "R4";
type Json = Record<string, unknown> & { resourceType: string; id: string };
type Code = readonly [system: "loinc" | "snomed" | "rxnorm" | "cvx", code: string, display: string];

const SYSTEMS = { loinc: "http://loinc.org", snomed: "http://snomed.info/sct", rxnorm: "http://www.nlm.nih.gov/research/umls/rxnorm", cvx: "http://hl7.org/fhir/sid/cvx" };
const TERM = "http://terminology.hl7.org/CodeSystem";
const concept = ([system, code, display]: Code) => ({ coding: [{ system: SYSTEMS[system], code, display }], text: display });
const r4Status = (system: string, code: string) => ({ coding: [{ system: `${TERM}/${system}`, code }] });
const obsCategory = (v: FactoryVersion, code: string) =>
  v === "R4" ? [{ coding: [{ system: `${TERM}/observation-category`, code }] }] : { coding: [{ system: "http://hl7.org/fhir/observation-category", code }] };
const subject = (patientId: string) => ({ reference: `Patient/${patientId}` });
const meta = (date: string) => ({ versionId: "1", lastUpdated: `${date.slice(0, 10)}T12:00:00Z` });

export function condition(v: FactoryVersion, p: { patientId: string; id: string; code: Code; onset: string; recorded?: string; status?: string; verification?: string }): Json {
  const status = p.status ?? "active";
  const verification = p.verification ?? "confirmed";
  const common = { resourceType: "Condition", id: p.id, meta: meta(p.onset), code: concept(p.code), onsetDateTime: p.onset };
  return v === "R4"
    ? { ...common, clinicalStatus: r4Status("condition-clinical", status), verificationStatus: r4Status("condition-ver-status", verification), category: [r4Status("condition-category", "problem-list-item")], subject: subject(p.patientId), recordedDate: p.recorded ?? p.onset }
    : { ...common, clinicalStatus: status, verificationStatus: verification, category: { coding: [{ system: "http://hl7.org/fhir/condition-category", code: "diagnosis" }] }, patient: subject(p.patientId), dateRecorded: (p.recorded ?? p.onset).slice(0, 10) };
}

export function labResult(v: FactoryVersion, p: { patientId: string; id: string; code: Code; value: number; unit: string; date: string; low?: number; high?: number; interpretation?: string; category?: string; status?: string }): Json {
  const q = (value: number) => ({ value, unit: p.unit, system: "http://unitsofmeasure.org", code: p.unit });
  const range = p.low !== undefined || p.high !== undefined ? [{ ...(p.low !== undefined && { low: q(p.low) }), ...(p.high !== undefined && { high: q(p.high) }) }] : undefined;
  const interpretation = p.interpretation && { coding: [{ system: v === "R4" ? `${TERM}/v3-ObservationInterpretation` : "http://hl7.org/fhir/v2/0078", code: p.interpretation }] };
  return {
    resourceType: "Observation",
    id: p.id,
    meta: meta(p.date),
    status: p.status ?? "final",
    category: obsCategory(v, p.category ?? "laboratory"),
    code: concept(p.code),
    subject: subject(p.patientId),
    effectiveDateTime: p.date,
    ...(v === "R4" && { issued: p.date }),
    valueQuantity: q(p.value),
    ...(range && { referenceRange: range }),
    ...(interpretation && { interpretation: v === "R4" ? [interpretation] : interpretation }),
  };
}

export function bloodPressure(v: FactoryVersion, p: { patientId: string; id: string; systolic: number; diastolic: number; date: string }): Json {
  const component = (code: Code, value: number) => ({ code: concept(code), valueQuantity: { value, unit: "mmHg", system: "http://unitsofmeasure.org", code: "mm[Hg]" } });
  return {
    resourceType: "Observation",
    id: p.id,
    meta: meta(p.date),
    status: "final",
    category: obsCategory(v, "vital-signs"),
    code: concept(["loinc", "85354-9", "Blood pressure panel with all children optional"]),
    subject: subject(p.patientId),
    effectiveDateTime: p.date,
    component: [component(["loinc", "8480-6", "Systolic blood pressure"], p.systolic), component(["loinc", "8462-4", "Diastolic blood pressure"], p.diastolic)],
  };
}

export function medicationOrder(v: FactoryVersion, p: { patientId: string; id: string; code: Code; written: string; dosage: string; status?: string }): Json {
  const common = { id: p.id, meta: meta(p.written), status: p.status ?? "active", medicationCodeableConcept: concept(p.code), dosageInstruction: [{ text: p.dosage }] };
  return v === "R4"
    ? { resourceType: "MedicationRequest", ...common, intent: "order", subject: subject(p.patientId), authoredOn: p.written }
    : { resourceType: "MedicationOrder", ...common, patient: subject(p.patientId), dateWritten: p.written };
}

export function medicationStatement(v: FactoryVersion, p: { patientId: string; id: string; code: Code; date: string; dosage: string; status?: string }): Json {
  return {
    resourceType: "MedicationStatement",
    id: p.id,
    meta: meta(p.date),
    status: p.status ?? "active",
    medicationCodeableConcept: concept(p.code),
    ...(v === "R4" ? { subject: subject(p.patientId), dateAsserted: p.date } : { patient: subject(p.patientId) }),
    effectiveDateTime: p.date,
    dosage: [{ text: p.dosage }],
  };
}

export function allergy(v: FactoryVersion, p: { patientId: string; id: string; code: Code; reaction: Code; recorded: string; criticality?: "low" | "high"; category?: string }): Json {
  const criticality = p.criticality ?? "low";
  const category = p.category ?? "medication";
  const reaction = [{ manifestation: [concept(p.reaction)], severity: criticality === "high" ? "severe" : "mild" }];
  return v === "R4"
    ? { resourceType: "AllergyIntolerance", id: p.id, meta: meta(p.recorded), clinicalStatus: r4Status("allergyintolerance-clinical", "active"), verificationStatus: r4Status("allergyintolerance-verification", "confirmed"), type: "allergy", category: [category], criticality, code: concept(p.code), patient: subject(p.patientId), recordedDate: p.recorded, reaction }
    : { resourceType: "AllergyIntolerance", id: p.id, meta: meta(p.recorded), status: "confirmed", type: "allergy", category, criticality: criticality === "high" ? "CRITH" : "CRITL", substance: concept(p.code), patient: subject(p.patientId), recordedDate: p.recorded, reaction };
}

export function immunization(v: FactoryVersion, p: { patientId: string; id: string; code: Code; date: string; given?: boolean }): Json {
  const given = p.given ?? true;
  return v === "R4"
    ? { resourceType: "Immunization", id: p.id, meta: meta(p.date), status: given ? "completed" : "not-done", vaccineCode: concept(p.code), patient: subject(p.patientId), occurrenceDateTime: p.date, primarySource: true }
    : { resourceType: "Immunization", id: p.id, meta: meta(p.date), status: "completed", date: p.date, vaccineCode: concept(p.code), patient: subject(p.patientId), wasNotGiven: !given, reported: false };
}

export function procedure(v: FactoryVersion, p: { patientId: string; id: string; code: Code; date: string; end?: string }): Json {
  const performed = p.end ? { performedPeriod: { start: p.date, end: p.end } } : { performedDateTime: p.date };
  // Procedure.subject in both versions; DSTU2 and R4 differ in status codes and performed[x] choices only.
  return { resourceType: "Procedure", id: p.id, meta: meta(p.date), status: "completed", code: concept(p.code), subject: subject(p.patientId), ...performed, ...(v === "R4" && { category: concept(["snomed", "387713003", "Surgical procedure"]) }) };
}

export function encounter(v: FactoryVersion, p: { patientId: string; id: string; type: Code; start: string; end: string; setting?: "outpatient" | "inpatient" | "emergency" | "virtual"; reason?: Code; place?: string }): Json {
  const setting = p.setting ?? "outpatient";
  const r4Class = { outpatient: ["AMB", "ambulatory"], inpatient: ["IMP", "inpatient encounter"], emergency: ["EMER", "emergency"], virtual: ["VR", "virtual"] }[setting];
  const common = { resourceType: "Encounter", id: p.id, meta: meta(p.start), status: "finished", type: [concept(p.type)], period: { start: p.start, end: p.end }, ...(p.place && { location: [{ location: { display: p.place } }] }) };
  return v === "R4"
    ? { ...common, class: { system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: r4Class[0], display: r4Class[1] }, subject: subject(p.patientId), ...(p.reason && { reasonCode: [concept(p.reason)] }) }
    : { ...common, class: setting === "virtual" ? "virtual" : setting === "outpatient" ? "ambulatory" : setting, patient: subject(p.patientId), ...(p.reason && { reason: [concept(p.reason)] }) };
}

export function documentReference(v: FactoryVersion, p: { patientId: string; id: string; type: Code; date: string; title: string; contentType?: string }): Json {
  const attachment = { contentType: p.contentType ?? "application/pdf", title: p.title, url: `Binary/${p.id}`, creation: p.date };
  return v === "R4"
    ? { resourceType: "DocumentReference", id: p.id, meta: meta(p.date), status: "current", type: concept(p.type), category: [{ coding: [{ system: "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category", code: "clinical-note", display: "Clinical Note" }] }], subject: subject(p.patientId), date: p.date, content: [{ attachment }] }
    : { resourceType: "DocumentReference", id: p.id, meta: meta(p.date), status: "current", type: concept(p.type), subject: subject(p.patientId), created: p.date, indexed: p.date, content: [{ attachment }] };
}
