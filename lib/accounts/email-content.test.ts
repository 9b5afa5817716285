import { describe, expect, it } from "vitest";
import { signInEmailContent, verifyEmailContent, withdrawalConfirmedContent } from "./email-content";

const contact = { studyName: "Heart Study", name: "Dr Lee's team", email: "team@example.org", phone: "+1 555 0100" };
const link = "https://portal.example.org/me/link?token=abc";

describe("account emails", () => {
  it("carry the link in the text and the HTML, and the study team's contact", () => {
    for (const mail of [verifyEmailContent({ link, contact }), signInEmailContent({ link, contact })]) {
      expect(mail.text).toContain(link);
      expect(mail.html).toContain(`href="${link}"`);
      expect(mail.text).toContain("Questions? Contact Dr Lee's team");
      expect(mail.text).toContain("team@example.org");
      expect(mail.html).toContain("Dr Lee&#39;s team");
    }
    expect(verifyEmailContent({ link, contact }).subject).toBe("Confirm your email for Heart Study");
  });

  it("say per health system what really happened at withdrawal", () => {
    const mail = withdrawalConfirmedContent({
      keptRecord: false,
      contact,
      outcomes: [
        { healthSystemName: "Clinic A", ended: true, manageUrl: null },
        { healthSystemName: "Hospital B", ended: false, manageUrl: "https://ehr.example.org/apps" },
        { healthSystemName: "Hospital C", ended: false, manageUrl: null },
      ],
    });
    expect(mail.text).toContain("Clinic A: the study's access has ended.");
    expect(mail.text).toContain("Hospital B: the study could not end its access there. Please end it on your health system's page: https://ehr.example.org/apps");
    expect(mail.text).toContain("Hospital C: the study could not end its access there. Please end it in your health system's patient portal.");
    expect(mail.text).toContain("has been deleted");
  });

  it("speaks the participant's saved language: Spanish subject, words, button, contact and html lang", () => {
    const mail = signInEmailContent({ link, contact, locale: "es" });
    expect(mail.subject).toBe("Su enlace para entrar en Heart Study");
    expect(mail.text).toContain("Sirve una sola vez, durante 15 minutos.");
    expect(mail.text).toContain("¿Preguntas? Comuníquese con");
    expect(mail.html).toContain('lang="es"');
    expect(mail.html).toContain("Entrar en Mi estudio");
    const left = withdrawalConfirmedContent({ keptRecord: true, contact, locale: "es", outcomes: [{ healthSystemName: "Clinic A", ended: true, manageUrl: null }] });
    expect(left.text).toContain("Clinic A: el acceso del estudio ha terminado.");
    expect(left.text).not.toContain("study's access");
  });
});
