/**
 * The Bulk Data kick-off request (HL7 FHIR Bulk Data Access 2.0, `GET [base]/Group/[id]/$export`),
 * read into what the export job needs, or the problem to answer with. Pure: the route passes the
 * query and the two headers that matter.
 */
import type { FhirProblem } from "./outcome";
import { isFhirResourceType } from "./resource-types";

export type ExportRequest = {
  /** Resource types asked for (`_type`), or null for every type the client may read. */
  types: string[] | null;
  /** Only what changed after this instant (`_since`). */
  since: Date | null;
  /** Parameters ignored under `Prefer: handling=lenient`, reported in the manifest's error file. */
  ignored: string[];
};

/** `_outputFormat` values the IG says a server SHALL accept; all mean NDJSON. */
const NDJSON_FORMATS = new Set(["application/fhir+ndjson", "application/ndjson", "ndjson"]);
/** Bulk Data parameters this server does not implement (an error, unless handling=lenient). */
const UNSUPPORTED = new Set(["_typeFilter", "_elements", "patient", "includeAssociatedData", "_until", "organizeOutputBy", "allowPartialManifests"]);
const SUPPORTED = new Set(["_type", "_since", "_outputFormat"]);
const MAX_TYPES = 200;

const bad = (message: string, code: FhirProblem["code"] = "invalid"): { ok: false; problem: FhirProblem } => ({ ok: false, problem: { status: 400, code, message } });

/** `Prefer` tokens, lower-cased: "respond-async", "handling=lenient". */
function preferTokens(prefer: string | null): Set<string> {
  return new Set((prefer ?? "").split(/[,;]/).map((t) => t.trim().toLowerCase().replace(/\s*=\s*/, "=")).filter(Boolean));
}

/** True when an Accept header admits a FHIR JSON answer (absent: yes, as the IG allows). */
export function acceptsFhirJson(accept: string | null): boolean {
  if (accept === null || accept.trim() === "") return true;
  return accept.split(",").some((range) => {
    const type = range.split(";")[0]!.trim().toLowerCase();
    return type === "application/fhir+json" || type === "application/json" || type === "*/*" || type === "application/*";
  });
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A FHIR `instant` (seconds and a time zone required), or null. An unencoded `+` in a query
 * string arrives as a space: "2026-01-01T00:00:00 01:00" is read as +01:00.
 */
export function parseInstant(text: string): Date | null {
  const value = text.trim().replace(/ (\d{2}:\d{2})$/, "+$1");
  const m = INSTANT.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || h! > 23 || mi! > 59 || s! > 59) return null;
  const daysInMonth = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  if (d! > daysInMonth) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function parseKickoff(query: URLSearchParams, headers: { prefer: string | null; accept: string | null }): { ok: true; request: ExportRequest } | { ok: false; problem: FhirProblem } {
  const prefer = preferTokens(headers.prefer);
  if (!prefer.has("respond-async")) return bad("An export runs in the background: send the header Prefer: respond-async.");
  if (!acceptsFhirJson(headers.accept)) return bad("The kick-off request answers in FHIR JSON: send Accept: application/fhir+json.", "not-supported");
  const lenient = prefer.has("handling=lenient");
  const ignored: string[] = [];

  for (const name of new Set(query.keys())) {
    if (SUPPORTED.has(name)) continue;
    const what = UNSUPPORTED.has(name) ? `The parameter ${name} is not supported by this server` : `The parameter ${name.slice(0, 60)} is not known`;
    if (!lenient) return bad(`${what}; send the request without it (or with Prefer: handling=lenient to have it ignored).`, "not-supported");
    ignored.push(`${what}; it was ignored.`);
  }

  for (const format of query.getAll("_outputFormat")) {
    // An unencoded "+" arrives as a space.
    if (!NDJSON_FORMATS.has(format.trim().toLowerCase().replace(" ", "+"))) {
      return bad(`The _outputFormat ${format.slice(0, 60)} is not supported; this server writes application/fhir+ndjson.`, "not-supported");
    }
  }

  const sinceValues = query.getAll("_since");
  if (sinceValues.length > 1) return bad("Send _since once.");
  let since: Date | null = null;
  if (sinceValues.length === 1) {
    since = parseInstant(sinceValues[0]!);
    if (!since) return bad(`_since must be a FHIR instant with seconds and a time zone, such as 2026-01-31T09:30:00Z (got ${sinceValues[0]!.slice(0, 40)}).`);
  }

  let types: string[] | null = null;
  const typeValues = query.getAll("_type");
  if (typeValues.length > 0) {
    const names = [...new Set(typeValues.flatMap((v) => v.split(",")).map((t) => t.trim()).filter(Boolean))];
    if (names.length === 0) return bad("_type names no resource type; leave it out to export every type.");
    if (names.length > MAX_TYPES) return bad(`_type names more than ${MAX_TYPES} resource types.`);
    const unknown = names.filter((t) => !isFhirResourceType(t));
    if (unknown.length > 0) {
      const list = unknown.slice(0, 5).map((t) => t.slice(0, 60)).join(", ");
      if (!lenient) return bad(`_type names resource types FHIR does not have: ${list}.`, "not-supported");
      ignored.push(`_type named resource types FHIR does not have (${list}); they were ignored.`);
    }
    types = names.filter((t) => isFhirResourceType(t));
    if (types.length === 0) return bad("_type names no resource type FHIR has.", "not-supported");
  }
  return { ok: true, request: { types, since, ignored } };
}
