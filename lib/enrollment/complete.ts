import "server-only";
import { recordAccountAfterEnrollment } from "../accounts/at-enrollment";
import { ehrSaysUser } from "../accounts/whose-record";
import { participantSession } from "../data/callers";
import { askWhoseRecordIfDue } from "../data/whose-record";
import { completeEnrollment } from "../data/enrollment";
import { ehrTimeoutMs, ehrUrlPolicy } from "../health-systems/policy";
import { log } from "../log";
import { isValidFhirId, revoke } from "../smart";
import { enrollmentContext, recordFailure } from "./context";
import { fetchAndStoreSnapshot } from "./snapshot";
import { queueFirstSync } from "../data/sync-claims";
import { grantFrom } from "../fhir/record-fetch/grant";
import { nudgeSyncWorker } from "../sync/nudge";

/**
 * Runs inside next-auth's signIn callback, after the token exchange succeeded: validates the
 * patient id, stores participant + connection in one transaction, then (outside it) reads the
 * Patient when the grant allows it, and queues the first whole-record sync (due at once, the
 * worker nudged; it never runs inside this callback). Returns true, or the problem page.
 */
export async function completeFromCallback(): Promise<true | string> {
  const store = enrollmentContext.getStore();
  const problem = (reason: Parameters<typeof recordFailure>[0], detail?: string) => {
    recordFailure(reason, detail);
    return `/connect/problem?reason=${store?.failure ?? reason}`;
  };
  if (!store?.attemptId || !store.tokens) return problem("setup", "no tokens in context");
  const { tokens } = store;
  if (!tokens.patient || !isValidFhirId(tokens.patient)) return problem("no-patient");
  try {
    const storeStarted = performance.now();
    const completed = await completeEnrollment(store.attemptId, {
      patientId: tokens.patient,
      accessToken: tokens.accessToken,
      accessTokenExpiresAt: tokens.expiresAt ?? null,
      refreshToken: tokens.refreshToken ?? null,
      grantedScope: tokens.scope ?? null,
      approvalExpiresAt: tokens.refreshTokenExpiresAt ?? null,
    });
    store.storeMs = performance.now() - storeStarted;
    if (!completed.ok && completed.reason === "expired") return problem("expired", "attempt already used");
    if (!completed.ok) {
      // A withdrawn participant under a consent older than the withdrawal: nothing stored, and
      // the EHR is asked to end what it just granted (best effort, as at withdrawal).
      if (store.signIn?.client) {
        const revoked = await revoke({
          config: store.signIn.healthSystem.config,
          client: store.signIn.client,
          token: tokens.refreshToken ?? tokens.accessToken,
          tokenTypeHint: tokens.refreshToken ? "refresh_token" : "access_token",
          timeoutMs: ehrTimeoutMs(),
          policy: ehrUrlPolicy(),
        }).catch(() => null);
        log.info("enrollment.consent_needed_revoke", { result: revoked?.ok ? revoked.value : (revoked?.error.kind ?? "failed") });
      }
      return problem("consent", "withdrawn; consent older than the withdrawal");
    }
    store.participantId = completed.participantId;
    await recordAccountAfterEnrollment(completed.participantId);
    log.info("enrollment.completed", { participantId: completed.participantId, connectionId: completed.connectionId, returning: completed.returning });
    if (grantFrom(tokens.scope ?? null).canRead("Patient")) {
      await fetchAndStoreSnapshot({ ...completed, patientId: tokens.patient, accessToken: tokens.accessToken }).catch((error: unknown) =>
        log.error("snapshot.store_failed", { connectionId: completed.connectionId, error: String(error) }),
      );
    }
    // Whose record is it? Asked on the next page when the EHR says the signed-in user chose
    // another person's record, or when its details differ from their other connections.
    await askWhoseRecordIfDue(participantSession(completed.participantId), completed.connectionId, ehrSaysUser({ patient: tokens.patient, fhirUser: tokens.fhirUser })).catch((error: unknown) =>
      log.error("enrollment.whose_record_failed", { connectionId: completed.connectionId, error: String(error) }),
    );
    // Queued after the snapshot (which stamps lastSyncAt): the whole record is due now, and a
    // reconnect's previous hold-back is lifted.
    await queueFirstSync(completed.connectionId).catch((error: unknown) => log.error("sync.queue_first_failed", { connectionId: completed.connectionId, error: String(error) }));
    nudgeSyncWorker();
    return true;
  } catch (error) {
    log.error("enrollment.store_failed", { error: error instanceof Error ? error.message : String(error) });
    return problem("setup", "storing the enrollment failed");
  }
}
