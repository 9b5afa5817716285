/**
 * The same transport contract over a `fetch` (tests inject a fake health system this way). It
 * races every step against the deadline, so a fetch or a body that ignores the abort signal still
 * times out, and it reads the body as a stream, stopping past `maxBytes`.
 */
import { failure, type Answer, type EhrRequest, type FetchLike, type Head, type Limits, type Reach, type Transport } from "./answer";
import { bodyText, declaresMoreThan } from "./body";
import { checkEndpointUrl } from "./url-policy";

/** Resolves when the signal aborts; lets us stop waiting on a fetch or a body that ignores it. */
function whenAborted(signal: AbortSignal): Promise<"aborted"> {
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve("aborted"), { once: true }));
}

async function readBody(response: Response, head: Head, maxBytes: number, aborted: Promise<"aborted">): Promise<Answer> {
  if (declaresMoreThan(response.headers.get("content-length"), maxBytes)) {
    void response.body?.cancel().catch(() => {});
    return failure("too-large", head);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    const reader = response.body.getReader();
    let done = false;
    try {
      while (!done) {
        const next = await Promise.race([reader.read(), aborted]);
        if (next === "aborted") return failure("timeout", head);
        done = next.done;
        if (next.value) {
          total += next.value.byteLength;
          if (total > maxBytes) return failure("too-large", head);
          chunks.push(next.value);
        }
      }
    } finally {
      if (!done) void reader.cancel().catch(() => {});
    }
  }
  return { ok: true, ...head, ...bodyText(chunks, total) };
}

/**
 * A {@link Transport} over `fetchImpl`, with redirects left unfollowed and nothing cached. `reach`
 * checks the URL's form only: a fetch has no socket lookup to guard, so it is for tests.
 */
export function fetchTransport(fetchImpl: FetchLike): Transport {
  return async (url: URL | string, request: EhrRequest, limits: Limits, reach?: Reach): Promise<Answer> => {
    if (reach && !checkEndpointUrl(url, reach.policy).ok) return failure("refused");
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
    const aborted = whenAborted(controller.signal);
    let head: Head | undefined;
    try {
      const response = await Promise.race([
        fetchImpl(typeof url === "string" ? url : url.href, {
          method: request.method,
          ...(request.headers && { headers: request.headers }),
          ...(request.body !== undefined && { body: request.body }),
          redirect: "manual",
          cache: "no-store",
          signal: controller.signal,
        }),
        aborted,
      ]);
      if (response === "aborted") return failure("timeout");
      if (response.type === "error") return failure("network");
      head = { status: response.status, headers: response.headers };
      return await readBody(response, head, limits.maxBytes, aborted);
    } catch {
      return failure(controller.signal.aborted ? "timeout" : "network", head);
    } finally {
      clearTimeout(timer);
      controller.abort(); // releases the connection and the abort listener
    }
  };
}
