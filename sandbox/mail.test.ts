/** The mail catcher: real SMTP in, JSON and an inbox page out, and faults that make it refuse or bounce mail. */
import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningSandbox } from "./server";
import { postJson, start } from "./test/helpers";

let sb: RunningSandbox;
let smtp: nodemailer.Transporter;
beforeAll(async () => {
  sb = await start({ mailPort: 0 });
  smtp = nodemailer.createTransport({ url: `smtp://127.0.0.1:${sb.mail!.port}`, connectionTimeout: 3_000 });
});
afterAll(async () => {
  smtp.close();
  await sb.close();
});
beforeEach(async () => {
  await fetch(`${sb.url}/_sandbox/mail`, { method: "DELETE" });
  await fetch(`${sb.url}/_sandbox/mail/fault`, { method: "DELETE" });
});

type Caught = { to: string[]; subject: string; text: string; html: string; headers: Record<string, string>; links: string[]; date: string };
const inbox = async (to?: string) => ((await (await fetch(`${sb.url}/_sandbox/mail${to ? `?to=${encodeURIComponent(to)}` : ""}`)).json()) as { messages: Caught[] }).messages;

const send = (to: string, subject: string) =>
  smtp.sendMail({
    from: "Study <study@example.org>",
    to,
    subject,
    text: `Open https://portal.example.org/a?x=1 now.`,
    html: `<p><a href="https://portal.example.org/b?x=1&amp;y=2">Go</a></p>`,
    headers: { "List-Unsubscribe": "<https://portal.example.org/unsubscribe?t=1>" },
  });

describe("the mail catcher", () => {
  it("keeps each message, newest first, with its text, HTML, headers and links, filtered by recipient", async () => {
    await send("Ana@Example.org", "First");
    await send("bo@example.org", "Second");
    await send("ana@example.org", "Third");
    const all = await inbox();
    expect(all.map((m) => m.subject)).toEqual(["Third", "Second", "First"]);
    const ana = await inbox("ana@example.org");
    expect(ana.map((m) => m.subject)).toEqual(["Third", "First"]);
    expect(ana[0]).toMatchObject({ to: ["ana@example.org"], text: expect.stringContaining("Open https://portal.example.org/a?x=1 now.") });
    expect(ana[0]!.html).toContain("<a href=");
    expect(ana[0]!.headers["list-unsubscribe"]).toBe("<https://portal.example.org/unsubscribe?t=1>");
    expect(ana[0]!.links).toEqual(["https://portal.example.org/b?x=1&y=2", "https://portal.example.org/a?x=1"]);

    const json = (await (await fetch(`${sb.url}/_mail/messages.json`)).json()) as { to: string[]; subject: string; date: string }[];
    expect(json.map((m) => m.subject)).toEqual(["Third", "Second", "First"]);
    const page = await (await fetch(`${sb.url}/_mail`)).text();
    expect(page).toContain("3 message(s)");
    expect(page).toContain("Third");

    expect((await fetch(`${sb.url}/_sandbox/mail`, { method: "DELETE" })).status).toBe(200);
    expect(await inbox()).toEqual([]);
  });

  it("bounces one recipient (550, final) and refuses connections (421, try later) when told", async () => {
    expect((await postJson(`${sb.url}/_sandbox/mail/fault`, { mode: "bounce", to: "gone@example.org" })).status).toBe(200);
    await expect(send("gone@example.org", "Lost")).rejects.toMatchObject({ responseCode: 550 });
    await send("here@example.org", "Kept");
    expect((await inbox()).map((m) => m.subject)).toEqual(["Kept"]);

    await postJson(`${sb.url}/_sandbox/mail/fault`, { mode: "down", count: 1 });
    await expect(send("here@example.org", "Refused")).rejects.toMatchObject({ responseCode: 421 });
    await send("here@example.org", "After");
    expect((await inbox()).map((m) => m.subject)).toEqual(["After", "Kept"]);
  });

  it("refuses a bad fault, and answers 404 when the catcher is off", async () => {
    const bad = await postJson(`${sb.url}/_sandbox/mail/fault`, { mode: "explode" });
    expect(bad.status).toBe(400);
    const off = await start();
    try {
      expect((await fetch(`${off.url}/_sandbox/mail`)).status).toBe(404);
      expect((await fetch(`${off.url}/_mail`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
