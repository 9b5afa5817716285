import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { StoredHealthSystem } from "../data/health-systems";
import type { ClientCredentials, TokenSet } from "../smart";
import type { EnrollmentFailure } from "./failures";

/**
 * What one enrollment request knows, shared between the portal's code that wraps next-auth and
 * the callbacks next-auth calls: the attempt, the tokens (which never pass through next-auth),
 * the failure if any, and the participant once stored.
 */
export type EnrollmentContext = {
  attemptId?: string;
  /** On the callback: the health system of the attempt and the client it was authorized for. */
  signIn?: { healthSystem: StoredHealthSystem; client: ClientCredentials | null };
  tokens?: TokenSet;
  failure?: EnrollmentFailure;
  failureDetail?: string;
  participantId?: string;
  /** Time spent waiting on the EHR (token request + Patient read), for the Server-Timing header. */
  ehrWaitMs?: number;
  /** Time spent storing the enrollment and snapshot. */
  storeMs?: number;
};

export const enrollmentContext = new AsyncLocalStorage<EnrollmentContext>();

export function recordFailure(failure: EnrollmentFailure, detail?: string): void {
  const store = enrollmentContext.getStore();
  if (store && !store.failure) Object.assign(store, { failure, failureDetail: detail });
}

/** Runs an EHR call, adding its duration to the request's EHR wait (when inside an enrollment). */
export async function timedEhrCall<T>(call: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await call();
  } finally {
    const store = enrollmentContext.getStore();
    if (store) store.ehrWaitMs = (store.ehrWaitMs ?? 0) + (performance.now() - started);
  }
}
