import { isRedirect, isTransientStatus, limitsFrom, parseRetryAfter, transportFor, type AnswerHeaders, type FetchLike } from "../ehr-http";
import { STRICT_URL_POLICY, checkEndpointUrl, type LookupAll, type UrlPolicy } from "../ehr-http/url-policy";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./bounded-body";
import { isFhirId, parsePatient } from "./patient-schema";
import type { Patient } from "./types";

/** The subset of `fetch` the reader accepts; inject a fake EHR in tests. */
export type { FetchLike };

/** Options for {@link readPatient}. */
export interface ReadPatientOptions {
  /** The EHR's FHIR base URL, e.g. "https://ehr.example.org/api/fhir". https, or http on loopback. */
  fhirBaseUrl: string;
  /** The patient id from the token response; must be a FHIR id. */
  patientId: string;
  /** The SMART access token, sent as a Bearer token and never included in messages. */
  accessToken: string;
  /** Injected for tests; by default the read goes over node:http / node:https. */
  fetch?: FetchLike;
  /** Deadline for the whole read, headers and body. Default 10,000 ms. */
  timeoutMs?: number;
  /** Largest body accepted. Default 1 MiB. */
  maxBytes?: number;
  /** Which addresses may be reached, checked at the socket (the one URL policy). Default: STRICT_URL_POLICY. */
  policy?: UrlPolicy;
  /** The resolver the socket's checked lookup uses (injected in tests). Default: the system's. */
  lookup?: LookupAll;
}

/**
 * unauthorized: 401 (refresh or re-authorize); not-found: 404; http: any other non-2xx status or a
 * redirect; timeout: no complete answer within `timeoutMs`; network: the EHR could not be reached;
 * invalid-response: the request was refused before sending, or the answer is not the requested Patient.
 */
export type ReadPatientErrorKind = "unauthorized" | "not-found" | "http" | "timeout" | "network" | "invalid-response";

/** Why a read failed, in plain language, with whether trying again later may help. */
export interface ReadPatientError {
  kind: ReadPatientErrorKind;
  /** The HTTP status, when the EHR answered with one. */
  status?: number;
  /** Plain language for study staff; never contains the token or the EHR's own text. */
  message: string;
  /** True when the same request may succeed later (timeouts, network errors, 429, 5xx). */
  transient: boolean;
  /** Seconds the EHR asked us to wait (Retry-After on a 429 or 5xx), when it said. */
  retryAfterSeconds?: number;
}

/** The outcome of {@link readPatient}: the validated Patient and the raw JSON, or an error. */
export type ReadPatientResult =
  | { ok: true; patient: Patient; raw: Record<string, unknown> }
  | { ok: false; error: ReadPatientError };

export { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from "../ehr-http/limits";

const ACCEPT = "application/fhir+json, application/json+fhir, application/json";
const JSON_MEDIA_TYPE = /^application\/(?:json|[a-z0-9.+-]+\+json|json\+fhir)$/;
const TOKEN_PATTERN = /^[\x21-\x7E]+$/; // visible ASCII: anything else cannot go in a header

const fail = (kind: ReadPatientErrorKind, message: string, transient: boolean, status?: number, retryAfterSeconds?: number): ReadPatientResult => ({
  ok: false,
  error: {
    kind,
    ...(status !== undefined && { status }),
    message,
    transient,
    ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
  },
});

const invalid = (message: string) => fail("invalid-response", message, false);

/** The Patient read URL, or `undefined` when the base URL is not allowed by the URL policy or has a query. */
function patientUrl(base: string, patientId: string, policy: UrlPolicy): string | undefined {
  const checked = checkEndpointUrl(base, policy, "the FHIR base URL");
  if (!checked.ok || checked.value.search !== "") return undefined;
  return `${checked.value.href.replace(/\/+$/, "")}/Patient/${encodeURIComponent(patientId)}`;
}

function statusFailure(status: number, headers: AnswerHeaders, now: Date): ReadPatientResult | undefined {
  if (isRedirect(status)) {
    const known = status >= 300 ? status : undefined;
    return fail("http", "The health system redirected the request elsewhere; redirects are not followed.", false, known);
  }
  if (status === 401) {
    return fail("unauthorized", "The health system did not accept the access token; it may have expired or been revoked.", false, status);
  }
  if (status === 404) {
    return fail("not-found", "The health system has no record for this patient.", false, status);
  }
  if (status < 200 || status > 299) {
    const transient = isTransientStatus(status);
    const message = transient
      ? `The health system is unavailable right now (HTTP ${status}).`
      : `The health system refused the request (HTTP ${status}).`;
    const retryAfterSeconds = transient ? parseRetryAfter(headers.get("retry-after"), now) : undefined;
    return fail("http", message, transient, status, retryAfterSeconds);
  }
  return undefined;
}

function mediaTypeFailure(headers: AnswerHeaders): ReadPatientResult | undefined {
  const mediaType = (headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (mediaType === "" || JSON_MEDIA_TYPE.test(mediaType)) {
    return undefined;
  }
  return invalid(
    mediaType === "text/html"
      ? "The health system answered with a web page instead of FHIR data."
      : "The health system answered with something other than FHIR JSON.",
  );
}

/** Turns a successful body into a Patient, or says why it is not one. */
function patientFrom(body: string, validUtf8: boolean, patientId: string): ReadPatientResult {
  if (!validUtf8) {
    return invalid("The health system's answer is not valid JSON.");
  }
  if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
    return invalid("The health system's answer is nested too deeply to be a FHIR resource.");
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return invalid("The health system's answer is not valid JSON.");
  }
  const parsed = parsePatient(json);
  if (!parsed.ok) {
    return invalid(parsed.message);
  }
  if (parsed.patient.id !== patientId) {
    return invalid("The health system returned a different patient's record than the one requested.");
  }
  return { ok: true, patient: parsed.patient, raw: json as Record<string, unknown> };
}

/**
 * Reads one Patient from a SMART on FHIR EHR (DSTU2 or R4):
 * `GET {fhirBaseUrl}/Patient/{patientId}` with the access token as a Bearer token.
 * Redirects are failures (never followed, so the token never travels elsewhere); the whole read
 * is bounded by `timeoutMs` and the body by `maxBytes`; the JSON must be a Patient whose id is
 * the one requested. Every expected failure is a value with a plain-language message; the
 * function does not throw.
 */
export async function readPatient(options: ReadPatientOptions): Promise<ReadPatientResult> {
  const { patientId, accessToken } = options;
  const policy = options.policy ?? STRICT_URL_POLICY;
  if (!isFhirId(patientId)) {
    return invalid("The health system gave a patient id that is not a valid FHIR id.");
  }
  const url = patientUrl(options.fhirBaseUrl, patientId, policy);
  if (url === undefined) {
    return invalid("The health system's FHIR address is not a usable https URL, or not an allowed address.");
  }
  if (typeof accessToken !== "string" || !TOKEN_PATTERN.test(accessToken)) {
    return fail("unauthorized", "There is no usable access token for this health system.", false);
  }

  const answer = await transportFor(options.fetch)(
    url,
    { method: "GET", headers: { Authorization: `Bearer ${accessToken}`, Accept: ACCEPT } },
    limitsFrom(options),
    { policy, ...(options.lookup && { resolve: options.lookup }) },
  );
  if (answer.status !== undefined) {
    const refused = statusFailure(answer.status, answer.headers, new Date()) ?? mediaTypeFailure(answer.headers);
    if (refused !== undefined) {
      return refused;
    }
  }
  if (!answer.ok) {
    if (answer.kind === "timeout") {
      return fail("timeout", "The health system took too long to answer.", true);
    }
    if (answer.kind === "network") {
      return fail("network", "Could not reach the health system.", true);
    }
    if (answer.kind === "refused") {
      return invalid("The health system's FHIR address resolves to an address the study may not reach.");
    }
    return invalid("The health system's answer is too large.");
  }
  return patientFrom(answer.text, answer.validUtf8, patientId);
}
