import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { TokenSet } from "../smart";
import type { EnrollmentFailure } from "./failures";

/**
 * What one enrollment request knows, shared between the portal's code that wraps next-auth and
 * the callbacks next-auth calls: the attempt, the tokens (which never pass through next-auth),
 * the failure if any, and the participant once stored.
 */
export type EnrollmentContext = {
  attemptId?: string;
  tokens?: TokenSet;
  failure?: EnrollmentFailure;
  failureDetail?: string;
  participantId?: string;
};

export const enrollmentContext = new AsyncLocalStorage<EnrollmentContext>();

export function recordFailure(failure: EnrollmentFailure, detail?: string): void {
  const store = enrollmentContext.getStore();
  if (store && !store.failure) Object.assign(store, { failure, failureDetail: detail });
}
