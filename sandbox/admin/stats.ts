/** Counters the portal's tests read through `GET /_sandbox/stats`. */
import { ClientTraffic } from "./traffic";

export class Stats {
  tokenRequests = { authorization_code: 0, refresh_token: 0, other: 0 };
  /** Successful refreshes (rotations) per client id. */
  refreshesByClient: Record<string, number> = {};
  fhirRequests = 0;
  /** FHIR requests by the first path segment after the base: a resource type, or `metadata`, `.well-known`. */
  fhirRequestsByType: Record<string, number> = {};
  /** Every token and FHIR request per client per second (faulted or not). */
  requestsByClient = new ClientTraffic();
  /** The same requests, all clients together (key `*`): what a limit on the whole health system sees. */
  requestsAllClients = new ClientTraffic();
  registrations = 0;
  faultsFired = 0;
  revocations = 0;
  introspections = 0;
  debugTokens = 0;

  countTokenRequest(grantType: string | undefined): void {
    if (grantType === "authorization_code" || grantType === "refresh_token") this.tokenRequests[grantType] += 1;
    else this.tokenRequests.other += 1;
  }

  countFhirRequest(type: string): void {
    this.fhirRequests += 1;
    this.fhirRequestsByType[type] = (this.fhirRequestsByType[type] ?? 0) + 1;
  }

  countRefresh(clientId: string): void {
    this.refreshesByClient[clientId] = (this.refreshesByClient[clientId] ?? 0) + 1;
  }

  reset(): void {
    Object.assign(this, new Stats());
  }

  toJSON() {
    return {
      tokenRequests: { ...this.tokenRequests },
      refreshesByClient: { ...this.refreshesByClient },
      fhirRequests: this.fhirRequests,
      fhirRequestsByType: { ...this.fhirRequestsByType },
      requestsByClient: this.requestsByClient.toJSON(),
      requestsAllClients: this.requestsAllClients.toJSON()["*"] ?? { total: 0, maxPerSecond: 0, perSecond: {} },
      registrations: this.registrations,
      faultsFired: this.faultsFired,
      revocations: this.revocations,
      introspections: this.introspections,
      debugTokens: this.debugTokens,
    };
  }
}
