/**
 * Search parameters. s4s allows exactly the real proxy's list (anything else is 403); smart-v2 adds `_id`.
 * `_getpagesoffset` is the sandbox's paging cursor, found in `next` links.
 */
import type { Profile } from "../state/model";
import { fail, ok, type Result } from "../util/result";
import { problem, type FhirProblem } from "./outcome";
import type { FhirResource } from "./resource";

export const S4S_SEARCH_PARAMS = ["_count", "_format", "_lastUpdated", "category", "patient", "_security", "beneficiary"];
export const PAGE_PARAM = "_getpagesoffset";
const REPEATABLE = ["_lastUpdated", "category", "_security"];
const JSON_FORMATS = ["json", "application/json", "application/fhir+json", "application/json+fhir"];
export const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

interface DateFilter {
  prefix: "eq" | "gt" | "ge" | "lt" | "le";
  start: number;
  end: number;
}

export interface SearchQuery {
  count: number;
  offset: number;
  dates: DateFilter[];
  categories: string[];
  patient: string | undefined;
  ids: string[] | undefined;
}

export function allowedParams(profile: Profile): string[] {
  return [...S4S_SEARCH_PARAMS, PAGE_PARAM, ...(profile === "smart-v2" ? ["_id"] : [])];
}

/** Checks the query of any FHIR request: allowed names, no repeats where one value is meant, JSON only. */
export function checkParams(search: URLSearchParams, profile: Profile): FhirProblem | undefined {
  const allowed = allowedParams(profile);
  const seen = new Set<string>();
  for (const key of search.keys()) {
    if (!allowed.includes(key)) return problem(403, `The search parameter "${key}" is not allowed.`);
    if (seen.has(key) && !REPEATABLE.includes(key)) return problem(400, `The parameter "${key}" appears more than once.`);
    seen.add(key);
  }
  const format = search.get("_format");
  if (format !== null && !JSON_FORMATS.includes(format.split(";")[0]!.trim())) return problem(406, "Only JSON is served.");
  return undefined;
}

function parseDate(value: string): DateFilter | undefined {
  const match = /^(eq|gt|ge|lt|le)?(\d{4})(?:-(\d{2})(?:-(\d{2})(T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))?)?)?$/.exec(value);
  if (!match) return undefined;
  const [, prefix = "eq", y, m, d, time] = match;
  if ((m && (Number(m) < 1 || Number(m) > 12)) || (d && (Number(d) < 1 || Number(d) > 31))) return undefined;
  let start: number;
  let end: number;
  if (time) {
    start = Date.parse(`${y}-${m}-${d}${time}`);
    end = start + 1000;
  } else {
    start = Date.UTC(Number(y), m ? Number(m) - 1 : 0, d ? Number(d) : 1);
    const e = new Date(start);
    if (d) e.setUTCDate(e.getUTCDate() + 1);
    else if (m) e.setUTCMonth(e.getUTCMonth() + 1);
    else e.setUTCFullYear(e.getUTCFullYear() + 1);
    end = e.getTime();
  }
  if (Number.isNaN(start)) return undefined;
  return { prefix: prefix as DateFilter["prefix"], start, end };
}

function nonNegativeInt(value: string | null, fallback: number): number | undefined {
  if (value === null) return fallback;
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}

export function parseSearch(search: URLSearchParams): Result<SearchQuery, FhirProblem> {
  const count = nonNegativeInt(search.get("_count"), DEFAULT_PAGE_SIZE);
  if (count === undefined) return fail(problem(400, "_count must be a whole number."));
  const offset = nonNegativeInt(search.get(PAGE_PARAM), 0);
  if (offset === undefined) return fail(problem(400, `${PAGE_PARAM} must be a whole number.`));
  const dates: DateFilter[] = [];
  for (const value of search.getAll("_lastUpdated")) {
    const date = parseDate(value);
    if (!date) return fail(problem(400, `_lastUpdated "${value}" is not a date with an eq, gt, ge, lt or le prefix.`));
    dates.push(date);
  }
  const patient = search.get("patient") ?? search.get("beneficiary") ?? undefined;
  const ids = search.get("_id")?.split(",");
  return ok({ count: Math.min(count, MAX_PAGE_SIZE), offset, dates, categories: search.getAll("category"), patient, ids });
}

function categoryCodes(resource: FhirResource): string[] {
  const list = [resource.category].flat();
  return list.flatMap((c) => {
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

export function matches(resource: FhirResource, patientId: string, q: SearchQuery): boolean {
  if (q.patient !== undefined && q.patient.replace(/^Patient\//, "") !== patientId) return false;
  if (q.ids && !q.ids.includes(resource.id)) return false;
  if (q.categories.length > 0) {
    const codes = categoryCodes(resource);
    if (!q.categories.some((value) => value.split(",").some((v) => codes.includes(v)))) return false;
  }
  const updated = Date.parse(resource.meta.lastUpdated);
  return q.dates.every((f) => dateMatches(updated, f));
}
