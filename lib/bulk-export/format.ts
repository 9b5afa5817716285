/**
 * How a stored resource becomes a line of an export file, pure: the resource exactly as its EHR
 * sent it, plus `meta.tag` codings naming the study's participant and the health system it came
 * from (any tag an EHR put there under those systems is dropped first: a study's tags cannot be
 * forged from outside). Also the names of the files and the Bundles that report deletions.
 */

export type Coding = { system: string; code: string };

export class UnusableResource extends Error {}

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === "object" && v !== null && !Array.isArray(v);

/** The stored JSON with our tags in meta.tag, as one line (no newline). */
export function tagResource(resourceJson: string, tags: readonly Coding[]): string {
  let resource: unknown;
  try {
    resource = JSON.parse(resourceJson);
  } catch {
    throw new UnusableResource("its stored JSON does not parse");
  }
  if (!isObject(resource) || typeof resource.resourceType !== "string") throw new UnusableResource("its stored JSON is not a FHIR resource");
  const ours = new Set(tags.map((t) => t.system));
  const meta = isObject(resource.meta) ? resource.meta : {};
  const kept = Array.isArray(meta.tag) ? meta.tag.filter((t) => !(isObject(t) && typeof t.system === "string" && ours.has(t.system))) : [];
  resource.meta = { ...meta, tag: [...kept, ...tags] };
  return JSON.stringify(resource);
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
