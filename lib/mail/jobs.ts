import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { env } from "../env";
import { startPeriodic } from "../background/periodic";
import { log } from "../log";
import { queueDueReminders } from "../reminders/queue";
import { deliverDueEmails } from "./deliver";
import { createMailTransport, type MailTransport } from "./transport";

/**
 * Email's background work, in every portal process and in `npm run worker`: every few seconds,
 * the queued emails that are due are sent; every REMINDERS_INTERVAL_SECONDS (a minute), the reminders that have come due are
 * queued (lib/reminders). Leases and once-per-event keys in the database keep several processes
 * from sending anything twice. Without SMTP_URL, emails stay queued (said once in the log).
 */
const TICK_MS = 2_000;

const state = globalThis as unknown as { portalMailJobs?: { stop(): Promise<void> } };

export function startMailJobs(): { stop(): Promise<void> } {
  if (state.portalMailJobs) return state.portalMailJobs;
  const owner = `mail:${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const e = env();
  const transport: MailTransport | undefined = e.SMTP_URL ? createMailTransport(e.SMTP_URL, e.MAIL_FROM) : undefined;
  if (!transport) log.warn("email.no_smtp_url", { message: "SMTP_URL is not set: emails are queued but not sent." });
  let lastReminders = 0;
  const handle = startPeriodic(
    "mail_jobs",
    TICK_MS,
    async (isStopping) => {
      if (Date.now() - lastReminders >= e.REMINDERS_INTERVAL_SECONDS * 1000) {
        lastReminders = Date.now();
        const { queued } = await queueDueReminders();
        if (queued > 0) log.info("reminders.queued", { queued });
      }
      if (!transport) return;
      for (let i = 0; i < 10 && !isStopping(); i++) {
        const { attempted } = await deliverDueEmails({ owner, send: transport.send, maxAttempts: e.MAIL_MAX_ATTEMPTS });
        if (attempted < 20) break;
      }
    },
    () => {
      transport?.close();
      delete state.portalMailJobs;
    },
  );
  state.portalMailJobs = handle;
  return handle;
}
