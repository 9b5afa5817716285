/** What every entry renderer shares: the version, references, and coding helpers per version. */
import { concept, type FhirVersion } from "../../fhir/resource";
import type { Drug, EntryKind } from "../entry";
import type { SharedType } from "../shared";

export interface Ref {
  reference: string;
  display?: string;
}

export interface RenderContext {
  version: FhirVersion;
  /** `{ reference: "Patient/<id>" }`. */
  subject: Ref;
  /** A reference to another entry of this record (which may be absent from a small record: then undefined). */
  entry(kind: EntryKind, key: string | undefined): Ref | undefined;
  /** A reference to a shared resource (undefined where the version does not serve its type); recorded for the record's listing. */
  shared(type: SharedType, id: string | undefined): Ref | undefined;
}

export type Body = Record<string, unknown>;
export type Renderer<E> = (e: E, ctx: RenderContext) => Body;

/** `{ name: value }`, or nothing when the value is undefined: for optional elements. */
export const opt = (name: string, value: unknown): Body => (value === undefined ? {} : { [name]: value });
/** A list of one, or nothing. */
export const list = (value: unknown): unknown[] | undefined => (value === undefined ? undefined : [value]);

const R4_TERMINOLOGY = "http://terminology.hl7.org/CodeSystem";
const DSTU2_TERMINOLOGY = "http://hl7.org/fhir";

/** A CodeableConcept from an HL7 terminology, under its R4 or DSTU2 system URL (e.g. `v3-ActCode` / `v3/ActCode`). */
export function hl7(ctx: RenderContext, r4Name: string, dstu2Name: string, code: string, display?: string): { coding: Record<string, string>[] } {
  const system = ctx.version === "r4" ? `${R4_TERMINOLOGY}/${r4Name}` : `${DSTU2_TERMINOLOGY}/${dstu2Name}`;
  return { coding: [{ system, code, ...(display ? { display } : {}) }] };
}

export function drugOf(drug: Drug, ctx: RenderContext): Body {
  const shared = ctx.shared("Medication", drug.shared);
  return shared ? { medicationReference: shared } : { medicationCodeableConcept: concept(drug.code) };
}

export const days = (n: number) => ({ value: n, unit: "days", system: "http://unitsofmeasure.org", code: "d" });
