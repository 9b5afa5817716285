/** Observations (US Core lab, vital signs, smoking status, survey, exam) in R4 and DSTU2. */
import { isQuantity, type Coded, type Quantity } from "../../fixtures/facts";
import { concept, quantity } from "../../fhir/resource";
import type { ObservationEntry } from "../entry";
import { categoryOf } from "./categories";
import { hl7, list, opt, type Body, type RenderContext } from "./common";

const INTERPRETATION = { H: "High", L: "Low", N: "Normal" };

function value(v: Quantity | Coded | string | undefined): Body {
  if (v === undefined) return {};
  if (typeof v === "string") return { valueString: v };
  return isQuantity(v) ? { valueQuantity: quantity(v.value, v.unit) } : { valueCodeableConcept: concept(v) };
}

export function renderObservation(e: ObservationEntry, ctx: RenderContext): Body {
  const r4 = ctx.version === "r4";
  const category = categoryOf(e, ctx.version);
  const interpretation = e.interpretation && hl7(ctx, "v3-ObservationInterpretation", "v2/0078", e.interpretation, INTERPRETATION[e.interpretation]);
  const range = e.range && {
    ...(e.range.low === undefined ? {} : { low: quantity(e.range.low, e.range.unit) }),
    ...(e.range.high === undefined ? {} : { high: quantity(e.range.high, e.range.unit) }),
  };
  return {
    status: "final",
    category: r4 ? [category] : category,
    code: concept(e.code),
    subject: ctx.subject,
    ...opt("encounter", ctx.entry("encounter", e.encounter)),
    effectiveDateTime: e.effective,
    ...opt("issued", e.issued),
    ...opt("performer", list(ctx.shared("Practitioner", e.performer))),
    ...value(e.value),
    ...opt("interpretation", interpretation && (r4 ? [interpretation] : interpretation)),
    ...opt("referenceRange", list(range)),
    ...opt("component", e.components?.map((c) => ({ code: concept(c.code), valueQuantity: quantity(c.value.value, c.value.unit) }))),
  };
}
