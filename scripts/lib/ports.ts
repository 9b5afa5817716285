import { createServer } from "node:net";
import { fail } from "./fail";

/** Exits with a plain message when a port is taken, naming the variable that moves it. */
export async function requireFreePort(port: number, variable: string, what: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "localhost" }, () => server.close(() => resolve(true)));
  });
  if (!free) {
    fail(`Port ${port} is already in use, so the ${what} cannot start. Stop the other program, or choose another port with ${variable}=<port>.`);
  }
}

/** Waits until an HTTP URL answers (any status), or gives up after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return false;
}
