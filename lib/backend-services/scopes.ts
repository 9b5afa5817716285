/**
 * SMART `system/` scopes for Backend Services: which of the requested scopes a research client
 * gets, and what a granted scope lets it read. Exports need read access: SMART v1 `.read` (or
 * `.*`) or v2 permissions that include both `r` and `s` (`.rs`, `.cruds`). Pure.
 */
import { isFhirResourceType } from "../fhir-server/resource-types";

const SYSTEM_SCOPE = /^system\/(\*|[A-Z][A-Za-z]{0,63})\.(read|write|\*|c?r?u?d?s?)$/;

type Parsed = { type: string; read: boolean };

function parse(scope: string): Parsed | null {
  const m = SYSTEM_SCOPE.exec(scope);
  if (!m || m[2] === "") return null;
  const [, type, permissions] = m as unknown as [string, string, string];
  if (type !== "*" && !isFhirResourceType(type)) return null;
  const read = permissions === "read" || permissions === "*" || (permissions.includes("r") && permissions.includes("s"));
  return { type, read };
}

/**
 * The scopes granted: each requested one that reads and that the client's registered scopes
 * cover (a `system/*` registration covers every type). Null when none is left (invalid_scope).
 */
export function grantScopes(requested: string, registered: string): string[] | null {
  const allowed = registered.split(/\s+/).map(parse).filter((p): p is Parsed => p?.read === true);
  const covered = (p: Parsed) => allowed.some((a) => a.type === "*" || a.type === p.type);
  const granted = [...new Set(requested.split(/\s+/).filter(Boolean))].filter((s) => {
    const p = parse(s);
    return p?.read === true && covered(p);
  });
  return granted.length > 0 ? granted : null;
}

/** What a token's scopes let it read: every type, or the listed ones. */
export type ReadableTypes = "*" | ReadonlySet<string>;

export function readableTypes(scope: string): ReadableTypes {
  const parsed = scope.split(/\s+/).map(parse).filter((p): p is Parsed => p?.read === true);
  if (parsed.some((p) => p.type === "*")) return "*";
  return new Set(parsed.map((p) => p.type));
}

export const canRead = (readable: ReadableTypes, type: string) => readable === "*" || readable.has(type);
