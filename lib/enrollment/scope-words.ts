/** The sentences, in the participant's language (messages/*.ts, group `granted`); English by default. */
export type GrantedWords = { everything: string; parts: (types: string) => string; ongoing: string; once: string };

const ENGLISH: GrantedWords = {
  everything: "Your health record: your details, test results, conditions, allergies, medicines and vaccines that your health system shares",
  parts: (types) => `Parts of your health record: ${types}`,
  ongoing: "Ongoing updates, until you stop sharing or your approval ends",
  once: "A one-time copy only (no ongoing updates)",
};

/**
 * Granted SMART scopes in plain words, for participants (pure; v1 `.read` and v2 `.rs` alike).
 */
export function describeGrantedData(scope: string | null | undefined, words: GrantedWords = ENGLISH): string[] {
  const scopes = new Set((scope ?? "").split(/\s+/).filter(Boolean));
  const lines: string[] = [];
  const all = [...scopes].some((s) => /^patient\/\*\.(read|r?s|cruds|rs)$/.test(s));
  if (all) lines.push(words.everything);
  else {
    const types = [...scopes]
      .map((s) => /^patient\/([A-Za-z]+)\.(read|[cruds]+)$/.exec(s)?.[1])
      .filter((t): t is string => Boolean(t));
    if (types.length > 0) lines.push(words.parts(types.join(", ")));
  }
  if (scopes.has("offline_access")) lines.push(words.ongoing);
  else if (scopes.size > 0) lines.push(words.once);
  return lines;
}
