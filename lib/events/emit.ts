import "server-only";
import { writeEvent, type EventExecutor, type EventSubject } from "../data/webhook-outbox";
import { log } from "../log";
import type { EventType } from "./types";

/**
 * The one way the portal emits an event for study systems (webhooks): an outbox row per
 * subscribed endpoint, delivered later with retries (lib/events/deliver.ts).
 *
 * Pass the transaction of the change the event reports, where there is one: the event then
 * exists exactly when the change committed (and a failure to write it rolls the change back).
 * Without one, a failure is logged and never breaks the caller (a sync, say).
 */
export async function emitEvent(type: EventType, subject: EventSubject, tx?: EventExecutor): Promise<void> {
  if (tx) return writeEvent(type, subject, tx);
  try {
    await writeEvent(type, subject);
  } catch (error) {
    log.error("event.emit_failed", { type, error: error instanceof Error ? error.message : String(error) });
  }
}
