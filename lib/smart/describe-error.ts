/**
 * A SmartError in our own technical words, for study staff and operators (an admin adding a
 * webhook, a research client's key set): `message` is written for participants ("Your health
 * system …"); this says what happened to the request. Never includes server-chosen text.
 */
import type { SmartError } from "./result";

export function technicalDescription(error: SmartError): string {
  switch (error.kind) {
    case "url-policy":
    case "invalid-response":
      return error.problem;
    case "timeout":
      return "no complete answer in time";
    case "network":
      return "the address could not be reached";
    case "redirect":
      return `it answered with a redirect (HTTP ${error.status ?? "3xx"}), which is never followed`;
    case "http":
      return `it answered HTTP ${error.status}`;
    case "oauth":
      return `it answered the OAuth error ${error.code}${error.status ? ` (HTTP ${error.status})` : ""}`;
  }
}
