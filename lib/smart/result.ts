/**
 * lib/smart's results and errors are the EHR request vocabulary of lib/ehr-http (one error type
 * for OAuth calls and FHIR reads); `SmartError` is kept as the name lib/smart's callers know.
 */
export {
  OAUTH_ERROR_CODE_PATTERN,
  fail,
  httpError,
  invalidResponse,
  isTransientStatus,
  networkError,
  oauthError,
  ok,
  redirectError,
  timeoutError,
  urlPolicyError,
  type EhrError as SmartError,
  type EhrErrorKind as SmartErrorKind,
  type Result,
} from "../ehr-http/errors";
