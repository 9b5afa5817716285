/** The Patient resource in DSTU2 (Daniel Adams' is the walkthrough's, exactly) and R4 (US Core) shape. */
import { displayName, type Demographics } from "../fixtures/facts";
import { meta, narrative, type FhirResource, type FhirVersion } from "../fhir/resource";

const R4_V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
const DSTU2_V2_0203 = "http://hl7.org/fhir/v2/0203";

export function renderPatient(d: Demographics, version: FhirVersion): FhirResource {
  const r4 = version === "r4";
  return {
    resourceType: "Patient",
    id: d.id,
    meta: meta(d, "patient"),
    text: narrative(displayName(d)),
    identifier: [
      {
        use: "usual",
        type: { coding: [{ system: r4 ? R4_V2_0203 : DSTU2_V2_0203, code: "MR", display: "Medical record number" }], text: "Medical record number" },
        system: "http://hospital.smarthealthit.org",
        value: d.mrn,
      },
    ],
    active: true,
    name: [{ use: "official", family: r4 ? d.family : [d.family], given: d.given }],
    ...(d.email ? { telecom: [{ system: "email", value: d.email }] } : {}),
    gender: d.gender,
    birthDate: d.birthDate,
    address: [{ use: "home", ...d.address }],
  };
}
