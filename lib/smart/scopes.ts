/**
 * Scopes: what the portal asks for, and what a granted scope means for a participant.
 * SMART v1 (`patient/*.read`) and v2 (`patient/*.rs`) scopes are compared by permission, so
 * `patient/*.read` ≡ `patient/*.rs`, while `patient/Patient.read` covers only Patient.
 */
import { isFhirId } from "../ehr-http/fhir-id";
import type { SmartConfiguration } from "./discovery-documents";

/** A FHIR logical id, by the one check of lib/ehr-http (FHIR's pattern, never only dots: "..." too). */
export function isValidFhirId(id: string): boolean {
  return isFhirId(id);
}

export function defaultScope(config: Pick<SmartConfiguration, "capabilities">): string {
  const v2 = config.capabilities.includes("permission-v2");
  const scope = v2 ? "launch/patient patient/*.rs offline_access" : "launch/patient patient/*.read offline_access";
  // Where the EHR offers SMART's OpenID Connect profile, its id_token's fhirUser says who signed in
  // there, so the portal can tell when they chose another person's record (issue 13). The S4S
  // server offers none: its token response names only the patient.
  return config.capabilities.includes("sso-openid-connect") ? `${scope} openid fhirUser` : scope;
}

interface ResourceScope {
  context: string;
  resource: string;
  permissions: Set<string>;
  query: string;
}

const V1_PERMISSIONS: Record<string, string> = { read: "rs", write: "cud", "*": "cruds" };

/** Parses `patient/Observation.read`, `user/*.cruds`, `patient/Observation.rs?category=laboratory`. */
function parseResourceScope(scope: string): ResourceScope | undefined {
  const match = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z*]+)(\?.*)?$/.exec(scope);
  if (!match) return undefined;
  const [, context = "", resource = "", action = "", query = ""] = match;
  const letters = V1_PERMISSIONS[action] ?? (/^c?r?u?d?s?$/.test(action) ? action : undefined);
  if (!letters) return undefined;
  return { context, resource, permissions: new Set(letters), query };
}

function isCovered(requested: string, granted: string[]): boolean {
  if (granted.includes(requested)) return true;
  const want = parseResourceScope(requested);
  if (!want) return false;
  const have = new Set<string>();
  for (const scope of granted) {
    const g = parseResourceScope(scope);
    if (!g || g.context !== want.context) continue;
    if (g.resource !== "*" && g.resource !== want.resource) continue;
    if (g.query !== "" && g.query !== want.query) continue;
    g.permissions.forEach((p) => have.add(p));
  }
  return [...want.permissions].every((p) => have.has(p));
}

export interface ScopeComparison {
  /** offline_access was asked for and not granted: no refresh token, one collection only. */
  missingOfflineAccess: boolean;
  /** Patient-level read was asked for and no patient-level read of any resource was granted. */
  missingPatientRead: boolean;
  /** Requested scopes not (fully) covered by the granted ones. */
  narrower: string[];
  /**
   * What the participant should be told, as codes (the words are in the catalogues, group
   * "scopeWarnings"): no read at all, only part of the record, or one collection only.
   */
  consequences: ScopeConsequence[];
}

/** The consequences of a narrower grant that a participant is told about. */
export const SCOPE_CONSEQUENCES = ["noRead", "partial", "once"] as const;
export type ScopeConsequence = (typeof SCOPE_CONSEQUENCES)[number];

function isPatientRead(scope: string): boolean {
  const parsed = parseResourceScope(scope);
  return parsed?.context === "patient" && parsed.permissions.has("r");
}

const words = (scope: string) => scope.split(/\s+/).filter((w) => w !== "");

/**
 * Compares what was asked for with what was granted. An absent granted scope means "as
 * requested" (RFC 6749 §5.1).
 */
export function compareGrantedScope(requested: string, granted: string | undefined): ScopeComparison {
  const asked = words(requested);
  const got = granted === undefined ? asked : words(granted);
  const narrower = asked.filter((scope) => !isCovered(scope, got));
  const missingOfflineAccess = narrower.includes("offline_access");
  const missingPatientRead = asked.some(isPatientRead) && !got.some(isPatientRead);
  const consequences: ScopeConsequence[] = [];
  if (missingPatientRead) consequences.push("noRead");
  else if (narrower.some((s) => parseResourceScope(s) !== undefined)) consequences.push("partial");
  if (missingOfflineAccess) consequences.push("once");
  return { missingOfflineAccess, missingPatientRead, narrower, consequences };
}
