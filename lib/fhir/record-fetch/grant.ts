/**
 * What a granted scope allows the sync to read: SMART v1 (`patient/*.read`, `patient/Observation.read`)
 * and v2 (`patient/*.rs`, `patient/Observation.rs?category=laboratory`) forms, and whether the
 * participant granted `offline_access` (without it the refresh token is never used: the
 * participant chose a one-time copy). Framework-free.
 */

/** One resource scope, reduced to what the sync needs. */
type ResourceGrant = { resource: string; read: boolean; search: boolean; category: string | null };

export type Grant = {
  offline: boolean;
  /** True when the scope lets the sync search this type (all of it, or `categoriesOf` only). */
  canSearch(type: string): boolean;
  /** True when the scope lets the sync read one resource of this type by id. */
  canRead(type: string): boolean;
  /** The categories a v2 scope limits a type to (`?category=`), or null when the whole type is granted. */
  categoriesOf(type: string): string[] | null;
};

const V1: Record<string, string> = { read: "rs", write: "", "*": "rs" };

function parse(scope: string): ResourceGrant | null {
  const match = /^(?:patient|user)\/([A-Za-z]+|\*)\.([a-z*]+)(?:\?(.*))?$/.exec(scope);
  if (!match) return null;
  const [, resource = "", action = "", query] = match;
  const letters = V1[action] ?? (/^c?r?u?d?s?$/.test(action) ? action : null);
  if (letters === null) return null;
  let category: string | null = null;
  if (query !== undefined) {
    const params = new URLSearchParams(query);
    const keys = [...params.keys()];
    // A query other than one category is not understood: treat that scope as granting nothing.
    if (keys.length !== 1 || keys[0] !== "category") return null;
    const value = params.get("category") ?? "";
    category = value.includes("|") ? value.slice(value.indexOf("|") + 1) : value;
    if (category === "") return null;
  }
  return { resource, read: letters.includes("r"), search: letters.includes("s"), category };
}

const covers = (g: ResourceGrant, type: string) => g.resource === "*" || g.resource === type;

/**
 * The Grant of one scope string. Methods on the prototype, not closures made per grant: the worker
 * makes grants per connection, and V8 compiled such closures again after every full collection
 * (docs/SYNC.md, "closures made per call").
 */
class ScopeGrant implements Grant {
  constructor(
    readonly offline: boolean,
    private readonly grants: readonly ResourceGrant[],
  ) {}

  canSearch(type: string): boolean {
    for (const g of this.grants) if (g.search && covers(g, type)) return true;
    return false;
  }

  canRead(type: string): boolean {
    for (const g of this.grants) if (g.read && g.category === null && covers(g, type)) return true;
    return false;
  }

  categoriesOf(type: string): string[] | null {
    const categories = new Set<string>();
    for (const g of this.grants) {
      if (!g.search || !covers(g, type)) continue;
      if (g.category === null) return null;
      categories.add(g.category);
    }
    return categories.size === 0 ? null : [...categories].sort();
  }
}

/**
 * A granted scope string (space-separated, as the token response sent it) as a Grant. No scope at
 * all (null: the token response left it out) means the scope asked for was granted unchanged
 * (RFC 6749 §5.1), which the portal always asks with patient read and offline_access.
 */
export function grantFrom(scope: string | null | undefined): Grant {
  const words = (scope ?? "patient/*.read offline_access").split(/\s+/).filter(Boolean);
  const grants: ResourceGrant[] = [];
  for (const word of words) {
    const grant = parse(word);
    if (grant) grants.push(grant);
  }
  return new ScopeGrant(words.includes("offline_access"), grants);
}
