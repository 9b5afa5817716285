/**
 * Bounded HTTP to health systems, free of any framework: the lean node:http transport by default,
 * or the same contract over an injected `fetch` (tests).
 */
import type { FetchLike, Transport } from "./answer";
import { fetchTransport } from "./fetch-transport";
import { send } from "./node-transport";

export { isRedirect, type Answer, type AnswerHeaders, type EhrRequest, type FailureKind, type FetchLike, type Limits, type Transport } from "./answer";
export { fetchTransport } from "./fetch-transport";
export { send } from "./node-transport";
export { parseRetryAfter } from "./retry-after";

/** The transport over `fetchImpl` when one is injected, else node:http / node:https. */
export function transportFor(fetchImpl: FetchLike | undefined): Transport {
  return fetchImpl ? fetchTransport(fetchImpl) : send;
}
export { openStream, StreamError, type OpenedStream, type StreamLimits } from "./stream";
