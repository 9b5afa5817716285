/** Encounters, lab orders and reports, and clinical notes (with their Binary), in R4 and DSTU2 shape. */
import { concept } from "../../fhir/resource";
import type { DiagnosticReportEntry, DocumentEntry, EncounterEntry, ServiceRequestEntry } from "../entry";
import { categoryOf } from "./categories";
import { hl7, list, opt, type Body, type RenderContext } from "./common";

const CLASS = { AMB: ["ambulatory", "ambulatory"], EMER: ["emergency", "emergency"] } as const;

export function renderEncounter(e: EncounterEntry, ctx: RenderContext): Body {
  const practitioner = ctx.shared("Practitioner", e.practitioner);
  const participant = practitioner && [{ type: [hl7(ctx, "v3-ParticipationType", "v3/ParticipationType", "PPRF", "primary performer")], individual: practitioner }];
  const reason = list(ctx.entry("condition", e.reason));
  const type = [concept(e.type, e.cpt)];
  const period = { start: e.start, end: e.end };
  if (ctx.version === "dstu2") {
    return { status: "finished", class: CLASS[e.class][1], type, patient: ctx.subject, ...opt("participant", participant), period, ...opt("indication", reason) };
  }
  const location = ctx.shared("Location", e.location);
  return {
    status: "finished",
    class: { system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: e.class, display: CLASS[e.class][0] },
    type,
    subject: ctx.subject,
    ...opt("participant", participant),
    period,
    ...opt("reasonReference", reason),
    ...opt("location", location && [{ location }]),
    ...opt("serviceProvider", ctx.shared("Organization", e.organization)),
  };
}

/** R4 only (S4S has no DiagnosticReport): a lab report pointing at its results. */
export function renderDiagnosticReport(e: DiagnosticReportEntry, ctx: RenderContext): Body {
  const results = e.results.map((key) => ctx.entry("observation", key)).filter((r) => r !== undefined);
  return {
    status: "final",
    category: [categoryOf(e, ctx.version)],
    code: concept(e.code),
    subject: ctx.subject,
    ...opt("basedOn", list(ctx.entry("service-request", e.basedOn))),
    ...opt("encounter", ctx.entry("encounter", e.encounter)),
    effectiveDateTime: e.effective,
    issued: e.issued,
    ...opt("performer", list(ctx.shared("Organization", e.performer))),
    ...opt("result", results.length > 0 ? results : undefined),
  };
}

/** R4 only (S4S has no ServiceRequest): an order for a lab panel or a procedure. */
export function renderServiceRequest(e: ServiceRequestEntry, ctx: RenderContext): Body {
  return {
    status: "completed",
    intent: "order",
    category: [categoryOf(e, ctx.version)],
    code: concept(e.code),
    subject: ctx.subject,
    ...opt("encounter", ctx.entry("encounter", e.encounter)),
    authoredOn: e.authored,
    ...opt("requester", ctx.shared("Practitioner", e.requester)),
    ...opt("reasonReference", list(ctx.entry("condition", e.reason))),
  };
}

/** A clinical note's metadata; the text itself is its Binary (`Binary/<same id>`). */
export function renderDocument(e: DocumentEntry, ctx: RenderContext, binaryId: string): Body {
  const size = Buffer.byteLength(e.text, "utf8");
  const attachment = { contentType: "text/plain; charset=utf-8", url: `Binary/${binaryId}`, size, title: e.title, creation: e.date };
  const author = list(ctx.shared("Practitioner", e.author));
  const encounter = ctx.entry("encounter", e.encounter);
  if (ctx.version === "dstu2") {
    return {
      subject: ctx.subject, type: concept(e.type), ...opt("author", author), created: e.date, indexed: e.updated, status: "current",
      description: e.title, content: [{ attachment }], ...opt("context", encounter && { encounter }),
    };
  }
  return {
    status: "current",
    docStatus: "final",
    type: concept(e.type),
    category: [categoryOf(e, ctx.version)],
    subject: ctx.subject,
    date: e.date,
    ...opt("author", author),
    ...opt("custodian", ctx.shared("Organization", e.custodian)),
    description: e.title,
    content: [{ attachment, format: { system: "http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode", code: "urn:ihe:iti:xds:2017:mimeTypeSufficient", display: "mimeType Sufficient" } }],
    ...opt("context", encounter && { encounter: [encounter], period: { start: e.date } }),
  };
}

/** The note's text as a Binary resource. */
export function renderBinary(e: DocumentEntry, ctx: RenderContext): Body {
  const data = Buffer.from(e.text, "utf8").toString("base64");
  return ctx.version === "r4" ? { contentType: "text/plain; charset=utf-8", data } : { contentType: "text/plain; charset=utf-8", content: data };
}
