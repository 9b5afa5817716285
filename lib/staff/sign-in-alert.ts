import "server-only";
import { recordSignInAttack } from "../data/audit-events";
import { recentFailures } from "../data/sign-in-throttle";
import { log } from "../log";
import { ALERT_FAILURES, ALERT_WINDOW_MS } from "./throttle-policy";

/**
 * After a failed sign-in on a real staff account: when the account has had ALERT_FAILURES or
 * more failures within the alert window (all client addresses together), the portal writes one
 * audit event per window and a warning to its log; admins see the account named on the
 * dashboard (listSignInAlerts) while the window lasts.
 */
export async function alertIfUnderAttack(email: string, now = new Date()): Promise<void> {
  const { failures, clients } = await recentFailures(email, now);
  if (failures < ALERT_FAILURES) return;
  if (await recordSignInAttack(email, { failures, clients }, new Date(now.getTime() - ALERT_WINDOW_MS))) {
    log.warn("staff_auth.under_attack", { email, failures, clients });
  }
}
