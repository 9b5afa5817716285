/**
 * How a stored resource becomes a line of an export file, pure: the resource exactly as its EHR
 * sent it, plus `meta.tag` codings naming the study's participant and the health system it came
 * from (any tag an EHR put there under those systems is dropped first: a study's tags cannot be
 * forged from outside). Also the names of the files and the Bundles that report deletions.
 */
import { firstMember, memberAt, objectMembers, skipWhitespace, type Member } from "./json-scan";

export type Coding = { system: string; code: string };

export class UnusableResource extends Error {}

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** What tagging needs of a set of codings, worked out once per set (per connection, not per resource). */
type Prepared = { text: string; forged: (t: unknown) => boolean };
const prepared = new WeakMap<readonly Coding[], Prepared>();

function prepare(tags: readonly Coding[]): Prepared {
  let p = prepared.get(tags);
  if (!p) {
    const systems = new Set(tags.map((t) => t.system));
    p = { text: tags.map((t) => JSON.stringify(t)).join(","), forged: (t) => isObject(t) && typeof t.system === "string" && systems.has(t.system) };
    prepared.set(tags, p);
  }
  return p;
}


/** The stored JSON with our tags in meta.tag, as one line (no newline). */
export function tagResource(resourceJson: string, tags: readonly Coding[]): string {
  return tagBySplicing(resourceJson, tags) ?? tagByParsing(resourceJson, tags);
}

/** The general way: parse, set meta.tag, serialize (also compacts a pretty-printed resource onto one line). */
export function tagByParsing(resourceJson: string, tags: readonly Coding[]): string {
  let resource: unknown;
  try {
    resource = JSON.parse(resourceJson);
  } catch {
    throw new UnusableResource("its stored JSON does not parse");
  }
  if (!isObject(resource) || typeof resource.resourceType !== "string") throw new UnusableResource("its stored JSON is not a FHIR resource");
  const { forged } = prepare(tags);
  const meta = isObject(resource.meta) ? resource.meta : {};
  const kept = Array.isArray(meta.tag) ? meta.tag.filter((t) => !forged(t)) : [];
  resource.meta = { ...meta, tag: [...kept, ...tags] };
  return JSON.stringify(resource);
}

function only(members: Member[], key: string): Member[] {
  const found: Member[] = [];
  for (const m of members) if (m.key === key) found.push(m);
  return found;
}

/** `text` inserted before index `close` (a closing brace), after a comma unless the object is empty. */
function insertBefore(json: string, close: number, empty: boolean, text: string): string {
  return `${json.slice(0, close)}${empty ? "" : ","}${text}${json.slice(close)}`;
}

/**
 * The fast way: insert or rewrite only meta.tag in the text, reading no more of it than needed.
 * It relies on what the store guarantees — its text is JSON the sync parsed — and answers null
 * (the caller then parses) whenever anything is unusual: more than one line, \u escapes (a key
 * could be spelled with them), a second "meta" anywhere after the top-level one (a duplicate key,
 * or a contained resource's), meta that is not an object, two tag keys. Same result as
 * tagByParsing.
 */
export function tagBySplicing(json: string, tags: readonly Coding[]): string | null {
  // More than one line, or a \u escape (a key could be spelled with one): left to the full parse.
  if (json.includes("\n") || json.includes("\r") || json.includes("\\u")) return null;
  const start = skipWhitespace(json, 0);
  let close = json.length - 1;
  while (close > start && json.charCodeAt(close) <= 0x20) close--;
  if (json.charCodeAt(start) !== 0x7b || json.charCodeAt(close) !== 0x7d || !json.includes('"resourceType"')) return null;
  const { text: ours, forged } = prepare(tags);
  if (!json.includes('"meta"')) return insertBefore(json, close, skipWhitespace(json, start + 1) === close, `"meta":{"tag":[${ours}]}`);
  // Find the top-level meta, member by member (usually the second or third).
  let j = firstMember(json, start);
  let meta: Member | null = null;
  while (j >= 0 && !meta) {
    const read = memberAt(json, j);
    if (!read) return null;
    if (read.member.key === "meta") meta = read.member;
    j = read.next;
  }
  if (!meta) return j === -(close + 1) ? insertBefore(json, close, false, `"meta":{"tag":[${ours}]}`) : null;
  if (json.indexOf('"meta"', meta.valueEnd) !== -1 || json.charCodeAt(meta.valueStart) !== 0x7b) return null;
  const inner = objectMembers(json, meta.valueStart);
  if (!inner) return null;
  const tagMembers = only(inner.members, "tag");
  if (tagMembers.length === 0) return insertBefore(json, inner.end - 1, inner.members.length === 0, `"tag":[${ours}]`);
  const tag = tagMembers[0]!;
  if (tagMembers.length > 1 || json.charCodeAt(tag.valueStart) !== 0x5b) return null;
  const existing = JSON.parse(json.slice(tag.valueStart, tag.valueEnd)) as unknown[];
  const kept = existing.filter((t) => !forged(t));
  return `${json.slice(0, tag.valueStart)}${JSON.stringify([...kept, ...tags])}${json.slice(tag.valueEnd)}`;
}

/** A FHIR version as a file-name suffix: R4 files have none ("Observation.ndjson"); others say theirs. */
export function versionSuffix(fhirVersion: string | null): string {
  if (!fhirVersion) return "unknown-version";
  if (fhirVersion.startsWith("4.0")) return "";
  if (fhirVersion.startsWith("1.0")) return "dstu2";
  if (fhirVersion.startsWith("3.0")) return "stu3";
  if (fhirVersion.startsWith("4.3")) return "r4b";
  if (fhirVersion.startsWith("5.")) return "r5";
  return `v${fhirVersion.replace(/[^0-9.]/g, "").slice(0, 12)}`;
}

/** "Observation.ndjson", "MedicationOrder.dstu2.ndjson". Resource type names are [A-Za-z]. */
export function outputFileName(resourceType: string, fhirVersion: string | null): string {
  const suffix = versionSuffix(fhirVersion);
  return suffix ? `${resourceType}.${suffix}.ndjson` : `${resourceType}.ndjson`;
}

export const DELETED_FILE = "deleted.ndjson";
export const ERROR_FILE = "errors.ndjson";

/** One line of the deleted file: a transaction Bundle of DELETE entries, tagged like the resources. */
export function deletedBundle(keys: readonly { resourceType: string; fhirId: string }[], tags: readonly Coding[], lastUpdated: Date): string {
  return JSON.stringify({
    resourceType: "Bundle",
    type: "transaction",
    meta: { lastUpdated: lastUpdated.toISOString(), tag: tags },
    entry: keys.map((k) => ({ request: { method: "DELETE", url: `${k.resourceType}/${k.fhirId}` } })),
  });
}

/** One line of the error file. */
export function outcomeLine(severity: "error" | "warning" | "information", code: string, diagnostics: string): string {
  return JSON.stringify({ resourceType: "OperationOutcome", issue: [{ severity, code, diagnostics }] });
}
