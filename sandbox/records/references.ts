/**
 * The shared resources an entry points at (whatever the version: the build drops the types a version does not
 * serve). Renderers reference exactly these; records.test.ts checks the two agree.
 */
import type { Entry } from "./entry";
import type { SharedType } from "./shared";

export function sharedRefsOf(e: Entry): [SharedType, string | undefined][] {
  switch (e.kind) {
    case "observation": return [["Practitioner", e.performer]];
    case "condition":
    case "allergy": return [["Practitioner", e.recorder]];
    case "medication-request": return [["Practitioner", e.requester], ["Medication", e.drug.shared]];
    case "medication-statement": return [["Medication", e.drug.shared]];
    case "medication-dispense": return [["Medication", e.drug.shared], ["Practitioner", e.pharmacist]];
    case "immunization": return [["Practitioner", e.performer]];
    case "procedure": return [["Practitioner", e.performer], ["Location", e.location]];
    case "encounter": return [["Practitioner", e.practitioner], ["Location", e.location], ["Organization", e.organization]];
    case "diagnostic-report": return [["Organization", e.performer]];
    case "service-request": return [["Practitioner", e.requester]];
    case "document": return [["Practitioner", e.author], ["Organization", e.custodian]];
    case "care-plan": return [["Practitioner", e.author]];
    case "care-team": return [...e.members.map((m): [SharedType, string] => ["Practitioner", m.practitioner]), ["Organization", e.organization]];
    case "goal": return [["Practitioner", e.expressedBy]];
    case "device": return [];
    case "coverage": return [["Organization", e.payer]];
  }
}
