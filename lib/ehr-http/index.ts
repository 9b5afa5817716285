/**
 * Bounded HTTP to health systems, free of any framework, and the one vocabulary every EHR request
 * uses (lib/smart's OAuth calls, lib/fhir's reads): one error type ({@link EhrError}), one limit
 * set ({@link EHR_LIMITS}), one transient rule ({@link isTransientStatus}), one FHIR-id check
 * ({@link isFhirId}) and one URL policy, applied at the socket ({@link Reach}).
 * The lean node:http transport by default, or the same contract over an injected `fetch` (tests).
 */
import type { FetchLike, Transport } from "./answer";
import { fetchTransport } from "./fetch-transport";
import { send } from "./node-transport";

export { isRedirect, type Answer, type AnswerHeaders, type EhrRequest, type FailureKind, type FetchLike, type Limits, type Polite, type Reach, type Transport } from "./answer";
export { fetchTransport } from "./fetch-transport";
export { send } from "./node-transport";
export { parseRetryAfter } from "./retry-after";
export { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, limitsFrom } from "./limits";
export { FHIR_ID_PATTERN, isFhirId } from "./fhir-id";
export { guardedLookup, URL_POLICY_REFUSED } from "./guarded-lookup";
export {
  STRICT_URL_POLICY,
  checkEndpointUrl,
  isAddressAllowed,
  resolvesToAllowedAddress,
  systemLookup,
  type LookupAll,
  type UrlPolicy,
} from "./url-policy";
export { classifyAddress, isIpLiteral, type AddressClass } from "./ip-address";
export {
  fail,
  httpError,
  invalidResponse,
  isTransientStatus,
  networkError,
  ok,
  redirectError,
  timeoutError,
  urlPolicyError,
  type EhrError,
  type EhrErrorKind,
  type Result,
} from "./errors";

/** The transport over `fetchImpl` when one is injected, else node:http / node:https. */
export function transportFor(fetchImpl: FetchLike | undefined): Transport {
  return fetchImpl ? fetchTransport(fetchImpl) : send;
}
export { openStream, StreamError, type OpenedStream, type StreamLimits } from "./stream";
