/**
 * The default transport: plain node:http / node:https with keep-alive agents, no web streams.
 * Redirects are never followed, the deadline covers connect, headers and the whole body, and the
 * body stops being read past `maxBytes`. Every failure destroys the request and its socket.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { failure, type Answer, type AnswerHeaders, type EhrRequest, type Head, type Limits } from "./answer";
import { bodyText, declaresMoreThan } from "./body";

// An idle socket closes after 4 s (sooner when the server's Keep-Alive hint says so), before
// most servers close their end, so a request rarely lands on a socket that is closing.
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 256, timeout: 4_000 };
const httpAgent = new http.Agent(AGENT_OPTIONS);
const httpsAgent = new https.Agent(AGENT_OPTIONS);

/** Sent unless the caller sets them: what fetch sends, so health systems see the same request. */
const DEFAULT_HEADERS = { accept: "*/*", "user-agent": "node" };

function answerHeaders(headers: IncomingHttpHeaders): AnswerHeaders {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/** Sends one request over node:http or node:https (by the URL's scheme); never throws. */
export function send(url: URL | string, request: EhrRequest, limits: Limits): Promise<Answer> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(failure("network"));
  }
  const secure = target.protocol === "https:";
  if (!secure && target.protocol !== "http:") return Promise.resolve(failure("network"));

  return new Promise((resolve) => {
    let outgoing: http.ClientRequest | undefined;
    let head: Head | undefined;
    let settled = false;
    const finish = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!answer.ok) outgoing?.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish(failure("timeout", head)), limits.timeoutMs);

    const onResponse = (response: IncomingMessage) => {
      const responseHead = { status: response.statusCode ?? 0, headers: answerHeaders(response.headers) };
      head = responseHead;
      response.on("error", () => finish(failure("network", responseHead)));
      response.on("close", () => finish(failure("network", responseHead))); // closed before "end"
      if (declaresMoreThan(response.headers["content-length"], limits.maxBytes)) {
        finish(failure("too-large", responseHead));
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      response.on("data", (chunk: Buffer) => {
        total += chunk.byteLength;
        if (total > limits.maxBytes) finish(failure("too-large", responseHead));
        else chunks.push(chunk);
      });
      response.on("end", () => finish({ ok: true, ...responseHead, ...bodyText(chunks, total) }));
    };

    try {
      // Header names are case-insensitive: the caller's "Accept" replaces the default "accept".
      const headers: Record<string, string> = { ...DEFAULT_HEADERS };
      for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
      if (request.body !== undefined) headers["content-length"] = String(Buffer.byteLength(request.body));
      outgoing = (secure ? https : http).request(
        target,
        { method: request.method, headers, agent: secure ? httpsAgent : httpAgent },
        onResponse,
      );
    } catch {
      finish(failure("network")); // e.g. a header value that cannot be sent
      return;
    }
    outgoing.on("error", () => finish(failure("network", head)));
    // A 101 (switching protocols) we never asked for: nothing HTTP follows, so nothing to read.
    outgoing.on("upgrade", (_response, socket) => {
      socket.destroy();
      finish(failure("network"));
    });
    outgoing.end(request.body);
  });
}
