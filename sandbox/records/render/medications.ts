/** Prescriptions (R4 MedicationRequest, DSTU2 MedicationOrder), medication statements and dispenses. */
import { quantity } from "../../fhir/resource";
import type { MedicationDispenseEntry, MedicationRequestEntry, MedicationStatementEntry } from "../entry";
import { categoryOf } from "./categories";
import { days, drugOf, list, opt, type Body, type RenderContext } from "./common";

export function renderMedicationRequest(e: MedicationRequestEntry, ctx: RenderContext): Body {
  const requester = ctx.shared("Practitioner", e.requester);
  const reason = ctx.entry("condition", e.reason);
  const encounter = ctx.entry("encounter", e.encounter);
  const dispenseRequest = e.supplyDays && {
    numberOfRepeatsAllowed: e.refills ?? 0,
    expectedSupplyDuration: days(e.supplyDays),
  };
  const dosageInstruction = [{ text: e.dosage }];
  if (ctx.version === "dstu2") {
    return {
      dateWritten: e.written,
      status: e.status,
      patient: ctx.subject,
      ...opt("prescriber", requester),
      ...opt("encounter", encounter),
      ...opt("reasonReference", reason),
      ...drugOf(e.drug, ctx),
      dosageInstruction,
      ...opt("dispenseRequest", dispenseRequest),
    };
  }
  return {
    status: e.status,
    intent: "order",
    category: [categoryOf(e, ctx.version)],
    ...drugOf(e.drug, ctx),
    subject: ctx.subject,
    ...opt("encounter", encounter),
    authoredOn: e.written,
    ...opt("requester", requester),
    ...opt("reasonReference", list(reason)),
    dosageInstruction,
    ...opt("dispenseRequest", dispenseRequest),
  };
}

export function renderMedicationStatement(e: MedicationStatementEntry, ctx: RenderContext): Body {
  return {
    status: e.status,
    ...drugOf(e.drug, ctx),
    ...(ctx.version === "r4" ? { subject: ctx.subject } : { patient: ctx.subject }),
    effectiveDateTime: e.effective,
    ...opt("dateAsserted", e.asserted),
    dosage: [{ text: e.dosage }],
  };
}

export function renderMedicationDispense(e: MedicationDispenseEntry, ctx: RenderContext): Body {
  const pharmacist = ctx.shared("Practitioner", e.pharmacist);
  const prescription = list(ctx.entry("medication-request", e.prescription));
  const common = {
    status: "completed",
    ...drugOf(e.drug, ctx),
    ...opt("authorizingPrescription", prescription),
    quantity: quantity(e.quantity, "{tbl}"),
    daysSupply: days(e.supplyDays),
    whenHandedOver: e.handedOver,
    dosageInstruction: [{ text: e.dosage }],
  };
  return ctx.version === "r4"
    ? { ...common, subject: ctx.subject, ...opt("performer", pharmacist && [{ actor: pharmacist }]) }
    : { ...common, patient: ctx.subject, ...opt("dispenser", pharmacist) };
}
