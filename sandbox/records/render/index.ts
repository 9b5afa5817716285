/** One entry as the body of its resource in a FHIR version (without resourceType, id and meta). */
import type { Entry } from "../entry";
import { renderCarePlan, renderCareTeam, renderCoverage, renderDevice, renderGoal } from "./care";
import type { Body, RenderContext } from "./common";
import { renderMedicationDispense, renderMedicationRequest, renderMedicationStatement } from "./medications";
import { renderObservation } from "./observation";
import { renderAllergy, renderCondition, renderImmunization, renderProcedure } from "./problems";
import { renderDiagnosticReport, renderDocument, renderEncounter, renderServiceRequest } from "./visits";

export type { RenderContext } from "./common";

/** `id` is the resource's own id (a note's Binary shares it). */
export function renderEntry(e: Entry, ctx: RenderContext, id: string): Body {
  switch (e.kind) {
    case "observation": return renderObservation(e, ctx);
    case "condition": return renderCondition(e, ctx);
    case "allergy": return renderAllergy(e, ctx);
    case "medication-request": return renderMedicationRequest(e, ctx);
    case "medication-statement": return renderMedicationStatement(e, ctx);
    case "medication-dispense": return renderMedicationDispense(e, ctx);
    case "immunization": return renderImmunization(e, ctx);
    case "procedure": return renderProcedure(e, ctx);
    case "encounter": return renderEncounter(e, ctx);
    case "diagnostic-report": return renderDiagnosticReport(e, ctx);
    case "service-request": return renderServiceRequest(e, ctx);
    case "document": return renderDocument(e, ctx, id);
    case "care-plan": return renderCarePlan(e, ctx);
    case "care-team": return renderCareTeam(e, ctx);
    case "goal": return renderGoal(e, ctx);
    case "device": return renderDevice(e, ctx);
    case "coverage": return renderCoverage(e, ctx);
  }
}
