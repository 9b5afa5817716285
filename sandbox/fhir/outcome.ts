/** FHIR error responses (OperationOutcome) and content types per version. */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { FhirVersion } from "./resource";

export const FHIR_CONTENT_TYPE: Record<FhirVersion, string> = {
  dstu2: "application/json+fhir; charset=utf-8",
  r4: "application/fhir+json; charset=utf-8",
};

const ISSUE_CODE: Partial<Record<number, string>> = { 400: "invalid", 401: "login", 403: "forbidden", 404: "not-found", 405: "not-supported", 406: "not-supported", 410: "deleted" };

export interface FhirProblem {
  status: ContentfulStatusCode;
  message: string;
  /** The OperationOutcome issue code, when the status's usual one does not say it (e.g. `required`). */
  code?: string;
}

export const problem = (status: ContentfulStatusCode, message: string, code?: string): FhirProblem => ({ status, message, ...(code ? { code } : {}) });

export function fhirJson(c: Context, version: FhirVersion, body: unknown, status: ContentfulStatusCode = 200): Response {
  return fhirText(c, version, JSON.stringify(body), status);
}

/** A FHIR answer whose JSON is already written. */
export function fhirText(c: Context, version: FhirVersion, json: string, status: ContentfulStatusCode = 200): Response {
  return c.body(json, status, { "Content-Type": FHIR_CONTENT_TYPE[version] });
}

export function outcome(c: Context, version: FhirVersion, p: FhirProblem): Response {
  const issue = [{ severity: "error", code: p.code ?? ISSUE_CODE[p.status] ?? "processing", diagnostics: p.message }];
  return fhirJson(c, version, { resourceType: "OperationOutcome", issue }, p.status);
}
