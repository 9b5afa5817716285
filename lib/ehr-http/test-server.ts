/**
 * Real local servers for tests, on loopback port 0: an HTTP server that routes by path and
 * records requests and connections, one that serves fetch `Response`s (so a table of fake health
 * system answers can go over real HTTP), and a raw TCP server for answers HTTP servers will not send.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from "node:net";

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  url: string;
  requests: { method: string; path: string; headers: IncomingHttpHeaders; body: string }[];
  connections: { opened: number; closed: number };
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** An HTTP server answering each path from `routes` (else `fallback`, else 404), after reading the request body. */
export async function startTestServer(routes: Record<string, Route>, fallback?: Route): Promise<TestServer> {
  const requests: TestServer["requests"] = [];
  const connections = { opened: 0, closed: 0 };
  const server = createServer(async (req, res) => {
    let body = "";
    req.setEncoding("utf8");
    for await (const chunk of req) body += chunk;
    const path = req.url ?? "/";
    requests.push({ method: req.method ?? "", path, headers: req.headers, body });
    const route = routes[path] ?? fallback;
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  server.on("connection", (socket: Socket) => {
    connections.opened++;
    socket.on("close", () => connections.closed++);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    connections,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function writeResponse(response: Response, res: ServerResponse) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  const reader = response.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    if (res.destroyed) return void reader.cancel().catch(() => {});
    await new Promise((resolve) => res.write(value, resolve));
  }
  res.end();
}

/** Serves whatever `answer()` returns for every request; a rejected answer drops the connection. */
export function serveResponses(answer: () => Response | Promise<Response>): Promise<TestServer> {
  return startTestServer({}, (req, res) => {
    Promise.resolve()
      .then(answer)
      .then((response) => writeResponse(response, res), () => req.socket.destroy())
      .catch(() => res.destroy());
  });
}

/** A TCP server that hands each connection's first bytes to `onData`; returns its port and a close. */
export async function startTcpServer(onData: (socket: Socket, data: Buffer) => void) {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.once("data", (data) => onData(socket, data));
  });
  const port = await listen(server);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}
