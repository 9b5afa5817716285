/**
 * The mail catcher over HTTP. For tests and scripts, under the admin API: `GET /_sandbox/mail?to=`
 * (JSON, newest first), `DELETE /_sandbox/mail`, `POST /_sandbox/mail/fault` and
 * `DELETE /_sandbox/mail/fault`. For developers: the inbox page `/_mail` and `/_mail/messages.json`.
 */
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../deps";
import { html } from "../pages/html";
import { page } from "../pages/layout";
import { readJsonObject } from "../util/http";
import type { MailCatcher } from "./catcher";

const faultSchema = z.strictObject({
  mode: z.enum(["down", "bounce"]),
  to: z.string().min(3).max(320).optional(),
  count: z.number().int().min(1).max(1_000_000).optional(),
});

const off = (c: Context) => c.json({ error: "not_found", error_description: "The mail catcher is off (SANDBOX_SMTP_PORT=off)." }, 404);

export function mailAdminRoutes(mail: MailCatcher | undefined): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/", (c) => (mail ? c.json({ messages: mail.messages(c.req.query("to")) }) : off(c)));
  app.delete("/", (c) => {
    if (!mail) return off(c);
    mail.clear();
    return c.json({ cleared: true });
  });
  app.post("/fault", async (c) => {
    if (!mail) return off(c);
    const json = await readJsonObject(c);
    const parsed = json.ok ? faultSchema.safeParse(json.value) : undefined;
    if (!parsed?.success) return c.json({ error: "invalid_request", error_description: 'Expected {"mode": "down" | "bounce", "to"?: address, "count"?: n}.' }, 400);
    mail.setFault(parsed.data);
    return c.json({ fault: parsed.data });
  });
  app.delete("/fault", (c) => {
    if (!mail) return off(c);
    mail.setFault(null);
    return c.json({ cleared: true });
  });
  return app;
}

export function mailInboxRoutes(mail: MailCatcher | undefined): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get("/messages.json", (c) => (mail ? c.json(mail.messages(c.req.query("to")).map(({ to, subject, text, html, date }) => ({ to, subject, text, html, date }))) : off(c)));
  app.get("/", (c) => {
    if (!mail) return off(c);
    const messages = mail.messages(c.req.query("to"));
    const items = messages.map(
      (m) => html`<article class="card"><h2>${m.subject}</h2><dl><dt>To</dt><dd>${m.to.join(", ")}</dd><dt>From</dt><dd>${m.from}</dd><dt>Date</dt><dd>${m.date}</dd></dl>
<pre style="white-space:pre-wrap">${m.text}</pre>${m.links.length ? html`<ul>${m.links.map((l) => html`<li><a href="${l}">${l}</a></li>`)}</ul>` : ""}</article>`,
    );
    return c.html(page("Mail", html`<h1>Sandbox inbox</h1><p>${messages.length} message(s), newest first, on SMTP port ${mail.port}.</p>${items}`));
  });
  return app;
}
