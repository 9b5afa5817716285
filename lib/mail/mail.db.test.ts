/**
 * The email outbox on both databases, against a real SMTP server (the sandbox's mail catcher):
 * content sealed at rest and cleared once sent, once-per-event keys, two workers sending each
 * message once, a server that is down retried with backoff then "failed" with a plain reason, a
 * bounce failing at once, and staff seeing kind, status and error but never the content.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMailCatcher, type MailCatcher } from "@/sandbox/mail/catcher";
import { db } from "../db";
import { operator, portal } from "../data/callers";
import { countFailedEmails, listParticipantEmails, queueEmail } from "../data/emails";
import { uniqueId } from "../data/test-factories";
import type { StaffSession } from "../staff/roles";
import { deliverDueEmails, type MailSettings } from "./deliver";
import { renderEmail } from "./layout";
import { createMailTransport, type MailTransport } from "./transport";

const viewer: StaffSession = { id: "staff-viewer", email: "viewer@example.org", role: "viewer" };
let catcher: MailCatcher;
let transport: MailTransport;
const settings = (owner: string, overrides: Partial<MailSettings> = {}): MailSettings => ({ owner, send: transport.send, maxAttempts: 3, ...overrides });

beforeAll(async () => {
  catcher = await startMailCatcher();
  transport = createMailTransport(`smtp://127.0.0.1:${catcher.port}`, "Study team <study@example.org>", 3_000);
});
afterAll(async () => {
  transport.close();
  await catcher.close();
});
beforeEach(async () => {
  catcher.clear();
  catcher.setFault(null);
  // Earlier tests' leftovers must not be claimed by this one.
  await (await db()).emailMessage.updateMany({ where: { status: "queued" }, data: { status: "failed" } });
});

async function aParticipant() {
  const email = `p-${uniqueId()}@example.org`;
  const participant = await (await db()).participant.create({ data: { email, emailVerifiedAt: new Date() } });
  return { id: participant.id, email };
}

function anEmail(participant: { id: string; email: string }, subject = `Hello ${uniqueId()}`) {
  const body = renderEmail({ lang: "en", subject, paragraphs: ["Secret sign-in link inside."], button: { label: "Sign in", url: "https://portal.example.org/signin?t=abc" } });
  return { participantId: participant.id, to: participant.email, kind: "sign_in", subject, ...body };
}

describe("the email outbox", () => {
  it("seals the content at rest, queues once per event key, and clears the content once sent", async () => {
    const participant = await aParticipant();
    const email = { ...anEmail(participant), dedupeKey: `test:${uniqueId()}` };
    const first = await queueEmail(portal, email);
    expect(first.status).toBe("queued");
    expect(await queueEmail(portal, email)).toEqual({ status: "already queued" });
    const rows = await (await db()).emailMessage.findMany({ where: { participantId: participant.id }, select: { id: true, contentEnc: true, status: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.contentEnc).toBeTruthy();
    expect(rows[0]!.contentEnc).not.toContain(email.subject);
    expect(rows[0]!.contentEnc).not.toContain(participant.email);

    expect(await deliverDueEmails(settings("w1"))).toEqual({ attempted: 1, sent: 1 });
    const [got] = catcher.messages(participant.email);
    expect(got!.subject).toBe(email.subject);
    expect(got!.from).toContain("study@example.org");
    expect(got!.links).toContain("https://portal.example.org/signin?t=abc");
    const after = await (await db()).emailMessage.findUniqueOrThrow({ where: { id: rows[0]!.id }, select: { status: true, contentEnc: true, sentAt: true, attempts: true } });
    expect(after).toMatchObject({ status: "sent", contentEnc: null, attempts: 1 });
    expect(after.sentAt).toBeInstanceOf(Date);
  });

  it("lets a participant queue only their own email", async () => {
    const participant = await aParticipant();
    await expect(queueEmail({ kind: "participant", participantId: "someone-else" }, anEmail(participant))).rejects.toThrow();
    expect((await queueEmail({ kind: "participant", participantId: participant.id }, anEmail(participant))).status).toBe("queued");
  });

  it("with two workers at once, sends every message exactly once", async () => {
    const participant = await aParticipant();
    const subjects = Array.from({ length: 12 }, (_, i) => `Message ${i} ${uniqueId()}`);
    for (const subject of subjects) await queueEmail(operator("test"), anEmail(participant, subject));
    const [a, b] = await Promise.all([deliverDueEmails(settings("worker-a", { batchSize: 12 })), deliverDueEmails(settings("worker-b", { batchSize: 12 }))]);
    expect(a.sent + b.sent).toBe(12);
    const got = catcher.messages(participant.email).map((m) => m.subject);
    expect(got.toSorted()).toEqual(subjects.toSorted());
  });

  it("retries a server that is down with backoff, then marks the email failed with a plain reason", async () => {
    const participant = await aParticipant();
    const queued = await queueEmail(portal, anEmail(participant));
    catcher.setFault({ mode: "down" });
    const before = Date.now();
    expect(await deliverDueEmails(settings("w1"))).toEqual({ attempted: 1, sent: 0 });
    const client = await db();
    const retried = await client.emailMessage.findUniqueOrThrow({ where: { id: queued.status === "queued" ? queued.id : "" } });
    expect(retried).toMatchObject({ status: "queued", attempts: 1, leaseOwner: null });
    expect(retried.lastError).toMatch(/mail server asked to try later/);
    expect(retried.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 15_000);
    // Not due yet: nothing is attempted.
    expect((await deliverDueEmails(settings("w1"))).attempted).toBe(0);
    const later = (hours: number) => new Date(Date.now() + hours * 3_600_000);
    await deliverDueEmails(settings("w1"), later(1));
    await deliverDueEmails(settings("w1"), later(20));
    const failed = await client.emailMessage.findUniqueOrThrow({ where: { id: retried.id }, select: { status: true, attempts: true, contentEnc: true, lastError: true } });
    expect(failed).toMatchObject({ status: "failed", attempts: 3, contentEnc: null });
    expect(failed.lastError).toMatch(/try later/);
    expect(catcher.messages(participant.email)).toHaveLength(0);
    expect(await countFailedEmails(viewer)).toBeGreaterThan(0);
  });

  it("fails a bounced address at once, and retries when nothing listens", async () => {
    const participant = await aParticipant();
    await queueEmail(portal, anEmail(participant));
    catcher.setFault({ mode: "bounce", to: participant.email });
    await deliverDueEmails(settings("w1"));
    const [bounced] = await listParticipantEmails(viewer, participant.id);
    expect(bounced).toMatchObject({ kind: "sign_in", status: "failed", attempts: 1, sentAt: null });
    expect(bounced!.lastError).toMatch(/refused the message.*No such mailbox/);
    expect(JSON.stringify(bounced)).not.toContain("Secret");

    const closed = await startMailCatcher();
    await closed.close();
    const nowhere = createMailTransport(`smtp://127.0.0.1:${closed.port}`, "study@example.org", 2_000);
    await queueEmail(portal, anEmail(participant));
    await deliverDueEmails(settings("w1", { send: nowhere.send }));
    nowhere.close();
    const [down] = await listParticipantEmails(viewer, participant.id);
    expect(down).toMatchObject({ status: "queued", attempts: 1 });
    expect(down!.lastError).toBe("The mail server could not be reached (connection refused).");
  });
});
