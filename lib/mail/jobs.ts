import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { env } from "../env";
import { log } from "../log";
import { deliverDueEmails } from "./deliver";
import { createMailTransport, type MailTransport } from "./transport";

/**
 * Email's background work, in every portal process and in `npm run worker`: every few seconds,
 * the queued emails that are due are sent. Leases and once-per-event keys in the database keep several processes
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
  let stopping = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    if (!transport) return;
    for (let i = 0; i < 10 && !stopping; i++) {
      const { attempted } = await deliverDueEmails({ owner, send: transport.send, maxAttempts: e.MAIL_MAX_ATTEMPTS });
      if (attempted < 20) break;
    }
  };
  const schedule = () => {
    if (stopping) return;
    timer = setTimeout(() => {
      running = tick()
        .catch((error: unknown) => log.error("mail_jobs.tick_failed", { error: error instanceof Error ? error.message : String(error) }))
        .finally(schedule);
    }, TICK_MS);
    timer.unref();
  };
  schedule();
  const handle = {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await running;
      transport?.close();
      delete state.portalMailJobs;
    },
  };
  state.portalMailJobs = handle;
  return handle;
}
