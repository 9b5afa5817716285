/** Scope strings: SMART v1 (`patient/*.read`) and v2 (`patient/*.rs`) resource scopes and the launch scopes. */

const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;
const RESOURCE_SCOPE = /^patient\/(\*|[A-Z][A-Za-z]+)\.(read|write|\*|c?r?u?d?s?)$/;
const CONTEXT_SCOPES = new Set(["launch/patient", "offline_access", "online_access"]);

export function splitScope(scope: string): string[] {
  return [...new Set(scope.split(" ").filter((s) => s.length > 0))];
}

/** RFC 6749 scope syntax: space-separated tokens of printable ASCII without `"` and `\`. */
export function isScopeSyntax(scope: string): boolean {
  const scopes = splitScope(scope);
  return scope.length <= 2000 && scopes.length > 0 && scopes.every((s) => SCOPE_TOKEN.test(s));
}

/** A scope the smart-v2 profile understands (patient-level access only; no granular `?` filters, no openid). */
export function isSupportedV2Scope(scope: string): boolean {
  if (CONTEXT_SCOPES.has(scope)) return true;
  const match = RESOURCE_SCOPE.exec(scope);
  return match !== null && match[2] !== "";
}

export function isSubset(requested: string[], allowed: string[]): boolean {
  const set = new Set(allowed);
  return requested.every((s) => set.has(s));
}

function permissions(perms: string): string {
  if (perms === "read") return "rs";
  if (perms === "write") return "cud";
  return perms === "*" ? "cruds" : perms;
}

/** Whether one granted scope includes another: equal, or a resource scope for the same (or every) type with more permissions. */
function covers(granted: string, asked: string): boolean {
  if (granted === asked) return true;
  const g = RESOURCE_SCOPE.exec(granted);
  const a = RESOURCE_SCOPE.exec(asked);
  if (!g || !a || (g[1] !== "*" && g[1] !== a[1])) return false;
  const have = permissions(g[2] ?? "");
  return [...permissions(a[2] ?? "")].every((p) => have.includes(p));
}

/**
 * Whether the asked scopes stay within the allowed ones. s4s compares strings, like the real server;
 * smart-v2 also lets a client ask for less than it registered (`patient/Observation.rs` within `patient/*.read`).
 */
export function withinScope(profile: "s4s" | "smart-v2", asked: string[], allowed: string[]): boolean {
  if (profile === "s4s") return isSubset(asked, allowed);
  return asked.every((a) => allowed.some((g) => covers(g, a)));
}

export function hasRefreshScope(scopes: string[]): boolean {
  return scopes.includes("offline_access") || scopes.includes("online_access");
}

/** Whether the scopes allow reading (`r`) or searching (`s`) a resource type. */
export function permits(scopes: string[], type: string, interaction: "read" | "search"): boolean {
  const letter = interaction === "read" ? "r" : "s";
  return scopes.some((s) => {
    const match = RESOURCE_SCOPE.exec(s);
    if (!match || (match[1] !== "*" && match[1] !== type)) return false;
    const perms = match[2] ?? "";
    return perms === "read" || perms === "*" || (perms !== "write" && perms.includes(letter));
  });
}

export const V2_SCOPES_SUPPORTED = [
  "launch/patient",
  "offline_access",
  "online_access",
  "patient/*.read",
  "patient/*.rs",
  "patient/Patient.rs",
  "patient/Observation.rs",
  "patient/Condition.rs",
  "patient/AllergyIntolerance.rs",
  "patient/MedicationRequest.rs",
  "patient/MedicationStatement.rs",
  "patient/Immunization.rs",
];
