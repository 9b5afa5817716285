/**
 * Search parameters. s4s allows exactly the real proxy's list on every type (anything else is 403); smart-v2
 * allows what each type declares (anything else is 400) and requires a category on Observation searches.
 * `_getpagesoffset` is the sandbox's paging cursor, found in `next` links.
 */
import type { Profile } from "../state/model";
import { fail, ok, type Result } from "../util/result";
import { problem, type FhirProblem } from "./outcome";
import { CATEGORY_REQUIRED, PAGE_PARAM, S4S_SEARCH_PARAMS, searchParams } from "./types";

const REPEATABLE = ["_lastUpdated", "category", "_security"];
const JSON_FORMATS = ["json", "application/json", "application/fhir+json", "application/json+fhir"];
/** The page size when `_count` is not given (never more than the server's maximum). */
export const DEFAULT_PAGE_SIZE = 50;

interface DateFilter {
  prefix: "eq" | "gt" | "ge" | "lt" | "le";
  start: number;
  end: number;
}

export interface SearchQuery {
  count: number;
  offset: number;
  dates: DateFilter[];
  /** Each `category` parameter's alternatives (commas mean "any of"); every parameter must match. */
  categories: string[][];
  /** The patient id named by `patient` or `beneficiary` (without `Patient/`). */
  patient: string | undefined;
  ids: string[] | undefined;
}

/** What a search matches against, precomputed per resource. */
export interface Searchable {
  id: string;
  lastUpdatedMs: number;
  /** Category codes, each also as `system|code`. */
  categories: readonly string[];
}

/**
 * Checks the query of any FHIR request: no repeats where one value is meant, JSON only, and under s4s the
 * real proxy's parameter list (403 otherwise). smart-v2's per-type lists are `checkTypeParams`'.
 */
export function checkParams(search: URLSearchParams, profile: Profile): FhirProblem | undefined {
  const seen = new Set<string>();
  for (const key of search.keys()) {
    if (profile === "s4s" && !S4S_SEARCH_PARAMS.includes(key) && key !== PAGE_PARAM) {
      return problem(403, `The search parameter "${key}" is not allowed.`);
    }
    if (seen.has(key) && !REPEATABLE.includes(key)) return problem(400, `The parameter "${key}" appears more than once.`);
    seen.add(key);
  }
  const format = search.get("_format");
  if (format !== null && !JSON_FORMATS.includes(format.split(";")[0]!.trim())) return problem(406, "Only JSON is served.");
  return undefined;
}

/** smart-v2: a search may use only the parameters its type declares; a read only `_format`. */
export function checkTypeParams(search: URLSearchParams, type: string, interaction: "read" | "search"): FhirProblem | undefined {
  const declared = interaction === "search" ? searchParams("smart-v2", type) : [];
  for (const key of search.keys()) {
    if (key === "_format" || (interaction === "search" && key === PAGE_PARAM) || declared.includes(key)) continue;
    const allowed = declared.length > 0 ? ` ${type} searches support ${declared.join(", ")}.` : "";
    return problem(400, `The parameter "${key}" is not supported ${interaction === "search" ? `for ${type} searches` : "on reads"}.${allowed}`);
  }
  if (interaction === "search" && CATEGORY_REQUIRED.includes(type) && !search.has("category") && !search.has("_id")) {
    return problem(400, `category is required for ${type} searches`, "required");
  }
  return undefined;
}

function parseDate(raw: string): DateFilter | undefined {
  // A `+` of a time zone arrives as a space when the client did not percent-encode it: take it back.
  const value = raw.replace(/ (\d{2}:\d{2})$/, "+$1");
  const match = /^(eq|gt|ge|lt|le)?(\d{4})(?:-(\d{2})(?:-(\d{2})(?:(T\d{2}:\d{2})(:\d{2})?(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?)?)?)?$/.exec(value);
  if (!match) return undefined;
  const [, prefix = "eq", y, m, d, hm, sec, fraction, zone] = match;
  if ((m && (Number(m) < 1 || Number(m) > 12)) || (d && (Number(d) < 1 || Number(d) > 31))) return undefined;
  let start: number;
  let end: number;
  if (hm) {
    // Without a time zone, the sandbox's is UTC. The range is the value's precision: a minute, a second or a millisecond.
    start = Date.parse(`${y}-${m}-${d}${hm}${sec ?? ""}${fraction?.slice(0, 4) ?? ""}${zone ?? "Z"}`);
    end = start + (fraction ? 1 : sec ? 1000 : 60_000);
  } else {
    start = Date.UTC(Number(y), m ? Number(m) - 1 : 0, d ? Number(d) : 1);
    const e = new Date(start);
    if (d) e.setUTCDate(e.getUTCDate() + 1);
    else if (m) e.setUTCMonth(e.getUTCMonth() + 1);
    else e.setUTCFullYear(e.getUTCFullYear() + 1);
    end = e.getTime();
  }
  if (Number.isNaN(start) || (d && new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).getUTCDate() !== Number(d))) return undefined;
  return { prefix: prefix as DateFilter["prefix"], start, end };
}

export function parseSearch(search: URLSearchParams, maxPageSize: number): Result<SearchQuery, FhirProblem> {
  const rawCount = search.get("_count");
  if (rawCount !== null && !/^\d{1,30}$/.test(rawCount)) return fail(problem(400, `_count must be a whole number from 0 up (got "${rawCount}").`));
  const count = rawCount === null ? Math.min(DEFAULT_PAGE_SIZE, maxPageSize) : Math.min(Number(rawCount), maxPageSize);
  const rawOffset = search.get(PAGE_PARAM);
  if (rawOffset !== null && !/^\d{1,9}$/.test(rawOffset)) return fail(problem(400, `${PAGE_PARAM} must be a whole number.`));
  const dates: DateFilter[] = [];
  for (const value of search.getAll("_lastUpdated")) {
    const date = parseDate(value);
    if (!date) {
      return fail(problem(400, `_lastUpdated "${value}" is not a date with an eq, gt, ge, lt or le prefix (e.g. gt2024-01-31T12:00:00Z).`));
    }
    dates.push(date);
  }
  const patient = (search.get("patient") ?? search.get("beneficiary"))?.replace(/^Patient\//, "");
  const ids = search.get("_id")?.split(",");
  const categories = search.getAll("category").map((value) => value.split(","));
  return ok({ count, offset: rawOffset === null ? 0 : Number(rawOffset), dates, categories, patient, ids });
}

/** Category codes of a resource's `category` (a CodeableConcept, an array of them, or code strings), each also as `system|code`. */
export function categoryCodes(category: unknown): string[] {
  return [category].flat().flatMap((c) => {
    if (typeof c === "string") return [c];
    const codings = (c as { coding?: { system?: string; code?: string }[] } | undefined)?.coding ?? [];
    return codings.flatMap((x) => [x.code ?? "", `${x.system ?? ""}|${x.code ?? ""}`]);
  });
}

function dateMatches(t: number, f: DateFilter): boolean {
  if (f.prefix === "eq") return t >= f.start && t < f.end;
  if (f.prefix === "gt") return t >= f.end;
  if (f.prefix === "ge") return t >= f.start;
  if (f.prefix === "lt") return t < f.start;
  return t < f.end;
}

/** Whether a resource of the token's patient matches the query (`patient` naming another patient matches nothing). */
export function matches(r: Searchable, patientId: string, q: SearchQuery): boolean {
  if (q.patient !== undefined && q.patient !== patientId) return false;
  if (q.ids && !q.ids.includes(r.id)) return false;
  if (!q.categories.every((anyOf) => anyOf.some((v) => r.categories.includes(v)))) return false;
  return q.dates.every((f) => dateMatches(r.lastUpdatedMs, f));
}
