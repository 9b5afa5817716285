/**
 * Resources a record points at, shared by every patient: practitioners, organizations, locations and drugs.
 * A fixed directory (ids like `practitioner-07`), rendered per FHIR version. DSTU2 (S4S) serves Practitioner
 * and Medication only, so DSTU2 records never point at an Organization or a Location.
 */
import { concept, type FhirVersion } from "../fhir/resource";
import { DRUGS } from "./codes-clinical";

export type SharedType = "Practitioner" | "Organization" | "Location" | "Medication";
export const SHARED_IN_DSTU2: SharedType[] = ["Practitioner", "Medication"];
export const SHARED_LAST_UPDATED = "2016-03-01T12:00:00.000Z";

interface Address {
  line: string[];
  city: string;
  state: string;
  postalCode: string;
  country: string;
}
const at = (line: string, city: string, postalCode: string): Address => ({ line: [line], city, state: "OK", postalCode, country: "US" });

export interface OrganizationFact {
  id: string;
  name: string;
  kind: "prov" | "pay";
  address: Address;
  phone: string;
}
export const ORGANIZATIONS = {
  prairie: { id: "organization-01", name: "Prairie Family Medicine", kind: "prov", address: at("1200 S Utica Ave", "Tulsa", "74104"), phone: "918-555-0140" },
  redbud: { id: "organization-02", name: "Redbud Internal Medicine", kind: "prov", address: at("3400 W Robinson St", "Norman", "73072"), phone: "405-555-0182" },
  cimarron: { id: "organization-03", name: "Cimarron Valley Health Center", kind: "prov", address: at("810 E 2nd St", "Edmond", "73034"), phone: "405-555-0127" },
  hospital: { id: "organization-04", name: "Riverside Regional Medical Center", kind: "prov", address: at("6161 S Yale Ave", "Tulsa", "74136"), phone: "918-555-0100" },
  lab: { id: "organization-05", name: "Sooner Reference Laboratory", kind: "prov", address: at("4500 N Lincoln Blvd", "Oklahoma City", "73105"), phone: "405-555-0160" },
  medicare: { id: "organization-06", name: "Centers for Medicare & Medicaid Services", kind: "pay", address: at("7500 Security Blvd", "Baltimore", "21244"), phone: "800-633-4227" },
  bluePrairie: { id: "organization-07", name: "Blue Prairie Health Plan", kind: "pay", address: at("1400 S Boston Ave", "Tulsa", "74119"), phone: "800-555-0199" },
  heartland: { id: "organization-08", name: "Heartland Mutual Insurance", kind: "pay", address: at("200 N Harvey Ave", "Oklahoma City", "73102"), phone: "800-555-0123" },
} satisfies Record<string, OrganizationFact>;
export const CLINICS = [ORGANIZATIONS.prairie, ORGANIZATIONS.redbud, ORGANIZATIONS.cimarron];

export interface LocationFact {
  id: string;
  name: string;
  /** A v3 RoleCode. */
  type: { code: string; display: string };
  address: Address;
  phone: string;
}
const place = (n: number, org: OrganizationFact, name: string, code: string, display: string): LocationFact => ({
  id: `location-0${n}`, name, type: { code, display }, address: org.address, phone: org.phone,
});
export const LOCATIONS = {
  prairie: place(1, ORGANIZATIONS.prairie, "Prairie Family Medicine - Main Clinic", "PC", "primary care clinic"),
  redbud: place(2, ORGANIZATIONS.redbud, "Redbud Internal Medicine - North Office", "PC", "primary care clinic"),
  cimarron: place(3, ORGANIZATIONS.cimarron, "Cimarron Valley Health Center", "PC", "primary care clinic"),
  emergency: place(4, ORGANIZATIONS.hospital, "Riverside Regional Medical Center - Emergency Department", "ER", "Emergency room"),
  lab: place(5, ORGANIZATIONS.lab, "Sooner Reference Laboratory - Patient Service Center", "HLAB", "hospital laboratory"),
};
export const CLINIC_LOCATIONS = [LOCATIONS.prairie, LOCATIONS.redbud, LOCATIONS.cimarron];

export interface PractitionerFact {
  id: string;
  given: string;
  family: string;
  gender: "male" | "female";
  suffix: "MD" | "DO" | "NP" | "RN" | "PharmD";
  npi: string;
}
/** A valid NPI: nine digits and the Luhn check digit over `80840` and them. */
function npi(base: number): string {
  const digits = `80840${base}`.split("").map(Number);
  const sum = digits.reverse().reduce((acc, d, i) => acc + (i % 2 === 0 ? ((d * 2) % 10) + Math.floor((d * 2) / 10) : d), 0);
  return `${base}${(10 - (sum % 10)) % 10}`;
}
const PEOPLE: [string, string, "male" | "female", PractitionerFact["suffix"]][] = [
  ["Sarah", "Whitfield", "female", "MD"], ["Marcus", "Okafor", "male", "MD"], ["Linda", "Tran", "female", "DO"],
  ["Robert", "Hale", "male", "MD"], ["Priya", "Raman", "female", "MD"], ["James", "Castillo", "male", "NP"],
  ["Emily", "Burke", "female", "MD"], ["David", "Nakamura", "male", "DO"], ["Grace", "Holloway", "female", "NP"],
  ["Thomas", "Redcorn", "male", "MD"], ["Angela", "Price", "female", "MD"], ["Kevin", "Osei", "male", "MD"],
  ["Maria", "Delgado", "female", "RN"], ["Brian", "Keller", "male", "RN"], ["Hannah", "Cho", "female", "PharmD"],
];
export const PRACTITIONERS: PractitionerFact[] = PEOPLE.map(([given, family, gender, suffix], i) => ({
  id: `practitioner-${String(i + 1).padStart(2, "0")}`, given, family, gender, suffix, npi: npi(154_302_170 + i * 7_919),
}));
/** Who works where: four clinicians per clinic, then the emergency department's, the nurses and the pharmacist. */
export const STAFF = {
  clinics: [PRACTITIONERS.slice(0, 4), PRACTITIONERS.slice(4, 8), PRACTITIONERS.slice(8, 10).concat(PRACTITIONERS.slice(0, 2))],
  emergency: PRACTITIONERS.slice(10, 12),
  nurses: PRACTITIONERS.slice(12, 14),
  pharmacist: PRACTITIONERS[14]!,
};

/** The Medication resource id of a drug, when the record references it instead of coding it inline. */
export const medicationId = (rxnormCode: string) => `medication-${rxnormCode}`;
const MEDICATIONS = new Map(Object.values(DRUGS).map((d) => [medicationId(d.code.code), d.code]));

export const displayOf = (p: PractitionerFact) => `${p.given} ${p.family}, ${p.suffix}`;

/** A shared resource as served in `version`, or undefined when there is none by that id (or not in that version). */
export function renderShared(type: string, id: string, version: FhirVersion): Record<string, unknown> | undefined {
  if (version === "dstu2" && !SHARED_IN_DSTU2.includes(type as SharedType)) return undefined;
  const meta = { versionId: "1", lastUpdated: SHARED_LAST_UPDATED };
  const r4 = version === "r4";
  if (type === "Practitioner") {
    const p = PRACTITIONERS.find((x) => x.id === id);
    if (!p) return undefined;
    const name = { use: "official", family: r4 ? p.family : [p.family], given: [p.given], suffix: [p.suffix] };
    return {
      resourceType: type, id, meta, identifier: [{ system: "http://hl7.org/fhir/sid/us-npi", value: p.npi }], active: true,
      name: r4 ? [name] : name, gender: p.gender,
    };
  }
  if (type === "Medication") {
    const code = MEDICATIONS.get(id);
    if (!code) return undefined;
    const form = / (Oral Tablet|Oral Capsule|Metered Dose Inhaler)$/.exec(code.display)?.[1] ?? "Oral Tablet";
    const formConcept = { text: form };
    return r4
      ? { resourceType: type, id, meta, code: concept(code), status: "active", form: formConcept }
      : { resourceType: type, id, meta, code: concept(code), isBrand: false, product: { form: formConcept } };
  }
  if (type === "Organization") {
    const o = Object.values(ORGANIZATIONS).find((x) => x.id === id);
    if (!o) return undefined;
    const kind = { coding: [{ system: "http://terminology.hl7.org/CodeSystem/organization-type", code: o.kind, display: o.kind === "pay" ? "Payer" : "Healthcare Provider" }] };
    return { resourceType: type, id, meta, active: true, type: [kind], name: o.name, telecom: [{ system: "phone", value: o.phone }], address: [o.address] };
  }
  if (type === "Location") {
    const l = Object.values(LOCATIONS).find((x) => x.id === id);
    if (!l) return undefined;
    const kind = { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-RoleCode", code: l.type.code, display: l.type.display }] };
    return { resourceType: type, id, meta, status: "active", name: l.name, type: [kind], telecom: [{ system: "phone", value: l.phone }], address: l.address };
  }
  return undefined;
}
