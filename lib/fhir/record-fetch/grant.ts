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

/**
 * A granted scope string (space-separated, as the token response sent it) as a Grant. No scope at
 * all (null: the token response left it out) means the scope asked for was granted unchanged
 * (RFC 6749 §5.1), which the portal always asks with patient read and offline_access.
 */
export function grantFrom(scope: string | null | undefined): Grant {
  const words = (scope ?? "patient/*.read offline_access").split(/\s+/).filter(Boolean);
  const grants = words.map(parse).filter((g): g is ResourceGrant => g !== null);
  const matching = (type: string) => grants.filter((g) => g.resource === "*" || g.resource === type);
  return {
    offline: words.includes("offline_access"),
    canSearch: (type) => matching(type).some((g) => g.search),
    canRead: (type) => matching(type).some((g) => g.read && g.category === null),
    categoriesOf(type) {
      const searchable = matching(type).filter((g) => g.search);
      if (searchable.length === 0 || searchable.some((g) => g.category === null)) return null;
      return [...new Set(searchable.map((g) => g.category as string))].sort();
    },
  };
}
