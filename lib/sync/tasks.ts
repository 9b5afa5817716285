import "server-only";
import type { SyncTarget } from "../data/sync-claims";
import { fetchAndStoreSnapshot } from "../enrollment/snapshot";

/**
 * What a sync does for one connection, once it has a fresh access token: a list of tasks, one per
 * FHIR resource type. Today only Patient; Observation, Condition, … plug in as more tasks without
 * touching the pass, the claims or the token refresh.
 */
export type TaskOutcome =
  | { ok: true }
  | { ok: false; message: string; transient: boolean; status?: number; retryAfterSeconds?: number };

export interface SyncTask {
  /** The FHIR resource type, for logs and summaries. */
  name: string;
  run(target: SyncTarget, accessToken: string): Promise<TaskOutcome>;
}

/** Patient/{id}, stored as the connection's snapshot (a failed read keeps the last good one). */
export const patientTask: SyncTask = {
  name: "Patient",
  async run(target, accessToken) {
    const result = await fetchAndStoreSnapshot({ ...target, accessToken });
    if (result.ok) return { ok: true };
    const error = result.error;
    return {
      ok: false,
      message: error?.message ?? "The Patient record could not be read.",
      transient: error?.transient ?? true,
      ...(error?.status !== undefined && { status: error.status }),
      // The EHR's Retry-After when it sent one; a 429 without it pauses the EHR for 5 s.
      ...(error?.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : error?.status === 429 && { retryAfterSeconds: 5 }),
    };
  },
};

export const SYNC_TASKS: readonly SyncTask[] = [patientTask];
