/**
 * The default transport: plain node:http / node:https with keep-alive agents, no web streams.
 * Redirects are never followed, the deadline covers connect, headers and the whole body, and the
 * body stops being read past `maxBytes`. Every failure destroys the request and its socket.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { failure, type Answer, type AnswerHeaders, type EhrRequest, type Head, type Limits, type Reach } from "./answer";
import { bodyText, declaresMoreThan } from "./body";
import { guardedLookup, URL_POLICY_REFUSED } from "./guarded-lookup";
import { checkEndpointUrl, type LookupAll } from "./url-policy";

// An idle socket closes after 4 s (sooner when the server's Keep-Alive hint says so), before
// most servers close their end, so a request rarely lands on a socket that is closing.
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 256, timeout: 4_000 };
const httpAgent = new http.Agent(AGENT_OPTIONS);
const httpsAgent = new https.Agent(AGENT_OPTIONS);

/**
 * Agents whose sockets resolve through the guarded lookup, one per scheme and policy (and per
 * injected resolver, kept only as long as the resolver): a pooled socket was connected to a
 * checked address, so reusing it is safe.
 */
const systemAgents = new Map<string, http.Agent>();
const injectedAgents = new WeakMap<LookupAll, Map<string, http.Agent>>();

function agentFor(secure: boolean, reach: Reach | undefined): http.Agent {
  if (!reach) return secure ? httpsAgent : httpAgent;
  const { policy, resolve } = reach;
  let agents = systemAgents;
  if (resolve) agents = injectedAgents.get(resolve) ?? injectedAgents.set(resolve, new Map()).get(resolve)!;
  const key = `${secure}|${policy.allowHttpLoopback}|${policy.allowPrivateNetworks}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { ...AGENT_OPTIONS, lookup: guardedLookup(policy, resolve) };
    agent = secure ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}

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

/**
 * Sends one request over node:http or node:https (by the URL's scheme); never throws. With
 * `reach`, the URL must pass its policy and the socket connects only to allowed addresses.
 */
export function send(url: URL | string, request: EhrRequest, limits: Limits, reach?: Reach): Promise<Answer> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(failure("network"));
  }
  const secure = target.protocol === "https:";
  if (!secure && target.protocol !== "http:") return Promise.resolve(failure("network"));
  if (reach && !checkEndpointUrl(target, reach.policy).ok) return Promise.resolve(failure("refused"));

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
        { method: request.method, headers, agent: agentFor(secure, reach) },
        onResponse,
      );
    } catch {
      finish(failure("network")); // e.g. a header value that cannot be sent
      return;
    }
    outgoing.on("error", (error: NodeJS.ErrnoException) => finish(failure(error.code === URL_POLICY_REFUSED ? "refused" : "network", head)));
    // A 101 (switching protocols) we never asked for: nothing HTTP follows, so nothing to read.
    outgoing.on("upgrade", (_response, socket) => {
      socket.destroy();
      finish(failure("network"));
    });
    outgoing.end(request.body);
  });
}
