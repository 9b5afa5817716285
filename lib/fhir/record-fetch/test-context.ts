/**
 * A record fetch's context for tests against a test server: patient p1, a bearer token, no
 * politeness hook, a 50 MB budget; `overrides` set the rest (timeouts, retries, a transport).
 */
import type { FetchContext } from "./request";

export function testFetchContext(fhirBase: string, overrides: Partial<FetchContext> = {}): FetchContext {
  return {
    fhirBase,
    patientId: "p1",
    accessToken: "token",
    timeoutMs: 1000,
    polite: (job) => job(),
    pause: () => undefined,
    budget: { remaining: 50 * 1024 * 1024 },
    retriesAfter429: 0,
    ...overrides,
  };
}
