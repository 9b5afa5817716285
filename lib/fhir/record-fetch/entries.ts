/**
 * A search page's entries, checked as untrusted input: each must be a resource of the searched type,
 * with a valid FHIR id, whose patient reference (if the type has one) is the connection's patient,
 * within the size limit. Anything else is refused and counted, never stored. Framework-free.
 */
import { hash } from "node:crypto";
import { isValidFhirId } from "../../smart";

/** A resource ready to store. */
export type FetchedResource = {
  resourceType: string;
  fhirId: string;
  versionId: string | null;
  lastUpdated: string | null;
  contentHash: string;
  json: string;
};

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Where each type names its patient (R4 and DSTU2 together). */
const PATIENT_FIELDS = ["subject", "patient", "beneficiary", "subscriber"] as const;

/** The two ways a resource may name the patient: "Patient/<id>", and the same on the FHIR base. */
function patientReferences(patientId: string, fhirBase: string): readonly [string, string] {
  const relative = `Patient/${patientId}`;
  return [relative, `${fhirBase.replace(/\/+$/, "")}/${relative}`];
}

/** Every patient field the resource has names the patient, and it has at least one. */
function belongsToPatient(resource: Record<string, unknown>, accepted: readonly [string, string]): boolean {
  let named = false;
  for (const field of PATIENT_FIELDS) {
    const value = resource[field];
    if (!isRecord(value)) continue;
    if (value.reference !== accepted[0] && value.reference !== accepted[1]) return false;
    named = true;
  }
  return named;
}

const shortString = (v: unknown) => (typeof v === "string" && v.length <= 64 ? v : null);

/** SHA-256, base64url. The one-shot `hash` costs two thirds of a Hash object per resource. */
export function hashOf(json: string): string {
  return hash("sha256", json, "base64url");
}

/**
 * A resource as stored, its version marks and hash. The JSON is `sent`, the EHR's own text of this
 * very resource (../bundle-slices.ts), when it is one line; otherwise (not given, or written over
 * several lines, which an NDJSON export cannot hold) the resource serialised again.
 */
export function toFetched(resource: Record<string, unknown>, sent: string | null = null): FetchedResource | null {
  if (typeof resource.resourceType !== "string" || typeof resource.id !== "string" || !isValidFhirId(resource.id)) return null;
  const json = sent !== null && sent.indexOf("\n") < 0 && sent.indexOf("\r") < 0 ? sent : JSON.stringify(resource);
  const meta = isRecord(resource.meta) ? resource.meta : {};
  return {
    resourceType: resource.resourceType,
    fhirId: resource.id,
    versionId: shortString(meta.versionId),
    lastUpdated: shortString(meta.lastUpdated),
    contentHash: hashOf(json),
    json,
  };
}

export type CheckedPage = { resources: FetchedResource[]; refused: number; next: string | null };

/**
 * The text of each entry's resource as the page sent it (`cut`: cutPage's `resources` of the text
 * `json` was parsed from), when it is given and agrees on the number of entries; else null (each
 * resource is serialised again).
 */
export function sentResources(cut: readonly (string | null)[] | null | undefined, entries: readonly unknown[]): readonly (string | null)[] | null {
  return cut && cut.length === entries.length ? cut : null;
}

/** Checks one searchset page (`sent`: cutPage's resource texts of the page as received); `null` when the page itself is not a Bundle. */
export function checkPage(
  json: unknown,
  input: { resourceType: string; patientId: string; fhirBase: string; maxResourceBytes: number; sent?: readonly (string | null)[] | null },
): CheckedPage | null {
  if (!isRecord(json) || json.resourceType !== "Bundle") return null;
  const entries = Array.isArray(json.entry) ? json.entry : json.entry === undefined ? [] : null;
  if (entries === null) return null;
  const accepted = patientReferences(input.patientId, input.fhirBase);
  const sent = sentResources(input.sent, entries);
  const resources: FetchedResource[] = [];
  const seen = new Set<string>();
  let refused = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry: unknown = entries[i];
    if (!isRecord(entry)) {
      refused++;
      continue;
    }
    // Outcome entries (warnings the server adds to a search) are not part of the record.
    if (isRecord(entry.search) && entry.search.mode === "outcome") continue;
    const resource = entry.resource;
    if (!isRecord(resource) || resource.resourceType !== input.resourceType || !belongsToPatient(resource, accepted)) {
      refused++;
      continue;
    }
    const fetched = toFetched(resource, sent?.[i] ?? null);
    if (!fetched || fetched.json.length > input.maxResourceBytes || seen.has(fetched.fhirId)) {
      refused++;
      continue;
    }
    seen.add(fetched.fhirId);
    resources.push(fetched);
  }
  return { resources, refused, next: nextLinkOf(json) };
}

/** A searchset page's `next` link as written (unchecked), read before its entries are: the next page can be asked for at once. */
export function nextLinkOf(json: unknown): string | null {
  if (!isRecord(json) || json.resourceType !== "Bundle") return null;
  const links = Array.isArray(json.link) ? json.link : [];
  const nextLink = links.find((l) => isRecord(l) && l.relation === "next");
  return isRecord(nextLink) && typeof nextLink.url === "string" ? nextLink.url : null;
}

/**
 * References to the types the record points at ("Practitioner/abc"), relative or on the FHIR base.
 * One pattern per base and types (kept): it matches only references to those types with a FHIR id,
 * so a page's many patient and encounter references cost nothing past the match attempt.
 */
export function collectReferences(json: string, types: readonly string[], fhirBase: string, into: Set<string>): void {
  referenceCollector(types, fhirBase)(json, into);
}

/** collectReferences for many resources of one search: the pattern is looked up once. */
export function referenceCollector(types: readonly string[], fhirBase: string): (json: string, into: Set<string>) => void {
  if (types.length === 0) return () => undefined;
  const pattern = referencePattern(types, fhirBase);
  return (json, into) => {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(json); match; match = pattern.exec(json)) {
      if (isValidFhirId(match[2]!)) into.add(`${match[1]}/${match[2]}`);
    }
  };
}

const patterns = new Map<string, RegExp>();
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

function referencePattern(types: readonly string[], fhirBase: string): RegExp {
  const key = `${fhirBase}\n${types.join(",")}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    if (patterns.size >= 100) patterns.clear();
    const base = escapeRegExp(`${fhirBase.replace(/\/+$/, "")}/`);
    pattern = new RegExp(`"reference":"(?:${base})?(${types.map(escapeRegExp).join("|")})/([A-Za-z0-9\\-.]{1,64})"`, "g");
    patterns.set(key, pattern);
  }
  return pattern;
}
