/** Conditions, allergies, immunizations and procedures, in R4 (US Core) and DSTU2 shape. */
import { concept } from "../../fhir/resource";
import type { AllergyEntry, ConditionEntry, ImmunizationEntry, ProcedureEntry } from "../entry";
import { categoryOf } from "./categories";
import { hl7, list, opt, type Body, type RenderContext } from "./common";


export function renderCondition(e: ConditionEntry, ctx: RenderContext): Body {
  const code = concept(e.code, e.icd10);
  if (ctx.version === "dstu2") {
    return {
      patient: ctx.subject,
      ...opt("encounter", ctx.entry("encounter", e.encounter)),
      ...opt("asserter", ctx.shared("Practitioner", e.recorder)),
      dateRecorded: e.recorded.slice(0, 10),
      code,
      category: categoryOf(e, ctx.version),
      clinicalStatus: e.clinicalStatus,
      verificationStatus: "confirmed",
      onsetDateTime: e.onset,
      ...opt("abatementDateTime", e.abatement),
    };
  }
  return {
    clinicalStatus: hl7(ctx, "condition-clinical", "", e.clinicalStatus),
    verificationStatus: hl7(ctx, "condition-ver-status", "", "confirmed"),
    category: [categoryOf(e, ctx.version)],
    code,
    subject: ctx.subject,
    ...opt("encounter", ctx.entry("encounter", e.encounter)),
    onsetDateTime: e.onset,
    ...opt("abatementDateTime", e.abatement),
    recordedDate: e.recorded,
    ...opt("recorder", ctx.shared("Practitioner", e.recorder)),
  };
}

export function renderAllergy(e: AllergyEntry, ctx: RenderContext): Body {
  const reaction = [{ manifestation: [concept(e.reaction)], ...opt("severity", e.severity) }];
  const recorder = ctx.shared("Practitioner", e.recorder);
  if (ctx.version === "dstu2") {
    return {
      patient: ctx.subject,
      substance: concept(e.substance),
      status: "confirmed",
      criticality: e.criticality === "high" ? "CRITH" : "CRITL",
      type: "allergy",
      category: categoryOf(e, ctx.version),
      recordedDate: e.recorded,
      ...opt("recorder", recorder),
      reaction,
    };
  }
  return {
    clinicalStatus: hl7(ctx, "allergyintolerance-clinical", "", "active"),
    verificationStatus: hl7(ctx, "allergyintolerance-verification", "", "confirmed"),
    type: "allergy",
    category: [categoryOf(e, ctx.version)],
    criticality: e.criticality,
    code: concept(e.substance),
    patient: ctx.subject,
    recordedDate: e.recorded,
    ...opt("recorder", recorder),
    reaction,
  };
}

export function renderImmunization(e: ImmunizationEntry, ctx: RenderContext): Body {
  const performer = ctx.shared("Practitioner", e.performer);
  const encounter = ctx.entry("encounter", e.encounter);
  if (ctx.version === "dstu2") {
    return {
      patient: ctx.subject,
      status: "completed",
      date: e.date,
      vaccineCode: concept(e.vaccine),
      wasNotGiven: false,
      reported: false,
      ...opt("performer", performer),
      ...opt("encounter", encounter),
      ...opt("lotNumber", e.lot),
    };
  }
  return {
    status: "completed",
    vaccineCode: concept(e.vaccine),
    patient: ctx.subject,
    ...opt("encounter", encounter),
    occurrenceDateTime: e.date,
    primarySource: true,
    ...opt("lotNumber", e.lot),
    ...opt("performer", performer && [{ actor: performer }]),
  };
}


export function renderProcedure(e: ProcedureEntry, ctx: RenderContext): Body {
  const performer = ctx.shared("Practitioner", e.performer);
  return {
    status: "completed",
    category: categoryOf(e, ctx.version),
    code: concept(e.code, e.cpt),
    subject: ctx.subject,
    ...opt("encounter", ctx.entry("encounter", e.encounter)),
    performedDateTime: e.performed,
    ...opt("performer", performer && [{ actor: performer }]),
    ...opt("location", ctx.shared("Location", e.location)),
    ...opt("reasonReference", ctx.version === "r4" ? list(ctx.entry("condition", e.reason)) : ctx.entry("condition", e.reason)),
  };
}
