import { DEFAULT_LOCALE, type Locale } from "../i18n/locales";

/**
 * The study's consent texts, by version and language. A participant agrees to one version, in
 * one language, before connecting; the version, the language (Participant.consentLocale) and the
 * time are stored with them. Add a new version rather than editing one that participants have
 * agreed to; a version has a text in every language (lib/study/consent.test.ts checks it).
 * CONSENT_VERSION selects the version in force.
 */
export type ConsentText = { version: string; locale: Locale; title: string; paragraphs: string[] };

export const consentTexts: Record<string, Record<Locale, Omit<ConsentText, "version" | "locale">>> = {
  "2026-11-v1": {
    en: {
      title: "Agreement to share your health record",
      paragraphs: [
        "You are being asked to share a copy of your electronic health record with the research team. Taking part is your choice.",
        "If you agree, we will connect to your health system with your permission. We will collect your basic details (name, birth date, gender, address) and, where you allow it, your health information such as test results, conditions, allergies, medicines and vaccines.",
        "Your health system asks you to confirm what you share and for how long. You can stop sharing at any time from the \"My connection\" page. When you withdraw, we stop collecting data and delete your stored record unless the study has told you it keeps what was already collected.",
        "Only the study's approved staff can see your information. Every time they look at it, it is recorded.",
      ],
    },
    es: {
      title: "Acuerdo para compartir su historial médico",
      paragraphs: [
        "Le pedimos que comparta con el equipo de investigación una copia de su historial médico electrónico. Participar es decisión suya.",
        "Si está de acuerdo, nos conectaremos con su sistema de salud con su permiso. Recogeremos sus datos básicos (nombre, fecha de nacimiento, sexo y dirección) y, si usted lo permite, su información de salud, como resultados de análisis, enfermedades, alergias, medicamentos y vacunas.",
        "Su sistema de salud le pedirá que confirme qué comparte y durante cuánto tiempo. Puede dejar de compartir en cualquier momento desde la página «Mi conexión». Si se retira, dejamos de recoger datos y borramos el historial que guardamos, a menos que el estudio le haya dicho que conserva lo que ya se había recogido.",
        "Solo el personal autorizado del estudio puede ver su información. Cada vez que alguien la consulta, queda registrado.",
      ],
    },
  },
};

/** The text of `version` in `locale` (English when not given). */
export function consentText(version: string, locale: Locale = DEFAULT_LOCALE): ConsentText {
  const text = consentTexts[version]?.[locale];
  if (!text) throw new Error(`CONSENT_VERSION ${version} has no ${locale} consent text in lib/study/consent.ts`);
  return { version, locale, ...text };
}
