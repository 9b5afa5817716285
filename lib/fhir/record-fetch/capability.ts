/**
 * What a FHIR server's CapabilityStatement (R4) or Conformance (DSTU2) says about each resource
 * type: that it can be searched, with which parameters, and whether `category` is required
 * (declared in the parameter's documentation, as the sandbox's smart-v2 profile and some vendors
 * write it). Untrusted input: anything malformed simply declares less. Framework-free.
 */
export type TypeCapability = { searchParams: Set<string>; categoryRequired: boolean };
export type Capabilities = Map<string, TypeCapability>;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const MAX_TYPES = 500;
const MAX_PARAMS = 200;

export function capabilitiesFrom(json: unknown): Capabilities | null {
  if (!isRecord(json) || (json.resourceType !== "CapabilityStatement" && json.resourceType !== "Conformance")) return null;
  const rest = Array.isArray(json.rest) ? json.rest.find((r) => isRecord(r) && r.mode === "server") : undefined;
  if (!isRecord(rest) || !Array.isArray(rest.resource)) return null;
  const types: Capabilities = new Map();
  for (const entry of rest.resource.slice(0, MAX_TYPES)) {
    if (!isRecord(entry) || typeof entry.type !== "string" || !/^[A-Z][A-Za-z]{1,63}$/.test(entry.type)) continue;
    const interactions = Array.isArray(entry.interaction) ? entry.interaction : [];
    const searchable = interactions.some((i) => isRecord(i) && i.code === "search-type");
    if (!searchable) continue;
    const params = new Set<string>();
    let categoryRequired = false;
    for (const p of (Array.isArray(entry.searchParam) ? entry.searchParam : []).slice(0, MAX_PARAMS)) {
      if (!isRecord(p) || typeof p.name !== "string") continue;
      params.add(p.name);
      if (p.name === "category" && typeof p.documentation === "string" && /\brequired\b/i.test(p.documentation)) categoryRequired = true;
    }
    types.set(entry.type, { searchParams: params, categoryRequired });
  }
  return types;
}
