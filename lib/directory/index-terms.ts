/**
 * The search index's rows for one brand: its words by field (name, aliases, parent's name,
 * places, ZIP codes and their areas). Framework-free; lib/data writes them.
 */
import { words, zip5, zipAreaTerm } from "./normalize";
import { stateCode, US_STATES } from "./us-states";

/** n: name, a: alias, p: parent's name, l: place (city, state), z: ZIP code, y: ZIP area. */
export type TermField = "n" | "a" | "p" | "l" | "z" | "y";
export type Place = { city: string | null; state: string | null; postalCode: string | null };
export type IndexedBrand = { name: string; aliases: string[]; parentName: string | null; places: Place[] };

export function brandTerms(brand: IndexedBrand): { term: string; field: TermField }[] {
  const seen = new Set<string>();
  const out: { term: string; field: TermField }[] = [];
  const add = (term: string, field: TermField) => {
    const id = `${field}:${term}`;
    if (term === "" || seen.has(id)) return;
    seen.add(id);
    out.push({ term, field });
  };
  for (const w of words(brand.name)) add(w, "n");
  for (const alias of brand.aliases) for (const w of words(alias)) add(w, "a");
  if (brand.parentName) for (const w of words(brand.parentName)) add(w, "p");
  for (const place of brand.places.slice(0, 100)) {
    if (place.city) for (const w of words(place.city, 6)) add(w, "l");
    if (place.state) {
      const code = stateCode(place.state);
      add(code.toLowerCase(), "l");
      const full = US_STATES[code];
      if (full) for (const w of words(full)) add(w, "l");
    }
    const zip = zip5(place.postalCode);
    if (zip) {
      add(zip, "z");
      add(zipAreaTerm(zip), "y");
    }
  }
  return out.slice(0, 400);
}

/** Places as stored on a brand row: one "city|state|zip" per line. */
export const placesToText = (places: Place[]) => places.map((p) => [p.city ?? "", p.state ?? "", p.postalCode ?? ""].join("|")).join("\n");
export function placesFromText(text: string): Place[] {
  if (!text) return [];
  return text.split("\n").map((line) => {
    const [city, state, postalCode] = line.split("|");
    return { city: city || null, state: state || null, postalCode: postalCode || null };
  });
}
