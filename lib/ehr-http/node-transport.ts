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

/**
 * The headers sent: what fetch sends unless the caller sets them (so health systems see the same
 * request), then the caller's.
 */
function requestHeaders(request: EhrRequest): Record<string, string> {
  const headers: Record<string, string> = { accept: "*/*", "user-agent": "node" };
  // Header names are case-insensitive: the caller's "Accept" replaces the default "accept".
  const given = request.headers;
  if (given) for (const name of Object.keys(given)) headers[name.toLowerCase()] = given[name]!;
  if (request.body !== undefined) headers["content-length"] = String(Buffer.byteLength(request.body));
  return headers;
}

function answerHeaders(headers: IncomingHttpHeaders): AnswerHeaders {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

/**
 * One request, from sending to its answer. A class rather than named closures made per request:
 * under tsx (esbuild keeps function names) each such closure costs a property definition, and the
 * worker sends some 28 requests a connection. With the headers built in one loop, a request costs
 * 84 µs of CPU against 100 before (8 in flight to a local server, a one-resource page; the bare
 * node:http client of bench/support/plain-pull.ts costs 80).
 */
class Exchange {
  private outgoing: http.ClientRequest | undefined;
  private head: Head | undefined;
  private settled = false;
  private readonly timer: NodeJS.Timeout;
  private readonly chunks: Buffer[] = [];
  private total = 0;

  constructor(
    private readonly resolve: (answer: Answer) => void,
    private readonly maxBytes: number,
    timeoutMs: number,
  ) {
    this.timer = setTimeout(() => this.finish(failure("timeout", this.head)), timeoutMs);
  }

  start(target: URL, request: EhrRequest, secure: boolean, reach: Reach | undefined): void {
    let outgoing: http.ClientRequest;
    try {
      outgoing = (secure ? https : http).request(target, { method: request.method, headers: requestHeaders(request), agent: agentFor(secure, reach) }, (response) => this.onResponse(response));
    } catch {
      this.finish(failure("network")); // e.g. a header value that cannot be sent
      return;
    }
    this.outgoing = outgoing;
    outgoing.on("error", (error: NodeJS.ErrnoException) => this.finish(failure(error.code === URL_POLICY_REFUSED ? "refused" : "network", this.head)));
    // A 101 (switching protocols) we never asked for: nothing HTTP follows, so nothing to read.
    outgoing.on("upgrade", (_response, socket) => {
      socket.destroy();
      this.finish(failure("network"));
    });
    outgoing.end(request.body);
  }

  private onResponse(response: IncomingMessage): void {
    const head = { status: response.statusCode ?? 0, headers: answerHeaders(response.headers) };
    this.head = head;
    response.on("error", () => this.finish(failure("network", head)));
    response.on("close", () => this.finish(failure("network", head))); // closed before "end"
    if (declaresMoreThan(response.headers["content-length"], this.maxBytes)) {
      this.finish(failure("too-large", head));
      return;
    }
    response.on("data", (chunk: Buffer) => {
      this.total += chunk.byteLength;
      if (this.total > this.maxBytes) this.finish(failure("too-large", head));
      else this.chunks.push(chunk);
    });
    response.on("end", () => {
      const body = bodyText(this.chunks, this.total);
      this.finish({ ok: true, status: head.status, headers: head.headers, text: body.text, validUtf8: body.validUtf8, bytes: body.bytes });
    });
  }

  private finish(answer: Answer): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    if (!answer.ok) this.outgoing?.destroy();
    this.resolve(answer);
  }
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
  return new Promise((resolve) => new Exchange(resolve, limits.maxBytes, limits.timeoutMs).start(target, request, secure, reach));
}
