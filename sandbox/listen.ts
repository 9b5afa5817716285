/**
 * Listening on the loopback interface only: 127.0.0.1 and ::1 on the same port (never all interfaces),
 * so `localhost` works whichever address a client resolves it to. Without IPv6, 127.0.0.1 alone.
 */
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`Port ${port} is in use.`);
  }
}

function listenOn(listener: RequestListener, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(listener);
    server.once("error", reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

const closeServer = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

export async function listenLoopback(listener: RequestListener, port: number): Promise<{ port: number; servers: Server[] }> {
  for (let attempt = 0; attempt < 10; attempt++) {
    let v4: Server;
    try {
      v4 = await listenOn(listener, "127.0.0.1", port);
    } catch (error) {
      if (errorCode(error) === "EADDRINUSE") throw new PortInUseError(port);
      throw error;
    }
    const actual = (v4.address() as AddressInfo).port;
    try {
      const v6 = await listenOn(listener, "::1", actual);
      return { port: actual, servers: [v4, v6] };
    } catch (error) {
      const code = errorCode(error);
      if (code === "EADDRNOTAVAIL" || code === "EAFNOSUPPORT" || code === "EINVAL") return { port: actual, servers: [v4] };
      await closeServer(v4);
      // A random port free on 127.0.0.1 but taken on ::1: try another one.
      if (code === "EADDRINUSE" && port === 0) continue;
      if (code === "EADDRINUSE") throw new PortInUseError(port);
      throw error;
    }
  }
  throw new Error("Could not find a port free on both 127.0.0.1 and ::1.");
}
