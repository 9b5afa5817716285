/**
 * A reminder email, end to end: a participant's connection needs reconnecting, the portal's own
 * mail loop queues the reminder and sends it to the sandbox's mail catcher, and its unsubscribe
 * link works in the browser (a tampered one does not); staff see the email on the participant's
 * page. The participant is written straight into the e2e database (the account pages that
 * collect email addresses are another piece of work).
 */
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { HEALTH_SYSTEMS } from "./support/health-systems";
import { E2E } from "./support/servers";
import { signInAsStaff } from "./support/staff";
import { openE2eDatabase, sqliteTime } from "./support/database";

type Caught = { subject: string; text: string; headers: Record<string, string>; links: string[] };

function aParticipantNeedingReconnect(locale: string): { id: string; email: string; healthSystemId: string } {
  const db = openE2eDatabase();
  try {
    const hs = db.prepare('SELECT id FROM "HealthSystem" WHERE name = ?').get(HEALTH_SYSTEMS.s4s.name) as { id: string };
    const id = `ce2e${randomBytes(8).toString("hex")}`;
    const email = `reminder-${randomBytes(4).toString("hex")}@example.org`;
    const now = sqliteTime(new Date());
    db.prepare('INSERT INTO "Participant" (id, email, emailVerifiedAt, locale, status, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, email, now, locale, "active", now, now);
    db.prepare('INSERT INTO "Connection" (id, participantId, healthSystemId, patientId, status, connectedAt, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      `${id}c`, id, hs.id, `e2e-${randomBytes(4).toString("hex")}`, "needs_reconnect", now, now, now,
    );
    return { id, email, healthSystemId: hs.id };
  } finally {
    db.close();
  }
}

function remindersOffAt(id: string): unknown {
  const db = openE2eDatabase({ readonly: true });
  try {
    return (db.prepare('SELECT remindersOffAt FROM "Participant" WHERE id = ?').get(id) as { remindersOffAt: unknown }).remindersOffAt;
  } finally {
    db.close();
  }
}

async function reminderFor(email: string): Promise<Caught> {
  let found: Caught | undefined;
  await expect
    .poll(
      async () => {
        const { messages } = (await (await fetch(`${E2E.sandboxUrl}/_sandbox/mail?to=${encodeURIComponent(email)}`)).json()) as { messages: Caught[] };
        found = messages[0];
        return messages.length;
      },
      { timeout: 30_000, intervals: [500] },
    )
    .toBe(1);
  return found!;
}

test("a reconnect reminder arrives, and its unsubscribe link works in the browser", async ({ page, request }) => {
  const p = aParticipantNeedingReconnect("en");
  const mail = await reminderFor(p.email);
  expect(mail.subject).toBe(`Please reconnect ${HEALTH_SYSTEMS.s4s.name} to keep sharing with Health Records Research Study`);
  expect(mail.links).toContain(`${E2E.portalUrl}/me?reconnect=${p.healthSystemId}`);
  const link = mail.links.find((l) => l.includes("/unsubscribe?"))!;
  expect(mail.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

  // A tampered link: a plain error, nothing changed.
  const tampered = new URL(link);
  tampered.searchParams.set("s", `${tampered.searchParams.get("s")!.slice(0, -2)}AA`);
  await page.goto(tampered.toString());
  await expect(page.getByText("This link is not valid.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Stop reminder emails" })).toHaveCount(0);
  // Posting it anyway (one-click, as a mail app would) is refused too.
  const forged = await request.post(`${E2E.portalUrl}/api/unsubscribe?${tampered.searchParams}`, { form: { "List-Unsubscribe": "One-Click" } });
  expect(forged.status()).toBe(400);
  expect(remindersOffAt(p.id)).toBeNull();

  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Stop reminder emails" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  expect(remindersOffAt(p.id)).toBeNull(); // opening the link changes nothing
  await page.getByRole("button", { name: "Stop reminder emails" }).click();
  await expect(page.getByText("Done. You will not get any more reminder emails.")).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  expect(remindersOffAt(p.id)).not.toBeNull();
});

test("one-click unsubscribe from a mail app, in Spanish, and staff see the email", async ({ page, request }) => {
  const p = aParticipantNeedingReconnect("es");
  const mail = await reminderFor(p.email);
  expect(mail.subject).toContain("Vuelva a conectar");
  const oneClick = /^<([^>]+)>$/.exec(mail.headers["list-unsubscribe"] ?? "")![1]!;
  // A mail app's POST has no Origin: the signed link is its credential.
  const answer = await request.post(oneClick, { form: { "List-Unsubscribe": "One-Click" } });
  expect(answer.status()).toBe(200);
  expect(remindersOffAt(p.id)).not.toBeNull();

  await page.goto(mail.links.find((l) => l.includes("/unsubscribe?"))!);
  await expect(page.getByRole("heading", { level: 1, name: "Dejar de recibir recordatorios" })).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await signInAsStaff(page, "viewer");
  await page.goto(`/dashboard/participants/${p.id}`);
  const row = page.getByTestId("participant-email");
  await expect(row).toContainText("Reminder: please reconnect");
  await expect(row).toContainText("Sent");
});
