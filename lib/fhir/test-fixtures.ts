/**
 * Patient resources for tests. `danielAdamsDstu2` is the S4S walkthrough's resource verbatim
 * (DSTU2, SMART Reference Server); `danielAdamsR4` is the same person in R4 shape.
 */
import type { Patient } from "./types";

export const danielAdamsDstu2 = {
  active: true,
  address: [
    {
      city: "Tulsa",
      country: "USA",
      line: ["1 Hill AveApt 14"],
      postalCode: "74117",
      state: "OK",
      use: "home",
    },
  ],
  birthDate: "1925-12-23",
  gender: "male",
  id: "smart-1288992",
  identifier: [
    {
      system: "http://hospital.smarthealthit.org",
      type: {
        coding: [{ code: "MR", display: "Medical record number", system: "http://hl7.org/fhir/v2/0203" }],
        text: "Medical record number",
      },
      use: "usual",
      value: "1288992",
    },
  ],
  meta: {
    lastUpdated: "2018-02-21T15:01:44.340+00:00",
    security: [
      { code: "patient", system: "http://smarthealthit.org/security/categories" },
      { code: "Patient/smart-1288992", system: "http://smarthealthit.org/security/users" },
    ],
    versionId: "2",
  },
  name: [{ family: ["Adams"], given: ["Daniel", "X."], use: "official" }],
  resourceType: "Patient",
  telecom: [{ system: "email", value: "daniel.adams@example.com" }],
  text: {
    div: '<div xmlns="http://www.w3.org/1999/xhtml">        <p>Daniel Adams</p>      </div>',
    status: "generated",
  },
} satisfies Patient;

export const danielAdamsR4 = {
  resourceType: "Patient",
  id: "smart-1288992",
  active: true,
  identifier: [
    {
      use: "usual",
      type: {
        coding: [{ system: "http://terminology.hl7.org/CodeSystem/v2-0203", code: "MR" }],
      },
      system: "http://hospital.smarthealthit.org",
      value: "1288992",
    },
  ],
  name: [
    { use: "official", family: "Adams", given: ["Daniel", "X."] },
    { use: "usual", given: ["Dan"], family: "Adams" },
  ],
  telecom: [
    { system: "email", value: "daniel.adams@example.com", use: "home" },
    { system: "phone", value: "+1 918 555 0100", use: "mobile" },
  ],
  gender: "male",
  birthDate: "1925-12-23",
  deceasedDateTime: "2020-03-01T10:00:00-06:00",
  address: [{ use: "home", line: ["1 Hill Ave", "Apt 14"], city: "Tulsa", state: "OK", postalCode: "74117", country: "USA" }],
  communication: [
    { language: { coding: [{ system: "urn:ietf:bcp:47", code: "es" }] } },
    { language: { coding: [{ system: "urn:ietf:bcp:47", code: "en-US", display: "English (United States)" }] }, preferred: true },
  ],
  managingOrganization: { reference: "Organization/1", display: "Tulsa General Hospital" },
} satisfies Patient;

const SCRIPT = "<script>alert(1)</script>";

/** A patient whose every formatted field carries markup. */
export const hostilePatient = {
  resourceType: "Patient",
  id: "evil-1",
  name: [{ use: "official", family: `Adams${SCRIPT}`, given: ['<img src=x onerror="alert(1)">'] }],
  identifier: [{ type: { text: `<b>MRN</b>` }, value: SCRIPT }],
  telecom: [{ system: "email", value: `x@example.com${SCRIPT}` }],
  address: [{ line: [SCRIPT], city: "<i>Tulsa</i>", state: "OK" }],
  gender: SCRIPT,
  communication: [{ language: { text: SCRIPT } }],
  managingOrganization: { display: SCRIPT },
  text: { status: "generated", div: `<div>Hello ${SCRIPT}<style>p{}</style> world</div>` },
} satisfies Patient;

/** A value of `length` characters, for length bounds. */
export function longString(length: number, char = "a"): string {
  return char.repeat(length);
}
