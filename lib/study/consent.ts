/**
 * The study's consent texts, by version. A participant agrees to one version before connecting;
 * the version and the time are stored with them. Add a new version rather than editing one that
 * participants have agreed to. CONSENT_VERSION selects the version in force.
 */
export type ConsentText = { version: string; title: string; paragraphs: string[] };

export const consentTexts: Record<string, ConsentText> = {
  "2026-11-v1": {
    version: "2026-11-v1",
    title: "Agreement to share your health record",
    paragraphs: [
      "You are being asked to share a copy of your electronic health record with the research team. Taking part is your choice.",
      "If you agree, we will connect to your health system with your permission. We will collect your basic details (name, birth date, gender, address) and, where you allow it, your health information such as test results, conditions, allergies, medicines and vaccines.",
      "Your health system asks you to confirm what you share and for how long. You can stop sharing at any time from the \"My connection\" page. When you withdraw, we stop collecting data and delete your stored record unless the study has told you it keeps what was already collected.",
      "Only the study's approved staff can see your information. Every time they look at it, it is recorded.",
    ],
  },
};

export function consentText(version: string): ConsentText {
  const text = consentTexts[version];
  if (!text) throw new Error(`CONSENT_VERSION ${version} has no consent text in lib/study/consent.ts`);
  return text;
}
