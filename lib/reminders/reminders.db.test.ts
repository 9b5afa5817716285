/**
 * Reminders on both databases, with the clock moved and a real SMTP server (the sandbox's mail
 * catcher): 14 and 3 days before sharing ends (only where the EHR said when), exactly one email
 * each even with two workers queueing and sending at once; a reconnect reminder in the
 * participant's language; the unsubscribe link (tampered ones change nothing); none after it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMailCatcher, type MailCatcher } from "@/sandbox/mail/catcher";
import { db } from "../db";
import { aHealthSystem, uniqueId } from "../data/test-factories";
import { deliverDueEmails } from "../mail/deliver";
import { createMailTransport, type MailTransport } from "../mail/transport";
import { queueDueReminders } from "./queue";
import { unsubscribe } from "./unsubscribe-request";

const SETTINGS = { portalUrl: "https://portal.example.org", secret: "reminder-test-secret-reminder-test-secret", studyName: "Test Study", contact: "study@example.org" };
const DAY = 86_400_000;
let catcher: MailCatcher;
let transport: MailTransport;
let healthSystem: { id: string; name: string };

beforeAll(async () => {
  catcher = await startMailCatcher();
  transport = createMailTransport(`smtp://127.0.0.1:${catcher.port}`, "Study <study@example.org>", 3_000);
  const saved = await aHealthSystem({ name: `General Hospital ${uniqueId()}` });
  healthSystem = await (await db()).healthSystem.findUniqueOrThrow({ where: { id: (saved as { id: string }).id }, select: { id: true, name: true } });
});
afterAll(async () => {
  transport.close();
  await catcher.close();
});
// Other tests' connections may get reminders too: each test looks at its own participant only.
beforeEach(() => catcher.clear());

async function aParticipantWith(connection: { status?: string; approvalFromEhr?: boolean; approvalExpiresAt?: Date | null }, locale = "en") {
  const client = await db();
  const email = `r-${uniqueId()}@example.org`;
  const participant = await client.participant.create({ data: { email, emailVerifiedAt: new Date(), locale } });
  const row = await client.connection.create({
    data: { participantId: participant.id, healthSystemId: healthSystem.id, patientId: `p-${uniqueId()}`, status: connection.status ?? "connected", approvalFromEhr: connection.approvalFromEhr ?? true, approvalExpiresAt: connection.approvalExpiresAt ?? null },
  });
  return { id: participant.id, email, connectionId: row.id };
}

/** Two workers, each queueing the due reminders and sending, at the same moment. */
async function twoWorkersAt(now: Date, pageSize?: number) {
  await Promise.all([queueDueReminders(now, SETTINGS, pageSize), queueDueReminders(now, SETTINGS, pageSize)]);
  await Promise.all([deliverDueEmails({ owner: "worker-a", send: transport.send, maxAttempts: 3 }), deliverDueEmails({ owner: "worker-b", send: transport.send, maxAttempts: 3 })]);
}

const kindsOf = async (participantId: string) =>
  (await (await db()).emailMessage.findMany({ where: { participantId }, orderBy: { createdAt: "asc" }, select: { kind: true, status: true } })).map((e) => `${e.kind}:${e.status}`);

describe("reminders", () => {
  it("sends one email 14 days and one 3 days before sharing ends, with two workers, and nothing more", async () => {
    const start = new Date(Date.now() + 1000 * DAY); // the clock, moved as the test goes
    const end = new Date(start.getTime() + 20 * DAY);
    const p = await aParticipantWith({ approvalExpiresAt: end });
    const estimated = await aParticipantWith({ approvalExpiresAt: end, approvalFromEhr: false });

    await twoWorkersAt(start);
    expect(await kindsOf(p.id)).toEqual([]);

    await twoWorkersAt(new Date(start.getTime() + 7 * DAY)); // 13 days left
    expect(await kindsOf(p.id)).toEqual(["reminder_ends_14:sent"]);
    const [first] = catcher.messages(p.email);
    expect(catcher.messages(p.email)).toHaveLength(1);
    const endsOn = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(end);
    expect(first!.subject).toBe(`Your sharing with Test Study ends on ${endsOn}`);
    expect(first!.text).toContain("(in 13 days)");
    expect(first!.links).toContain(`https://portal.example.org/me?reconnect=${healthSystem.id}`);
    expect(first!.html).toContain(`Reconnect ${healthSystem.name}`);
    expect(first!.headers["list-unsubscribe"]).toMatch(/^<https:\/\/portal\.example\.org\/api\/unsubscribe\?p=[^&]+&s=[A-Za-z0-9_-]{43}>$/);
    expect(first!.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");

    await twoWorkersAt(new Date(start.getTime() + 8 * DAY));
    await twoWorkersAt(new Date(start.getTime() + 17.5 * DAY)); // 2.5 days left
    await twoWorkersAt(new Date(start.getTime() + 19 * DAY));
    expect(await kindsOf(p.id)).toEqual(["reminder_ends_14:sent", "reminder_ends_3:sent"]);
    const mails = catcher.messages(p.email);
    expect(mails).toHaveLength(2);
    expect(mails[0]!.text).toContain("(in 3 days)");
    // Where the study only estimated the end, no reminder claims a date.
    expect(await kindsOf(estimated.id)).toEqual([]);
  });

  it("reminds once to reconnect, in the participant's language, and again only after a new connection breaks", async () => {
    const client = await db();
    const p = await aParticipantWith({ status: "needs_reconnect" }, "es");
    const q = await aParticipantWith({ status: "needs_reconnect" });
    await twoWorkersAt(new Date(), 1); // one connection a page: every page is reached
    await twoWorkersAt(new Date(Date.now() + DAY));
    expect(await kindsOf(p.id)).toEqual(["reminder_reconnect:sent"]);
    expect(await kindsOf(q.id)).toEqual(["reminder_reconnect:sent"]);
    const [mail] = catcher.messages(p.email);
    expect(mail!.subject).toBe(`Vuelva a conectar ${healthSystem.name} para seguir compartiendo con Test Study`);
    expect(mail!.html).toContain('<html lang="es">');
    expect(mail!.links).toContain(`https://portal.example.org/me?reconnect=${healthSystem.id}`);

    await client.connection.update({ where: { id: p.connectionId }, data: { connectedAt: new Date(Date.now() + 2 * DAY) } });
    await twoWorkersAt(new Date(Date.now() + 3 * DAY));
    expect(await kindsOf(p.id)).toEqual(["reminder_reconnect:sent", "reminder_reconnect:sent"]);
  });

  it("honours the unsubscribe link; a tampered one gets a plain refusal and changes nothing", async () => {
    const client = await db();
    const p = await aParticipantWith({ status: "needs_reconnect" });
    await twoWorkersAt(new Date());
    const link = new URL(catcher.messages(p.email)[0]!.links.find((l) => l.includes("/unsubscribe?"))!);
    expect(link.pathname).toBe("/unsubscribe");
    const [id, s] = [link.searchParams.get("p"), link.searchParams.get("s")!];
    expect(id).toBe(p.id);

    const other = await aParticipantWith({ status: "needs_reconnect" });
    const tampered = `${s.slice(0, -1)}${s.endsWith("A") ? "B" : "A"}`;
    expect(await unsubscribe(id, tampered, SETTINGS.secret)).toEqual({ ok: false, reason: "invalid" });
    expect(await unsubscribe(other.id, s, SETTINGS.secret)).toEqual({ ok: false, reason: "invalid" });
    expect(await unsubscribe(id, s, "another-secret-another-secret-another")).toEqual({ ok: false, reason: "invalid" });
    expect((await client.participant.findUniqueOrThrow({ where: { id: p.id } })).remindersOffAt).toBeNull();
    expect((await client.participant.findUniqueOrThrow({ where: { id: other.id } })).remindersOffAt).toBeNull();

    expect(await unsubscribe(id, s, SETTINGS.secret)).toEqual({ ok: true });
    expect(await unsubscribe(id, s, SETTINGS.secret)).toEqual({ ok: true });
    expect((await client.participant.findUniqueOrThrow({ where: { id: p.id } })).remindersOffAt).toBeInstanceOf(Date);
    expect(await client.auditEvent.count({ where: { participantId: p.id, action: "participant.reminders_off" } })).toBe(1);

    // A new event (reconnected, broken again) brings no reminder once unsubscribed.
    await client.connection.update({ where: { id: p.connectionId }, data: { connectedAt: new Date(Date.now() + DAY) } });
    const unsubscribedEnding = await aParticipantWith({ approvalExpiresAt: new Date(Date.now() + 5 * DAY) });
    await client.participant.update({ where: { id: unsubscribedEnding.id }, data: { remindersOffAt: new Date() } });
    await twoWorkersAt(new Date(Date.now() + 2 * DAY));
    expect(await kindsOf(p.id)).toEqual(["reminder_reconnect:sent"]);
    expect(await kindsOf(unsubscribedEnding.id)).toEqual([]);
  });
});
