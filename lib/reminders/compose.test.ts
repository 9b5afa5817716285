import { describe, expect, it } from "vitest";
import { composeReminder } from "./compose";
import { verifyUnsubscribe } from "./unsubscribe";

const SETTINGS = { portalUrl: "https://portal.example.org", secret: "compose-test-secret-compose-test-secret", studyName: "Heart Study", contact: "team@example.org" };
const base = { participantId: "cp1", healthSystemId: "hs1", healthSystemName: "City Clinic", now: new Date("2027-03-01T12:00:00Z") };

describe("composeReminder", () => {
  it("writes the end date in the participant's language, with the days left", () => {
    const endsAt = new Date("2027-03-04T09:00:00Z");
    const es = composeReminder({ ...base, kind: "reminder_ends_3", locale: "es", endsAt }, SETTINGS);
    expect(es.subject).toBe("Su permiso para compartir con Heart Study termina el 4 de marzo de 2027");
    expect(es.text).toContain("(en 3 días)");
    expect(es.html).toContain('<html lang="es">');
    const en = composeReminder({ ...base, kind: "reminder_ends_14", locale: "fr", endsAt: new Date("2027-03-02T09:00:00Z") }, SETTINGS);
    expect(en.subject).toBe("Your sharing with Heart Study ends on March 2, 2027");
    expect(en.text).toContain("(in 1 day)");
  });

  it("links Reconnect to that health system, and unsubscribing to a signed link, in the footer and the headers", () => {
    const mail = composeReminder({ ...base, kind: "reminder_reconnect", locale: "en" }, SETTINGS);
    expect(mail.text).toContain("Reconnect City Clinic:\nhttps://portal.example.org/me?reconnect=hs1");
    expect(mail.text).toContain("Questions? Contact the study team: team@example.org");
    const page = new URL(/Stop these reminder emails: (\S+)/.exec(mail.text)![1]!);
    expect(verifyUnsubscribe(SETTINGS.secret, page.searchParams.get("p"), page.searchParams.get("s"))).toBe(true);
    const oneClick = new URL(/^<(.+)>$/.exec(mail.headers["List-Unsubscribe"]!)![1]!);
    expect(oneClick.pathname).toBe("/api/unsubscribe");
    expect(verifyUnsubscribe(SETTINGS.secret, oneClick.searchParams.get("p"), oneClick.searchParams.get("s"))).toBe(true);
    expect(mail.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
  });

  it("refuses an ending reminder without its date", () => {
    expect(() => composeReminder({ ...base, kind: "reminder_ends_14", locale: "en" }, SETTINGS)).toThrow(/needs the date/);
  });
});
