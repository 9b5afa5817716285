/**
 * Granted SMART scopes in plain words, for participants (pure; v1 `.read` and v2 `.rs` alike).
 */
export function describeGrantedData(scope: string | null | undefined): string[] {
  const scopes = new Set((scope ?? "").split(/\s+/).filter(Boolean));
  const lines: string[] = [];
  const all = [...scopes].some((s) => /^patient\/\*\.(read|r?s|cruds|rs)$/.test(s));
  if (all) lines.push("Your health record: your details, test results, conditions, allergies, medicines and vaccines that your health system shares");
  else {
    const types = [...scopes]
      .map((s) => /^patient\/([A-Za-z]+)\.(read|[cruds]+)$/.exec(s)?.[1])
      .filter((t): t is string => Boolean(t));
    if (types.length > 0) lines.push(`Parts of your health record: ${types.join(", ")}`);
  }
  if (scopes.has("offline_access")) lines.push("Ongoing updates, until you stop sharing or your approval ends");
  else if (scopes.size > 0) lines.push("A one-time copy only (no ongoing updates)");
  return lines;
}
