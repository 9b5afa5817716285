/**
 * Whose record a participant shares, in plain words for staff: the capacity they consented in
 * (their own record, or someone they act for, in their words), and for a connection whose record
 * the portal asked about, why it asked and what they answered (lib/accounts/whose-record.ts).
 * Pure: the page passes what the data layer read.
 */
export type ConsentCapacity = { consentCapacity: string | null; representing: string | null };

export type WhoseRecordFacts = { question: string | null; answer: string | null; representing: string | null; answeredAt: Date | null };

/** Whom a representative acts for, as they wrote it. */
const whom = (representing: string | null) => representing?.trim() || "whom not given";

export function consentCapacityWords({ consentCapacity, representing }: ConsentCapacity): string {
  if (consentCapacity === "self") return "Their own record";
  if (consentCapacity === "representative") return `Someone they act for: ${whom(representing)}`;
  return "Not recorded";
}

const WHY: Record<string, string> = {
  "ehr-chose-other": "the health system said the person who signed in is not the patient",
  "details-differ": "the name or birth date differs from their other health systems' records",
};

/** Null when the portal had nothing to ask about this connection. */
export function whoseRecordWords(facts: WhoseRecordFacts): string | null {
  if (facts.question === null) return null;
  const why = WHY[facts.question] ?? "the record did not clearly match the participant";
  const answer =
    facts.answer === "self"
      ? "their own record"
      : facts.answer === "representative"
        ? `someone they act for (${whom(facts.representing)})`
        : facts.answer === "not-mine"
          ? "not theirs: sharing from this health system stopped"
          : null;
  return answer ? `Asked because ${why}; they answered: ${answer}.` : `Asked because ${why}; not answered yet.`;
}
