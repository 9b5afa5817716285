/**
 * FHIR OperationOutcome answers for the portal's own FHIR API (/api/fhir). Every error a
 * research tool can meet there is one of these: a status, an issue code from the FHIR IssueType
 * value set, and one plain sentence. Framework-free (standard Request/Response only).
 */

/** The FHIR IssueType codes this API uses. */
export type IssueCode =
  | "invalid"
  | "not-supported"
  | "not-found"
  | "login"
  | "forbidden"
  | "throttled"
  | "processing"
  | "exception"
  | "deleted"
  | "expired"
  | "transient"
  | "informational";

export type OperationOutcome = {
  resourceType: "OperationOutcome";
  issue: { severity: "fatal" | "error" | "warning" | "information"; code: IssueCode; diagnostics: string }[];
};

export function operationOutcome(code: IssueCode, diagnostics: string, severity: OperationOutcome["issue"][number]["severity"] = "error"): OperationOutcome {
  return { resourceType: "OperationOutcome", issue: [{ severity, code, diagnostics }] };
}

/** Headers every answer of the FHIR API carries: research data is never cached by anyone. */
export const NO_STORE = { "cache-control": "no-store", pragma: "no-cache", "x-content-type-options": "nosniff" } as const;

export function fhirJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/fhir+json; charset=utf-8", ...NO_STORE, ...headers } });
}

/** An error answer: the status, and an OperationOutcome saying what was wrong. */
export function outcomeResponse(status: number, code: IssueCode, diagnostics: string, headers: Record<string, string> = {}): Response {
  return fhirJson(operationOutcome(code, diagnostics), status, headers);
}

/** A failure the caller can act on, as a value (turned into a Response at the edge). */
export type FhirProblem = { status: number; code: IssueCode; message: string; headers?: Record<string, string> };

export const problemResponse = (p: FhirProblem) => outcomeResponse(p.status, p.code, p.message, p.headers);
